import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { before, describe, test } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, ListPublicKeysCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, iam, rejectsWith } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, suiteServer } from '../support/server.js';
import { gzippedJson, keysUnder, trailBucketPolicy } from '../support/trail-delivery.js';

/**
 * Log file integrity validation: digest files chained and signed as the AWS CLI's
 * `cloudtrail validate-logs` verifies them (it is the oracle), the public keys it finds with
 * ListPublicKeys, and what it reports once a log file is overwritten or deleted.
 */
const ACCOUNT = '000000000000';
const BUCKET = 'validated-logs';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/validated`;
const DIGEST_KEY = /^AWSLogs\/000000000000\/CloudTrail-Digest\/us-east-1\/\d{4}\/\d{2}\/\d{2}\/000000000000_CloudTrail-Digest_us-east-1_validated_us-east-1_\d{8}T\d{6}Z\.json\.gz$/;

type Digest = Record<string, any>;

describe('CloudTrail digest files and log file validation', () => {
  const bulwark = suiteServer(['--cloudtrail-delivery-seconds', '3600']);
  const ct = () => new CloudTrailClient(clientConfig(bulwark.endpoint));
  const s3 = () => new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
  const startedAt = new Date(Date.now() - 60_000).toISOString().slice(0, 19) + 'Z';
  const digests = async () => (await keysUnder(s3(), BUCKET, 'AWSLogs/')).filter((k) => k.includes('/CloudTrail-Digest/'));
  const logs = async () => (await keysUnder(s3(), BUCKET, 'AWSLogs/')).filter((k) => k.includes('/CloudTrail/'));
  const validate = () => runAwsCli(bulwark.endpoint, ['cloudtrail', 'validate-logs', '--trail-arn', TRAIL_ARN, '--start-time', startedAt, '--verbose']);

  before(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3().send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: trailBucketPolicy(BUCKET) }));
    await ct().send(new CreateTrailCommand({ Name: 'validated', S3BucketName: BUCKET, EnableLogFileValidation: true }));
    await ct().send(new StartLoggingCommand({ Name: 'validated' }));
    for (const round of [1, 2, 3]) {
      await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: `validated-${round}` }));
      await bulwark.cloudTrail!.deliverNow();
    }
    await bulwark.cloudTrail!.deliverNow(); // a digest file with no log file in it
  });

  test('every delivery leaves a signed digest file that names the previous one and the new log files', async () => {
    const keys = (await digests()).sort();
    assert.equal(keys.length, 4);
    for (const key of keys) assert.match(key, DIGEST_KEY);
    const chain = await Promise.all(keys.map((key) => gzippedJson<Digest>(s3(), BUCKET, key)));
    const [first, second, , last] = chain as [Digest, Digest, Digest, Digest];
    assert.deepEqual(Object.keys(first), [
      'awsAccountId', 'digestStartTime', 'digestEndTime', 'digestS3Bucket', 'digestS3Object', 'digestPublicKeyFingerprint', 'digestSignatureAlgorithm',
      'newestEventTime', 'oldestEventTime', 'previousDigestS3Bucket', 'previousDigestS3Object', 'previousDigestHashValue', 'previousDigestHashAlgorithm',
      'previousDigestSignature', 'logFiles',
    ]);
    assert.equal(first.previousDigestSignature, null);
    assert.equal(first.previousDigestS3Object, null);
    assert.equal(first.digestS3Object, keys[0]);
    assert.equal(first.digestSignatureAlgorithm, 'SHA256withRSA');
    assert.equal(first.logFiles.length, 1);
    assert.equal(second.previousDigestS3Object, keys[0]);
    assert.equal(second.digestStartTime, first.digestEndTime);
    assert.equal(last.logFiles.length, 0);
    assert.equal(last.newestEventTime, null);

    // The log file's hash is the SHA-256 of its uncompressed bytes.
    const log = first.logFiles[0];
    const object = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: log.s3Object }));
    const { gunzipSync } = await import('node:zlib');
    const raw = gunzipSync(Buffer.from(await object.Body!.transformToByteArray()));
    assert.equal(createHash('sha256').update(raw).digest('hex'), log.hashValue);
    assert.equal(log.hashAlgorithm, 'SHA-256');

    // The signature verifies with the public key ListPublicKeys gives for its fingerprint.
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: keys[1]! }));
    assert.equal(head.Metadata?.['signature-algorithm'], 'SHA256withRSA');
    assert.equal(head.ServerSideEncryption, 'AES256');
    const published = await ct().send(new ListPublicKeysCommand({ StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date() }));
    const key = published.PublicKeyList!.find((k) => k.Fingerprint === second.digestPublicKeyFingerprint)!;
    assert.ok(key, 'the signing key is published');
    assert.equal(createHash('md5').update(key.Value!).digest('hex'), key.Fingerprint);
    assert.ok(key.ValidityStartTime! <= new Date() && key.ValidityEndTime! > new Date());
    const digestText = gunzipSync(Buffer.from(await (await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: keys[1]! }))).Body!.transformToByteArray()));
    const signed = `${second.digestEndTime}\n${BUCKET}/${keys[1]}\n${createHash('sha256').update(digestText).digest('hex')}\n${second.previousDigestSignature}`;
    const publicKey = createPublicKey({ key: Buffer.from(key.Value!), format: 'der', type: 'pkcs1' });
    assert.ok(verify('sha256', Buffer.from(signed), publicKey, Buffer.from(head.Metadata!.signature!, 'hex')));
    assert.equal(second.previousDigestSignature, (await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: keys[0]! }))).Metadata!.signature);
  });

  test('ListPublicKeys: the current key by default; a range that ends before it started finds none; an inverted range is refused', async () => {
    const now = await ct().send(new ListPublicKeysCommand({}));
    assert.equal(now.PublicKeyList!.length, 1);
    const old = await ct().send(new ListPublicKeysCommand({ StartTime: new Date('2015-01-01T00:00:00Z'), EndTime: new Date('2015-01-02T00:00:00Z') }));
    assert.deepEqual(old.PublicKeyList, []);
    await rejectsWith(ct().send(new ListPublicKeysCommand({ StartTime: new Date(), EndTime: new Date(Date.now() - 86_400_000) })), 'InvalidTimeRangeException', 400);
    const other = await new CloudTrailClient({ ...clientConfig(bulwark.endpoint), region: 'eu-west-1' }).send(new ListPublicKeysCommand({}));
    assert.notEqual(other.PublicKeyList![0]!.Fingerprint, now.PublicKeyList![0]!.Fingerprint, 'each Region has its own key');
    const madeUp = await new CloudTrailClient({ ...clientConfig(bulwark.endpoint), region: 'nowhere' }).send(new ListPublicKeysCommand({}));
    assert.deepEqual(madeUp.PublicKeyList, [], 'no key is made for a name that is not a Region');
  });

  const why = pythonToolsMissing();
  const skip = why ? `aws cloudtrail validate-logs is the oracle here: ${why}` : false;

  test('aws cloudtrail validate-logs finds every digest and log file valid', { skip }, async () => {
    const result = await validate();
    assert.equal(result.status, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /4\/4 digest files valid/);
    assert.match(result.stdout, /3\/3 log files valid/);
    assert.doesNotMatch(result.stdout + result.stderr, /INVALID/);
  });

  test('an overwritten log file, a deleted one and a deleted digest file are each reported INVALID', { skip }, async () => {
    const [first, second, third] = (await logs()).sort();
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: first!, Body: gzipSync('{"Records":[]}') }));
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: second! }));
    let result = await validate();
    assert.equal(result.status, 1, result.stdout);
    assert.ok(result.stderr.includes(`Log file\ts3://${BUCKET}/${first}\tINVALID: hash value doesn't match`), result.stderr);
    assert.ok(result.stderr.includes(`Log file\ts3://${BUCKET}/${second}\tINVALID: not found`), result.stderr);
    assert.match(result.stdout, /1\/3 log files valid, 2\/3 log files INVALID/);
    assert.ok(third);

    const middle = (await digests()).sort()[1]!;
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: middle }));
    result = await validate();
    assert.ok(result.stderr.includes(`Digest file\ts3://${BUCKET}/${middle}\tINVALID: not found`), result.stderr);
    assert.match(result.stdout, /3\/4 digest files valid, 1\/4 digest files INVALID/);
  });
});
