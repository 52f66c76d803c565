/**
 * Object Lock on one version: PutObjectRetention / GetObjectRetention and PutObjectLegalHold /
 * GetObjectLegalHold. The lock lives in the version's record (ObjectEntry.Versions[…].Lock) and
 * changes in a store transaction. Rules (object-lock.ts): a COMPLIANCE retention that still runs
 * can only be extended; a GOVERNANCE one can be shortened, removed or changed only with
 * x-amz-bypass-governance-retention by a caller allowed s3:BypassGovernanceRetention.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { accessDenied, findObject, invalidArgument, malformedXml, OBJECT_KIND, objectId, pickVersion, requireBucket, S3_SCOPE, type ObjectEntry, type ObjectVersion } from './common.js';
import { authorizeBypass, dateOf, missingLockConfiguration, retained } from './object-lock.js';

type Lock = NonNullable<ObjectVersion['Lock']>;

const noLockConfiguration = (): AwsError => new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', { status: 404 });

const names = (input: OperationInput): { bucket: string; key: string; versionId?: string } => ({
  bucket: input.Bucket as string,
  key: input.Key as string,
  versionId: typeof input.VersionId === 'string' ? input.VersionId : undefined,
});

/** The version the call names, in a bucket with Object Lock enabled. */
async function lockedVersion(ctx: RequestContext, input: OperationInput): Promise<ObjectVersion> {
  const { bucket, key, versionId } = names(input);
  const record = await requireBucket(ctx.store, bucket);
  if (!record.ObjectLockEnabled) throw missingLockConfiguration();
  return pickVersion(await findObject(ctx.store, bucket, key), key, versionId);
}

/** Changes the lock of the named version atomically; `change` may throw to refuse. */
async function updateLock(ctx: RequestContext, input: OperationInput, change: (lock: Lock) => Lock): Promise<ObjectVersion> {
  const { bucket, key, versionId } = names(input);
  const record = await requireBucket(ctx.store, bucket);
  if (!record.ObjectLockEnabled) throw missingLockConfiguration();
  return ctx.store.transaction(async (tx) => {
    const entry = await findObject(tx, bucket, key);
    const version = pickVersion(entry, key, versionId);
    const next = change({ ...version.Lock });
    const lock: Lock = {};
    if (next.Mode !== undefined && next.RetainUntil !== undefined) {
      lock.Mode = next.Mode;
      lock.RetainUntil = next.RetainUntil;
    }
    if (next.LegalHold !== undefined) lock.LegalHold = next.LegalHold;
    const updated: ObjectVersion = { ...version };
    if (lock.Mode === undefined && lock.LegalHold === undefined) delete updated.Lock;
    else updated.Lock = lock;
    const stored = entry as ObjectEntry;
    const versions = stored.Versions.map((v) => (v.VersionId === version.VersionId ? updated : v));
    await tx.put(S3_SCOPE, OBJECT_KIND, objectId(bucket, key), { ...stored, Versions: versions } satisfies ObjectEntry);
    return updated;
  });
}

const putObjectRetention: OperationHandler = async (ctx, input) => {
  const retention = (input.Retention ?? {}) as { Mode?: string; RetainUntilDate?: unknown };
  const mode = retention.Mode;
  const until = dateOf(retention.RetainUntilDate);
  if ((mode === undefined) !== (retention.RetainUntilDate === undefined)) throw malformedXml();
  if (mode !== undefined && mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw malformedXml();
  if (retention.RetainUntilDate !== undefined && !until) throw malformedXml();
  if (until && until.getTime() <= ctx.receivedAt.getTime()) {
    throw invalidArgument('The retain until date must be in the future!', 'RetainUntilDate', until.toISOString());
  }
  const { bucket, key } = names(input);
  // Decided before the transaction (the engine reads the store); used only when needed.
  const bypass = input.BypassGovernanceRetention === true && (await authorizeBypass(ctx, bucket, key));
  const bypassAsked = input.BypassGovernanceRetention === true;
  await updateLock(ctx, input, (lock) => {
    if (retained(lock, ctx.receivedAt)) {
      const current = Date.parse(lock.RetainUntil as string);
      const extends_ = until !== undefined && until.getTime() >= current;
      if (lock.Mode === 'COMPLIANCE') {
        // A running COMPLIANCE retention: the same mode, kept or extended; nothing else, by anyone.
        if (mode !== 'COMPLIANCE' || !extends_) throw accessDenied();
      } else if (!extends_) {
        // GOVERNANCE shortened or removed (switching to COMPLIANCE while extending is allowed).
        if (!bypassAsked || !bypass) throw accessDenied();
      }
    }
    if (mode === undefined) return { LegalHold: lock.LegalHold };
    return { ...lock, Mode: mode as Lock['Mode'], RetainUntil: (until as Date).toISOString() };
  });
  return {};
};

const getObjectRetention: OperationHandler = async (ctx, input) => {
  const version = await lockedVersion(ctx, input);
  const lock = version.Lock;
  if (lock?.Mode === undefined || lock.RetainUntil === undefined) throw noLockConfiguration();
  return { Retention: { Mode: lock.Mode, RetainUntilDate: new Date(lock.RetainUntil) } };
};

const putObjectLegalHold: OperationHandler = async (ctx, input) => {
  const status = (input.LegalHold as { Status?: string } | undefined)?.Status;
  if (status !== 'ON' && status !== 'OFF') throw malformedXml();
  await updateLock(ctx, input, (lock) => ({ ...lock, LegalHold: status }));
  return {};
};

const getObjectLegalHold: OperationHandler = async (ctx, input) => {
  const version = await lockedVersion(ctx, input);
  const hold = version.Lock?.LegalHold;
  if (hold === undefined) throw noLockConfiguration();
  return { LegalHold: { Status: hold } };
};

export const protectionOperations: Record<string, OperationHandler> = {
  PutObjectRetention: putObjectRetention,
  GetObjectRetention: getObjectRetention,
  PutObjectLegalHold: putObjectLegalHold,
  GetObjectLegalHold: getObjectLegalHold,
};
