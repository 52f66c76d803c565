import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntityRecord } from '../services/iam/entities.js';
import { trustPolicy, trustsEventBridge } from './role.js';

const ACCOUNT = '123456789012';
const role = (statements: object[]): EntityRecord => ({
  Id: 'AROAEXAMPLE',
  Name: 'r',
  Path: '/',
  Arn: `arn:aws:iam::${ACCOUNT}:role/r`,
  CreateDate: '2026-01-01T00:00:00Z',
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
});
const allowEvents = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' };

test('EventBridge may assume a role whose trust policy allows events.amazonaws.com, as AWS evaluates it', () => {
  assert.equal(trustsEventBridge(role([allowEvents]), ACCOUNT), true);
  assert.equal(trustsEventBridge({ ...role([]), AssumeRolePolicyDocument: trustPolicy(ACCOUNT) }, ACCOUNT), true);
  assert.equal(trustsEventBridge({ ...role([]), AssumeRolePolicyDocument: trustPolicy('210987654321') }, ACCOUNT), false, 'aws:SourceAccount of another account');
  assert.equal(trustsEventBridge(role([{ ...allowEvents, Principal: { Service: ['lambda.amazonaws.com', 'events.amazonaws.com'] } }]), ACCOUNT), true);
});

test("a trust policy may name the rule (aws:SourceArn): only that rule's deliveries assume the role", () => {
  const rule = `arn:aws:events:us-east-1:${ACCOUNT}:rule/public-buckets`;
  const onlyRule = role([{ ...allowEvents, Condition: { ArnEquals: { 'aws:SourceArn': rule } } }]);
  assert.equal(trustsEventBridge(onlyRule, ACCOUNT, rule), true);
  assert.equal(trustsEventBridge(onlyRule, ACCOUNT, `arn:aws:events:us-east-1:${ACCOUNT}:rule/other`), false);
  assert.equal(trustsEventBridge(onlyRule, ACCOUNT), false, 'no rule, no match');
});

test('EventBridge may not assume a role trusting only accounts, other services, or denying it', () => {
  assert.equal(trustsEventBridge(role([{ ...allowEvents, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }]), ACCOUNT), false);
  assert.equal(trustsEventBridge(role([{ ...allowEvents, Principal: { Service: 'lambda.amazonaws.com' } }]), ACCOUNT), false);
  assert.equal(trustsEventBridge(role([allowEvents, { ...allowEvents, Effect: 'Deny' }]), ACCOUNT), false);
  assert.equal(trustsEventBridge(role([{ ...allowEvents, Action: 'sts:TagSession' }]), ACCOUNT), false);
  assert.equal(trustsEventBridge({ ...role([]), AssumeRolePolicyDocument: '{not json' }, ACCOUNT), false);
  assert.equal(trustsEventBridge({ ...role([]), AssumeRolePolicyDocument: undefined }, ACCOUNT), false);
});
