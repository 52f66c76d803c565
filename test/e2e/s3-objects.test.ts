import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { describe, test } from 'node:test';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  DeleteObjectsCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { rootPrincipal } from '../../src/accounts/principal.js';
import { OBJECT_KIND, S3_SCOPE, type ObjectEntry } from '../../src/services/s3/common.js';
import { checksumOf } from '../../src/services/s3/checksums.js';
import { objectOperations } from '../../src/services/s3/object-operations.js';
import { requestContext } from '../support/request-context.js';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

describe('S3 objects', () => {
  const server = suiteServer();
  let n = 0;
  const s3 = (): S3Client => new S3Client({ ...clientConfig(server.endpoint), forcePathStyle: true });
  const bucket = async (versioned = false): Promise<string> => {
    const name = `objects-${++n}-${Date.now() % 100000}`;
    const c = s3();
    await c.send(new CreateBucketCommand({ Bucket: name }));
    if (versioned) await c.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    return name;
  };
  const text = async (c: S3Client, input: { Bucket: string; Key: string; VersionId?: string; Range?: string; PartNumber?: number }) => {
    const out = await c.send(new GetObjectCommand(input));
    return { out, body: await out.Body!.transformToString() };
  };

  test('PutObject / GetObject / HeadObject round trip with metadata and headers', async () => {
    const c = s3();
    const b = await bucket();
    const put = await c.send(
      new PutObjectCommand({
        Bucket: b,
        Key: 'dir/hello.txt',
        Body: 'hello world',
        ContentType: 'text/plain',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="x.txt"',
        ContentLanguage: 'en',
        Metadata: { Color: 'blue' },
      }),
    );
    assert.equal(put.ETag, `"${md5('hello world')}"`);
    assert.equal(put.VersionId, undefined);
    const { out, body } = await text(c, { Bucket: b, Key: 'dir/hello.txt' });
    assert.equal(body, 'hello world');
    assert.equal(out.ContentType, 'text/plain');
    assert.equal(out.CacheControl, 'max-age=60');
    assert.equal(out.ContentDisposition, 'attachment; filename="x.txt"');
    assert.equal(out.ContentLanguage, 'en');
    assert.equal(out.ContentLength, 11);
    assert.equal(out.AcceptRanges, 'bytes');
    assert.equal(out.ETag, put.ETag);
    assert.equal(out.Metadata?.color, 'blue');
    assert.ok(out.LastModified instanceof Date);
    const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'dir/hello.txt' }));
    assert.equal(head.ContentLength, 11);
    assert.equal(head.ETag, put.ETag);
    assert.equal(head.Metadata?.color, 'blue');
  });

  test('default content type, empty object, binary body, virtual-hosted style', async () => {
    const b = await bucket();
    const c = s3();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'empty', Body: '' }));
    const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'empty' }));
    assert.equal(head.ContentLength, 0);
    assert.equal(head.ETag, `"${md5('')}"`);
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
    // Virtual-hosted style: `<bucket>.localhost` resolved to the loopback address whatever the resolver says.
    const lookup = (_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
      options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
    const httpAgent = new Agent({ lookup } as ConstructorParameters<typeof Agent>[0]);
    const vhost = new S3Client({ ...clientConfig(server.endpoint.replace('127.0.0.1', 'localhost')), forcePathStyle: false, requestHandler: { httpAgent } });
    await vhost.send(new PutObjectCommand({ Bucket: b, Key: 'bin/a b+c.dat', Body: bytes }));
    const got = await c.send(new GetObjectCommand({ Bucket: b, Key: 'bin/a b+c.dat' }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);
  });

  test('missing keys, buckets and delete markers', async () => {
    const c = s3();
    const b = await bucket();
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'nope' })), 'NoSuchKey', 404, 'The specified key does not exist.');
    await rejectsWith(c.send(new HeadObjectCommand({ Bucket: b, Key: 'nope' })), 'NotFound', 404);
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: 'no-such-bucket-xyz', Key: 'k' })), 'NoSuchBucket', 404);
  });

  test('Range reads: a-b, a-, -n, unsatisfiable', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'r', Body: '0123456789' }));
    let r = await text(c, { Bucket: b, Key: 'r', Range: 'bytes=2-5' });
    assert.equal(r.body, '2345');
    assert.equal(r.out.ContentRange, 'bytes 2-5/10');
    assert.equal(r.out.ContentLength, 4);
    r = await text(c, { Bucket: b, Key: 'r', Range: 'bytes=7-' });
    assert.equal(r.body, '789');
    r = await text(c, { Bucket: b, Key: 'r', Range: 'bytes=-3' });
    assert.equal(r.body, '789');
    r = await text(c, { Bucket: b, Key: 'r', Range: 'bytes=5-100' });
    assert.equal(r.body, '56789');
    assert.equal(r.out.ContentRange, 'bytes 5-9/10');
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'r', Range: 'bytes=10-12' })), 'InvalidRange', 416, 'The requested range is not satisfiable');
    r = await text(c, { Bucket: b, Key: 'r', Range: 'bytes=abc' });
    assert.equal(r.body, '0123456789');
  });

  test('non-ASCII user metadata is signed as UTF-8 and returned RFC 2047-encoded, as S3 does', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'u', Body: 'x', Metadata: { u: 'héllo', w: '=?UTF-8?B?d8O2cmxk?=' } }));
    const meta = (await c.send(new HeadObjectCommand({ Bucket: b, Key: 'u' }))).Metadata!;
    assert.equal(meta.u, `=?UTF-8?B?${Buffer.from('héllo').toString('base64')}?=`);
    assert.equal(meta.w, `=?UTF-8?B?${Buffer.from('wörld').toString('base64')}?=`);
  });

  test('a range read answers 206', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'r', Body: '0123456789' }));
    const r = await text(c, { Bucket: b, Key: 'r', Range: 'bytes=0-1' });
    assert.equal(r.out.$metadata.httpStatusCode, 206);
  });

  test('conditional reads: If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since', async () => {
    const c = s3();
    const b = await bucket();
    const put = await c.send(new PutObjectCommand({ Bucket: b, Key: 'c', Body: 'cond' }));
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    assert.equal((await text(c, { Bucket: b, Key: 'c', IfMatch: put.ETag } as never)).body, 'cond');
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfMatch: '"0000"' })), 'PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold');
    await assert.rejects(c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfNoneMatch: put.ETag })), (err: S3ServiceException) => {
      assert.equal(err.$metadata.httpStatusCode, 304);
      assert.equal(err.$response?.headers.etag, put.ETag);
      return true;
    });
    await assert.rejects(c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfModifiedSince: future })), (err: S3ServiceException) => err.$metadata.httpStatusCode === 304);
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfUnmodifiedSince: past })), 'PreconditionFailed', 412);
    // If-Match true wins over a false If-Unmodified-Since; If-None-Match true wins over a false If-Modified-Since.
    await c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfMatch: put.ETag, IfUnmodifiedSince: past }));
    await c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfNoneMatch: '"other"', IfModifiedSince: future }));
    await c.send(new GetObjectCommand({ Bucket: b, Key: 'c', IfModifiedSince: past }));
    await assert.rejects(c.send(new HeadObjectCommand({ Bucket: b, Key: 'c', IfMatch: '"x"' })), (err: S3ServiceException) => err.$metadata.httpStatusCode === 412);
  });

  test('conditional writes: If-None-Match * and If-Match', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'w', Body: 'one', IfNoneMatch: '*' }));
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'w', Body: 'two', IfNoneMatch: '*' })), 'PreconditionFailed', 412);
    const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'w' }));
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'w', Body: 'three', IfMatch: head.ETag }));
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'w', Body: 'four', IfMatch: head.ETag })), 'PreconditionFailed', 412);
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'absent', Body: 'x', IfMatch: '"abc"' })), 'NoSuchKey', 404);
    assert.equal((await text(c, { Bucket: b, Key: 'w' })).body, 'three');
  });

  test('response-* overrides', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'o', Body: 'x', ContentType: 'text/plain' }));
    const out = await c.send(
      new GetObjectCommand({ Bucket: b, Key: 'o', ResponseContentType: 'application/json', ResponseContentDisposition: 'inline', ResponseCacheControl: 'no-cache' }),
    );
    assert.equal(out.ContentType, 'application/json');
    assert.equal(out.ContentDisposition, 'inline');
    assert.equal(out.CacheControl, 'no-cache');
  });

  test('Content-MD5 and additional checksums', async () => {
    const c = s3();
    const b = await bucket();
    const body = 'checksummed body';
    const good = createHash('md5').update(body).digest('base64');
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'm', Body: body, ContentMD5: good }));
    await rejectsWith(
      c.send(new PutObjectCommand({ Bucket: b, Key: 'm', Body: body, ContentMD5: createHash('md5').update('other').digest('base64') })),
      'BadDigest',
      400,
      'The Content-MD5 you specified did not match what we received.',
    );
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'm', Body: body, ContentMD5: 'nope' })), 'InvalidDigest', 400);
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const value = checksumOf(algorithm, Buffer.from(body));
      const put = await c.send(new PutObjectCommand({ Bucket: b, Key: `k-${algorithm}`, Body: body, [`Checksum${algorithm}`]: value }));
      assert.equal((put as unknown as Record<string, unknown>)[`Checksum${algorithm}`], value, algorithm);
      const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: `k-${algorithm}`, ChecksumMode: 'ENABLED' }));
      assert.equal((head as unknown as Record<string, unknown>)[`Checksum${algorithm}`], value, algorithm);
      assert.equal(head.ChecksumType, 'FULL_OBJECT');
      const got = await c.send(new GetObjectCommand({ Bucket: b, Key: `k-${algorithm}`, ChecksumMode: 'ENABLED' }));
      assert.equal(await got.Body!.transformToString(), body);
      const wrong = checksumOf(algorithm, Buffer.from('something else'));
      await rejectsWith(
        c.send(new PutObjectCommand({ Bucket: b, Key: `k-${algorithm}`, Body: body, [`Checksum${algorithm}`]: wrong })),
        'BadDigest',
        400,
        `The ${algorithm} you specified did not match the calculated checksum.`,
      );
    }
    const asked = await c.send(new PutObjectCommand({ Bucket: b, Key: 'alg', Body: body, ChecksumAlgorithm: 'SHA256' }));
    assert.equal(asked.ChecksumSHA256, checksumOf('SHA256', Buffer.from(body)));
    const attrs = await c.send(new GetObjectAttributesCommand({ Bucket: b, Key: 'alg', ObjectAttributes: ['ETag', 'Checksum', 'ObjectSize', 'StorageClass'] }));
    assert.equal(attrs.ETag, md5(body));
    assert.equal(attrs.ObjectSize, body.length);
    assert.equal(attrs.StorageClass, 'STANDARD');
    assert.equal(attrs.Checksum?.ChecksumSHA256, checksumOf('SHA256', Buffer.from(body)));
  });

  test('metadata limit, storage class, tagging header', async () => {
    const c = s3();
    const b = await bucket();
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'big', Body: 'x', Metadata: { big: 'v'.repeat(2100) } })), 'MetadataTooLarge', 400);
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'ia', Body: 'x', StorageClass: 'STANDARD_IA', Tagging: 'a=1&b=two%20words' }));
    const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'ia' }));
    assert.equal(head.StorageClass, 'STANDARD_IA');
    const got = await c.send(new GetObjectCommand({ Bucket: b, Key: 'ia' }));
    assert.equal(got.TagCount, 2);
    const tags = await c.send(new GetObjectTaggingCommand({ Bucket: b, Key: 'ia' }));
    assert.deepEqual(tags.TagSet, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: 'two words' }]);
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 't', Body: 'x', Tagging: eleven })), 'BadRequest', 400, 'Object tags cannot be greater than 10');
  });

  test('object tagging operations', async () => {
    const c = s3();
    const b = await bucket(true);
    const v1 = await c.send(new PutObjectCommand({ Bucket: b, Key: 't', Body: 'one' }));
    const v2 = await c.send(new PutObjectCommand({ Bucket: b, Key: 't', Body: 'two' }));
    const put = await c.send(new PutObjectTaggingCommand({ Bucket: b, Key: 't', VersionId: v1.VersionId, Tagging: { TagSet: [{ Key: 'env', Value: 'prod' }] } }));
    assert.equal(put.VersionId, v1.VersionId);
    assert.deepEqual((await c.send(new GetObjectTaggingCommand({ Bucket: b, Key: 't', VersionId: v1.VersionId }))).TagSet, [{ Key: 'env', Value: 'prod' }]);
    const latest = await c.send(new GetObjectTaggingCommand({ Bucket: b, Key: 't' }));
    assert.equal(latest.VersionId, v2.VersionId);
    assert.deepEqual(latest.TagSet, []);
    await rejectsWith(
      c.send(new PutObjectTaggingCommand({ Bucket: b, Key: 't', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })),
      'InvalidTag',
      400,
      'Cannot provide multiple Tags with the same key',
    );
    await rejectsWith(c.send(new PutObjectTaggingCommand({ Bucket: b, Key: 't', Tagging: { TagSet: [{ Key: 'aws:x', Value: '1' }] } })), 'InvalidTag', 400);
    await rejectsWith(
      c.send(new PutObjectTaggingCommand({ Bucket: b, Key: 't', Tagging: { TagSet: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) } })),
      'BadRequest',
      400,
    );
    await c.send(new DeleteObjectTaggingCommand({ Bucket: b, Key: 't', VersionId: v1.VersionId }));
    assert.deepEqual((await c.send(new GetObjectTaggingCommand({ Bucket: b, Key: 't', VersionId: v1.VersionId }))).TagSet, []);
    await rejectsWith(c.send(new GetObjectTaggingCommand({ Bucket: b, Key: 'none' })), 'NoSuchKey', 404);
  });

  test('versioning: versions, delete markers, permanent deletes', async () => {
    const c = s3();
    const b = await bucket(true);
    const v1 = await c.send(new PutObjectCommand({ Bucket: b, Key: 'v', Body: 'first' }));
    const v2 = await c.send(new PutObjectCommand({ Bucket: b, Key: 'v', Body: 'second' }));
    assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
    assert.equal((await text(c, { Bucket: b, Key: 'v' })).body, 'second');
    assert.equal((await text(c, { Bucket: b, Key: 'v', VersionId: v1.VersionId })).body, 'first');
    const del = await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'v' }));
    assert.equal(del.DeleteMarker, true);
    assert.ok(del.VersionId);
    await assert.rejects(c.send(new GetObjectCommand({ Bucket: b, Key: 'v' })), (err: S3ServiceException) => {
      assert.equal(err.name, 'NoSuchKey');
      assert.equal(err.$response?.headers['x-amz-delete-marker'], 'true');
      return true;
    });
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'v', VersionId: del.VersionId })), 'MethodNotAllowed', 405);
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'v', VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })), 'NoSuchVersion', 404);
    const versions = await c.send(new ListObjectVersionsCommand({ Bucket: b }));
    assert.deepEqual(versions.Versions?.map((v) => [v.VersionId, v.IsLatest]), [
      [v2.VersionId, false],
      [v1.VersionId, false],
    ]);
    assert.deepEqual(versions.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest]), [[del.VersionId, true]]);
    const removeMarker = await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'v', VersionId: del.VersionId }));
    assert.equal(removeMarker.DeleteMarker, true);
    assert.equal(removeMarker.VersionId, del.VersionId);
    assert.equal((await text(c, { Bucket: b, Key: 'v' })).body, 'second');
    const removed = await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'v', VersionId: v2.VersionId }));
    assert.equal(removed.VersionId, v2.VersionId);
    assert.equal((await text(c, { Bucket: b, Key: 'v' })).body, 'first');
    // Suspended: writes become the null version, replacing the previous null version.
    await c.send(new PutBucketVersioningCommand({ Bucket: b, VersioningConfiguration: { Status: 'Suspended' } }));
    const n1 = await c.send(new PutObjectCommand({ Bucket: b, Key: 'v', Body: 'null-1' }));
    assert.equal(n1.VersionId, 'null');
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'v', Body: 'null-2' }));
    const after = await c.send(new ListObjectVersionsCommand({ Bucket: b, Prefix: 'v' }));
    assert.deepEqual(after.Versions?.map((v) => v.VersionId), ['null', v1.VersionId]);
    assert.equal((await text(c, { Bucket: b, Key: 'v', VersionId: 'null' })).body, 'null-2');
  });

  test('unversioned delete is idempotent; DeleteObjects with quiet mode and errors', async () => {
    const c = s3();
    const b = await bucket();
    const del = await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'never' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    for (const k of ['a', 'b', 'c']) await c.send(new PutObjectCommand({ Bucket: b, Key: k, Body: k }));
    const out = await c.send(new DeleteObjectsCommand({ Bucket: b, Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'zz' }] } }));
    assert.deepEqual(out.Deleted?.map((d) => d.Key).sort(), ['a', 'b', 'zz']);
    assert.equal(out.Errors, undefined);
    const quiet = await c.send(new DeleteObjectsCommand({ Bucket: b, Delete: { Objects: [{ Key: 'c' }], Quiet: true } }));
    assert.equal(quiet.Deleted, undefined);
    const listed = await c.send(new ListObjectsV2Command({ Bucket: b }));
    assert.equal(listed.KeyCount, 0);
    const vb = await bucket(true);
    await c.send(new PutObjectCommand({ Bucket: vb, Key: 'x', Body: 'x' }));
    const markers = await c.send(new DeleteObjectsCommand({ Bucket: vb, Delete: { Objects: [{ Key: 'x' }] } }));
    assert.equal(markers.Deleted?.[0]?.DeleteMarker, true);
    assert.ok(markers.Deleted?.[0]?.DeleteMarkerVersionId);
  });

  test('CopyObject: copy, metadata directives, tagging, versions, self-copy rule, conditions', async () => {
    const c = s3();
    const src = await bucket(true);
    const dst = await bucket();
    const v1 = await c.send(new PutObjectCommand({ Bucket: src, Key: 'dir/src file.txt', Body: 'source-1', ContentType: 'text/plain', Metadata: { a: '1' }, Tagging: 'k=v' }));
    await c.send(new PutObjectCommand({ Bucket: src, Key: 'dir/src file.txt', Body: 'source-2', ContentType: 'text/plain', Metadata: { a: '2' } }));
    const copy = await c.send(new CopyObjectCommand({ Bucket: dst, Key: 'copy', CopySource: `${src}/${encodeURIComponent('dir/src file.txt')}` }));
    assert.equal(copy.CopyObjectResult?.ETag, `"${md5('source-2')}"`);
    assert.ok(copy.CopyObjectResult?.LastModified instanceof Date);
    assert.ok(copy.CopySourceVersionId);
    const got = await text(c, { Bucket: dst, Key: 'copy' });
    assert.equal(got.body, 'source-2');
    assert.equal(got.out.ContentType, 'text/plain');
    assert.equal(got.out.Metadata?.a, '2');
    await c.send(new CopyObjectCommand({ Bucket: dst, Key: 'old', CopySource: `${src}/${encodeURIComponent('dir/src file.txt')}?versionId=${v1.VersionId}` }));
    assert.equal((await text(c, { Bucket: dst, Key: 'old' })).body, 'source-1');
    assert.deepEqual((await c.send(new GetObjectTaggingCommand({ Bucket: dst, Key: 'old' }))).TagSet, [{ Key: 'k', Value: 'v' }]);
    await c.send(
      new CopyObjectCommand({
        Bucket: dst,
        Key: 'replaced',
        CopySource: `${src}/dir/src%20file.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/x-new',
        Metadata: { b: 'new' },
        TaggingDirective: 'REPLACE',
        Tagging: 'x=y',
      }),
    );
    const replaced = await c.send(new HeadObjectCommand({ Bucket: dst, Key: 'replaced' }));
    assert.equal(replaced.ContentType, 'application/x-new');
    assert.deepEqual(replaced.Metadata, { b: 'new' });
    await rejectsWith(
      c.send(new CopyObjectCommand({ Bucket: dst, Key: 'copy', CopySource: `${dst}/copy` })),
      'InvalidRequest',
      400,
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
    await c.send(new CopyObjectCommand({ Bucket: dst, Key: 'copy', CopySource: `${dst}/copy`, MetadataDirective: 'REPLACE', Metadata: { c: '3' } }));
    await rejectsWith(c.send(new CopyObjectCommand({ Bucket: dst, Key: 'x', CopySource: `${dst}/missing` })), 'NoSuchKey', 404);
    await rejectsWith(c.send(new CopyObjectCommand({ Bucket: dst, Key: 'x', CopySource: `${dst}/copy`, CopySourceIfMatch: '"nope"' })), 'PreconditionFailed', 412);
    const etag = (await c.send(new HeadObjectCommand({ Bucket: dst, Key: 'copy' }))).ETag;
    await rejectsWith(c.send(new CopyObjectCommand({ Bucket: dst, Key: 'x', CopySource: `${dst}/copy`, CopySourceIfNoneMatch: etag })), 'PreconditionFailed', 412);
    await c.send(new CopyObjectCommand({ Bucket: dst, Key: 'x', CopySource: `${dst}/copy`, CopySourceIfMatch: etag }));
  });

  test('ListObjectsV2: prefix, delimiter, pagination, start-after, url encoding, owner', async () => {
    const c = s3();
    const b = await bucket();
    const keys = ['a.txt', 'dir/one', 'dir/sub/two', 'dir/three', 'e f', 'zeta', 'ü-key'];
    for (const k of keys) await c.send(new PutObjectCommand({ Bucket: b, Key: k, Body: k }));
    const all = await c.send(new ListObjectsV2Command({ Bucket: b }));
    assert.deepEqual(all.Contents?.map((o) => o.Key), [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    assert.equal(all.KeyCount, keys.length);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Contents?.[0]?.Owner, undefined);
    assert.equal(all.Contents?.[0]?.StorageClass, 'STANDARD');
    const rolled = await c.send(new ListObjectsV2Command({ Bucket: b, Delimiter: '/' }));
    assert.deepEqual(rolled.CommonPrefixes?.map((p) => p.Prefix), ['dir/']);
    assert.deepEqual(rolled.Contents?.map((o) => o.Key), ['a.txt', 'e f', 'zeta', 'ü-key']);
    const inside = await c.send(new ListObjectsV2Command({ Bucket: b, Prefix: 'dir/', Delimiter: '/' }));
    assert.deepEqual(inside.Contents?.map((o) => o.Key), ['dir/one', 'dir/three']);
    assert.deepEqual(inside.CommonPrefixes?.map((p) => p.Prefix), ['dir/sub/']);
    // Paging two at a time with a delimiter: the prefix counts once.
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await c.send(new ListObjectsV2Command({ Bucket: b, Delimiter: '/', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      token = page.NextContinuationToken;
      pages++;
      assert.equal(page.IsTruncated, token !== undefined);
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), ['a.txt', 'dir/', 'e f', 'zeta', 'ü-key'].sort());
    const after = await c.send(new ListObjectsV2Command({ Bucket: b, StartAfter: 'dir/three', FetchOwner: true }));
    assert.deepEqual(after.Contents?.map((o) => o.Key), ['e f', 'zeta', 'ü-key']);
    assert.ok(after.Contents?.[0]?.Owner?.ID);
    const encoded = await c.send(new ListObjectsV2Command({ Bucket: b, EncodingType: 'url', Prefix: 'e' }));
    assert.equal(encoded.Contents?.[0]?.Key, 'e+f');
    await rejectsWith(c.send(new ListObjectsV2Command({ Bucket: b, ContinuationToken: 'garbage' })), 'InvalidArgument', 400);
    const zero = await c.send(new ListObjectsV2Command({ Bucket: b, MaxKeys: 0 }));
    assert.equal(zero.KeyCount, 0);
  });

  test('ListObjects V1: marker, NextMarker only with a delimiter', async () => {
    const c = s3();
    const b = await bucket();
    for (const k of ['a', 'b', 'c/1', 'c/2', 'd']) await c.send(new PutObjectCommand({ Bucket: b, Key: k, Body: k }));
    const p1 = await c.send(new ListObjectsCommand({ Bucket: b, MaxKeys: 2 }));
    assert.deepEqual(p1.Contents?.map((o) => o.Key), ['a', 'b']);
    assert.equal(p1.IsTruncated, true);
    assert.equal(p1.NextMarker, undefined);
    assert.ok(p1.Contents?.[0]?.Owner?.ID);
    const p2 = await c.send(new ListObjectsCommand({ Bucket: b, Marker: 'b', MaxKeys: 2, Delimiter: '/' }));
    assert.deepEqual(p2.CommonPrefixes?.map((p) => p.Prefix), ['c/']);
    assert.deepEqual(p2.Contents?.map((o) => o.Key), ['d']);
    assert.equal(p2.IsTruncated, false);
    const p3 = await c.send(new ListObjectsCommand({ Bucket: b, MaxKeys: 3, Delimiter: '/' }));
    assert.equal(p3.IsTruncated, true);
    assert.equal(p3.NextMarker, 'c/');
    const p4 = await c.send(new ListObjectsCommand({ Bucket: b, Marker: p3.NextMarker, Delimiter: '/' }));
    assert.deepEqual(p4.Contents?.map((o) => o.Key), ['d']);
    assert.equal(p4.CommonPrefixes, undefined);
  });

  test('ListObjectVersions paging with KeyMarker / VersionIdMarker', async () => {
    const c = s3();
    const b = await bucket(true);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.unshift((await c.send(new PutObjectCommand({ Bucket: b, Key: 'k', Body: `${i}` }))).VersionId!);
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'm', Body: 'm' }));
    const p1 = await c.send(new ListObjectVersionsCommand({ Bucket: b, MaxKeys: 2 }));
    assert.deepEqual(p1.Versions?.map((v) => v.VersionId), ids.slice(0, 2));
    assert.equal(p1.IsTruncated, true);
    assert.equal(p1.NextKeyMarker, 'k');
    assert.equal(p1.NextVersionIdMarker, ids[1]);
    const p2 = await c.send(new ListObjectVersionsCommand({ Bucket: b, KeyMarker: p1.NextKeyMarker, VersionIdMarker: p1.NextVersionIdMarker }));
    assert.deepEqual(p2.Versions?.map((v) => [v.Key, v.VersionId === ids[2] || v.Key === 'm']), [
      ['k', true],
      ['m', true],
    ]);
    assert.equal(p2.IsTruncated, false);
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'dir/x y', Body: 'd' }));
    await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'dir/x y' }));
    const rolled = await c.send(new ListObjectVersionsCommand({ Bucket: b, Delimiter: '/' }));
    assert.deepEqual(rolled.CommonPrefixes?.map((p) => p.Prefix), ['dir/']);
    assert.deepEqual([...new Set(rolled.Versions?.map((v) => v.Key))], ['k', 'm']);
    const inside = await c.send(new ListObjectVersionsCommand({ Bucket: b, Prefix: 'dir/', EncodingType: 'url' }));
    assert.deepEqual(inside.Versions?.map((v) => [v.Key, v.IsLatest]), [['dir/x+y', false]]);
    assert.deepEqual(inside.DeleteMarkers?.map((v) => [v.Key, v.IsLatest]), [['dir/x+y', true]]);
    // A key whose newest version is a delete marker is not listed.
    assert.deepEqual((await c.send(new ListObjectsV2Command({ Bucket: b }))).Contents?.map((o) => o.Key), ['k', 'm']);
  });

  test('GetObject with partNumber on a single-part object', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'p', Body: 'single' }));
    assert.equal((await text(c, { Bucket: b, Key: 'p', PartNumber: 1 })).body, 'single');
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'p', PartNumber: 2 })), 'InvalidPartNumber', 416);
  });

  test('blobs are deleted once no version or upload names them', async () => {
    const b = await bucket();
    const vb = await bucket(true);
    const ctx = (op: string) => requestContext(server.store, rootPrincipal(server.accountId), 's3', op);
    const call = async (op: string, input: Record<string, unknown>) => objectOperations[op]!(ctx(op), input) as Promise<Record<string, unknown>>;
    const blobOf = async (bucketName: string, key: string, index = 0) =>
      (await server.store.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, `${bucketName}/${key}`))?.value.Versions[index]?.BlobId;
    const blobs = ctx('x').blobs;
    await call('PutObject', { Bucket: b, Key: 'k', Body: Buffer.from('one') });
    const first = (await blobOf(b, 'k'))!;
    assert.ok(await blobs.exists(first));
    await call('PutObject', { Bucket: b, Key: 'k', Body: Buffer.from('two') });
    assert.equal(await blobs.exists(first), false, 'the overwritten null version is gone');
    const second = (await blobOf(b, 'k'))!;
    await call('DeleteObject', { Bucket: b, Key: 'k' });
    assert.equal(await blobs.exists(second), false);
    await call('PutObject', { Bucket: vb, Key: 'v', Body: Buffer.from('kept') });
    const kept = (await blobOf(vb, 'v'))!;
    await call('DeleteObject', { Bucket: vb, Key: 'v' });
    assert.ok(await blobs.exists(kept), 'a delete marker keeps the version');
    const entry = (await server.store.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, `${vb}/v`))!.value;
    await call('DeleteObject', { Bucket: vb, Key: 'v', VersionId: entry.Versions[1]!.VersionId });
    assert.equal(await blobs.exists(kept), false, 'a permanently deleted version is gone');
    const up = await call('CreateMultipartUpload', { Bucket: b, Key: 'mp' });
    await call('UploadPart', { Bucket: b, Key: 'mp', UploadId: up.UploadId, PartNumber: 1, Body: Buffer.from('part') });
    const uploadRec = (await server.store.get<{ Parts: Record<string, { BlobId: string }> }>(S3_SCOPE, 's3:upload', `${b}/${String(up.UploadId)}`))!.value;
    const partBlob = uploadRec.Parts['1']!.BlobId;
    assert.ok(await blobs.exists(partBlob));
    await call('AbortMultipartUpload', { Bucket: b, Key: 'mp', UploadId: up.UploadId });
    assert.equal(await blobs.exists(partBlob), false, 'an aborted upload leaves no parts');
    const up2 = await call('CreateMultipartUpload', { Bucket: b, Key: 'mp' });
    const part = await call('UploadPart', { Bucket: b, Key: 'mp', UploadId: up2.UploadId, PartNumber: 1, Body: Buffer.from('part') });
    const rec2 = (await server.store.get<{ Parts: Record<string, { BlobId: string }> }>(S3_SCOPE, 's3:upload', `${b}/${String(up2.UploadId)}`))!.value;
    await call('CompleteMultipartUpload', { Bucket: b, Key: 'mp', UploadId: up2.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } });
    assert.equal(await blobs.exists(rec2.Parts['1']!.BlobId), false, 'a completed upload leaves no parts');
    const read = await call('GetObject', { Bucket: b, Key: 'mp' });
    const chunks: Buffer[] = [];
    for await (const chunk of read.Body as AsyncIterable<Buffer>) chunks.push(chunk);
    assert.equal(Buffer.concat(chunks).toString(), 'part');
  });

  test('key length, ACLs on a BucketOwnerEnforced bucket', async () => {
    const c = s3();
    const b = await bucket();
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'k'.repeat(1025), Body: 'x' })), 'KeyTooLongError', 400, 'Your key is too long');
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'acl', Body: 'x', ACL: 'public-read' })), 'AccessControlListNotSupported', 400, 'The bucket does not allow ACLs');
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'acl', Body: 'x', ACL: 'bucket-owner-full-control' }));
  });

  test('Object Lock: retained versions cannot be deleted; DeleteObjects reports per key; governance bypass', async () => {
    const c = s3();
    const b = `objects-lock-${Date.now() % 100000}`;
    await c.send(new CreateBucketCommand({ Bucket: b, ObjectLockEnabledForBucket: true }));
    const until = new Date(Date.now() + 3600_000);
    const body = 'locked';
    const md5b64 = createHash('md5').update(body).digest('base64');
    const gov = await c.send(new PutObjectCommand({ Bucket: b, Key: 'gov', Body: body, ContentMD5: md5b64, ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: until }));
    const comp = await c.send(new PutObjectCommand({ Bucket: b, Key: 'comp', Body: body, ContentMD5: md5b64, ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until }));
    const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'gov' }));
    assert.equal(head.ObjectLockMode, 'GOVERNANCE');
    await rejectsWith(c.send(new DeleteObjectCommand({ Bucket: b, Key: 'gov', VersionId: gov.VersionId })), 'AccessDenied', 403);
    const out = await c.send(
      new DeleteObjectsCommand({ Bucket: b, Delete: { Objects: [{ Key: 'gov', VersionId: gov.VersionId }, { Key: 'comp', VersionId: comp.VersionId }, { Key: 'free' }] } }),
    );
    assert.deepEqual(out.Errors?.map((e) => [e.Key, e.Code]), [
      ['gov', 'AccessDenied'],
      ['comp', 'AccessDenied'],
    ]);
    assert.deepEqual(out.Deleted?.map((d) => d.Key), ['free']);
    // Without a version id a delete marker goes on top; the locked version stays.
    const marker = await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'gov' }));
    assert.equal(marker.DeleteMarker, true);
    await c.send(new DeleteObjectCommand({ Bucket: b, Key: 'gov', VersionId: gov.VersionId, BypassGovernanceRetention: true }));
    await rejectsWith(c.send(new DeleteObjectCommand({ Bucket: b, Key: 'comp', VersionId: comp.VersionId, BypassGovernanceRetention: true })), 'AccessDenied', 403);
  });

  test('x-amz-expected-bucket-owner and x-amz-source-expected-bucket-owner: another owner → 403 AccessDenied', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'o', Body: 'x', ExpectedBucketOwner: '000000000000' }));
    await rejectsWith(c.send(new PutObjectCommand({ Bucket: b, Key: 'o', Body: 'x', ExpectedBucketOwner: '111122223333' })), 'AccessDenied', 403);
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: b, Key: 'o', ExpectedBucketOwner: '111122223333' })), 'AccessDenied', 403);
    await rejectsWith(c.send(new CopyObjectCommand({ Bucket: b, Key: 'copy', CopySource: `${b}/o`, ExpectedSourceBucketOwner: '111122223333' })), 'AccessDenied', 403);
    const copied = await c.send(new CopyObjectCommand({ Bucket: b, Key: 'copy', CopySource: `${b}/o`, ExpectedSourceBucketOwner: '000000000000' }));
    assert.ok(copied.CopyObjectResult?.ETag);
  });

  test('a body whose Content-MD5 does not match (DeleteObjects) → 400 BadDigest, nothing deleted', async () => {
    const b = await bucket();
    await s3().send(new PutObjectCommand({ Bucket: b, Key: 'keep', Body: 'x' }));
    const tampering = s3();
    tampering.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['content-md5'] = 'AAAAAAAAAAAAAAAAAAAAAA==';
        return next(args);
      },
      { step: 'build', name: 'badContentMd5' },
    );
    await rejectsWith(tampering.send(new DeleteObjectsCommand({ Bucket: b, Delete: { Objects: [{ Key: 'keep' }] } })), 'BadDigest', 400, 'The Content-MD5 you specified did not match what we received.');
    assert.ok(await s3().send(new HeadObjectCommand({ Bucket: b, Key: 'keep' })));
  });
});
