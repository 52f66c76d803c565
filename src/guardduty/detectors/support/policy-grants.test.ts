import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountOfPrincipal, grantsOf, policyDocument } from './policy-grants.js';

const OWNER = '111122223333';
const OTHER = '444455556666';

function document(...statements: Record<string, unknown>[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements };
}

test('policy documents as objects, JSON text or URL-encoded JSON; anything else is no document', () => {
  const object = document({ Effect: 'Allow', Principal: '*' });
  assert.deepEqual(policyDocument(object), object);
  assert.deepEqual(policyDocument(JSON.stringify(object)), object);
  assert.deepEqual(policyDocument(encodeURIComponent(JSON.stringify(object))), object);
  assert.equal(policyDocument(['']), undefined);
  assert.equal(policyDocument('{not json'), undefined);
});

test('accounts of principals', () => {
  assert.equal(accountOfPrincipal(OTHER), OTHER);
  assert.equal(accountOfPrincipal(`arn:aws:iam::${OTHER}:root`), OTHER);
  assert.equal(accountOfPrincipal(`arn:aws-us-gov:sts::${OTHER}:assumed-role/r/s`), OTHER);
  assert.equal(accountOfPrincipal('*'), '');
});

test('public: an Allow to everyone without a narrowing condition, or NotPrincipal', () => {
  assert.equal(grantsOf(document({ Effect: 'Allow', Principal: '*' }), OWNER).public, true);
  assert.equal(grantsOf(document({ Effect: 'Allow', Principal: { AWS: ['*'] } }), OWNER).public, true);
  assert.equal(grantsOf(document({ Effect: 'Allow', NotPrincipal: { AWS: OTHER } }), OWNER).public, true);
  assert.equal(grantsOf(document({ Effect: 'Deny', Principal: '*' }), OWNER).public, false);
  assert.equal(grantsOf(document({ Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }), OWNER).public, false);
  assert.equal(grantsOf(document({ Effect: 'Allow', Principal: '*', Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }), OWNER).public, true);
  assert.equal(grantsOf(document({ Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:UserAgent': 'x' } } }), OWNER).public, true);
});

test('external accounts: other accounts Allow statements name, once each, sorted', () => {
  const grants = grantsOf(document({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OTHER}:root`, OTHER, `arn:aws:iam::${OWNER}:root`, '999988887777'] } }), OWNER);
  assert.deepEqual(grants, { public: false, externalAccounts: [OTHER, '999988887777'] });
  assert.deepEqual(grantsOf(document({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }), OWNER), { public: false, externalAccounts: [] });
});

test("key policies: `*` narrowed to a caller account (kms:CallerAccount, aws:PrincipalAccount) is that account's access, not public", () => {
  const toAccount = (key: string, account: string) => document({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Condition: { StringEquals: { [key]: account, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } });
  assert.deepEqual(grantsOf(toAccount('kms:CallerAccount', OWNER), OWNER), { public: false, externalAccounts: [] });
  assert.deepEqual(grantsOf(toAccount('kms:CallerAccount', OTHER), OWNER), { public: false, externalAccounts: [OTHER] });
  assert.deepEqual(grantsOf(toAccount('aws:PrincipalAccount', OTHER), OWNER), { public: false, externalAccounts: [OTHER] });
  assert.equal(grantsOf(document({ Effect: 'Allow', Principal: { AWS: '*' }, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }), OWNER).public, true);
});
