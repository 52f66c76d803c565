import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { clientConfig } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';

const MiB = 1024 * 1024;
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('S3 objects through real clients', () => {
  const server = suiteServer();
  const work = mkdtempSync(join(tmpdir(), 'bulwark-s3-clients-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const s3 = (): S3Client => new S3Client({ ...clientConfig(server.endpoint), forcePathStyle: true });
  const skip = pythonToolsMissing();

  test('SDK v3 lib-storage Upload of a 12 MB stream (multipart), read back', async () => {
    const c = s3();
    await c.send(new CreateBucketCommand({ Bucket: 'lib-storage' }));
    const data = randomBytes(12 * MiB);
    const chunks = function* () {
      for (let i = 0; i < data.length; i += 256 * 1024) yield data.subarray(i, i + 256 * 1024);
    };
    const upload = new Upload({ client: c, params: { Bucket: 'lib-storage', Key: 'streamed.bin', Body: Readable.from(chunks()) }, partSize: 5 * MiB, queueSize: 2 });
    const done = await upload.done();
    assert.match(String(done.ETag), /-3"$/);
    const got = await c.send(new GetObjectCommand({ Bucket: 'lib-storage', Key: 'streamed.bin' }));
    assert.equal(got.ContentLength, data.length);
    assert.equal(sha256(Buffer.from(await got.Body!.transformToByteArray())), sha256(data));
  });

  test('AWS CLI v1: s3 cp (small and multipart), ls, sync, rm --recursive', { skip }, async () => {
    const cli = (...args: string[]) => runAwsCli(server.endpoint, args);
    const mb = await cli('s3', 'mb', 's3://cli-objects');
    assert.equal(mb.status, 0, mb.stderr);
    const small = join(work, 'small.txt');
    writeFileSync(small, 'hello from the cli\n');
    const large = join(work, 'large.bin');
    const largeData = randomBytes(20 * MiB);
    writeFileSync(large, largeData);
    let r = await cli('s3', 'cp', small, 's3://cli-objects/small.txt');
    assert.equal(r.status, 0, r.stderr);
    r = await cli('s3', 'cp', large, 's3://cli-objects/big/large.bin');
    assert.equal(r.status, 0, r.stderr);
    const head = await s3().send(new HeadObjectCommand({ Bucket: 'cli-objects', Key: 'big/large.bin' }));
    assert.equal(head.ContentLength, largeData.length);
    assert.match(String(head.ETag), /-\d+"$/, 'a 20 MB cp is a multipart upload');
    const back = join(work, 'large.back');
    r = await cli('s3', 'cp', 's3://cli-objects/big/large.bin', back);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sha256(readFileSync(back)), sha256(largeData));
    // sync a directory with nested files
    const tree = join(work, 'tree');
    mkdirSync(join(tree, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(tree, 'top.txt'), 'top');
    writeFileSync(join(tree, 'nested', 'mid.txt'), 'mid');
    writeFileSync(join(tree, 'nested', 'deeper', 'low file.txt'), 'low');
    r = await cli('s3', 'sync', tree, 's3://cli-objects/tree');
    assert.equal(r.status, 0, r.stderr);
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: 'cli-objects', Prefix: 'tree/' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), ['tree/nested/deeper/low file.txt', 'tree/nested/mid.txt', 'tree/top.txt']);
    r = await cli('s3', 'sync', tree, 's3://cli-objects/tree');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '', 'a second sync uploads nothing');
    r = await cli('s3', 'ls', 's3://cli-objects');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /PRE big\//);
    assert.match(r.stdout, /PRE tree\//);
    assert.match(r.stdout, /\s19 small\.txt/);
    r = await cli('s3', 'ls', 's3://cli-objects', '--recursive');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /tree\/nested\/deeper\/low file\.txt/);
    assert.match(r.stdout, new RegExp(`\\s${largeData.length} big/large\\.bin`));
    r = await cli('s3', 'rm', 's3://cli-objects', '--recursive');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await s3().send(new ListObjectsV2Command({ Bucket: 'cli-objects' }))).KeyCount, 0);
  });

  test('boto3 upload_file (multipart) and download_file round trip', { skip }, async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'boto3-objects' }));
    const source = join(work, 'boto-source.bin');
    const target = join(work, 'boto-target.bin');
    const data = randomBytes(20 * MiB);
    writeFileSync(source, data);
    const r = await runBoto3(
      server.endpoint,
      [
        's3 = client("s3")',
        `s3.upload_file(${JSON.stringify(source)}, "boto3-objects", "dir/uploaded.bin")`,
        'head = s3.head_object(Bucket="boto3-objects", Key="dir/uploaded.bin")',
        `s3.download_file("boto3-objects", "dir/uploaded.bin", ${JSON.stringify(target)})`,
        'print(json.dumps({"etag": head["ETag"], "length": head["ContentLength"]}))',
      ].join('\n'),
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { etag: string; length: number };
    assert.equal(out.length, data.length);
    assert.match(out.etag, /-\d+"$/);
    assert.equal(sha256(readFileSync(target)), sha256(data));
  });
});
