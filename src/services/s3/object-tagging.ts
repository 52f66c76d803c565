/**
 * Object tags: at most 10 per version, keys 1–128 and values 0–256 Unicode characters, no
 * duplicate keys, no `aws:` prefix. Sent as an XML Tagging document (PutObjectTagging) or as
 * the URL-encoded `x-amz-tagging` header (PutObject, CopyObject, CreateMultipartUpload).
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { OBJECT_KIND, S3_SCOPE, findObject, objectId, pickVersion, requireBucket, type ObjectEntry, type Tag } from './common.js';

const invalidTag = (message: string): AwsError => new AwsError('InvalidTag', message, { status: 400 });
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function validateObjectTags(tags: Tag[]): Tag[] {
  if (tags.length > 10) throw new AwsError('BadRequest', 'Object tags cannot be greater than 10', { status: 400 });
  const seen = new Set<string>();
  for (const t of tags) {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if ([...key].length < 1 || [...key].length > 128) throw invalidTag('The TagKey you have provided is invalid'); // Unconfirmed wording
    if ([...value].length > 256) throw invalidTag('The TagValue you have provided is invalid'); // Unconfirmed wording
    if (!TAG_TEXT.test(key)) throw invalidTag('The TagKey you have provided is invalid');
    if (!TAG_TEXT.test(value)) throw invalidTag('The TagValue you have provided is invalid');
    if (key.toLowerCase().startsWith('aws:')) throw invalidTag('Your TagKey cannot be prefixed with aws:');
    if (seen.has(key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(key);
  }
  return tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
}

/** The tags of an `x-amz-tagging` header (`k1=v1&k2=v2`, URL-encoded). */
export function parseTaggingHeader(header: unknown): Tag[] | undefined {
  if (typeof header !== 'string') return undefined;
  const tags: Tag[] = [];
  for (const [k, v] of new URLSearchParams(header)) tags.push({ Key: k, Value: v });
  return validateObjectTags(tags);
}

const versionHeader = (entryVersioned: boolean, versionId: string): Record<string, unknown> => (entryVersioned ? { VersionId: versionId } : {});

const putObjectTagging: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const tagSet = ((input.Tagging as { TagSet?: Tag[] } | undefined)?.TagSet ?? []) as Tag[];
  const tags = validateObjectTags(tagSet);
  const versionId = await ctx.store.transaction(async (tx) => {
    const bucket = await requireBucket(tx, bucketName);
    const entry = await findObject(tx, bucketName, key);
    const version = pickVersion(entry, key, input.VersionId as string | undefined);
    version.Tags = tags;
    await tx.put(S3_SCOPE, OBJECT_KIND, objectId(bucketName, key), entry as ObjectEntry);
    return versionHeader(bucket.Versioning !== undefined, version.VersionId);
  });
  return versionId;
};

const getObjectTagging: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  const bucket = await requireBucket(ctx.store, bucketName);
  const version = pickVersion(await findObject(ctx.store, bucketName, key), key, input.VersionId as string | undefined);
  return { ...versionHeader(bucket.Versioning !== undefined, version.VersionId), TagSet: version.Tags ?? [] };
};

const deleteObjectTagging: OperationHandler = async (ctx: RequestContext, input: OperationInput) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  return ctx.store.transaction(async (tx) => {
    const bucket = await requireBucket(tx, bucketName);
    const entry = await findObject(tx, bucketName, key);
    const version = pickVersion(entry, key, input.VersionId as string | undefined);
    delete version.Tags;
    await tx.put(S3_SCOPE, OBJECT_KIND, objectId(bucketName, key), entry as ObjectEntry);
    return versionHeader(bucket.Versioning !== undefined, version.VersionId);
  });
};

export const taggingOperations: Record<string, OperationHandler> = {
  PutObjectTagging: putObjectTagging,
  GetObjectTagging: getObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
};
