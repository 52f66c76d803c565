import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
  type ChecksumAlgorithm,
} from '@aws-sdk/client-s3';
import { checksumOf } from '../../src/services/s3/checksums.js';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

const MiB = 1024 * 1024;
const md5 = (data: Buffer): Buffer => createHash('md5').update(data).digest();
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const multipartEtag = (parts: Buffer[]): string => `"${createHash('md5').update(Buffer.concat(parts.map(md5))).digest('hex')}-${parts.length}"`;

describe('S3 multipart uploads', () => {
  const server = suiteServer();
  let n = 0;
  const s3 = (): S3Client => new S3Client({ ...clientConfig(server.endpoint), forcePathStyle: true });
  const bucket = async (versioned = false): Promise<string> => {
    const name = `multipart-${++n}-${Date.now() % 100000}`;
    await s3().send(new CreateBucketCommand({ Bucket: name }));
    if (versioned) await s3().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    return name;
  };
  const big = randomBytes(5 * MiB);
  const tail = randomBytes(1000);

  test('create, upload parts, list, complete, read back (whole and by part)', async () => {
    const c = s3();
    const b = await bucket(true);
    const created = await c.send(
      new CreateMultipartUploadCommand({ Bucket: b, Key: 'big/object.bin', ContentType: 'application/x-test', Metadata: { origin: 'mpu' }, Tagging: 'kind=multipart' }),
    );
    assert.ok(created.UploadId);
    assert.equal(created.Bucket, b);
    assert.equal(created.Key, 'big/object.bin');
    const p1 = await c.send(new UploadPartCommand({ Bucket: b, Key: 'big/object.bin', UploadId: created.UploadId, PartNumber: 1, Body: big }));
    const p2 = await c.send(new UploadPartCommand({ Bucket: b, Key: 'big/object.bin', UploadId: created.UploadId, PartNumber: 2, Body: tail }));
    assert.equal(p1.ETag, `"${md5(big).toString('hex')}"`);
    const parts = await c.send(new ListPartsCommand({ Bucket: b, Key: 'big/object.bin', UploadId: created.UploadId }));
    assert.deepEqual(parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag]), [
      [1, big.length, p1.ETag],
      [2, tail.length, p2.ETag],
    ]);
    assert.equal(parts.IsTruncated, false);
    assert.ok(parts.Initiator?.ID);
    const page = await c.send(new ListPartsCommand({ Bucket: b, Key: 'big/object.bin', UploadId: created.UploadId, MaxParts: 1 }));
    assert.equal(page.IsTruncated, true);
    assert.equal(page.NextPartNumberMarker, '1');
    const rest = await c.send(new ListPartsCommand({ Bucket: b, Key: 'big/object.bin', UploadId: created.UploadId, PartNumberMarker: page.NextPartNumberMarker }));
    assert.deepEqual(rest.Parts?.map((p) => p.PartNumber), [2]);
    const uploads = await c.send(new ListMultipartUploadsCommand({ Bucket: b }));
    assert.deepEqual(uploads.Uploads?.map((u) => [u.Key, u.UploadId]), [['big/object.bin', created.UploadId]]);
    const done = await c.send(
      new CompleteMultipartUploadCommand({
        Bucket: b,
        Key: 'big/object.bin',
        UploadId: created.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] },
      }),
    );
    assert.equal(done.ETag, multipartEtag([big, tail]));
    assert.ok(done.VersionId);
    assert.equal(done.Key, 'big/object.bin');
    const got = await c.send(new GetObjectCommand({ Bucket: b, Key: 'big/object.bin' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    assert.equal(sha256(bytes), sha256(Buffer.concat([big, tail])));
    assert.equal(got.ContentType, 'application/x-test');
    assert.equal(got.Metadata?.origin, 'mpu');
    assert.equal(got.ETag, done.ETag);
    assert.deepEqual((await c.send(new GetObjectTaggingCommand({ Bucket: b, Key: 'big/object.bin' }))).TagSet, [{ Key: 'kind', Value: 'multipart' }]);
    const part2 = await c.send(new GetObjectCommand({ Bucket: b, Key: 'big/object.bin', PartNumber: 2 }));
    assert.equal(part2.PartsCount, 2);
    assert.equal(part2.ContentLength, tail.length);
    assert.equal(part2.ContentRange, `bytes ${big.length}-${big.length + tail.length - 1}/${big.length + tail.length}`);
    assert.deepEqual(Buffer.from(await part2.Body!.transformToByteArray()), tail);
    const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'big/object.bin', PartNumber: 1 }));
    assert.equal(head.ContentLength, big.length);
    const attrs = await c.send(new GetObjectAttributesCommand({ Bucket: b, Key: 'big/object.bin', ObjectAttributes: ['ObjectParts', 'ObjectSize', 'ETag'] }));
    assert.equal(attrs.ObjectParts?.TotalPartsCount, 2);
    assert.equal(attrs.ObjectSize, big.length + tail.length);
    assert.equal(attrs.ETag, done.ETag!.replace(/"/g, ''));
    assert.equal((await c.send(new ListMultipartUploadsCommand({ Bucket: b }))).Uploads, undefined);
    await rejectsWith(c.send(new ListPartsCommand({ Bucket: b, Key: 'big/object.bin', UploadId: created.UploadId })), 'NoSuchUpload', 404);
  });

  test('CompleteMultipartUpload errors: order, unknown part, ETag mismatch, too small', async () => {
    const c = s3();
    const b = await bucket();
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'e' }));
    const p1 = await c.send(new UploadPartCommand({ Bucket: b, Key: 'e', UploadId, PartNumber: 1, Body: 'small-1' }));
    const p2 = await c.send(new UploadPartCommand({ Bucket: b, Key: 'e', UploadId, PartNumber: 2, Body: 'small-2' }));
    const complete = (parts: { PartNumber: number; ETag?: string }[]) =>
      c.send(new CompleteMultipartUploadCommand({ Bucket: b, Key: 'e', UploadId, MultipartUpload: { Parts: parts } }));
    await rejectsWith(
      complete([{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }]),
      'InvalidPartOrder',
      400,
      'The list of parts was not in ascending order. Parts must be ordered by part number.',
    );
    await rejectsWith(complete([{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 3, ETag: p2.ETag }]), 'InvalidPart', 400, /One or more of the specified parts could not be found/);
    await rejectsWith(complete([{ PartNumber: 1, ETag: p2.ETag }]), 'InvalidPart', 400);
    await rejectsWith(complete([{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }]), 'EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed size');
    // A single small part is fine (the last part has no minimum).
    const one = await complete([{ PartNumber: 1, ETag: p1.ETag }]);
    assert.equal(one.ETag, multipartEtag([Buffer.from('small-1')]));
    const got = await c.send(new GetObjectCommand({ Bucket: b, Key: 'e' }));
    assert.equal(await got.Body!.transformToString(), 'small-1');
    await rejectsWith(c.send(new UploadPartCommand({ Bucket: b, Key: 'e', UploadId: 'nope', PartNumber: 1, Body: 'x' })), 'NoSuchUpload', 404);
    const other = await c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'e2' }));
    await rejectsWith(
      c.send(new UploadPartCommand({ Bucket: b, Key: 'e2', UploadId: other.UploadId, PartNumber: 10001, Body: 'x' })),
      'InvalidArgument',
      400,
      'Part number must be an integer between 1 and 10000, inclusive',
    );
    await rejectsWith(c.send(new UploadPartCommand({ Bucket: b, Key: 'e2', UploadId: other.UploadId, PartNumber: 0, Body: 'x' })), 'InvalidArgument', 400);
    await rejectsWith(c.send(new ListPartsCommand({ Bucket: b, Key: 'other-key', UploadId: other.UploadId })), 'NoSuchUpload', 404);
  });

  test('AbortMultipartUpload; ListMultipartUploads with prefix, delimiter and markers', async () => {
    const c = s3();
    const b = await bucket();
    const ids: Record<string, string> = {};
    for (const key of ['a/1', 'a/2', 'b', 'c']) ids[key] = (await c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: key }))).UploadId!;
    await c.send(new UploadPartCommand({ Bucket: b, Key: 'b', UploadId: ids.b, PartNumber: 1, Body: 'part' }));
    const rolled = await c.send(new ListMultipartUploadsCommand({ Bucket: b, Delimiter: '/' }));
    assert.deepEqual(rolled.CommonPrefixes?.map((p) => p.Prefix), ['a/']);
    assert.deepEqual(rolled.Uploads?.map((u) => u.Key), ['b', 'c']);
    const prefixed = await c.send(new ListMultipartUploadsCommand({ Bucket: b, Prefix: 'a/' }));
    assert.deepEqual(prefixed.Uploads?.map((u) => u.Key), ['a/1', 'a/2']);
    const p1 = await c.send(new ListMultipartUploadsCommand({ Bucket: b, MaxUploads: 2 }));
    assert.equal(p1.IsTruncated, true);
    assert.equal(p1.NextKeyMarker, 'a/2');
    const p2 = await c.send(new ListMultipartUploadsCommand({ Bucket: b, KeyMarker: p1.NextKeyMarker, UploadIdMarker: p1.NextUploadIdMarker }));
    assert.deepEqual(p2.Uploads?.map((u) => u.Key), ['b', 'c']);
    const aborted = await c.send(new AbortMultipartUploadCommand({ Bucket: b, Key: 'b', UploadId: ids.b }));
    assert.equal(aborted.$metadata.httpStatusCode, 204);
    await rejectsWith(c.send(new AbortMultipartUploadCommand({ Bucket: b, Key: 'b', UploadId: ids.b })), 'NoSuchUpload', 404);
    const left = await c.send(new ListMultipartUploadsCommand({ Bucket: b }));
    assert.deepEqual(left.Uploads?.map((u) => u.Key), ['a/1', 'a/2', 'c']);
  });

  for (const [algorithm, type] of [
    ['SHA256', 'COMPOSITE'],
    ['CRC32', 'COMPOSITE'],
    ['CRC32C', 'FULL_OBJECT'],
    ['CRC64NVME', 'FULL_OBJECT'],
  ] as const) {
    test(`checksums: ${algorithm} ${type}`, async () => {
      const c = s3();
      const b = await bucket();
      const created = await c.send(
        new CreateMultipartUploadCommand({ Bucket: b, Key: 'sum', ChecksumAlgorithm: algorithm as ChecksumAlgorithm, ...(type === 'FULL_OBJECT' ? { ChecksumType: type } : {}) }),
      );
      assert.equal(created.ChecksumAlgorithm, algorithm);
      assert.equal(created.ChecksumType, type);
      const member = `Checksum${algorithm}` as const;
      const sums = [checksumOf(algorithm, big), checksumOf(algorithm, tail)];
      const p1 = await c.send(new UploadPartCommand({ Bucket: b, Key: 'sum', UploadId: created.UploadId, PartNumber: 1, Body: big, ChecksumAlgorithm: algorithm as ChecksumAlgorithm }));
      assert.equal(p1[member], sums[0]);
      const p2 = await c.send(new UploadPartCommand({ Bucket: b, Key: 'sum', UploadId: created.UploadId, PartNumber: 2, Body: tail, [member]: sums[1] }));
      await rejectsWith(
        c.send(new UploadPartCommand({ Bucket: b, Key: 'sum', UploadId: created.UploadId, PartNumber: 3, Body: tail, [member]: sums[0] })),
        'BadDigest',
        400,
      );
      const listed = await c.send(new ListPartsCommand({ Bucket: b, Key: 'sum', UploadId: created.UploadId }));
      assert.deepEqual(listed.Parts?.map((p) => p[member]), sums);
      const done = await c.send(
        new CompleteMultipartUploadCommand({
          Bucket: b,
          Key: 'sum',
          UploadId: created.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag, [member]: sums[0] }, { PartNumber: 2, ETag: p2.ETag, [member]: sums[1] }] },
        }),
      );
      const whole = Buffer.concat([big, tail]);
      const composite = `${checksumOf(algorithm, Buffer.concat(sums.map((s) => Buffer.from(s, 'base64'))))}-2`;
      const expected = type === 'COMPOSITE' ? composite : checksumOf(algorithm, whole);
      assert.equal(done[member], expected);
      assert.equal(done.ChecksumType, type);
      const head = await c.send(new HeadObjectCommand({ Bucket: b, Key: 'sum', ChecksumMode: 'ENABLED' }));
      assert.equal(head[member], expected);
      const got = await c.send(new GetObjectCommand({ Bucket: b, Key: 'sum', ChecksumMode: 'ENABLED' }));
      assert.equal(sha256(Buffer.from(await got.Body!.transformToByteArray())), sha256(whole));
      const attrs = await c.send(new GetObjectAttributesCommand({ Bucket: b, Key: 'sum', ObjectAttributes: ['Checksum', 'ObjectParts'] }));
      assert.equal(attrs.Checksum?.[member], expected);
      assert.equal(attrs.Checksum?.ChecksumType, type);
    });
  }

  test('an invalid checksum type for the algorithm is refused', async () => {
    const c = s3();
    const b = await bucket();
    await rejectsWith(c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'x', ChecksumAlgorithm: 'SHA256', ChecksumType: 'FULL_OBJECT' })), 'InvalidRequest', 400);
    await rejectsWith(c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'x', ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'COMPOSITE' })), 'InvalidRequest', 400);
  });

  test('UploadPartCopy with a source range; a part uploaded again replaces the earlier one', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'source', Body: Buffer.concat([big, tail]) }));
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'assembled' }));
    const c1 = await c.send(new UploadPartCopyCommand({ Bucket: b, Key: 'assembled', UploadId, PartNumber: 1, CopySource: `${b}/source`, CopySourceRange: `bytes=0-${big.length - 1}` }));
    assert.equal(c1.CopyPartResult?.ETag, `"${md5(big).toString('hex')}"`);
    await c.send(new UploadPartCommand({ Bucket: b, Key: 'assembled', UploadId, PartNumber: 2, Body: 'to be replaced' }));
    const c2 = await c.send(new UploadPartCopyCommand({ Bucket: b, Key: 'assembled', UploadId, PartNumber: 2, CopySource: `${b}/source`, CopySourceRange: `bytes=${big.length}-${big.length + 99}` }));
    await rejectsWith(
      c.send(new UploadPartCopyCommand({ Bucket: b, Key: 'assembled', UploadId, PartNumber: 3, CopySource: `${b}/source`, CopySourceRange: `bytes=0-${big.length + tail.length}` })),
      'InvalidRange',
      416,
    );
    await c.send(
      new CompleteMultipartUploadCommand({
        Bucket: b,
        Key: 'assembled',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: c1.CopyPartResult?.ETag }, { PartNumber: 2, ETag: c2.CopyPartResult?.ETag }] },
      }),
    );
    const got = await c.send(new GetObjectCommand({ Bucket: b, Key: 'assembled' }));
    assert.equal(sha256(Buffer.from(await got.Body!.transformToByteArray())), sha256(Buffer.concat([big, tail.subarray(0, 100)])));
  });

  test('conditional complete: If-None-Match * refuses to overwrite', async () => {
    const c = s3();
    const b = await bucket();
    await c.send(new PutObjectCommand({ Bucket: b, Key: 'exists', Body: 'x' }));
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: b, Key: 'exists' }));
    const p = await c.send(new UploadPartCommand({ Bucket: b, Key: 'exists', UploadId, PartNumber: 1, Body: 'y' }));
    await rejectsWith(
      c.send(new CompleteMultipartUploadCommand({ Bucket: b, Key: 'exists', UploadId, IfNoneMatch: '*', MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p.ETag }] } })),
      'PreconditionFailed',
      412,
    );
  });
});
