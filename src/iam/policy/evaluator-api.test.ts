import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy, evaluate, prepareRequest } from './index.js';

const A1 = '111111111111';
const allowS3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

test('policies may be text, objects or compiled', () => {
  const req = { principal: `arn:aws:iam::${A1}:user/alice`, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
  assert.equal(evaluate(req, { identity: [allowS3] }).decision, 'Allow');
  assert.equal(evaluate(req, { identity: [JSON.parse(allowS3) as object] }).decision, 'Allow');
  assert.equal(evaluate(req, { identity: [compilePolicy(allowS3, 'identity', 'p1')] }).matched[0].policyId, 'p1');
});

test('a prepared request can be evaluated against several policy sets', () => {
  const ctx = prepareRequest({ principal: `arn:aws:iam::${A1}:user/alice`, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
  assert.equal(evaluate(ctx, { identity: [allowS3] }).decision, 'Allow');
  assert.equal(evaluate(ctx, {}).decision, 'ImplicitDeny');
});

test('AssumeRole against a trust policy', () => {
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::222222222222:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'xyz' } } }] };
  const role = `arn:aws:iam::${A1}:role/target`;
  const base = { principal: 'arn:aws:iam::222222222222:user/ext', action: 'sts:AssumeRole', resource: role, resourceAccount: A1 };
  const identity = [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role }] }];
  const set = { identity, resource: trust, resourceKind: 'trust' as const, resourcePolicyRequired: true };
  assert.equal(evaluate({ ...base, context: { 'sts:ExternalId': 'xyz' } }, set).decision, 'Allow');
  assert.equal(evaluate({ ...base, context: { 'sts:ExternalId': 'nope' } }, set).decision, 'ImplicitDeny');
  assert.equal(evaluate({ ...base, context: { 'sts:ExternalId': 'xyz' } }, { ...set, identity: [] }).deniedBy, 'identity');
});

test('missingAllowFrom lists every layer that lacks an allow', () => {
  const d = evaluate(
    { principal: `arn:aws:sts::${A1}:assumed-role/r/s`, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
    {
      permissionsBoundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] },
      session: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }],
      scpLevels: [[{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }]],
    },
  );
  assert.equal(d.decision, 'ImplicitDeny');
  assert.equal(d.deniedBy, 'scp');
  assert.deepEqual(d.missingAllowFrom, ['scp', 'identity', 'boundary', 'session']);
});

test('invalid policies passed to evaluate throw PolicyValidationError', () => {
  assert.throws(
    () => evaluate({ principal: `arn:aws:iam::${A1}:user/a`, action: 's3:GetObject', resource: '*' }, { identity: ['{"Statement":[{"Effect":"Allow","Action":"s3:*"}]}'] }),
    { name: 'PolicyValidationError', message: 'Policy statement must contain resources.' },
  );
});
