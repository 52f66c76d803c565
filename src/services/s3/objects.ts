/**
 * Single objects: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects,
 * GetObjectAttributes (CopyObject is in object-copy.ts). Bytes stream between the request, the blob store (encrypted at rest as
 * sse.ts decides) and the response; checksums and the MD5 ETag are computed on the way in.
 */
import { AwsError } from '../../core/aws-error.js';
import { setHttpStatus } from '../../core/http-status.js';
import type { BlobInfo, ByteRange } from '../../store/blob-store.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import {
  callerCanonicalId,
  findObject,
  invalidArgument,
  invalidRange,
  invalidRequest,
  malformedXml,
  objectForRequest,
  pickVersion,
  requireBucket,
  requireBucketForRequest,
  type BucketRecord,
  type Grant,
  type ObjectVersion,
} from './common.js';
import { aclFromRequest } from './acl.js';
import { checkAclAllowed } from './public-access.js';
import {
  afterTrailers,
  bodyOf,
  badDigest,
  checksumOutput,
  contentMd5Mismatch,
  memberOf,
  newDigest,
  parseContentMd5,
  requestedChecksum,
} from './checksums.js';
import { checkReadConditions } from './conditional.js';
import { authorizeBypass, lockFor } from './object-lock.js';
import { describeFromInput, readOutput, versionIdOutput } from './object-output.js';
import { parseTaggingHeader } from './object-tagging.js';
import { decryptionKey, encryptionFor, sseOutput } from './sse.js';
import { commitVersion, deleteObjectVersion } from './versions.js';

/** S3's default checksum for objects uploaded without one (since 2024): CRC64NVME of the whole object. */
export const DEFAULT_CHECKSUM = 'CRC64NVME';

/** x-amz-bypass-governance-retention, once the caller is allowed s3:BypassGovernanceRetention on the keys. */
export async function bypassOf(ctx: RequestContext, input: OperationInput, keys: string | string[]): Promise<boolean> {
  return input.BypassGovernanceRetention === true && (await authorizeBypass(ctx, String(input.Bucket), keys));
}

/**
 * The ACL a write request sets (x-amz-acl, x-amz-grant-*), refused on a BucketOwnerEnforced
 * bucket (other than bucket-owner-full-control) and under Block Public Access; undefined when none.
 */
export async function requestAcl(ctx: RequestContext, bucket: BucketRecord, input: OperationInput): Promise<Grant[] | undefined> {
  const grants = aclFromRequest(input, callerCanonicalId(ctx), bucket);
  if (grants) await checkAclAllowed(ctx, bucket, grants);
  return grants;
}

/** Keys are at most 1024 bytes of UTF-8. */
export function checkKeyLength(key: string): void {
  const size = Buffer.byteLength(key);
  if (size > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long', { status: 400, fields: { Size: String(size), MaxSizeAllowed: '1024' } });
}

/** The version record of bytes just written as one blob (PutObject, CopyObject), with its full-object checksum. */
export function writtenVersion(
  ctx: RequestContext,
  blob: BlobInfo,
  fields: Partial<ObjectVersion>,
  checksum: { Algorithm: string; Value: string },
): Omit<ObjectVersion, 'VersionId'> {
  return {
    LastModified: new Date().toISOString(),
    ETag: `"${blob.md5}"`,
    Size: blob.size,
    BlobId: blob.id,
    OwnerId: callerCanonicalId(ctx),
    ...fields,
    Checksum: { ...checksum, Type: 'FULL_OBJECT' },
  };
}

// --- PutObject ---------------------------------------------------------------------------------

const putObject: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucketForRequest(ctx, bucketName);
  checkKeyLength(key);
  const acl = await requestAcl(ctx, bucket, input);
  const body = bodyOf(input);
  const described = describeFromInput(input);
  const tags = parseTaggingHeader(input.Tagging);
  const md5 = parseContentMd5(input.ContentMD5);
  const requested = requestedChecksum(input);
  const algorithm = requested?.algorithm ?? DEFAULT_CHECKSUM;
  const encryption = await encryptionFor(ctx, bucket, key, input);
  const lock = lockFor(ctx, bucket, input);
  const digest = newDigest(algorithm);
  const blob = await ctx.blobs.put(body, { key: encryption.key, observe: (c) => digest.update(c) });
  const value = digest.digest().toString('base64');
  const expected = afterTrailers(requested, body)?.expected;
  if ((md5 !== undefined && md5 !== blob.md5) || (expected !== undefined && expected !== value)) {
    await ctx.blobs.delete(blob.id);
    throw md5 !== undefined && md5 !== blob.md5 ? contentMd5Mismatch() : badDigest(algorithm);
  }
  const { version, bucket: after } = await commitVersion(
    ctx,
    bucketName,
    key,
    writtenVersion(ctx, blob, { ...described, Tags: tags && tags.length > 0 ? tags : undefined, Acl: acl, Sse: encryption.sse, Lock: lock }, { Algorithm: algorithm, Value: value }),
    { bypassGovernance: await bypassOf(ctx, input, key), conditions: { ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch } },
  );
  return {
    ETag: version.ETag,
    ...versionIdOutput(after, version),
    ...sseOutput(version),
    ...(requested ? checksumOutput(version.Checksum) : {}),
  };
};

