import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holds, runFamily } from '../testing/condition-vectors.js';

runFamily('string');

test('StringLike: many stars backtrack correctly', () => {
  const cond = { StringLike: { 'k:x': '*a*b*c*' } };
  assert.equal(holds({ condition: cond, context: { 'k:x': 'xxaxxbxxcxx' } }), true);
  assert.equal(holds({ condition: cond, context: { 'k:x': 'xxaxxcxxbxx' } }), false);
});

test('substituted values are literal, not wildcards', () => {
  const cond = { StringLike: { 'k:x': '${aws:PrincipalTag/p}' } };
  const principal = { arn: 'arn:aws:iam::111111111111:user/alice', tags: { p: 'a*' } };
  assert.equal(holds({ condition: cond, context: { 'k:x': 'a*' }, principal }), true);
  assert.equal(holds({ condition: cond, context: { 'k:x': 'abc' }, principal }), false);
});
