/**
 * DeleteSecret, RestoreSecret and `sweepSecrets`, the housekeeping pass that really deletes
 * secrets whose recovery window has ended.
 *
 * DeleteSecret marks the secret for deletion (DeletedDate now, DeletionDate at the end of a 7–30
 * day recovery window, 30 by default); a secret marked so answers InvalidRequestException to
 * reads and writes until RestoreSecret, and its name stays taken. ForceDeleteWithoutRecovery
 * deletes at once (also a secret already marked). A primary with replicas cannot be deleted
 * (RemoveRegionsFromReplication first), nor can a replica (its primary manages it).
 */
import type { Store } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { isReplica, SECRET_KIND, type SecretRecord } from './common.js';
import { alreadyMarkedDeleted, invalidParameter, invalidRequest, replicaReadOnly } from './errors.js';
import { allSecrets } from './list.js';
import { reread, requireSecret } from './lookup.js';
import { invalidateSecretCache } from './secret-cache.js';
import { deleteAllValues } from './value-store.js';
import { changeSecret } from './writes.js';

const DAY_MS = 86_400_000;

export const deleteSecret: OperationHandler = async (ctx, input) => {
  const force = input.ForceDeleteWithoutRecovery === true;
  const window = input.RecoveryWindowInDays;
  if (force && window !== undefined) throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  const days = window === undefined ? 30 : Number(window);
  if (!force && (!Number.isInteger(days) || days < 7 || days > 30)) throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  const record = found.record;
  if (isReplica(record, found.scope)) throw replicaReadOnly();
  if (record.Replicas && record.Replicas.length > 0) {
    // Unconfirmed wording.
    throw invalidRequest(`You can't delete secret ${record.Name} because it is replicated to other Regions. Remove the replicas with RemoveRegionsFromReplication first.`);
  }
  if (record.DeletedDate && !force) throw alreadyMarkedDeleted();
  const now = ctx.receivedAt;
  if (force) {
    await ctx.store.transaction(async (tx) => {
      const current = await reread(tx, found);
      await deleteAllValues(tx, current.scope, current.record.Name);
      await tx.delete(current.scope, SECRET_KIND, current.record.Name);
    });
    return { ARN: record.ARN, Name: record.Name, DeletionDate: now };
  }
  const deletionDate = new Date(now.getTime() + days * DAY_MS);
  await changeSecret(ctx, found, (current) => {
    current.record.DeletedDate = now.toISOString();
    current.record.DeletionDate = deletionDate.toISOString();
  });
  return { ARN: record.ARN, Name: record.Name, DeletionDate: deletionDate };
};

export const restoreSecret: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  if (isReplica(found.record, found.scope)) throw replicaReadOnly();
  if (found.record.DeletedDate) {
    await changeSecret(ctx, found, (current) => {
      delete current.record.DeletedDate;
      delete current.record.DeletionDate;
    });
  }
  return { ARN: found.record.ARN, Name: found.record.Name };
};

/** Deletes every secret whose recovery window ended by `now`; resolves to how many went. */
export async function sweepSecrets(store: Store, now: Date): Promise<number> {
  let deleted = 0;
  for (const scope of await store.scopes(SECRET_KIND)) {
    for (const record of await allSecrets(store, scope)) {
      if (!record.DeletionDate || Date.parse(record.DeletionDate) > now.getTime()) continue;
      const gone = await store.transaction(async (tx) => {
        const current = await tx.get<SecretRecord>(scope, SECRET_KIND, record.Name);
        if (!current || current.value.ARN !== record.ARN || !current.value.DeletionDate || Date.parse(current.value.DeletionDate) > now.getTime()) return false;
        await deleteAllValues(tx, scope, record.Name);
        await tx.delete(scope, SECRET_KIND, record.Name);
        return true;
      });
      if (gone) deleted++;
    }
  }
  if (deleted > 0) invalidateSecretCache();
  return deleted;
}
