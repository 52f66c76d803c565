import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Principal, SessionContext } from '../accounts/principal.js';
import { AwsError } from '../core/aws-error.js';
import { loadServiceModel } from '../models/index.js';
import { eventTraits } from './event-traits.js';
import { recordLines, type CallFacts } from './record.js';

const STRATUS = new URL('../../../../shared/data/stratus/detonation-logs/', import.meta.url);

function stratusMissing(): string | false {
  return existsSync(STRATUS) ? false : 'the Stratus Red Team logs (../shared/data) are not beside this checkout';
}

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const user: Principal = { type: 'IAMUser', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userId: 'AIDAEXAMPLEALICE0001', accessKeyId: 'AKIAEXAMPLEALICE0001' };

function session(overrides: Partial<SessionContext>): SessionContext {
  return {
    issuer: 'AssumeRole',
    issuedAt: '2026-11-22T10:00:00.000Z',
    expiresAt: '2026-11-22T11:00:00.000Z',
    mfaAuthenticated: false,
    sessionPolicies: [],
    sessionPolicyIds: [],
    sessionPolicyArns: [],
    hasSessionPolicy: false,
    tags: [],
    transitiveTagKeys: [],
    issuedBy: user.arn,
    ...overrides,
  };
}

const role: Principal = {
  type: 'AssumedRole',
  account: ACCOUNT,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci-run`,
  userId: 'AROAEXAMPLEROLE00001:ci-run',
  accessKeyId: 'ASIAEXAMPLEROLE00001',
  sessionContext: session({ roleId: 'AROAEXAMPLEROLE00001', roleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, roleName: 'deployer', sessionName: 'ci-run' }),
};

async function lines(service: string, operation: string, facts: Partial<CallFacts> = {}): Promise<Record<string, any>[]> {
  const model = loadServiceModel(service);
  const call: CallFacts = {
    requestId: 'req-1',
    principal: user,
    region: 'us-east-1',
    sourceIp: '203.0.113.9',
    userAgent: 'aws-cli/1.x "quoted"',
    receivedAt: new Date('2026-11-22T10:15:30.456Z'),
    model,
    op: model.operation(operation)!,
    traits: await eventTraits(service, operation),
    ...facts,
  };
  return recordLines(call).map((l) => JSON.parse(l) as Record<string, any>);
}

describe('CloudTrail records', () => {
  test('an IAM user creating a user: identity, camel-cased parameters, response, classification', async () => {
    const [r] = await lines('iam', 'CreateUser', {
      input: { UserName: 'bob', Tags: [{ Key: 'team', Value: 'red' }] },
      output: { User: { UserName: 'bob', UserId: 'AIDABOB', Arn: `arn:aws:iam::${ACCOUNT}:user/bob`, Path: '/', CreateDate: new Date('2024-08-01T13:33:28Z') } },
    });
    assert.deepEqual(r!.userIdentity, { type: 'IAMUser', principalId: user.userId, arn: user.arn, accountId: ACCOUNT, accessKeyId: user.accessKeyId, userName: 'alice' });
    assert.equal(r!.eventTime, '2026-11-22T10:15:30Z');
    assert.equal(r!.eventSource, 'iam.amazonaws.com');
    assert.equal(r!.userAgent, 'aws-cli/1.x "quoted"');
    assert.deepEqual(r!.requestParameters, { userName: 'bob', tags: [{ key: 'team', value: 'red' }] });
    assert.equal(r!.responseElements.user.createDate, 'Aug 1, 2024 1:33:28 PM');
    assert.equal(r!.readOnly, false);
    assert.equal(r!.managementEvent, true);
    assert.equal(r!.eventCategory, 'Management');
    assert.equal(r!.recipientAccountId, ACCOUNT);
    assert.equal(r!.requestID, 'req-1');
    assert.match(r!.eventID, /^[0-9a-f-]{36}$/);
  });

  test('secrets never reach a record: KMS plaintext, login passwords, secret access keys', async () => {
    const [enc] = await lines('kms', 'Encrypt', { input: { KeyId: 'alias/app', Plaintext: Buffer.from('top secret') }, output: { CiphertextBlob: Buffer.from('x'), KeyId: 'k' } });
    assert.deepEqual(enc!.requestParameters, { keyId: 'alias/app' });
    assert.equal(enc!.responseElements, null, 'read-only calls record no response');
    assert.equal(enc!.readOnly, true, 'KMS cryptography is recorded read-only');
    const [login] = await lines('iam', 'CreateLoginProfile', { input: { UserName: 'bob', Password: 'Hunter2!Hunter2!' } });
    assert.ok(!JSON.stringify(login).includes('Hunter2'));
    const [key] = await lines('iam', 'CreateAccessKey', {
      input: { UserName: 'bob' },
      output: { AccessKey: { UserName: 'bob', AccessKeyId: 'AKIANEWKEY0000000001', Status: 'Active', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', CreateDate: new Date() } },
    });
    assert.equal(key!.responseElements.accessKey.accessKeyId, 'AKIANEWKEY0000000001');
    assert.ok(!JSON.stringify(key).includes('wJalrXUtnFEMI'), 'the secret access key is left out');
  });

  test('an assumed role carries its session context; STS credentials are recorded without the secret', async () => {
    const [r] = await lines('sts', 'AssumeRole', {
      principal: role,
      input: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/other`, RoleSessionName: 's' },
      output: { Credentials: { AccessKeyId: 'ASIANEW', SecretAccessKey: 'SECRETSECRET', SessionToken: 'token', Expiration: new Date('2024-07-30T21:46:15Z') }, AssumedRoleUser: { Arn: 'a', AssumedRoleId: 'b' } },
      resources: [`arn:aws:iam::${ACCOUNT}:role/other`],
    });
    assert.deepEqual(r!.userIdentity.sessionContext, {
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEROLE00001', arn: `arn:aws:iam::${ACCOUNT}:role/deployer`, accountId: ACCOUNT, userName: 'deployer' },
      webIdFederationData: {},
      attributes: { creationDate: '2026-11-22T10:00:00Z', mfaAuthenticated: 'false' },
    });
    assert.equal(r!.readOnly, true);
    assert.equal(r!.responseElements.credentials.accessKeyId, 'ASIANEW');
    assert.equal(r!.responseElements.credentials.expiration, 'Jul 30, 2024, 9:46:15 PM');
    assert.ok(!JSON.stringify(r).includes('SECRETSECRET'));
    assert.deepEqual(r!.resources, [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${ACCOUNT}:role/other` }]);
  });

  test('errors: code and message recorded; an AccessDenied records no parameters', async () => {
    const [missing] = await lines('iam', 'GetUser', { input: { UserName: 'ghost' }, error: new AwsError('NoSuchEntity', 'The user with name ghost cannot be found.', { status: 404 }) });
    assert.equal(missing!.errorCode, 'NoSuchEntity');
    assert.equal(missing!.errorMessage, 'The user with name ghost cannot be found.');
    assert.deepEqual(missing!.requestParameters, { userName: 'ghost' });
    const [denied] = await lines('iam', 'CreateUser', { input: { UserName: 'x' }, error: new AwsError('AccessDenied', 'User: … is not authorized', { status: 403 }) });
    assert.equal(denied!.requestParameters, null);
    assert.equal(denied!.responseElements, null);
    assert.deepEqual(Object.keys(denied!).slice(8, 12), ['errorCode', 'errorMessage', 'requestParameters', 'responseElements'], 'key order as AWS writes it');
  });

  test('a call on another account’s key yields two records sharing an event id: the owner sees an AWSAccount', async () => {
    const keyArn = `arn:aws:kms:us-east-1:${OTHER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const records = await lines('kms', 'Decrypt', { input: {}, resources: [keyArn] });
    assert.equal(records.length, 2);
    const [mine, theirs] = records;
    assert.equal(mine!.recipientAccountId, ACCOUNT);
    assert.equal(theirs!.recipientAccountId, OTHER);
    assert.equal(mine!.sharedEventID, theirs!.sharedEventID);
    assert.notEqual(mine!.eventID, theirs!.eventID);
    assert.deepEqual(theirs!.userIdentity, { type: 'AWSAccount', principalId: user.userId, accountId: ACCOUNT });
  });

  test('S3 object calls are data events with bucket, key and Host; ListObjectsV2 is recorded as ListObjects', async () => {
    const [put] = await lines('s3', 'PutObject', {
      input: { Bucket: 'logs', Key: 'a/b.txt', Body: Buffer.from('data') },
      host: 'logs.s3.us-east-1.amazonaws.com',
      resources: ['arn:aws:s3:::logs/a/b.txt'],
    });
    assert.equal(put!.eventCategory, 'Data');
    assert.equal(put!.managementEvent, false);
    assert.deepEqual(put!.requestParameters, { bucketName: 'logs', Host: 'logs.s3.us-east-1.amazonaws.com', key: 'a/b.txt' });
    const [list] = await lines('s3', 'ListObjectsV2', { input: { Bucket: 'logs', Prefix: 'a/' } });
    assert.equal(list!.eventName, 'ListObjects');
    const [create] = await lines('s3', 'CreateBucket', { input: { Bucket: 'logs' } });
    assert.equal(create!.eventCategory, 'Management');
  });

  test('S3: the bucket owner is named; an anonymous read is the owner’s event, a cross-account write is both accounts’', async () => {
    const anonymous: Principal = { type: 'Anonymous', account: OTHER, arn: '*', userId: 'anonymous' };
    const [read, ...more] = await lines('s3', 'GetObject', { principal: anonymous, input: { Bucket: 'site', Key: 'index.html' }, resources: ['arn:aws:s3:::site/index.html'], resourceAccount: OTHER });
    assert.equal(more.length, 0);
    assert.equal(read!.recipientAccountId, OTHER);
    assert.deepEqual(read!.userIdentity, { type: 'AWSAccount', principalId: '', accountId: 'anonymous' });
    assert.deepEqual(read!.resources, [
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::site/index.html' },
      { accountId: OTHER, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::site' },
    ]);
    const both = await lines('s3', 'PutObject', { input: { Bucket: 'site', Key: 'x' }, resources: ['arn:aws:s3:::site/x'], resourceAccount: OTHER });
    assert.deepEqual(both.map((r) => r.recipientAccountId), [ACCOUNT, OTHER]);
    assert.equal(both[0]!.sharedEventID, both[1]!.sharedEventID);
    assert.equal((await lines('s3', 'GetObject', { principal: anonymous, input: { Bucket: 'gone', Key: 'k' } })).length, 0, 'no owner, no record');
  });

  test('records have the field structure of real CloudTrail records (Stratus Red Team detonations)', { skip: stratusMissing() }, async () => {
    const real = realRecords();
    const ours = [
      ...(await lines('iam', 'CreateUser', { input: { UserName: 'u' }, output: { User: { UserName: 'u' } } })),
      ...(await lines('cloudtrail', 'StopLogging', { input: { Name: 'trail' } })),
      ...(await lines('secretsmanager', 'GetSecretValue', { input: { SecretId: 's' }, output: { SecretString: 'shh' } })),
    ];
    for (const record of ours) {
      const twin = real.find((r) => r.eventName === record.eventName);
      assert.ok(twin, `a real ${record.eventName} record to compare with`);
      for (const key of Object.keys(twin)) {
        if (key === 'tlsDetails' || key === 'resources' || key === 'additionalEventData') continue; // TLS only over TLS; resources where AWS names them
        assert.ok(key in record, `${record.eventName}: ${key} present as in AWS's record`);
        assert.equal(typeOf(record[key]), typeOf(twin[key]), `${record.eventName}.${key}`);
      }
      for (const key of Object.keys(twin.userIdentity)) {
        if (key === 'sessionContext' && !record.userIdentity.sessionContext) continue;
        assert.ok(key in record.userIdentity, `${record.eventName}: userIdentity.${key}`);
      }
    }
    assert.ok(!JSON.stringify(ours).includes('shh'), 'a secret value never appears');
  });
});

function realRecords(): Record<string, any>[] {
  return readdirSync(STRATUS).flatMap((f) => JSON.parse(readFileSync(new URL(f, STRATUS), 'utf8')) as Record<string, any>[]);
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
