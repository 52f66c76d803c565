import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from '../../models/paths.js';
import { clearPolicyCache, compilePolicy, policyCacheSize } from './document.js';
import { PolicyValidationError } from './errors.js';
import type { PolicyKind } from './types.js';

interface ValidationVector {
  name: string;
  kind: PolicyKind;
  policy: unknown;
  error: string | null;
}

const { cases } = JSON.parse(readFileSync(new URL('src/iam/policy/vectors/validation.json', packageRoot), 'utf8')) as { cases: ValidationVector[] };

test('validation vectors (vectors/validation.json)', async (t) => {
  assert.ok(cases.length >= 50);
  for (const c of cases) {
    await t.test(c.name, () => {
      const input = typeof c.policy === 'string' ? c.policy : (c.policy as object);
      if (c.error === null) {
        assert.doesNotThrow(() => compilePolicy(input, c.kind));
        return;
      }
      assert.throws(() => compilePolicy(input, c.kind), (e: unknown) => {
        assert.ok(e instanceof PolicyValidationError);
        assert.equal(e.code, 'MalformedPolicyDocument');
        assert.equal(e.message, c.error);
        return true;
      });
    });
  }
});

test('compiled policies are cached by text and kind', () => {
  clearPolicyCache();
  const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';
  const a = compilePolicy(text, 'identity');
  const b = compilePolicy(text, 'identity');
  assert.equal(a, b);
  assert.equal(policyCacheSize(), 1);
  const c = compilePolicy(text, 'boundary');
  assert.notEqual(a, c);
  assert.equal(c.kind, 'boundary');
  assert.equal(compilePolicy(a, 'identity'), a, 'a compiled policy passes through');
  assert.equal(compilePolicy(JSON.parse(text) as object, 'identity').statements.length, 1);
});

test('policy id is reported on the compiled form', () => {
  const p = compilePolicy({ Version: '2012-10-17', Id: 'doc', Statement: [] }, 'identity', 'arn:aws:iam::aws:policy/X');
  assert.equal(p.policyId, 'arn:aws:iam::aws:policy/X');
  assert.equal(p.id, 'doc');
  assert.equal(p.version, '2012-10-17');
});

test('a failed compile is not cached', () => {
  clearPolicyCache();
  assert.throws(() => compilePolicy('{', 'identity'), PolicyValidationError);
  assert.equal(policyCacheSize(), 0);
});
