import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from '../../models/paths.js';
import { evaluate } from './evaluator.js';
import { toPolicySet, toRequest, type EvaluationVector } from './testing/evaluation-vectors.js';

const file = new URL('../shared/data/iam/evaluation-cases.json', packageRoot);
const present = existsSync(file);

test('shared IAM evaluation cases (../shared/data/iam/evaluation-cases.json)', { skip: present ? false : `absent: ${file.pathname}` }, async (t) => {
  const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: EvaluationVector[] };
  assert.ok(cases.length >= 24);
  for (const c of cases) {
    await t.test(c.name, () => {
      const d = evaluate(toRequest(c), toPolicySet(c));
      assert.equal(d.decision, c.expected);
    });
  }
});
