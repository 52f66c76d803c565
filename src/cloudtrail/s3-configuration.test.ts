import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from '../accounts/principal.js';
import { loadServiceModel } from '../models/index.js';
import { eventTraits } from './event-traits.js';
import { recordLines } from './record.js';
import { addS3Configuration } from './s3-configuration.js';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function recorded(operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  addS3Configuration(operation, input, out);
  return out;
}

test('a lifecycle configuration is recorded as AWS writes it: one Rule as an object, element names, the lifecycle parameter', () => {
  const input = { Bucket: 'logs', LifecycleConfiguration: { Rules: [{ ID: 'expire', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } }] } };
  assert.deepEqual(recorded('PutBucketLifecycleConfiguration', input), {
    LifecycleConfiguration: { xmlns: NS, Rule: { ID: 'expire', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } } },
    lifecycle: '',
  });
});

test('several rules are a list; flattened members take their element names (Transition, Tag); dates are ISO times', () => {
  const input = {
    LifecycleConfiguration: {
      Rules: [
        { ID: 'archive', Status: 'Enabled', Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'k', Value: 'v' }] } }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }] },
        { ID: 'old', Status: 'Disabled', Filter: {}, Expiration: { Date: new Date('2027-01-01T00:00:00Z') } },
      ],
    },
  };
  const rules = (recorded('PutBucketLifecycleConfiguration', input).LifecycleConfiguration as { Rule: unknown }).Rule;
  assert.deepEqual(rules, [
    { ID: 'archive', Status: 'Enabled', Filter: { And: { Prefix: 'logs/', Tag: { Key: 'k', Value: 'v' } } }, Transition: { Days: 30, StorageClass: 'GLACIER' } },
    { ID: 'old', Status: 'Disabled', Filter: {}, Expiration: { Date: '2027-01-01T00:00:00Z' } },
  ]);
});

test('an ACL document: AccessControlList.Grant, the grantee type as an xsi attribute with its namespace', () => {
  const grants = [
    { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
    { Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' },
  ];
  assert.deepEqual(recorded('PutBucketAcl', { AccessControlPolicy: { Grants: grants, Owner: { ID: 'owner-id' } } }), {
    AccessControlPolicy: {
      xmlns: NS,
      AccessControlList: {
        Grant: [
          { Grantee: { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:type': 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
          { Grantee: { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:type': 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' },
        ],
      },
      Owner: { ID: 'owner-id' },
    },
    acl: '',
  });
  assert.deepEqual(recorded('PutBucketAcl', { ACL: 'public-read' }), { 'x-amz-acl': ['public-read'], acl: '' }, 'a canned ACL sends no document');
});

test('Block Public Access, logging (turned off: an empty status), versioning; a bucket policy parsed; bodiless calls name their subresource', () => {
  const settings = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true };
  assert.deepEqual(recorded('PutPublicAccessBlock', { PublicAccessBlockConfiguration: settings }), { PublicAccessBlockConfiguration: { xmlns: NS, ...settings }, publicAccessBlock: '' });
  assert.deepEqual(recorded('PutBucketLogging', {}), { BucketLoggingStatus: { xmlns: NS }, logging: '' });
  assert.deepEqual(recorded('PutBucketLogging', { BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'l', TargetPrefix: 'p/' } } }), {
    BucketLoggingStatus: { xmlns: NS, LoggingEnabled: { TargetBucket: 'l', TargetPrefix: 'p/' } },
    logging: '',
  });
  assert.deepEqual(recorded('PutBucketVersioning', { VersioningConfiguration: { Status: 'Suspended' } }), { VersioningConfiguration: { xmlns: NS, Status: 'Suspended' }, versioning: '' });
  assert.deepEqual(recorded('PutBucketPolicy', { Policy: '{"Version":"2012-10-17","Statement":[]}' }), { bucketPolicy: { Version: '2012-10-17', Statement: [] }, policy: '' });
  assert.deepEqual(recorded('DeleteObjects', { Delete: { Objects: [{ Key: 'a' }] } }), { delete: '' }, 'AWS does not record the keys of a batch deletion');
  assert.deepEqual(recorded('DeletePublicAccessBlock', {}), { publicAccessBlock: '' });
  assert.deepEqual(recorded('CreateBucket', {}), {});
  assert.deepEqual(recorded('PutObject', { Body: 'x' }), {});
});

test("the whole record: PutBucketLifecycleConfiguration is CloudTrail's PutBucketLifecycle with its configuration", async () => {
  const model = loadServiceModel('s3');
  const principal: Principal = { type: 'IAMUser', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAALICE', accessKeyId: 'AKIAALICE' };
  const input = { Bucket: 'trail-logs', LifecycleConfiguration: { Rules: [{ ID: 'r', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } }] } };
  const [line] = recordLines({
    requestId: 'r1',
    principal,
    region: 'us-east-1',
    sourceIp: '203.0.113.9',
    userAgent: 'test',
    receivedAt: new Date('2026-11-22T10:00:00Z'),
    model,
    op: model.operation('PutBucketLifecycleConfiguration')!,
    traits: await eventTraits('s3', 'PutBucketLifecycleConfiguration'),
    input,
    host: 'trail-logs.s3.us-east-1.amazonaws.com',
  });
  const record = JSON.parse(line!) as Record<string, any>;
  assert.equal(record.eventName, 'PutBucketLifecycle');
  assert.deepEqual(record.requestParameters, {
    bucketName: 'trail-logs',
    Host: 'trail-logs.s3.us-east-1.amazonaws.com',
    LifecycleConfiguration: { xmlns: NS, Rule: { ID: 'r', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } } },
    lifecycle: '',
  });
});
