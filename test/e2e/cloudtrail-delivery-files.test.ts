import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  CloudTrailClient,
  CreateTrailCommand,
  DeleteTrailCommand,
  GetTrailStatusCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  type CreateTrailCommandInput,
  type PutEventSelectorsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { clientConfig, iam, sts, userWithKey, type Keys, type UserKeys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { deliveredLogs, trailBucketPolicy, type DeliveredRecord } from '../support/trail-delivery.js';

/**
 * Trail delivery seen through the SDK v3: log files appear in the trail's bucket under AWS's
 * key layout, gzipped `{"Records":[…]}` with each call by the identity that made it; selectors,
 * StopLogging and a bucket policy that no longer lets CloudTrail write decide what arrives.
 */
const ACCOUNT = '000000000000';
const LOG_KEY = /^AWSLogs\/000000000000\/CloudTrail\/us-east-1\/(\d{4})\/(\d{2})\/(\d{2})\/000000000000_CloudTrail_us-east-1_(\d{8})T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;

type Rec = DeliveredRecord;

describe('CloudTrail log delivery', () => {
  const bulwark = suiteServer(['--cloudtrail-delivery-seconds', '3600']);
  const ct = () => new CloudTrailClient(clientConfig(bulwark.endpoint));
  const s3 = (keys?: Keys) => new S3Client({ ...clientConfig(bulwark.endpoint, keys), forcePathStyle: true });
  const deliver = () => bulwark.cloudTrail!.deliverNow();
  const trails: string[] = [];
  after(async () => {
    for (const Name of trails) await ct().send(new DeleteTrailCommand({ Name })).catch(() => undefined);
  });

  const loggingTrail = async (name: string, extra: Partial<CreateTrailCommandInput> = {}) => {
    const bucket = `${name}-logs`;
    await s3().send(new CreateBucketCommand({ Bucket: bucket }));
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: trailBucketPolicy(bucket) }));
    await ct().send(new CreateTrailCommand({ Name: name, S3BucketName: bucket, ...extra }));
    trails.push(name);
    await ct().send(new StartLoggingCommand({ Name: name }));
    return bucket;
  };

  const delivered = (bucket: string, keys?: Keys) => deliveredLogs(s3(keys), bucket);
  const named = (records: Rec[], eventName: string) => records.filter((r) => r.eventName === eventName);

  let alice: UserKeys;

  test('calls by the root user and an IAM user arrive as a gzipped log file under AWS\'s key layout', async () => {
    const bucket = await loggingTrail('main-trail');
    alice = await userWithKey(bulwark.endpoint, 'alice', {
      policy: { name: 'read', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 's3:*'], Resource: '*' }] }) },
    });
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'bob' }));
    await iam(bulwark.endpoint, alice).send(new GetUserCommand({ UserName: 'bob' }));
    await sts(bulwark.endpoint, alice).send(new GetCallerIdentityCommand({}));
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: 'not-a-management-event.txt', Body: 'data' }));
    await deliver();

    const { files, records } = await delivered(bucket);
    assert.equal(files.length, 1, 'one file per account and Region per delivery');
    const m = LOG_KEY.exec(files[0]!);
    assert.ok(m, files[0]);
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    assert.equal(`${m[1]}${m[2]}${m[3]}`, today);
    assert.equal(m[4], today);
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: files[0]! }));
    assert.equal(head.ServerSideEncryption, 'AES256');
    assert.equal(head.ContentType, 'application/json');
    assert.equal(head.ContentEncoding, 'gzip');

    const created = named(records, 'CreateUser').find((r) => r.requestParameters?.userName === 'bob');
    assert.ok(created, 'the root user\'s CreateUser is delivered');
    assert.equal(created.userIdentity.type, 'Root');
    assert.equal(created.userIdentity.arn, `arn:aws:iam::${ACCOUNT}:root`);
    const read = named(records, 'GetUser').find((r) => r.userIdentity.userName === 'alice');
    assert.ok(read, 'alice\'s GetUser is delivered');
    assert.equal(read.userIdentity.type, 'IAMUser');
    assert.equal(read.userIdentity.accessKeyId, alice.accessKeyId);
    assert.equal(read.recipientAccountId, ACCOUNT);
    assert.ok(named(records, 'GetCallerIdentity').some((r) => r.userIdentity.userName === 'alice'));
    assert.ok(named(records, 'StartLogging').length >= 1, 'the StartLogging call itself is delivered');
    assert.equal(named(records, 'CreateTrail').length, 0, 'calls before StartLogging are not');
    assert.equal(named(records, 'PutObject').length, 0, 'data events need a data event selector');
    for (const r of records) assert.equal(r.eventCategory, 'Management');
    assert.equal(new Set(records.map((r) => r.eventID)).size, records.length);

    await deliver();
    assert.equal((await delivered(bucket)).files.length, 1, 'nothing new, no new file');
    const status = await ct().send(new GetTrailStatusCommand({ Name: 'main-trail' }));
    assert.ok(status.LatestDeliveryTime instanceof Date);
    assert.equal(status.LatestDeliveryError, undefined);
    assert.match(status.LatestDeliveryAttemptSucceeded!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('a data event selector adds the bucket\'s object calls; the others stay out', async () => {
    const data = 'selected-data';
    await s3().send(new CreateBucketCommand({ Bucket: data }));
    await s3().send(new CreateBucketCommand({ Bucket: 'unselected-data' }));
    const selectors: PutEventSelectorsCommandInput = {
      TrailName: 'main-trail',
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:aws:s3:::${data}/in/`] }] }],
    };
    await ct().send(new PutEventSelectorsCommand(selectors));
    const earlier = await delivered('main-trail-logs');
    const before = new Set(earlier.records.map((r) => r.eventID));
    await s3(alice).send(new PutObjectCommand({ Bucket: data, Key: 'in/one.txt', Body: 'x' }));
    await s3(alice).send(new PutObjectCommand({ Bucket: data, Key: 'out/two.txt', Body: 'x' }));
    await s3(alice).send(new PutObjectCommand({ Bucket: 'unselected-data', Key: 'in/three.txt', Body: 'x' }));
    await s3(alice).send(new GetObjectCommand({ Bucket: data, Key: 'in/one.txt' }));
    await iam(bulwark.endpoint).send(new ListUsersCommand({}));
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'carol' }));
    await deliver();
    const { files, records } = await delivered('main-trail-logs');
    const fresh = records.filter((r) => !before.has(r.eventID));
    assert.equal(files.length, earlier.files.length + 1);
    const puts = named(fresh, 'PutObject');
    assert.deepEqual(puts.map((r) => r.requestParameters.key), ['in/one.txt']);
    assert.equal(puts[0]!.eventCategory, 'Data');
    assert.equal(puts[0]!.userIdentity.userName, 'alice');
    assert.ok(puts[0]!.resources.some((r: Rec) => r.type === 'AWS::S3::Object' && r.ARN === `arn:aws:s3:::${data}/in/one.txt`));
    assert.equal(named(fresh, 'GetObject').length, 0, 'WriteOnly leaves reads out');
    assert.equal(named(fresh, 'ListUsers').length, 0, 'WriteOnly leaves read-only management events out');
    assert.ok(named(fresh, 'CreateUser').some((r) => r.requestParameters.userName === 'carol'));
  });

  test('advanced selectors: only the events every field admits', async () => {
    await ct().send(
      new PutEventSelectorsCommand({
        TrailName: 'main-trail',
        AdvancedEventSelectors: [
          { Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
          {
            Name: 'reads of one bucket',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
              { Field: 'eventName', Equals: ['GetObject'] },
              { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::selected-data/'] },
            ],
          },
        ],
      }),
    );
    const before = new Set((await delivered('main-trail-logs')).records.map((r) => r.eventID));
    await s3(alice).send(new GetObjectCommand({ Bucket: 'selected-data', Key: 'in/one.txt' }));
    await s3(alice).send(new PutObjectCommand({ Bucket: 'selected-data', Key: 'in/four.txt', Body: 'x' }));
    await iam(bulwark.endpoint).send(new ListUsersCommand({}));
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'dave' }));
    await deliver();
    const fresh = (await delivered('main-trail-logs')).records.filter((r) => !before.has(r.eventID));
    assert.deepEqual(fresh.map((r) => r.eventName).sort(), ['CreateUser', 'GetObject', 'PutEventSelectors']);
  });

  test('nothing recorded while the trail is stopped is ever delivered', async () => {
    await ct().send(new PutEventSelectorsCommand({ TrailName: 'main-trail', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
    await deliver();
    const before = new Set((await delivered('main-trail-logs')).records.map((r) => r.eventID));
    await ct().send(new StopLoggingCommand({ Name: 'main-trail' }));
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'while-stopped' }));
    await deliver();
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'still-stopped' }));
    await ct().send(new StartLoggingCommand({ Name: 'main-trail' }));
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'after-restart' }));
    await deliver();
    const fresh = (await delivered('main-trail-logs')).records.filter((r) => !before.has(r.eventID));
    const users = named(fresh, 'CreateUser').map((r) => r.requestParameters.userName);
    assert.deepEqual(users, ['after-restart']);
    assert.equal(named(fresh, 'StopLogging').length, 1, 'the StopLogging call is delivered');
    assert.equal(named(fresh, 'StartLogging').length, 1);
  });

  test('SSE-KMS with the trail\'s key: readable by a user allowed kms:Decrypt, not by one without', async () => {
    const { CreateKeyCommand, KMSClient } = await import('@aws-sdk/client-kms');
    const reader = await userWithKey(bulwark.endpoint, 'log-reader', {
      policy: { name: 'read', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'], Resource: '*' }] }) },
    });
    const noKms = await userWithKey(bulwark.endpoint, 'no-kms', {
      policy: { name: 'read', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] }) },
    });
    const keyPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'CloudTrailEncrypt',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } },
        },
      ],
    };
    const key = (await new KMSClient(clientConfig(bulwark.endpoint)).send(new CreateKeyCommand({ Policy: JSON.stringify(keyPolicy) }))).KeyMetadata!;
    await ct().send(new DeleteTrailCommand({ Name: 'main-trail' }));
    const bucket = await loggingTrail('kms-trail', { KmsKeyId: key.Arn });
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'encrypted-call' }));
    await deliver();
    const listed = await s3(reader).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'AWSLogs/' }));
    const file = listed.Contents![0]!.Key!;
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: file }));
    assert.equal(head.ServerSideEncryption, 'aws:kms');
    assert.equal(head.SSEKMSKeyId, key.Arn);
    const records = (await delivered(bucket, reader)).records;
    assert.ok(named(records, 'CreateUser').some((r) => r.requestParameters.userName === 'encrypted-call'));
    await assert.rejects(s3(noKms).send(new GetObjectCommand({ Bucket: bucket, Key: file })), (err: any) => {
      assert.equal(err.name, 'AccessDenied');
      assert.match(err.message, /kms:Decrypt/);
      return true;
    });
  });

  test('a bucket policy that no longer lets CloudTrail write: LatestDeliveryError, and the events wait for the fix', async () => {
    const bucket = 'kms-trail-logs';
    const before = new Set((await delivered(bucket)).records.map((r) => r.eventID));
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:*', Resource: `arn:aws:s3:::${bucket}/*` }] }) }));
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'during-outage' }));
    await deliver();
    const failed = await ct().send(new GetTrailStatusCommand({ Name: 'kms-trail' }));
    assert.equal(failed.LatestDeliveryError, 'AccessDenied');
    assert.ok(failed.LatestDeliveryAttemptTime);
    assert.equal((await delivered(bucket)).records.filter((r) => !before.has(r.eventID)).length, 0);

    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: trailBucketPolicy(bucket) }));
    await deliver();
    const fixed = await ct().send(new GetTrailStatusCommand({ Name: 'kms-trail' }));
    assert.equal(fixed.LatestDeliveryError, undefined);
    const fresh = (await delivered(bucket)).records.filter((r) => !before.has(r.eventID));
    assert.ok(named(fresh, 'CreateUser').some((r) => r.requestParameters.userName === 'during-outage'));
  });
});
