/**
 * CopyObject, and reading a copy's source (shared with UploadPartCopy): `x-amz-copy-source`
 * parsed, the source version found after the x-amz-copy-source-if-* conditions, its bytes
 * decrypted from the source and re-encrypted for the target as they stream through.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { findObject, invalidArgument, invalidRequest, noSuchKey, requireBucket, type BucketRecord, type ObjectVersion, type Tag } from './common.js';
import { checksumOutput, newDigest, requestedChecksum, type RequestedChecksum } from './checksums.js';
import { checkCopySourceConditions } from './conditional.js';
import { lockFor } from './object-lock.js';
import { describeFromInput, versionIdOutput } from './object-output.js';
import { parseTaggingHeader } from './object-tagging.js';
import { bypassOf, checkKeyLength, DEFAULT_CHECKSUM, requestAcl, writtenVersion } from './objects.js';
import { decryptionKey, encryptionFor, sseOutput } from './sse.js';
import { commitVersion } from './versions.js';

export interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
}

/** `bucket/key[?versionId=…]`, URL-encoded, with or without a leading slash. */
export function parseCopySource(value: unknown): CopySource {
  const text = String(value ?? '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  let versionId: string | undefined;
  if (q >= 0) {
    const params = new URLSearchParams(text.slice(q + 1));
    versionId = params.get('versionId') ?? undefined;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', text); // Unconfirmed wording
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', text);
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

/** The source version of a copy (CopyObject, UploadPartCopy), its bucket, after the x-amz-copy-source-if-* conditions. */
export async function readCopySource(ctx: RequestContext, input: OperationInput): Promise<{ source: CopySource; bucket: BucketRecord; version: ObjectVersion }> {
  const source = parseCopySource(input.CopySource);
  const bucket = await requireBucket(ctx.store, source.bucket);
  const entry = await findObject(ctx.store, source.bucket, source.key);
  let version: ObjectVersion;
  if (source.versionId !== undefined) {
    const found = entry?.Versions.find((v) => v.VersionId === source.versionId);
    if (!found) throw source.versionId === 'null' ? noSuchKey(source.key) : new AwsError('NoSuchVersion', 'The specified version does not exist.', { status: 404, fields: { Key: source.key, VersionId: source.versionId } });
    if (found.IsDeleteMarker) throw invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
    version = found;
  } else {
    const latest = entry?.Versions[0];
    if (!latest || latest.IsDeleteMarker) throw noSuchKey(source.key);
    version = latest;
  }
  checkCopySourceConditions(version, {
    ifMatch: input.CopySourceIfMatch,
    ifNoneMatch: input.CopySourceIfNoneMatch,
    ifModifiedSince: input.CopySourceIfModifiedSince,
    ifUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
  });
  return { source, bucket, version };
}

const copyObject: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const target = await requireBucket(ctx.store, bucketName);
  checkKeyLength(key);
  const acl = await requestAcl(ctx, target, input);
  const { source, bucket: sourceBucket, version: src } = await readCopySource(ctx, input);
  const metadataDirective = input.MetadataDirective === 'REPLACE' ? 'REPLACE' : 'COPY';
  const taggingDirective = input.TaggingDirective === 'REPLACE' ? 'REPLACE' : 'COPY';
  if (input.MetadataDirective !== undefined && !['COPY', 'REPLACE'].includes(String(input.MetadataDirective))) {
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', String(input.MetadataDirective));
  }
  const sameObject = source.bucket === bucketName && source.key === key;
  const changesSomething =
    metadataDirective === 'REPLACE' ||
    input.StorageClass !== undefined ||
    input.WebsiteRedirectLocation !== undefined ||
    input.ServerSideEncryption !== undefined ||
    input.SSEKMSKeyId !== undefined ||
    input.BucketKeyEnabled !== undefined ||
    input.ChecksumAlgorithm !== undefined;
  if (sameObject && !changesSomething && (source.versionId === undefined || target.Versioning !== 'Enabled')) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const described =
    metadataDirective === 'REPLACE'
      ? describeFromInput(input)
      : {
          ContentType: src.ContentType,
          Headers: input.WebsiteRedirectLocation !== undefined ? { ...(src.Headers ?? {}), WebsiteRedirectLocation: String(input.WebsiteRedirectLocation) } : src.Headers,
          Metadata: src.Metadata,
          StorageClass: describeFromInput({ StorageClass: input.StorageClass }).StorageClass,
        };
  let tags: Tag[] | undefined = taggingDirective === 'REPLACE' ? parseTaggingHeader(input.Tagging ?? '') : src.Tags;
  if (tags && tags.length === 0) tags = undefined;
  const requested: RequestedChecksum | undefined = requestedChecksum({ ChecksumAlgorithm: input.ChecksumAlgorithm });
  const algorithm = requested?.algorithm ?? (src.Checksum?.Type === 'FULL_OBJECT' ? src.Checksum.Algorithm : DEFAULT_CHECKSUM);
  const readKey = await decryptionKey(ctx, sourceBucket, source.key, src);
  const encryption = await encryptionFor(ctx, target, key, input);
  const lock = lockFor(ctx, target, input);
  const digest = newDigest(algorithm);
  const data = src.BlobId && (src.Size ?? 0) > 0 ? ctx.blobs.read(src.BlobId, { key: readKey }) : Buffer.alloc(0);
  const blob = await ctx.blobs.put(data, { key: encryption.key, observe: (c) => digest.update(c) });
  const { version, bucket: after } = await commitVersion(
    ctx,
    bucketName,
    key,
    writtenVersion(ctx, blob, { ...described, Tags: tags, Acl: acl, Sse: encryption.sse, Lock: lock }, { Algorithm: algorithm, Value: digest.digest().toString('base64') }),
    { bypassGovernance: await bypassOf(ctx, input, key), conditions: { ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch } },
  );
  return {
    CopyObjectResult: { ETag: version.ETag, LastModified: new Date(version.LastModified), ...checksumOutput(version.Checksum) },
    ...versionIdOutput(after, version),
    ...(sourceBucket.Versioning !== undefined ? { CopySourceVersionId: src.VersionId } : {}),
    ...sseOutput(version),
  };
};

export const copyOperations: Record<string, OperationHandler> = { CopyObject: copyObject };
