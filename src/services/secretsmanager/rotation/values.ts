/** What the built-in rotators share: reading a labelled value, adding AWSPENDING, moving AWSCURRENT. */
import type { RequestContext } from '../../types.js';
import { AWSCURRENT, AWSPENDING, holderOf, versionById, type FoundSecret } from '../common.js';
import { openValue } from '../encryption.js';
import { requireSecret, requireWritable } from '../lookup.js';
import { putVersion } from '../put-value.js';
import { invalidateSecretCache } from '../secret-cache.js';
import { getValue } from '../value-store.js';
import { moveStage } from '../versions.js';
import { changeSecret } from '../writes.js';
import type { RotationRun } from './context.js';

export async function currentSecret(ctx: RequestContext, run: RotationRun): Promise<FoundSecret> {
  const found = await requireSecret(ctx.store, ctx, run.arn);
  requireWritable(found);
  return found;
}

/** The text of a version (by id, or the holder of a label); undefined when there is none. */
export async function readText(ctx: RequestContext, found: FoundSecret, versionId: string | undefined, stage?: string): Promise<string | undefined> {
  const version = versionId !== undefined ? versionById(found.record, versionId) : holderOf(found.record, stage ?? AWSCURRENT);
  if (!version) return undefined;
  const sealed = await getValue(ctx.store, found.scope, found.record.Name, version.VersionId);
  if (!sealed) return undefined;
  if (sealed.Binary) throw new Error('the secret holds a binary value, which this rotator cannot rotate');
  return (await openValue(ctx, sealed, found.record.ARN, version.VersionId)).toString('utf8');
}

/** createSecret: the token's version with AWSPENDING and `make(current value)`, unless it exists already. */
export async function createPending(ctx: RequestContext, run: RotationRun, make: (current: string) => string): Promise<void> {
  const found = await currentSecret(ctx, run);
  if (versionById(found.record, run.token)) return;
  const current = await readText(ctx, found, undefined, AWSCURRENT);
  if (current === undefined) throw new Error('the secret has no AWSCURRENT value to rotate');
  try {
    await putVersion(ctx, found, run.token, { plaintext: Buffer.from(make(current), 'utf8'), binary: false }, [AWSPENDING]);
  } finally {
    invalidateSecretCache();
  }
}

/** finishSecret: AWSCURRENT moves to the token's version (AWSPREVIOUS follows to the old one). */
export async function finishPending(ctx: RequestContext, run: RotationRun): Promise<void> {
  const found = await currentSecret(ctx, run);
  try {
    await changeSecret(ctx, found, (current) => {
      const holder = holderOf(current.record, AWSCURRENT);
      if (holder?.VersionId === run.token) return;
      moveStage(current.record, AWSCURRENT, run.token, holder?.VersionId);
    });
  } finally {
    invalidateSecretCache();
  }
}
