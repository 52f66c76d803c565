import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestContext } from './context.js';

test('context keys are case-insensitive; values keep their case', () => {
  const ctx = new RequestContext({ principal: 'arn:aws:iam::111111111111:user/alice', action: 'S3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'AWS:SourceVpc': 'vpc-ABC', 'k:list': ['a', 'b'], 'k:n': 5, 'k:b': true, 'k:empty': [] } });
  assert.deepEqual(ctx.get('aws:sourcevpc'), ['vpc-ABC']);
  assert.deepEqual(ctx.get('k:list'), ['a', 'b']);
  assert.deepEqual(ctx.get('k:n'), ['5']);
  assert.deepEqual(ctx.get('k:b'), ['true']);
  assert.equal(ctx.get('k:empty'), undefined);
  assert.equal(ctx.actionLower, 's3:getobject');
  assert.equal(ctx.service, 's3');
});

test('global keys derived from the principal and the request', () => {
  const ctx = new RequestContext({
    principal: { arn: 'arn:aws:sts::111111111111:assumed-role/app/s1', tags: { Team: 'blue' }, userId: 'AROAEXAMPLE:s1' },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    resourceAccount: '222222222222',
    now: new Date('2024-01-02T03:04:05.678Z'),
  });
  assert.deepEqual(ctx.get('aws:principalarn'), ['arn:aws:iam::111111111111:role/app']);
  assert.deepEqual(ctx.get('aws:principalaccount'), ['111111111111']);
  assert.deepEqual(ctx.get('aws:principaltype'), ['AssumedRole']);
  assert.deepEqual(ctx.get('aws:principaltag/team'), ['blue']);
  assert.deepEqual(ctx.get('aws:userid'), ['AROAEXAMPLE:s1']);
  assert.deepEqual(ctx.get('aws:resourceaccount'), ['222222222222']);
  assert.deepEqual(ctx.get('aws:currenttime'), ['2024-01-02T03:04:05Z']);
  assert.deepEqual(ctx.get('aws:epochtime'), ['1704164645']);
  assert.equal(ctx.get('aws:username'), undefined);
  assert.equal(ctx.get('s3:prefix'), undefined);
});

test('principal overrides of account and type', () => {
  const ctx = new RequestContext({ principal: { arn: 'arn:aws:iam::111111111111:user/alice', account: '333333333333' }, action: 'a:b', resource: '*' });
  assert.equal(ctx.principal.account, '333333333333');
  assert.equal(ctx.resourceAccount, '333333333333');
});
