import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, rejectsWith, userWithKey, type Keys } from '../support/aws-clients.js';
import { awsEnv, pythonToolsMissing, spawnBulwark, suiteServer } from '../support/server.js';

const run = promisify(execFile);

type Trail = Record<string, any>;

async function lookup(endpoint: string, input: LookupEventsCommandInput = {}, keys?: Keys) {
  return new CloudTrailClient(clientConfig(endpoint, keys)).send(new LookupEventsCommand(input));
}

function parsed(events: { CloudTrailEvent?: string }[] | undefined): Trail[] {
  return (events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as Trail);
}

describe('CloudTrail recording and event history (LookupEvents)', () => {
  const bulwark = suiteServer();

  test('every answered call is in event history: successes, AWS errors, AccessDenied, each by the right identity', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'cloudtrail:LookupEvents'], Resource: '*' }] });
    const carol = await userWithKey(bulwark.endpoint, 'carol', { policy: { name: 'p', document: policy } });
    const asCarol = new IAMClient(clientConfig(bulwark.endpoint, carol));
    await asCarol.send(new GetUserCommand({ UserName: 'carol' }));
    await rejectsWith(asCarol.send(new GetUserCommand({ UserName: 'ghost' })), 'NoSuchEntityException', 404);
    await rejectsWith(asCarol.send(new CreateUserCommand({ UserName: 'mallory' })), 'AccessDenied', 403);

    const page = await lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'carol' }] });
    const records = parsed(page.Events);
    const names = records.map((r) => `${r.eventName}:${r.errorCode ?? 'ok'}`);
    assert.deepEqual(names.slice(0, 3), ['CreateUser:AccessDenied', 'GetUser:NoSuchEntity', 'GetUser:ok'], 'newest first');
    for (const r of records.slice(0, 3)) {
      assert.equal(r.userIdentity.type, 'IAMUser');
      assert.equal(r.userIdentity.userName, 'carol');
      assert.equal(r.userIdentity.accessKeyId, carol.accessKeyId);
      assert.equal(r.recipientAccountId, '000000000000');
      assert.equal(r.eventSource, 'iam.amazonaws.com');
    }
    assert.equal(records[0]!.requestParameters, null, 'an AccessDenied records no parameters');
    assert.match(records[0]!.errorMessage, /is not authorized to perform: iam:CreateUser/);
    const event = page.Events![0]!;
    assert.equal(event.Username, 'carol');
    assert.equal(event.AccessKeyId, carol.accessKeyId);
    assert.equal(event.ReadOnly, 'false');
    assert.ok(event.EventTime instanceof Date);
  });

  test('a signature that does not match, by a known key, is recorded as that key owner’s call', async () => {
    const dave = await userWithKey(bulwark.endpoint, 'dave');
    const forged = new STSClient(clientConfig(bulwark.endpoint, { accessKeyId: dave.accessKeyId, secretAccessKey: 'not-the-secret' }));
    await rejectsWith(forged.send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 403);
    const records = parsed((await lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: dave.accessKeyId }] })).Events);
    assert.equal(records.length, 1);
    assert.equal(records[0]!.eventName, 'GetCallerIdentity');
    assert.equal(records[0]!.errorCode, 'SignatureDoesNotMatch');
    assert.equal(records[0]!.userIdentity.arn, dave.arn);
  });

  test('KMS: the key is a resource, the plaintext never appears; lookups by resource and event name', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('the plaintext nobody may log') }));
    const byKey = await lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: key.Arn! }] });
    const encrypt = byKey.Events!.find((e) => e.EventName === 'Encrypt')!;
    assert.ok(encrypt, 'Encrypt is found by its key');
    assert.deepEqual(encrypt.Resources, [{ ResourceType: 'AWS::KMS::Key', ResourceName: key.Arn }]);
    assert.ok(!encrypt.CloudTrailEvent!.includes(Buffer.from('the plaintext nobody may log').toString('base64')));
    assert.ok(!encrypt.CloudTrailEvent!.includes('the plaintext nobody may log'));
    const byName = await lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateKey' }], MaxResults: 1 });
    assert.equal(byName.Events!.length, 1);
    assert.equal(parsed(byName.Events)[0]!.responseElements.keyMetadata.keyId, key.KeyId);
  });

  test('S3 using a KMS key on the caller’s behalf: KMS’s event is the caller’s, invoked by S3', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'trail-sse-kms' }));
    await s3.send(new PutObjectCommand({ Bucket: 'trail-sse-kms', Key: 'secret.txt', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.Arn }));
    const page = await lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GenerateDataKey' }] });
    const record = parsed(page.Events).find((r) => r.requestParameters?.keyId === key.Arn)!;
    assert.ok(record, 'a GenerateDataKey event for the key');
    assert.equal(record.userIdentity.type, 'Root');
    assert.equal(record.userIdentity.invokedBy, 's3.amazonaws.com');
    assert.equal(record.sourceIPAddress, 's3.amazonaws.com');
    assert.equal(record.userAgent, 's3.amazonaws.com');
    assert.deepEqual(record.requestParameters, { keyId: key.Arn, encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::trail-sse-kms/secret.txt' }, keySpec: 'AES_256' });
    assert.deepEqual(record.resources, [{ accountId: '000000000000', type: 'AWS::KMS::Key', ARN: key.Arn }]);
  });

  test('pages, time ranges, and AWS’s errors for bad input', async () => {
    const iam = new IAMClient(clientConfig(bulwark.endpoint));
    for (let i = 0; i < 7; i++) await iam.send(new GetUserCommand({ UserName: 'carol' }));
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetUser' }], MaxResults: 3, NextToken: token });
      for (const e of page.Events ?? []) seen.add(e.EventId!);
      token = page.NextToken;
      pages++;
    } while (token);
    assert.ok(seen.size >= 9, `every GetUser once (${seen.size})`);
    assert.equal(pages, Math.ceil(seen.size / 3));
    const future = await lookup(bulwark.endpoint, { StartTime: new Date(Date.now() + 3_600_000), EndTime: new Date(Date.now() + 7_200_000) });
    assert.equal(future.Events!.length, 0);
    await rejectsWith(lookup(bulwark.endpoint, { StartTime: new Date(), EndTime: new Date(Date.now() - 60_000) }), 'InvalidTimeRangeException', 400);
    await rejectsWith(lookup(bulwark.endpoint, { MaxResults: 51 }), 'ValidationException', 400); // the model's range, 1 to 50
    await rejectsWith(lookup(bulwark.endpoint, { NextToken: 'garbage' }), 'InvalidNextTokenException', 400);
    await rejectsWith(
      lookup(bulwark.endpoint, { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'a' }, { AttributeKey: 'EventName', AttributeValue: 'b' }] }),
      'InvalidLookupAttributesException',
      400,
    );
    assert.deepEqual((await lookup(bulwark.endpoint, { EventCategory: 'insight' })).Events, []);
  });

  test('event history is per region and per account', async () => {
    const eu = await new CloudTrailClient({ ...clientConfig(bulwark.endpoint), region: 'eu-west-1' }).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetUser' }] }));
    assert.equal(eu.Events!.length, 0, 'IAM calls are recorded in us-east-1');
  });

  test('the AWS CLI reads event history', { skip: pythonToolsMissing() }, async () => {
    const { stdout } = await run('aws', ['--endpoint-url', bulwark.endpoint, 'cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateKey', '--max-results', '5'], {
      env: awsEnv(bulwark.endpoint),
    });
    const events = (JSON.parse(stdout) as { Events: { EventName: string; CloudTrailEvent: string }[] }).Events;
    assert.ok(events.length >= 1);
    assert.equal(events[0]!.EventName, 'CreateKey');
    assert.equal((JSON.parse(events[0]!.CloudTrailEvent) as Trail).eventSource, 'kms.amazonaws.com');
  });
});

describe('an acknowledged call’s event survives kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-trail-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => spawnBulwark(['--data-dir', dir]);

  test('every call answered before the kill is in event history after the restart', async () => {
    const first = await start();
    const iam = new IAMClient(clientConfig(first.endpoint));
    const names = Array.from({ length: 40 }, (_, i) => `survivor-${i}`);
    await Promise.all(names.map((UserName) => iam.send(new CreateUserCommand({ UserName }))));
    await first.stop('SIGKILL');
    const second = await start();
    try {
      const found = new Set<string>();
      let token: string | undefined;
      do {
        const page = await lookup(second.endpoint, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }], NextToken: token });
        for (const r of parsed(page.Events)) found.add(r.requestParameters.userName as string);
        token = page.NextToken;
      } while (token);
      assert.deepEqual([...found].sort(), [...names].sort());
    } finally {
      await second.stop();
    }
  });
});