// --- GetObject / HeadObject --------------------------------------------------------------------

/** A single `bytes=` range resolved against the size; undefined when absent or not a form S3 honours (then the whole object). */
export function parseRange(header: unknown, size: number): ByteRange | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) throw invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw invalidRange(header, size);
  return { start, end };
}

interface ReadPlan {
  bucket: BucketRecord;
  version: ObjectVersion;
  range?: ByteRange;
  output: Record<string, unknown>;
}

async function planRead(ctx: RequestContext, input: OperationInput): Promise<ReadPlan> {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucketForRequest(ctx, bucketName);
  const version = pickVersion(await objectForRequest(ctx, bucketName, key), key, input.VersionId as string | undefined);
  checkReadConditions(version, {
    ifMatch: input.IfMatch,
    ifNoneMatch: input.IfNoneMatch,
    ifModifiedSince: input.IfModifiedSince,
    ifUnmodifiedSince: input.IfUnmodifiedSince,
  });
  const size = version.Size ?? 0;
  let range: ByteRange | undefined;
  const output: Record<string, unknown> = {};
  if (input.PartNumber !== undefined) {
    if (input.Range !== undefined) throw invalidRequest('Cannot specify both Range header and partNumber query parameter');
    const n = Number(input.PartNumber);
    const parts = version.Parts ?? [{ Size: size }];
    if (!Number.isInteger(n) || n < 1 || n > 10000) throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(input.PartNumber));
    if (n > parts.length) throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', { status: 416, fields: { PartNumberRequested: String(n), ActualPartCount: String(parts.length) } });
    let start = 0;
    for (let i = 0; i < n - 1; i++) start += parts[i]!.Size;
    const partSize = parts[n - 1]!.Size;
    if (version.Parts) output.PartsCount = version.Parts.length;
    if (partSize > 0) range = { start, end: start + partSize - 1 };
    output.ContentRange = partSize > 0 ? `bytes ${start}-${start + partSize - 1}/${size}` : undefined;
    output.ContentLength = partSize;
    setHttpStatus(output, 206);
  } else {
    range = parseRange(input.Range, size);
    if (range) {
      output.ContentRange = `bytes ${range.start}-${range.end}/${size}`;
      output.ContentLength = range.end - range.start + 1;
      setHttpStatus(output, 206);
    } else {
      output.ContentLength = size;
    }
  }
  Object.assign(output, readOutput(bucket, version, input, { checksum: range === undefined }));
  return { bucket, version, range, output };
}

const getObject: OperationHandler = async (ctx, input) => {
  const plan = await planRead(ctx, input);
  const key = await decryptionKey(ctx, plan.bucket, String(input.Key), plan.version);
  const length = Number(plan.output.ContentLength);
  const Body = plan.version.BlobId && length > 0 ? await ctx.blobs.body(plan.version.BlobId, { key, range: plan.range }) : Buffer.alloc(0);
  plan.output.Body = Body;
  return plan.output;
};

