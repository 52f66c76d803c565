/**
 * Multipart uploads: CreateMultipartUpload (the finished object's template: content type,
 * metadata, tags, encryption, lock, checksum algorithm and type), UploadPart, UploadPartCopy,
 * CompleteMultipartUpload, AbortMultipartUpload (the listings are in multipart-listing.ts).
 *
 * Each part is its own blob (encrypted under the upload's data key); completing streams the
 * chosen parts one after another into the object's blob — never the whole object in memory —
 * then deletes the part blobs. ETag: MD5 of the parts' binary MD5s, `-N`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { ByteRange } from '../../store/blob-store.js';
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import {
  S3_SCOPE,
  UPLOAD_KIND,
  callerCanonicalId,
  findObject,
  invalidArgument,
  invalidRequest,
  malformedXml,
  noSuchUpload,
  requireBucket,
  uploadId as uploadRecordId,
  type BucketRecord,
  type ObjectVersion,
  type UploadPart,
  type UploadRecord,
} from './common.js';
import {
  afterTrailers,
  bodyOf,
  badDigest,
  checksumOutput,
  compositeChecksum,
  contentMd5Mismatch,
  defaultChecksumType,
  memberOf,
  newDigest,
  parseContentMd5,
  requestedChecksum,
  validChecksumType,
  type Digest,
} from './checksums.js';
import { checkWriteConditions } from './conditional.js';
import { lockFor } from './object-lock.js';
import { describeFromInput, versionIdOutput } from './object-output.js';
import { parseTaggingHeader } from './object-tagging.js';
import { readCopySource } from './object-copy.js';
import { DEFAULT_CHECKSUM, checkKeyLength, requestAcl } from './objects.js';
import { decryptionKey, encryptionFor, sseOutput } from './sse.js';
import { commitVersion, deleteBlobs } from './versions.js';

export const MIN_PART_SIZE = 5 * 1024 * 1024;

export async function loadUpload(ops: StoreOps, bucket: string, key: string, upload: unknown): Promise<UploadRecord> {
  const id = String(upload ?? '');
  const found = id ? await ops.get<UploadRecord>(S3_SCOPE, UPLOAD_KIND, uploadRecordId(bucket, id)) : undefined;
  if (!found || found.value.Key !== key) throw noSuchUpload(id);
  return found.value;
}

/** The template as a version, for sse.ts (the data key parts and the object are encrypted under). */
function templateVersion(upload: UploadRecord): ObjectVersion {
  return { ...upload.Template, VersionId: '', LastModified: upload.Initiated, OwnerId: upload.OwnerId } as ObjectVersion;
}

async function uploadDataKey(ctx: RequestContext, bucket: BucketRecord, upload: UploadRecord): Promise<Buffer | undefined> {
  return upload.Template.Sse ? decryptionKey(ctx, bucket, upload.Key, templateVersion(upload)) : undefined;
}

function partNumberOf(input: OperationInput): number {
  const n = Number(input.PartNumber);
  if (!Number.isInteger(n) || n < 1 || n > 10000) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(input.PartNumber));
  }
  return n;
}

// --- CreateMultipartUpload ---------------------------------------------------------------------

const createMultipartUpload: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucket(ctx.store, bucketName);
  checkKeyLength(key);
  const acl = await requestAcl(ctx, bucket, input);
  const described = describeFromInput(input);
  const tags = parseTaggingHeader(input.Tagging);
  let algorithm = typeof input.ChecksumAlgorithm === 'string' ? input.ChecksumAlgorithm.toUpperCase() : undefined;
  let type = typeof input.ChecksumType === 'string' ? input.ChecksumType : undefined;
  if (type !== undefined && algorithm === undefined) {
    throw invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.'); // Unconfirmed wording
  }
  if (algorithm !== undefined) {
    newDigest(algorithm);
    type ??= defaultChecksumType(algorithm);
    if (!validChecksumType(algorithm, type)) {
      throw invalidRequest(`The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`); // Unconfirmed wording
    }
  } else {
    algorithm = undefined;
    type = undefined;
  }
  const encryption = await encryptionFor(ctx, bucket, key, input);
  const record: UploadRecord = {
    Bucket: bucketName,
    Key: key,
    UploadId: randomBytes(48).toString('base64url'),
    Initiated: new Date().toISOString(),
    InitiatorArn: ctx.principal.arn,
    OwnerId: callerCanonicalId(ctx),
    Template: {
      ...described,
      Tags: tags && tags.length > 0 ? tags : undefined,
      Acl: acl,
      Sse: encryption.sse,
      Lock: lockFor(ctx, bucket, input),
      ChecksumAlgorithm: algorithm,
      ChecksumType: type,
    },
    Parts: {},
  };
  await ctx.store.put(S3_SCOPE, UPLOAD_KIND, uploadRecordId(bucketName, record.UploadId), record);
  return {
    Bucket: bucketName,
    Key: key,
    UploadId: record.UploadId,
    ...sseOutput(templateVersion(record)),
    ChecksumAlgorithm: algorithm,
    ChecksumType: type,
  };
};

