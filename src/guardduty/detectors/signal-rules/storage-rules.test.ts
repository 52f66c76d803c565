import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEVERITY } from '../../detection.js';
import { ACCOUNT, inspectOne, OTHER_ACCOUNT, summary, summaryOf, type RecordFields } from '../testing/trail-records.js';
import { signalRuleDetector } from './signal-rule.js';
import { STORAGE_RULES } from './storage-rules.js';

const rules = signalRuleDetector(STORAGE_RULES, { documentedSeverities: false });
const S3 = 's3.amazonaws.com';
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

const typesOf = (fields: RecordFields): string[] => summaryOf(rules, fields);

function s3(eventName: string, requestParameters: Record<string, unknown>): RecordFields {
  return { eventSource: S3, eventName, requestParameters };
}

function policy(statement: Record<string, unknown>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [Object.assign({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, statement)] };
}

test('bucket Block Public Access relaxed or deleted (Low), with the bucket as the resource', () => {
  const relaxed = inspectOne(rules, s3('PutBucketPublicAccessBlock', { bucketName: 'b', PublicAccessBlockConfiguration: Object.assign({}, ALL_ON, { BlockPublicPolicy: false }) }));
  assert.deepEqual(summary(relaxed), ['Policy:S3/BucketBlockPublicAccessDisabled 2']);
  assert.equal(relaxed[0].buckets?.[0].name, 'b');
  assert.deepEqual(relaxed[0].additionalInfo?.blockPublicAccess, Object.assign({}, ALL_ON, { BlockPublicPolicy: false }));
  assert.deepEqual(typesOf(s3('DeleteBucketPublicAccessBlock', { bucketName: 'b' })), ['Policy:S3/BucketBlockPublicAccessDisabled 2']);
  assert.deepEqual(typesOf(s3('PutBucketPublicAccessBlock', { bucketName: 'b', PublicAccessBlockConfiguration: ALL_ON })), []);
});

test("Bulwark's operation-named records: a bucket means bucket level, none means account level", () => {
  assert.deepEqual(typesOf(s3('PutPublicAccessBlock', { bucket: 'b', publicAccessBlockConfiguration: { blockPublicAcls: false } })), ['Policy:S3/BucketBlockPublicAccessDisabled 2']);
  assert.deepEqual(typesOf(s3('PutPublicAccessBlock', { accountId: ACCOUNT, publicAccessBlockConfiguration: { blockPublicAcls: false } })), ['Policy:S3/AccountBlockPublicAccessDisabled 2']);
  assert.deepEqual(typesOf(s3('DeleteAccountPublicAccessBlock', { accountId: ACCOUNT })), ['Policy:S3/AccountBlockPublicAccessDisabled 2']);
  assert.deepEqual(typesOf(s3('PutAccountPublicAccessBlock', { PublicAccessBlockConfiguration: ALL_ON })), []);
});

