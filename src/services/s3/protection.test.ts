import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../accounts/principal.js';
import { AwsError } from '../../core/aws-error.js';
import { openStore, type Store } from '../../store/index.js';
import type { OperationInput, RequestContext } from '../types.js';
import { createKey } from '../kms/keys.js';
import { logObjectTime, logOperation, logTime, s3AccessLogObserver } from '../../server/s3-access-log.js';
import { BUCKET_KIND, canonicalUserId, findObject, OBJECT_KIND, objectId, S3_SCOPE, type BucketRecord, type ObjectEntry, type ObjectVersion } from './common.js';
import { authorizeBypass, checkDeletable, defaultRetainUntil, lockFor, lockOutput } from './object-lock.js';
import { protectionOperations as ops } from './protection-operations.js';
import { callerContext, decryptionKey, encryptionFor, sseOutput } from './sse.js';
import { requestContext, TEST_MASTER_KEY, testBlobs } from '../../../test/support/request-context.js';

const ACCOUNT = '000000000000';
const ROOT: Principal = { type: 'Root', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT };
const DAY = 86_400_000;

const bucketRecord = (over: Partial<BucketRecord> = {}): BucketRecord => ({
  Name: 'b1',
  OwnerAccount: ACCOUNT,
  OwnerId: canonicalUserId(ACCOUNT),
  Region: 'us-east-1',
  CreationDate: new Date().toISOString(),
  ObjectOwnership: 'BucketOwnerEnforced',
  Acl: [],
  Encryption: { SSEAlgorithm: 'AES256' },
  ...over,
});

const rejectsCode = async (p: Promise<unknown> | (() => unknown), code: string, message?: string): Promise<void> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    assert.ok(err instanceof AwsError, String(err));
    assert.equal(err.code, code, err.message);
    if (message !== undefined) assert.equal(err.message, message);
    return;
  }
  assert.fail(`expected ${code}`);
};