// --- UploadPart / UploadPartCopy ---------------------------------------------------------------

/** Stores a part's blob in the upload (replacing an earlier part of that number); resolves the part. */
async function savePart(ctx: RequestContext, upload: UploadRecord, number: number, part: UploadPart): Promise<void> {
  let replaced: string | undefined;
  try {
    await ctx.store.transaction(async (tx) => {
      const fresh = await loadUpload(tx, upload.Bucket, upload.Key, upload.UploadId);
      replaced = fresh.Parts[String(number)]?.BlobId;
      fresh.Parts[String(number)] = part;
      await tx.put(S3_SCOPE, UPLOAD_KIND, uploadRecordId(upload.Bucket, upload.UploadId), fresh);
    });
  } catch (err) {
    await deleteBlobs(ctx, [part.BlobId]);
    throw err;
  }
  await deleteBlobs(ctx, [replaced]);
}

const uploadPart: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucket(ctx.store, bucketName);
  const number = partNumberOf(input);
  const upload = await loadUpload(ctx.store, bucketName, key, input.UploadId);
  const body = bodyOf(input);
  const md5 = parseContentMd5(input.ContentMD5);
  const requested = requestedChecksum(input);
  const uploadAlgorithm = upload.Template.ChecksumAlgorithm;
  if (requested && uploadAlgorithm && requested.algorithm !== uploadAlgorithm && requested.expected !== undefined) {
    // Unconfirmed wording
    throw invalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${uploadAlgorithm.toLowerCase()}, actual checksum Type: ${requested.algorithm.toLowerCase()}`);
  }
  // The upload's algorithm is what the part keeps; the one the request names is what it is checked against.
  const digests = new Map<string, Digest>();
  for (const a of [uploadAlgorithm, requested?.algorithm]) if (a && !digests.has(a)) digests.set(a, newDigest(a));
  const dataKey = await uploadDataKey(ctx, bucket, upload);
  const blob = await ctx.blobs.put(body, {
    key: dataKey,
    observe: (c) => {
      for (const d of digests.values()) d.update(c);
    },
  });
  const values = new Map([...digests].map(([a, d]) => [a, d.digest().toString('base64')]));
  const md5Bad = md5 !== undefined && md5 !== blob.md5;
  const checked = afterTrailers(requested, body);
  if (md5Bad || (checked?.expected !== undefined && checked.expected !== values.get(checked.algorithm))) {
    await ctx.blobs.delete(blob.id);
    throw md5Bad ? contentMd5Mismatch() : badDigest(requested!.algorithm);
  }
  const shown = requested?.algorithm ?? uploadAlgorithm;
  const part: UploadPart = {
    PartNumber: number,
    ETag: `"${blob.md5}"`,
    Size: blob.size,
    BlobId: blob.id,
    LastModified: new Date().toISOString(),
    Checksum: uploadAlgorithm ? values.get(uploadAlgorithm) : undefined,
  };
  await savePart(ctx, upload, number, part);
  return {
    ETag: part.ETag,
    ...sseOutput(templateVersion(upload)),
    ...(shown ? { [memberOf(shown)]: values.get(shown) } : {}),
  };
};

function copySourceRange(value: unknown, size: number): ByteRange | undefined {
  if (value === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(String(value).trim());
  // Unconfirmed wording
  if (!m) throw invalidArgument('The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', 'x-amz-copy-source-range', String(value));
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start > end || end >= size) {
    throw new AwsError('InvalidRange', 'The requested range is not satisfiable', { status: 416, fields: { RangeRequested: String(value), ActualObjectSize: String(size) } });
  }
  return { start, end };
}

const uploadPartCopy: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucket(ctx.store, bucketName);
  const number = partNumberOf(input);
  const upload = await loadUpload(ctx.store, bucketName, key, input.UploadId);
  const { bucket: sourceBucket, source, version: src } = await readCopySource(ctx, input);
  const size = src.Size ?? 0;
  const range = copySourceRange(input.CopySourceRange, size);
  const readKey = await decryptionKey(ctx, sourceBucket, source.key, src);
  const algorithm = upload.Template.ChecksumAlgorithm;
  const digest = algorithm ? newDigest(algorithm) : undefined;
  const empty = range === undefined && size === 0;
  const data = empty || !src.BlobId ? Buffer.alloc(0) : ctx.blobs.read(src.BlobId, { key: readKey, range });
  const blob = await ctx.blobs.put(data, { key: await uploadDataKey(ctx, bucket, upload), observe: (c) => digest?.update(c) });
  const value = digest?.digest().toString('base64');
  const part: UploadPart = { PartNumber: number, ETag: `"${blob.md5}"`, Size: blob.size, BlobId: blob.id, LastModified: new Date().toISOString(), Checksum: value };
  await savePart(ctx, upload, number, part);
  return {
    CopyPartResult: { ETag: part.ETag, LastModified: new Date(part.LastModified), ...(algorithm && value ? { [memberOf(algorithm)]: value } : {}) },
    ...(sourceBucket.Versioning !== undefined ? { CopySourceVersionId: src.VersionId } : {}),
    ...sseOutput(templateVersion(upload)),
  };
};

// --- CompleteMultipartUpload -------------------------------------------------------------------

interface CompletedPart {
  PartNumber?: number;
  ETag?: string;
  [checksum: string]: unknown;
}

const unquote = (etag: string): string => etag.trim().replace(/^"(.*)"$/, '$1');

function invalidPart(upload: string, part: CompletedPart): AwsError {
  return new AwsError(
    'InvalidPart',
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
    { status: 400, fields: { UploadId: upload, PartNumber: part.PartNumber, ETag: part.ETag } },
  );
}

async function* concatenate(ctx: RequestContext, parts: UploadPart[], key: Buffer | undefined): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (part.Size === 0) continue;
    for await (const chunk of ctx.blobs.read(part.BlobId, { key })) yield chunk as Buffer;
  }
}

const completeMultipartUpload: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucket(ctx.store, bucketName);
  const upload = await loadUpload(ctx.store, bucketName, key, input.UploadId);
  const requested = ((input.MultipartUpload as { Parts?: CompletedPart[] } | undefined)?.Parts ?? []) as CompletedPart[];
  if (requested.length === 0) throw malformedXml();
  const algorithm = upload.Template.ChecksumAlgorithm;
  const type = upload.Template.ChecksumType;
  const chosen: UploadPart[] = [];
  let previous = 0;
  for (const p of requested) {
    const n = Number(p.PartNumber);
    if (!Number.isInteger(n) || n <= previous) {
      throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', { status: 400, fields: { UploadId: upload.UploadId } });
    }
    previous = n;
    const stored = upload.Parts[String(n)];
    if (!stored || p.ETag === undefined || unquote(String(p.ETag)) !== unquote(stored.ETag)) throw invalidPart(upload.UploadId, p);
    if (algorithm && typeof p[memberOf(algorithm)] === 'string' && stored.Checksum !== undefined && p[memberOf(algorithm)] !== stored.Checksum) throw invalidPart(upload.UploadId, p);
    chosen.push(stored);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if (chosen[i]!.Size < MIN_PART_SIZE) {
      throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
        status: 400,
        fields: { ProposedSize: chosen[i]!.Size, MinSizeAllowed: MIN_PART_SIZE, PartNumber: chosen[i]!.PartNumber, ETag: chosen[i]!.ETag },
      });
    }
  }
  if (algorithm && type === 'COMPOSITE' && chosen.some((p) => p.Checksum === undefined)) {
    // Unconfirmed wording
    throw invalidRequest(`The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${chosen.find((p) => p.Checksum === undefined)!.PartNumber} in the request.`);
  }
  checkWriteConditions(key, (await findObject(ctx.store, bucketName, key))?.Versions[0], { ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch });
  const fullAlgorithm = algorithm && type === 'FULL_OBJECT' ? algorithm : algorithm ? undefined : DEFAULT_CHECKSUM;
  const digest = fullAlgorithm ? newDigest(fullAlgorithm) : undefined;
  const dataKey = await uploadDataKey(ctx, bucket, upload);
  const blob = await ctx.blobs.put(concatenate(ctx, chosen, dataKey), { key: dataKey, observe: (c) => digest?.update(c) });
  const md5s = createHash('md5');
  for (const p of chosen) md5s.update(Buffer.from(unquote(p.ETag), 'hex'));
  const etag = `"${md5s.digest('hex')}-${chosen.length}"`;
  const checksum =
    digest && fullAlgorithm
      ? { Algorithm: fullAlgorithm, Value: digest.digest().toString('base64'), Type: 'FULL_OBJECT' as const }
      : { Algorithm: algorithm!, Value: compositeChecksum(algorithm!, chosen.map((p) => p.Checksum!)), Type: 'COMPOSITE' as const };
  const claimed = input[memberOf(checksum.Algorithm)];
  if (typeof claimed === 'string' && claimed !== checksum.Value && (algorithm !== undefined || claimed !== checksum.Value)) {
    await ctx.blobs.delete(blob.id);
    throw badDigest(checksum.Algorithm);
  }
  if (input.MpuObjectSize !== undefined && Number(input.MpuObjectSize) !== blob.size) {
    await ctx.blobs.delete(blob.id);
    // Unconfirmed wording
    throw invalidRequest(`The provided 'x-amz-mp-object-size' header value ${String(input.MpuObjectSize)} does not match what was computed: ${blob.size}`);
  }
  const { version, bucket: after } = await commitVersion(
    ctx,
    bucketName,
    key,
    {
      LastModified: new Date().toISOString(),
      ETag: etag,
      Size: blob.size,
      BlobId: blob.id,
      OwnerId: upload.OwnerId,
      ContentType: upload.Template.ContentType,
      Headers: upload.Template.Headers,
      Metadata: upload.Template.Metadata,
      StorageClass: upload.Template.StorageClass,
      Tags: upload.Template.Tags,
      Acl: upload.Template.Acl,
      Sse: upload.Template.Sse,
      Lock: upload.Template.Lock,
      Checksum: checksum,
      Parts: chosen.map((p) => ({ Size: p.Size, Checksum: p.Checksum })),
    },
    {
      bypassGovernance: false,
      conditions: { ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch },
      alongside: async (tx) => {
        await loadUpload(tx, bucketName, key, upload.UploadId);
        await tx.delete(S3_SCOPE, UPLOAD_KIND, uploadRecordId(bucketName, upload.UploadId));
      },
    },
  );
  await deleteBlobs(ctx, Object.values(upload.Parts).map((p) => p.BlobId));
  return {
    Location: `https://${bucketName}.s3.${bucket.Region}.amazonaws.com/${key.split('/').map(encodeURIComponent).join('/')}`,
    Bucket: bucketName,
    Key: key,
    ETag: version.ETag,
    ...(algorithm ? checksumOutput(version.Checksum) : {}),
    ...versionIdOutput(after, version),
    ...sseOutput(version),
  };
};

// --- Abort --------------------------------------------------------------------------------

const abortMultipartUpload: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  await requireBucket(ctx.store, bucketName);
  const upload = await ctx.store.transaction(async (tx) => {
    const found = await loadUpload(tx, bucketName, key, input.UploadId);
    await tx.delete(S3_SCOPE, UPLOAD_KIND, uploadRecordId(bucketName, found.UploadId));
    return found;
  });
  await deleteBlobs(ctx, Object.values(upload.Parts).map((p) => p.BlobId));
  return {};
};

export const multipartOperations: Record<string, OperationHandler> = {
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
};
