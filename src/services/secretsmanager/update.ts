/**
 * UpdateSecret: Description, Type, the KMS key, and — with SecretString or SecretBinary — a new
 * version labelled AWSCURRENT (as PutSecretValue, put-value.ts). A new KmsKeyId ("" = the AWS
 * managed key) encrypts new versions; the AWSCURRENT, AWSPENDING and AWSPREVIOUS versions are
 * re-encrypted under it too, keeping the old key's envelope so they stay readable with either
 * key — unless the caller may not decrypt them or encrypt with the new key, in which case AWS
 * silently leaves them as they were, and so does Bulwark.
 */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS, versionById, type FoundSecret } from './common.js';
import { keyForWrites, keyIdOf, rewrapValue, type SealedValue, type WriteKey } from './encryption.js';
import { requireSecret, requireWritable } from './lookup.js';
import { putVersion, refuseDefaultKeyCrossAccount, tokenOf, valueOf } from './put-value.js';
import { getValue, putValue } from './value-store.js';
import { changeSecret } from './writes.js';

const REENCRYPTED = [AWSCURRENT, AWSPENDING, AWSPREVIOUS];

export const updateSecret: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  const value = valueOf(input);
  const versionId = value ? tokenOf(input) : undefined;
  const keyChange = typeof input.KmsKeyId === 'string' ? input.KmsKeyId : undefined;
  const nextKeyId = keyChange === undefined ? found.record.KmsKeyId : keyChange === '' ? undefined : keyChange;
  if (value) refuseDefaultKeyCrossAccount(ctx, found, nextKeyId);
  let key: WriteKey | undefined;
  const rewrapped = new Map<string, SealedValue>();
  if (keyChange !== undefined) {
    key = await keyForWrites(ctx, found.scope, nextKeyId);
    const record = found.record;
    for (const v of record.Versions) {
      if (!v.Stages.some((s) => REENCRYPTED.includes(s))) continue;
      const sealed = await getValue(ctx.store, found.scope, record.Name, v.VersionId);
      const again = sealed && (await rewrapValue(ctx, sealed, record.ARN, v.VersionId, key));
      if (again) rewrapped.set(v.VersionId, again);
    }
  }
  const extra = async (current: FoundSecret, tx: StoreOps): Promise<void> => {
    const record = current.record;
    if (typeof input.Description === 'string') record.Description = input.Description;
    if (typeof input.Type === 'string') record.Type = input.Type;
    if (keyChange !== undefined) {
      if (nextKeyId === undefined) delete record.KmsKeyId;
      else record.KmsKeyId = nextKeyId;
    }
    for (const [id, sealed] of rewrapped) {
      const version = versionById(record, id);
      if (!version) continue;
      version.KmsKeyIds = sealed.Envelopes.map(keyIdOf);
      await putValue(tx, current.scope, record.Name, id, sealed);
    }
  };
  const out: Record<string, unknown> = { ARN: found.record.ARN, Name: found.record.Name };
  if (value && versionId !== undefined) {
    await putVersion(ctx, found, versionId, value, [AWSCURRENT], { key, extra });
    out.VersionId = versionId;
  } else {
    await changeSecret(ctx, found, extra);
  }
  return out;
};
