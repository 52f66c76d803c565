/**
 * How a key's versions change: a new version (PutObject, CopyObject, CompleteMultipartUpload),
 * a delete marker, a version removed for good. The blob is written first, then the metadata
 * in one store transaction that re-reads the bucket (its versioning state) and the key's
 * ObjectEntry; blobs no version names any more are deleted after the commit.
 *
 * Versioning: Enabled → every write gets a new version id; never enabled or Suspended → the
 * write is the `null` version and replaces the previous `null` version (Object Lock permitting).
 */
import type { StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { checkWriteConditions } from './conditional.js';
import {
  OBJECT_KIND,
  callerCanonicalId,
  S3_SCOPE,
  newVersionId,
  objectId,
  requireBucket,
  type BucketRecord,
  type ObjectEntry,
  type ObjectVersion,
} from './common.js';
import { checkDeletable } from './object-lock.js';

export async function deleteBlobs(ctx: RequestContext, ids: Array<string | undefined>): Promise<void> {
  for (const id of ids) if (id) await ctx.blobs.delete(id).catch(() => {});
}

export interface CommitOptions {
  bypassGovernance?: boolean;
  /** Conditional write headers (If-Match / If-None-Match) checked against the current version. */
  conditions?: { ifMatch?: unknown; ifNoneMatch?: unknown };
  /** More work in the same transaction (CompleteMultipartUpload removes its upload record). */
  alongside?: (tx: StoreOps) => Promise<void>;
}

/**
 * Stores `draft` as the key's newest version; resolves the stored version and the bucket as
 * it was at commit. On failure the draft's blob is deleted.
 */
export async function commitVersion(
  ctx: RequestContext,
  bucketName: string,
  key: string,
  draft: Omit<ObjectVersion, 'VersionId'>,
  options: CommitOptions = {},
): Promise<{ version: ObjectVersion; bucket: BucketRecord }> {
  let orphans: Array<string | undefined> = [];
  try {
    const result = await ctx.store.transaction(async (tx) => {
      const bucket = await requireBucket(tx, bucketName);
      const id = objectId(bucketName, key);
      const entry = (await tx.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, id))?.value ?? { Key: key, Versions: [] };
      if (options.conditions) checkWriteConditions(key, entry.Versions[0], options.conditions);
      await options.alongside?.(tx);
      const version = Object.assign({}, draft, { VersionId: bucket.Versioning === 'Enabled' ? newVersionId() : 'null' }) as ObjectVersion;
      const removed: Array<string | undefined> = [];
      if (version.VersionId === 'null') {
        const previous = entry.Versions.find((v) => v.VersionId === 'null');
        if (previous) {
          if (!previous.IsDeleteMarker) checkDeletable(ctx, previous, options.bypassGovernance === true);
          removed.push(previous.BlobId);
          entry.Versions = entry.Versions.filter((v) => v !== previous);
        }
      }
      entry.Versions.unshift(version);
      await tx.put(S3_SCOPE, OBJECT_KIND, id, entry);
      return { version, bucket, removed };
    });
    orphans = result.removed;
    return { version: result.version, bucket: result.bucket };
  } catch (err) {
    orphans = [draft.BlobId];
    throw err;
  } finally {
    await deleteBlobs(ctx, orphans);
  }
}

export interface DeleteResult {
  /** The version id the response names (the delete marker's, or the removed version's). */
  VersionId?: string;
  DeleteMarker?: boolean;
}

/**
 * DeleteObject's semantics for one key: with a version id, that version goes for good (Object
 * Lock permitting); without one, a delete marker (versioning Enabled), the `null` version
 * replaced by a `null` delete marker (Suspended), or the object removed (never versioned).
 * Deleting what is not there succeeds.
 */
export async function deleteObjectVersion(
  ctx: RequestContext,
  bucketName: string,
  key: string,
  versionId: string | undefined,
  bypassGovernance: boolean,
): Promise<DeleteResult> {
  const outcome = await ctx.store.transaction(async (tx) => {
    const bucket = await requireBucket(tx, bucketName);
    const id = objectId(bucketName, key);
    const entry = (await tx.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, id))?.value;
    const removed: Array<string | undefined> = [];
    const save = async (e: ObjectEntry): Promise<void> => {
      if (e.Versions.length === 0) await tx.delete(S3_SCOPE, OBJECT_KIND, id);
      else await tx.put(S3_SCOPE, OBJECT_KIND, id, e);
    };
    if (versionId !== undefined) {
      const target = entry?.Versions.find((v) => v.VersionId === versionId);
      if (!entry || !target) return { result: { VersionId: versionId } as DeleteResult, removed };
      if (!target.IsDeleteMarker) checkDeletable(ctx, target, bypassGovernance);
      entry.Versions = entry.Versions.filter((v) => v !== target);
      removed.push(target.BlobId);
      await save(entry);
      return { result: { VersionId: versionId, DeleteMarker: target.IsDeleteMarker ? true : undefined }, removed };
    }
    if (bucket.Versioning === undefined) {
      const target = entry?.Versions.find((v) => v.VersionId === 'null');
      if (entry && target) {
        checkDeletable(ctx, target, bypassGovernance);
        entry.Versions = entry.Versions.filter((v) => v !== target);
        removed.push(target.BlobId);
        await save(entry);
      }
      return { result: {}, removed };
    }
    const e = entry ?? { Key: key, Versions: [] };
    const marker: ObjectVersion = {
      VersionId: bucket.Versioning === 'Enabled' ? newVersionId() : 'null',
      IsDeleteMarker: true,
      LastModified: new Date().toISOString(),
      OwnerId: callerCanonicalId(ctx),
    };
    if (marker.VersionId === 'null') {
      const previous = e.Versions.find((v) => v.VersionId === 'null');
      if (previous) {
        if (!previous.IsDeleteMarker) checkDeletable(ctx, previous, bypassGovernance);
        removed.push(previous.BlobId);
        e.Versions = e.Versions.filter((v) => v !== previous);
      }
    }
    e.Versions.unshift(marker);
    await save(e);
    return { result: { VersionId: marker.VersionId, DeleteMarker: true } as DeleteResult, removed };
  });
  await deleteBlobs(ctx, outcome.removed);
  return outcome.result;
}