const headObject: OperationHandler = async (ctx, input) => {
  const plan = await planRead(ctx, input);
  return plan.output;
};

// --- DeleteObject / DeleteObjects ----------------------------------------------------------------

const deleteObject: OperationHandler = async (ctx, input) => {
  await requireBucket(ctx.store, String(input.Bucket));
  const result = await deleteObjectVersion(ctx, String(input.Bucket), String(input.Key), input.VersionId as string | undefined, await bypassOf(ctx, input, String(input.Key)));
  return { ...result };
};

interface DeleteIdentifier {
  Key?: string;
  VersionId?: string;
}

const deleteObjects: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  await requireBucket(ctx.store, bucketName);
  const request = (input.Delete ?? {}) as { Objects?: DeleteIdentifier[]; Quiet?: boolean };
  const objects = request.Objects ?? [];
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const bypass = await bypassOf(ctx, input, objects.map((o) => String(o.Key ?? '')));
  const Deleted: Record<string, unknown>[] = [];
  const Errors: Record<string, unknown>[] = [];
  for (const o of objects) {
    const key = String(o.Key ?? '');
    try {
      const r = await deleteObjectVersion(ctx, bucketName, key, o.VersionId, bypass);
      if (o.VersionId !== undefined) {
        Deleted.push({ Key: key, VersionId: o.VersionId, ...(r.DeleteMarker ? { DeleteMarker: true, DeleteMarkerVersionId: o.VersionId } : {}) });
      } else if (r.DeleteMarker) {
        Deleted.push({ Key: key, DeleteMarker: true, DeleteMarkerVersionId: r.VersionId });
      } else {
        Deleted.push({ Key: key });
      }
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Errors.push({ Key: key, VersionId: o.VersionId, Code: err.code, Message: err.message });
    }
  }
  return { Deleted: request.Quiet === true ? undefined : Deleted, Errors: Errors.length > 0 ? Errors : undefined };
};

// --- GetObjectAttributes -------------------------------------------------------------------------

const getObjectAttributes: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucket(ctx.store, bucketName);
  const wanted = new Set(((input.ObjectAttributes as string[] | undefined) ?? []).map((a) => a.trim()));
  if (wanted.size === 0) throw invalidArgument('Invalid attribute name specified.'); // Unconfirmed wording
  const version = pickVersion(await findObject(ctx.store, bucketName, key), key, input.VersionId as string | undefined);
  const out: Record<string, unknown> = { LastModified: new Date(version.LastModified), ...versionIdOutput(bucket, version) };
  if (wanted.has('ETag')) out.ETag = version.ETag?.replace(/"/g, '');
  if (wanted.has('ObjectSize')) out.ObjectSize = version.Size ?? 0;
  if (wanted.has('StorageClass')) out.StorageClass = version.StorageClass ?? 'STANDARD';
  if (wanted.has('Checksum') && version.Checksum) out.Checksum = checksumOutput(version.Checksum);
  if (wanted.has('ObjectParts') && version.Parts) {
    const marker = Number(input.PartNumberMarker ?? 0);
    const max = Math.min(Number(input.MaxParts ?? 1000), 1000);
    const all = version.Parts.map((p, i) => ({ number: i + 1, part: p })).filter((p) => p.number > marker);
    const page = all.slice(0, max);
    const composite = version.Checksum?.Type === 'COMPOSITE' ? version.Checksum.Algorithm : undefined;
    out.ObjectParts = {
      TotalPartsCount: version.Parts.length,
      PartNumberMarker: marker,
      NextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.number : marker,
      MaxParts: max,
      IsTruncated: all.length > page.length,
      Parts: page.map(({ number, part }) => ({
        PartNumber: number,
        Size: part.Size,
        ...(composite && part.Checksum ? { [memberOf(composite)]: part.Checksum } : {}),
      })),
    };
  }
  return out;
};

export const objectCoreOperations: Record<string, OperationHandler> = {
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  GetObjectAttributes: getObjectAttributes,
};
