import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BULWARK_ROOT, bulwarkRecord } from '../testing/bulwark-records.js';
import { ACCOUNT, detect, OTHER_ACCOUNT, summary } from '../testing/trail-records.js';
import { KEY_RULES } from './key-rules.js';
import { signalRuleDetector } from './signal-rule.js';
import { STORAGE_RULES } from './storage-rules.js';

/**
 * The S3 and KMS rules over the records Bulwark writes for its own calls (the live path): a call
 * that turns a protection on raises nothing, one that turns it off or opens a resource does.
 */
const rules = signalRuleDetector([...STORAGE_RULES, ...KEY_RULES], { documentedSeverities: false });

async function found(service: string, operation: string, input: Record<string, unknown>): Promise<string[]> {
  return summary(detect([rules], [await bulwarkRecord(service, operation, input)]));
}

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const ALL_OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

test('bucket Block Public Access: turned on raises nothing; turned off, relaxed or deleted is reported', async () => {
  assert.deepEqual(await found('s3', 'PutPublicAccessBlock', { Bucket: 'b', PublicAccessBlockConfiguration: ALL_ON }), []);
  assert.deepEqual(await found('s3', 'PutPublicAccessBlock', { Bucket: 'b', PublicAccessBlockConfiguration: ALL_OFF }), ['Policy:S3/BucketBlockPublicAccessDisabled 2']);
  assert.deepEqual(await found('s3', 'PutPublicAccessBlock', { Bucket: 'b', PublicAccessBlockConfiguration: { ...ALL_ON, RestrictPublicBuckets: false } }), ['Policy:S3/BucketBlockPublicAccessDisabled 2']);
  assert.deepEqual(await found('s3', 'DeletePublicAccessBlock', { Bucket: 'b' }), ['Policy:S3/BucketBlockPublicAccessDisabled 2']);
});

test('account Block Public Access (S3 Control): turned on raises nothing; turned off is reported', async () => {
  assert.deepEqual(await found('s3control', 'PutPublicAccessBlock', { AccountId: ACCOUNT, PublicAccessBlockConfiguration: ALL_ON }), []);
  assert.deepEqual(await found('s3control', 'PutPublicAccessBlock', { AccountId: ACCOUNT, PublicAccessBlockConfiguration: ALL_OFF }), ['Policy:S3/AccountBlockPublicAccessDisabled 2']);
  assert.deepEqual(await found('s3control', 'DeletePublicAccessBlock', { AccountId: ACCOUNT }), ['Policy:S3/AccountBlockPublicAccessDisabled 2']);
});

test('server access logging: turned on raises nothing; turned off is reported', async () => {
  assert.deepEqual(await found('s3', 'PutBucketLogging', { Bucket: 'b', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'b/' } } }), []);
  assert.deepEqual(await found('s3', 'PutBucketLogging', { Bucket: 'b', BucketLoggingStatus: {} }), ['Stealth:S3/ServerAccessLoggingDisabled 2']);
});

test('bucket policies and ACLs: the account itself raises nothing; another account, everyone, AllUsers are reported', async () => {
  const policy = (principal: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
  assert.deepEqual(await found('s3', 'PutBucketPolicy', { Bucket: 'b', Policy: policy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }), []);
  assert.deepEqual(await found('s3', 'PutBucketPolicy', { Bucket: 'b', Policy: policy({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }) }), ['Exfiltration:S3/TransferDataToCloudAccount 5']);
  assert.deepEqual(await found('s3', 'PutBucketPolicy', { Bucket: 'b', Policy: policy('*') }), ['Policy:S3/BucketAnonymousAccessGranted 8', 'Exfiltration:S3/TransferDataToCloudAccount 8']);
  const grant = (URI: string) => ({ Bucket: 'b', AccessControlPolicy: { Grants: [{ Grantee: { Type: 'Group', URI }, Permission: 'READ' }], Owner: { ID: 'o' } } });
  assert.deepEqual(await found('s3', 'PutBucketAcl', grant('http://acs.amazonaws.com/groups/global/AllUsers')), ['Policy:S3/BucketAnonymousAccessGranted 8']);
  assert.deepEqual(await found('s3', 'PutBucketAcl', grant('http://acs.amazonaws.com/groups/s3/LogDelivery')), []);
  assert.deepEqual(await found('s3', 'PutBucketAcl', { Bucket: 'b', ACL: 'authenticated-read' }), ['Policy:S3/BucketPublicAccessGranted 8']);
  assert.deepEqual(await found('s3', 'PutBucketAcl', { Bucket: 'b', ACL: 'private' }), []);
});

test('lifecycle rules: expiring after a day is reported, after a month not', async () => {
  const lifecycle = (days: number) => ({ Bucket: 'trail-logs', LifecycleConfiguration: { Rules: [{ ID: 'r', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: days } }] } });
  assert.deepEqual(await found('s3', 'PutBucketLifecycleConfiguration', lifecycle(1)), ['Impact:S3/DataDestruction 5']);
  assert.deepEqual(await found('s3', 'PutBucketLifecycleConfiguration', lifecycle(30)), []);
});

test('KMS: a scheduled key deletion and a key policy for another account are reported; the default key policy is not', async () => {
  const key = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const keyPolicy = (...accounts: string[]) =>
    JSON.stringify({ Version: '2012-10-17', Statement: accounts.map((a) => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: 'kms:*', Resource: '*' })) });
  assert.deepEqual(await found('kms', 'ScheduleKeyDeletion', { KeyId: key, PendingWindowInDays: 7 }), ['Impact:KMS/DataDestruction 5']);
  assert.deepEqual(await found('kms', 'PutKeyPolicy', { KeyId: key, PolicyName: 'default', Policy: keyPolicy(ACCOUNT) }), []);
  assert.deepEqual(await found('kms', 'PutKeyPolicy', { KeyId: key, PolicyName: 'default', Policy: keyPolicy(ACCOUNT, OTHER_ACCOUNT) }), ['Persistence:KMS/AccountManipulation 5']);
  assert.equal(BULWARK_ROOT.account, ACCOUNT);
});