test('server access logging turned off (Low); turned on is not reported', () => {
  assert.deepEqual(typesOf(s3('PutBucketLogging', { bucketName: 'b', BucketLoggingStatus: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' } })), ['Stealth:S3/ServerAccessLoggingDisabled 2']);
  assert.deepEqual(typesOf(s3('PutBucketLogging', { bucketName: 'b', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'b/' } } })), []);
});

test('a bucket policy allowing everyone: anonymous access (High) and access outside the account (High)', () => {
  const found = inspectOne(rules, s3('PutBucketPolicy', { bucketName: 'b', bucketPolicy: policy({ Principal: '*' }) }));
  assert.deepEqual(summary(found), ['Policy:S3/BucketAnonymousAccessGranted 8', 'Exfiltration:S3/TransferDataToCloudAccount 8']);
  assert.equal(found[0].buckets?.[0].name, 'b');
  assert.deepEqual(typesOf(s3('PutBucketPolicy', { bucket: 'b', policy: JSON.stringify(policy({ Principal: { AWS: '*' } })) })), [
    'Policy:S3/BucketAnonymousAccessGranted 8',
    'Exfiltration:S3/TransferDataToCloudAccount 8',
  ]);
});

test('conditions that narrow who gets in make a `*` policy non-public; others do not', () => {
  const narrowed = policy({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } });
  assert.deepEqual(typesOf(s3('PutBucketPolicy', { bucketName: 'b', bucketPolicy: narrowed })), []);
  const wideOpen = policy({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' }, Bool: { 'aws:SecureTransport': 'true' } } });
  assert.deepEqual(typesOf(s3('PutBucketPolicy', { bucketName: 'b', bucketPolicy: wideOpen }))[0], 'Policy:S3/BucketAnonymousAccessGranted 8');
});

test('a bucket policy for another account: access outside the account only (Medium by default)', () => {
  const found = inspectOne(rules, s3('PutBucketPolicy', { bucketName: 'b', bucketPolicy: policy({ Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } }) }));
  assert.deepEqual(summary(found), ['Exfiltration:S3/TransferDataToCloudAccount 5']);
  assert.deepEqual(found[0].additionalInfo?.externalAccounts, [OTHER_ACCOUNT]);
  assert.deepEqual(typesOf(s3('PutBucketPolicy', { bucketName: 'b', bucketPolicy: policy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` } }) })), []);
});

test('ACLs: AllUsers or public-read is anonymous access, AuthenticatedUsers is access for all AWS users', () => {
  const grant = (uri: string) => ({ bucketName: 'b', AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { 'xsi:type': 'Group', URI: uri }, Permission: 'READ' }] } } });
  assert.deepEqual(typesOf(s3('PutBucketAcl', grant('http://acs.amazonaws.com/groups/global/AllUsers'))), ['Policy:S3/BucketAnonymousAccessGranted 8']);
  assert.deepEqual(typesOf(s3('PutBucketAcl', grant('http://acs.amazonaws.com/groups/global/AuthenticatedUsers'))), ['Policy:S3/BucketPublicAccessGranted 8']);
  assert.deepEqual(typesOf(s3('PutBucketAcl', grant('http://acs.amazonaws.com/groups/s3/LogDelivery'))), []);
  assert.deepEqual(typesOf(s3('PutBucketAcl', { bucketName: 'b', 'x-amz-acl': ['public-read'] })), ['Policy:S3/BucketAnonymousAccessGranted 8']);
  assert.deepEqual(typesOf(s3('CreateBucket', { bucketName: 'b', 'x-amz-acl': ['authenticated-read'] })), ['Policy:S3/BucketPublicAccessGranted 8']);
  assert.deepEqual(typesOf(s3('CreateBucket', { bucketName: 'b', 'x-amz-acl': ['private'] })), []);
});

test('a lifecycle rule expiring objects after one day (Medium)', () => {
  const rule = (days: number, status = 'Enabled') => ({ bucketName: 'b', LifecycleConfiguration: { Rule: { ID: 'r', Status: status, Filter: { Prefix: '' }, Expiration: { Days: days } } } });
  assert.deepEqual(typesOf(s3('PutBucketLifecycle', rule(1))), ['Impact:S3/DataDestruction 5']);
  assert.deepEqual(typesOf(s3('PutBucketLifecycle', rule(30))), []);
  assert.deepEqual(typesOf(s3('PutBucketLifecycle', rule(1, 'Disabled'))), []);
  const onDate = (date: string) => ({ bucketName: 'b', LifecycleConfiguration: { Rule: [{ ID: 'keep', Status: 'Enabled', Expiration: { Days: 365 } }, { ID: 'now', Status: 'Enabled', Expiration: { Date: date } }] } });
  assert.deepEqual(typesOf(s3('PutBucketLifecycle', onDate('2026-03-02T00:00:00Z'))), ['Impact:S3/DataDestruction 5'], 'a date within a day of the call (10:00 on 1 March)');
  assert.deepEqual(typesOf(s3('PutBucketLifecycle', onDate('2026-06-01T00:00:00Z'))), []);
});

test('database snapshots shared publicly (High) or with another account (Medium)', () => {
  const share = (values: string[]): RecordFields => ({ eventSource: 'rds.amazonaws.com', eventName: 'ModifyDBSnapshotAttribute', requestParameters: { dBSnapshotIdentifier: 's', attributeName: 'restore', valuesToAdd: values } });
  assert.deepEqual(typesOf(share(['all'])), ['Exfiltration:RDS/TransferDataToCloudAccount 8']);
  assert.deepEqual(typesOf(share([OTHER_ACCOUNT])), ['Exfiltration:RDS/TransferDataToCloudAccount 5']);
  assert.deepEqual(typesOf(share([ACCOUNT])), []);
  assert.equal(inspectOne(rules, share(['all', OTHER_ACCOUNT])).length, 2);
  assert.equal(inspectOne(rules, share(['all']))[0].severity, SEVERITY.HIGH);
});