describe('S3 protection (unit)', () => {
  let store: Store;
  const masterKey = TEST_MASTER_KEY;
  const blobs = testBlobs();
  before(async () => {
    store = await openStore({ inMemory: true });
  });
  after(() => store.close());

  const ctx = (operation = 'PutObject', extra: Partial<RequestContext> = {}): RequestContext =>
    requestContext(store, ROOT, 's3', operation, 'r', extra);

  test('SSE-S3 by default: the data key is sealed under the master key and opens again', async () => {
    const bucket = bucketRecord();
    const enc = await encryptionFor(ctx(), bucket, 'k', {});
    assert.equal(enc.sse?.Algorithm, 'AES256');
    assert.equal(enc.key?.length, 32);
    const version = { VersionId: 'null', LastModified: '', OwnerId: '', Sse: enc.sse } as ObjectVersion;
    assert.deepEqual(await decryptionKey(ctx('GetObject'), bucket, 'k', version), enc.key);
    assert.deepEqual(sseOutput(version), { ServerSideEncryption: 'AES256' });
    await assert.rejects(decryptionKey(ctx('GetObject'), bucket, 'other-key', version)); // bound to bucket/key
  });

  test('SSE-C is not implemented; a KMS key id without aws:kms is refused', async () => {
    await rejectsCode(encryptionFor(ctx(), bucketRecord(), 'k', { SSECustomerAlgorithm: 'AES256', SSECustomerKey: 'x' }), 'NotImplemented');
    await rejectsCode(encryptionFor(ctx(), bucketRecord(), 'k', { SSEKMSKeyId: 'alias/x' }), 'InvalidArgument');
  });

  test('SSE-KMS with the AWS managed key (created on first use) and with a customer key; authorizeAlso sees the KMS call', async () => {
    const asked: Array<{ action: string; resource: string; context?: Record<string, unknown> }> = [];
    const authorizeAlso = async (action: string, resource: string, context?: Record<string, unknown>) => {
      asked.push({ action, resource, context });
      return action === 'kms:Decrypt' && asked.length > 2 ? 'User: x is not authorized to perform: kms:Decrypt' : undefined;
    };
    const bucket = bucketRecord();
    const enc = await encryptionFor(ctx('PutObject', { authorizeAlso }), bucket, 'k', { ServerSideEncryption: 'aws:kms' });
    assert.equal(enc.sse?.Algorithm, 'aws:kms');
    assert.match(enc.sse?.KmsKeyArn ?? '', /^arn:aws:kms:us-east-1:000000000000:key\//);
    assert.equal(asked[0]?.action, 'kms:GenerateDataKey');
    assert.equal(asked[0]?.context?.['kms:ViaService'], 's3.us-east-1.amazonaws.com');
    assert.equal(asked[0]?.context?.['kms:EncryptionContext:aws:s3:arn'], 'arn:aws:s3:::b1/k');
    const version = { VersionId: 'null', LastModified: '', OwnerId: '', Sse: enc.sse } as ObjectVersion;
    assert.deepEqual(await decryptionKey(ctx('GetObject', { authorizeAlso }), bucket, 'k', version), enc.key);
    assert.equal(asked[1]?.action, 'kms:Decrypt');
    await rejectsCode(decryptionKey(ctx('GetObject', { authorizeAlso }), bucket, 'k', version), 'AccessDenied', 'User: x is not authorized to perform: kms:Decrypt');

    const created = (await createKey(ctx('CreateKey'), {} as OperationInput)) as { KeyMetadata: { KeyId: string; Arn: string } };
    const custom = await encryptionFor(ctx(), bucket, 'k2', {
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: created.KeyMetadata.KeyId,
      SSEKMSEncryptionContext: Buffer.from('{"team":"red"}').toString('base64'),
    });
    assert.equal(custom.sse?.KmsKeyArn, created.KeyMetadata.Arn);
    assert.deepEqual(custom.sse?.EncryptionContext, { team: 'red', 'aws:s3:arn': 'arn:aws:s3:::b1/k2' });
    const out = sseOutput({ Sse: custom.sse } as ObjectVersion);
    assert.equal(out.SSEKMSKeyId, created.KeyMetadata.Arn);
    assert.ok(typeof out.SSEKMSEncryptionContext === 'string');
    await rejectsCode(encryptionFor(ctx(), bucket, 'k', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/none' }), 'KMS.NotFoundException', 'Invalid keyId alias/none');
  });

  test('callerContext parses base64 JSON and refuses anything else', () => {
    assert.deepEqual(callerContext(Buffer.from('{"a":"1"}').toString('base64')), { a: '1' });
    assert.throws(() => callerContext('not-json'), /Base64/);
    assert.throws(() => callerContext(Buffer.from('{"a":1}').toString('base64')), /Base64/);
  });

  test('lockFor: request headers, bucket default, and the refusals', () => {
    const plain = bucketRecord();
    assert.equal(lockFor(ctx(), plain, {}), undefined);
    assert.throws(() => lockFor(ctx(), plain, { ObjectLockLegalHoldStatus: 'ON' }), /Bucket is missing Object Lock Configuration/);
    const locked = bucketRecord({ ObjectLockEnabled: true });
    assert.throws(() => lockFor(ctx(), locked, { ObjectLockMode: 'GOVERNANCE' }), /must both be supplied/);
    assert.throws(() => lockFor(ctx(), locked, { ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: new Date(Date.now() - 1000) }), /must be in the future/);
    const until = new Date(Date.now() + DAY);
    assert.deepEqual(lockFor(ctx(), locked, { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: 'ON' }), {
      Mode: 'COMPLIANCE',
      RetainUntil: until.toISOString(),
      LegalHold: 'ON',
    });
    const byRule = lockFor(ctx(), bucketRecord({ ObjectLockEnabled: true, ObjectLockRule: { Mode: 'GOVERNANCE', Days: 2 } }), {});
    assert.equal(byRule?.Mode, 'GOVERNANCE');
    assert.ok(Math.abs(Date.parse(byRule?.RetainUntil ?? '') - Date.now() - 2 * DAY) < 5000);
    assert.equal(defaultRetainUntil({ Mode: 'COMPLIANCE', Years: 1 }, new Date('2026-03-01T00:00:00Z')).toISOString(), '2027-03-01T00:00:00.000Z');
    const out = lockOutput({ Lock: { Mode: 'COMPLIANCE', RetainUntil: until.toISOString(), LegalHold: 'OFF' } } as ObjectVersion);
    assert.deepEqual(out, { ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: 'OFF' });
  });

  test('checkDeletable: legal hold, COMPLIANCE, GOVERNANCE with and without bypass permission', async () => {
    const future = new Date(Date.now() + DAY).toISOString();
    const past = new Date(Date.now() - DAY).toISOString();
    const v = (lock: ObjectVersion['Lock']): ObjectVersion => ({ VersionId: 'v', LastModified: '', OwnerId: '', Lock: lock });
    checkDeletable(ctx(), v(undefined), false);
    assert.throws(() => checkDeletable(ctx(), v({ LegalHold: 'ON' }), true), /Access Denied/);
    assert.throws(() => checkDeletable(ctx(), v({ Mode: 'COMPLIANCE', RetainUntil: future }), true), /Access Denied/);
    checkDeletable(ctx(), v({ Mode: 'COMPLIANCE', RetainUntil: past }), false);
    assert.throws(() => checkDeletable(ctx(), v({ Mode: 'GOVERNANCE', RetainUntil: future }), false), /Access Denied/);
    // Bypass undecided → refused; decided allowed → lifted; decided denied → refused.
    assert.throws(() => checkDeletable(ctx(), v({ Mode: 'GOVERNANCE', RetainUntil: future }), true), /Access Denied/);
    const allowedCtx = ctx('DeleteObject', { authorizeAlso: async () => undefined });
    assert.equal(await authorizeBypass(allowedCtx, 'b', 'k'), true);
    checkDeletable(allowedCtx, v({ Mode: 'GOVERNANCE', RetainUntil: future }), true);
    let asked = '';
    const deniedCtx = ctx('DeleteObject', {
      authorizeAlso: async (action: string, resource: string) => {
        asked = `${action} ${resource}`;
        return 'denied';
      },
    });
    assert.equal(await authorizeBypass(deniedCtx, 'b', 'k'), false);
    assert.equal(asked, 's3:BypassGovernanceRetention arn:aws:s3:::b/k');
    assert.throws(() => checkDeletable(deniedCtx, v({ Mode: 'GOVERNANCE', RetainUntil: future }), true), /Access Denied/);
  });

  test('retention and legal hold operations on a stored version', async () => {
    const bucket = bucketRecord({ Name: 'lockb', ObjectLockEnabled: true, Versioning: 'Enabled' });
    await store.put(S3_SCOPE, BUCKET_KIND, bucket.Name, bucket);
    await store.put(S3_SCOPE, OBJECT_KIND, objectId('lockb', 'k'), { Key: 'k', Versions: [{ VersionId: 'v1', LastModified: new Date().toISOString(), OwnerId: bucket.OwnerId, Size: 1 }] } satisfies ObjectEntry);
    const names = { Bucket: 'lockb', Key: 'k' };
    await rejectsCode(Promise.resolve(ops.GetObjectRetention!(ctx('GetObjectRetention'), names)), 'NoSuchObjectLockConfiguration');
    await rejectsCode(Promise.resolve(ops.GetObjectLegalHold!(ctx('GetObjectLegalHold'), names)), 'NoSuchObjectLockConfiguration');
    const until = new Date(Date.now() + DAY);
    await ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until } });
    assert.deepEqual(await ops.GetObjectRetention!(ctx('GetObjectRetention'), names), { Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until } });
    // Shortening GOVERNANCE needs the bypass (and the permission).
    const shorter = new Date(Date.now() + DAY / 2);
    await rejectsCode(Promise.resolve(ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: shorter } })), 'AccessDenied');
    await rejectsCode(
      Promise.resolve(ops.PutObjectRetention!(ctx('PutObjectRetention', { authorizeAlso: async () => 'no' }), { ...names, BypassGovernanceRetention: true, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: shorter } })),
      'AccessDenied',
    );
    await ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, BypassGovernanceRetention: true, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: shorter } });
    // GOVERNANCE → COMPLIANCE while extending: allowed; then COMPLIANCE cannot be shortened, removed or changed.
    await ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until } });
    await rejectsCode(Promise.resolve(ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, BypassGovernanceRetention: true, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: shorter } })), 'AccessDenied');
    await rejectsCode(Promise.resolve(ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, BypassGovernanceRetention: true, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until } })), 'AccessDenied');
    await rejectsCode(Promise.resolve(ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, BypassGovernanceRetention: true, Retention: {} })), 'AccessDenied');
    await rejectsCode(Promise.resolve(ops.PutObjectRetention!(ctx('PutObjectRetention'), { ...names, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() - 1000) } })), 'InvalidArgument');
    await ops.PutObjectLegalHold!(ctx('PutObjectLegalHold'), { ...names, LegalHold: { Status: 'ON' } });
    assert.deepEqual(await ops.GetObjectLegalHold!(ctx('GetObjectLegalHold'), { ...names, VersionId: 'v1' }), { LegalHold: { Status: 'ON' } });
    const stored = await findObject(store, 'lockb', 'k');
    assert.deepEqual(stored?.Versions[0]?.Lock, { Mode: 'COMPLIANCE', RetainUntil: until.toISOString(), LegalHold: 'ON' });
    // Without Object Lock on the bucket.
    await store.put(S3_SCOPE, BUCKET_KIND, 'plainb', bucketRecord({ Name: 'plainb' }));
    await rejectsCode(Promise.resolve(ops.GetObjectRetention!(ctx('GetObjectRetention'), { Bucket: 'plainb', Key: 'k' })), 'InvalidRequest', 'Bucket is missing Object Lock Configuration');
  });

  test('access log: formatting helpers and a delivered log object', async () => {
    assert.equal(logTime(new Date('2019-02-06T00:00:38Z')), '[06/Feb/2019:00:00:38 +0000]');
    assert.equal(logObjectTime(new Date('2019-02-06T00:00:38Z')), '2019-02-06-00-00-38');
    assert.equal(logOperation('PUT', true, ''), 'REST.PUT.OBJECT');
    assert.equal(logOperation('GET', false, 'versioning'), 'REST.GET.VERSIONING');
    assert.equal(logOperation('PUT', true, 'partNumber=1&uploadId=x'), 'REST.PUT.PART');
    assert.equal(logOperation('GET', false, 'list-type=2'), 'REST.GET.BUCKET');

    await store.put(S3_SCOPE, BUCKET_KIND, 'src', bucketRecord({ Name: 'src', Logging: { TargetBucket: 'logs', TargetPrefix: 'p/' } }));
    await store.put(S3_SCOPE, BUCKET_KIND, 'logs', bucketRecord({ Name: 'logs' }));
    const observer = s3AccessLogObserver(store, blobs, { masterKey, intervalMs: 60_000 });
    const req = { method: 'PUT', path: '/src/a%20b.txt', rawQuery: '', headers: { host: 'localhost', 'user-agent': 'ua', authorization: 'AWS4-HMAC-SHA256 x' }, body: Buffer.from('hello'), sourceIp: '127.0.0.1', secure: false };
    observer({ ctx: ctx('PutObject'), service: 's3', operation: 'PutObject', req, response: { status: 200, headers: { 'x-amz-version-id': 'null' }, body: '' } });
    observer({ service: 'kms', req });
    await observer.flush();
    await observer.stop();
    const listed = await store.list(S3_SCOPE, OBJECT_KIND, { prefix: 'logs/' });
    assert.equal(listed.items.length, 1);
    const entry = listed.items[0]!.value as ObjectEntry;
    assert.match(entry.Key, /^p\/\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9A-F]{16}$/);
    const version = entry.Versions[0]!;
    const text = (await blobs.readAll(version.BlobId!, { key: await decryptionKey(ctx('GetObject'), bucketRecord({ Name: 'logs' }), entry.Key, version) })).toString();
    const fields = text.trim().split(' ');
    assert.equal(fields[0], canonicalUserId(ACCOUNT));
    assert.equal(fields[1], 'src');
    assert.equal(fields[5], ROOT.arn);
    assert.match(text, / REST\.PUT\.OBJECT a%20b\.txt "PUT \/src\/a%20b\.txt HTTP\/1\.1" 200 - - 5 /);
    assert.match(text, / SigV4 - AuthHeader localhost - - -\n$/);
  });
});
