/**
 * The write path every change to an existing secret takes: in one transaction the record is
 * read again (gone or re-created meanwhile → ResourceNotFoundException), changed, mirrored to
 * its replicas and saved. KMS work happens before (encryption.ts), never inside a transaction.
 */
import type { StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import type { FoundSecret } from './common.js';
import { reread, saveSecret } from './lookup.js';
import { mirrorReplicas, type ReplicaValues } from './replica-sync.js';

export async function changeSecret<R>(
  ctx: RequestContext,
  found: FoundSecret,
  change: (current: FoundSecret, tx: StoreOps) => R | Promise<R>,
  replicaValues?: ReplicaValues,
): Promise<R> {
  return ctx.store.transaction(async (tx) => {
    const current = await reread(tx, found);
    const result = await change(current, tx);
    current.record.LastChangedDate = ctx.receivedAt.toISOString();
    await mirrorReplicas(tx, current, replicaValues);
    await saveSecret(tx, current);
    return result;
  });
}
