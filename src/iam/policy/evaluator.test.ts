import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from '../../models/paths.js';
import { evaluate } from './evaluator.js';
import { explainDenial } from './explain.js';
import type { Decision } from './types.js';
import { toPolicySet, toRequest, type EvaluationVector } from './testing/evaluation-vectors.js';

type Vector = EvaluationVector & { matched?: string[] };
const { cases } = JSON.parse(readFileSync(new URL('src/iam/policy/vectors/evaluation.json', packageRoot), 'utf8')) as { cases: Vector[] };

function matchedKeys(d: Decision): string[] {
  return d.matched.map((m) => [m.policyKind, m.statementIndex, m.effect, ...(m.sid ? [m.sid] : [])].join(':'));
}

test('evaluation vectors (vectors/evaluation.json)', async (t) => {
  assert.ok(cases.length >= 100);
  for (const c of cases) {
    await t.test(c.name, () => {
      const req = toRequest(c);
      const d = evaluate(req, toPolicySet(c));
      assert.equal(d.decision, c.expected);
      if (c.deniedBy) assert.equal(d.deniedBy, c.deniedBy);
      if (c.expected === 'Allow') assert.equal(d.deniedBy, undefined);
      if (c.explain) assert.equal(explainDenial(req, d), c.explain);
      if (c.matched) assert.deepEqual(matchedKeys(d), c.matched);
    });
  }
});
