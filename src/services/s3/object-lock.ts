/**
 * Object Lock (WORM) on object versions: a retention period in GOVERNANCE or COMPLIANCE mode and
 * an independent legal hold. While either protects a version it can be neither deleted (by
 * version id) nor have its retention shortened:
 *
 *   legal hold ON           no deletion by anyone until the hold is removed
 *   COMPLIANCE, until > now no deletion and no shortening by anyone, the root included
 *   GOVERNANCE, until > now only with x-amz-bypass-governance-retention: true by a caller
 *                           allowed s3:BypassGovernanceRetention on the object
 *
 * Locks exist only in buckets created with Object Lock enabled; a new version gets the request's
 * lock headers or else the bucket's default retention rule. AWS refuses a protected deletion with
 * a plain 403 AccessDenied ("Access Denied").
 */
import type { OperationInput, RequestContext } from '../types.js';
import { accessDenied, invalidArgument, invalidRequest, objectArn, type BucketRecord, type ObjectVersion } from './common.js';

type Lock = NonNullable<ObjectVersion['Lock']>;
type Mode = NonNullable<Lock['Mode']>;

export const missingLockConfiguration = (): ReturnType<typeof invalidRequest> => invalidRequest('Bucket is missing Object Lock Configuration');

const MODES: ReadonlySet<string> = new Set(['GOVERNANCE', 'COMPLIANCE']);

/** A timestamp member as parsed (a Date) or an ISO text; undefined when absent. */
export function dateOf(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** The end of a default retention rule's period, counted from `from`. */
export function defaultRetainUntil(rule: NonNullable<BucketRecord['ObjectLockRule']>, from: Date): Date {
  const until = new Date(from.getTime());
  if (rule.Years !== undefined) until.setUTCFullYear(until.getUTCFullYear() + rule.Years);
  else until.setTime(until.getTime() + (rule.Days ?? 0) * 86_400_000);
  return until;
}

/** The lock a new version gets: from the request (ObjectLockMode, ObjectLockRetainUntilDate, ObjectLockLegalHoldStatus) or the bucket's default rule. */
export function lockFor(ctx: RequestContext, bucket: BucketRecord, input: OperationInput): ObjectVersion['Lock'] {
  const mode = input.ObjectLockMode;
  const until = input.ObjectLockRetainUntilDate;
  const hold = input.ObjectLockLegalHoldStatus;
  const given = mode !== undefined || until !== undefined || hold !== undefined;
  if (given && !bucket.ObjectLockEnabled) throw missingLockConfiguration();
  if (!bucket.ObjectLockEnabled) return undefined;
  const lock: Lock = {};
  if (mode !== undefined || until !== undefined) {
    if (mode === undefined || until === undefined) {
      throw invalidArgument('x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied');
    }
    if (typeof mode !== 'string' || !MODES.has(mode)) throw invalidArgument('Unknown wormMode directive.', 'x-amz-object-lock-mode', String(mode)); // Unconfirmed wording
    const date = dateOf(until);
    if (!date) throw invalidArgument('The retain until date must be provided in ISO 8601 format', 'x-amz-object-lock-retain-until-date', String(until)); // Unconfirmed wording
    if (date.getTime() <= ctx.receivedAt.getTime()) throw invalidArgument('The retain until date must be in the future!', 'x-amz-object-lock-retain-until-date', date.toISOString());
    lock.Mode = mode as Mode;
    lock.RetainUntil = date.toISOString();
  } else if (bucket.ObjectLockRule) {
    lock.Mode = bucket.ObjectLockRule.Mode;
    lock.RetainUntil = defaultRetainUntil(bucket.ObjectLockRule, ctx.receivedAt).toISOString();
  }
  if (hold !== undefined) {
    if (hold !== 'ON' && hold !== 'OFF') throw invalidArgument('Legal Hold must be either of \'ON\' or \'OFF\'', 'x-amz-object-lock-legal-hold', String(hold)); // Unconfirmed wording
    lock.LegalHold = hold;
  }
  return lock.Mode === undefined && lock.LegalHold === undefined ? undefined : lock;
}

/** True while the version's retention period lasts. */
export function retained(lock: ObjectVersion['Lock'], now: Date): boolean {
  return lock?.Mode !== undefined && lock.RetainUntil !== undefined && Date.parse(lock.RetainUntil) > now.getTime();
}

/** Where a request's decided s3:BypassGovernanceRetention is kept (RequestContext.readCache). */
const BYPASS_MEMO = 's3:bypass-governance-allowed';

/**
 * Decides, before the handler's transaction, whether the caller may use
 * x-amz-bypass-governance-retention on these objects (s3:BypassGovernanceRetention on each
 * object ARN, through RequestContext.authorizeAlso) and remembers the answer for
 * checkDeletable. Call it when the request carries the header (DeleteObject, DeleteObjects,
 * PutObject/CopyObject/CompleteMultipartUpload overwriting a `null` version).
 */
export async function authorizeBypass(ctx: RequestContext, bucket: string, keys: string | string[]): Promise<boolean> {
  let allowed = true;
  if (ctx.authorizeAlso) {
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if ((await ctx.authorizeAlso('s3:BypassGovernanceRetention', objectArn(bucket, key))) !== undefined) {
        allowed = false;
        break;
      }
    }
  }
  (ctx.readCache ??= new Map()).set(BYPASS_MEMO, allowed);
  return allowed;
}

/**
 * Refuses (AccessDenied) to delete or overwrite a locked version; `bypassGovernance` with
 * s3:BypassGovernanceRetention lifts GOVERNANCE. Synchronous (it runs inside the write's
 * transaction): the bypass permission must have been decided by `authorizeBypass` first —
 * undecided counts as not allowed.
 */
export function checkDeletable(ctx: RequestContext, version: ObjectVersion, bypassGovernance: boolean): void {
  const lock = version.Lock;
  if (!lock || version.IsDeleteMarker) return;
  if (lock.LegalHold === 'ON') throw accessDenied();
  if (!retained(lock, ctx.receivedAt)) return;
  if (lock.Mode === 'COMPLIANCE' || !bypassGovernance) throw accessDenied();
  if (ctx.readCache?.get(BYPASS_MEMO) !== true) throw accessDenied();
}

/** The lock output members of a version (ObjectLockMode, ObjectLockRetainUntilDate, ObjectLockLegalHoldStatus). */
export function lockOutput(version: ObjectVersion): Record<string, unknown> {
  const lock = version.Lock;
  if (!lock) return {};
  const out: Record<string, unknown> = {};
  if (lock.Mode !== undefined && lock.RetainUntil !== undefined) {
    out.ObjectLockMode = lock.Mode;
    out.ObjectLockRetainUntilDate = new Date(lock.RetainUntil);
  }
  if (lock.LegalHold !== undefined) out.ObjectLockLegalHoldStatus = lock.LegalHold;
  return out;
}
