import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT, inspectOne, OTHER_ACCOUNT, summaryOf, type RecordFields } from '../testing/trail-records.js';
import { KEY_RULES } from './key-rules.js';
import { signalRuleDetector } from './signal-rule.js';

const rules = signalRuleDetector(KEY_RULES, { documentedSeverities: false });
const documented = signalRuleDetector(KEY_RULES, { documentedSeverities: true });
const KMS = 'kms.amazonaws.com';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';

const typesOf = (fields: RecordFields): string[] => summaryOf(rules, fields);

function keyPolicy(...statements: Record<string, unknown>[]): string {
  const owner = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
  return JSON.stringify({ Version: '2012-10-17', Statement: [owner, ...statements] });
}

const putKeyPolicy = (policy: string): RecordFields => ({ eventSource: KMS, eventName: 'PutKeyPolicy', requestParameters: { keyId: KEY, policyName: 'default', policy } });

test('a key scheduled for deletion (Medium; a refused attempt Low), one finding per key', () => {
  const schedule = (extra: Record<string, unknown> = {}): RecordFields => Object.assign({ eventSource: KMS, eventName: 'ScheduleKeyDeletion', requestParameters: { keyId: KEY, pendingWindowInDays: 7 } }, extra);
  const [found] = inspectOne(rules, schedule());
  assert.equal(`${found!.type} ${found!.severity}`, 'Impact:KMS/DataDestruction 5');
  assert.equal(found!.discriminator, KEY);
  assert.deepEqual(found!.additionalInfo, { signal: 'KMSKeyDeletionScheduled', definedBy: 'Bulwark', keyId: KEY, pendingWindowInDays: 7 });
  assert.deepEqual(typesOf(schedule({ errorCode: 'AccessDeniedException', requestParameters: null })), ['Impact:KMS/DataDestruction 2']);
  assert.deepEqual(typesOf({ eventSource: KMS, eventName: 'CancelKeyDeletion', requestParameters: { keyId: KEY } }), []);
});

test('a key policy for another account: Medium by default, High with documented severities; for everyone: High', () => {
  const partner = putKeyPolicy(keyPolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' }));
  const [found] = inspectOne(rules, partner);
  assert.equal(`${found!.type} ${found!.severity}`, 'Persistence:KMS/AccountManipulation 5');
  assert.deepEqual(found!.additionalInfo?.externalAccounts, [OTHER_ACCOUNT]);
  assert.equal(found!.discriminator, KEY);
  assert.deepEqual(summaryOf(documented, partner), ['Persistence:KMS/AccountManipulation 8']);
  assert.deepEqual(typesOf(putKeyPolicy(keyPolicy({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }))), ['Persistence:KMS/AccountManipulation 8']);
});

test("key policies that keep the key in the account raise nothing: the account's principals, services, `*` narrowed to the account", () => {
  assert.deepEqual(typesOf(putKeyPolicy(keyPolicy())), []);
  assert.deepEqual(typesOf(putKeyPolicy(keyPolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }, Action: 'kms:Decrypt', Resource: '*' }))), []);
  assert.deepEqual(typesOf(putKeyPolicy(keyPolicy({ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:Encrypt*', Resource: '*' }))), []);
  const managedStyle = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } };
  assert.deepEqual(typesOf(putKeyPolicy(keyPolicy(managedStyle))), []);
  assert.deepEqual(typesOf({ eventSource: KMS, eventName: 'PutKeyPolicy', requestParameters: { keyId: KEY, policy: 'not a policy' } }), []);
});

test('CreateKey with an external key policy names the new key from the response', () => {
  const [found] = inspectOne(rules, {
    eventSource: KMS,
    eventName: 'CreateKey',
    requestParameters: { policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'kms:Decrypt', Resource: '*' }), keyUsage: 'ENCRYPT_DECRYPT' },
    responseElements: { keyMetadata: { keyId: KEY, arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}` } },
  });
  assert.equal(found?.additionalInfo?.keyId, KEY);
  assert.deepEqual(typesOf({ eventSource: KMS, eventName: 'CreateKey', requestParameters: { keyUsage: 'ENCRYPT_DECRYPT' } }), []);
});

test('a grant for a principal of another account (Medium); grants inside the account raise nothing', () => {
  const grant = (grantee: string): RecordFields => ({ eventSource: KMS, eventName: 'CreateGrant', requestParameters: { keyId: KEY, granteePrincipal: grantee, operations: ['Decrypt'] } });
  assert.deepEqual(typesOf(grant(`arn:aws:iam::${OTHER_ACCOUNT}:role/reader`)), ['Persistence:KMS/AccountManipulation 5']);
  assert.deepEqual(typesOf(grant(`arn:aws:iam::${ACCOUNT}:role/reader`)), []);
  assert.deepEqual(typesOf(grant('logs.us-east-1.amazonaws.com')), []);
});
