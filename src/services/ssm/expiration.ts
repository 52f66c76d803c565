/**
 * Expiration policies enforced: housekeeping (src/server/housekeeping.ts, once a minute) deletes
 * every parameter whose Expiration time has passed, as Parameter Store's periodic scans do.
 *
 * Parameters with an Expiration policy are indexed by time (`ssm:parameter-expiry`, ids
 * `<ISO time>|<name>` sort by time), so a sweep reads only what is due. An index entry that no
 * longer matches its parameter (the policy changed, the parameter went) is dropped.
 */
import type { Scope, Store, StoreOps } from '../../store/index.js';
import { EXPIRY_KIND, expiryId, PARAMETER_KIND, type ExpiryEntry, type ParameterRecord } from './common.js';
import { removeParameter } from './delete-parameters.js';
import { invalidateParameterCache } from './parameter-cache.js';

/** Moves a parameter's index entry from `before` to `after` (either may be absent), in `tx`. */
export async function reindexExpiry(tx: StoreOps, scope: Scope, name: string, before: string | undefined, after: string | undefined): Promise<void> {
  if (before === after) return;
  if (before !== undefined) await tx.delete(scope, EXPIRY_KIND, expiryId({ Name: name, ExpiresAt: before }));
  if (after !== undefined) {
    const entry: ExpiryEntry = { Name: name, ExpiresAt: after };
    await tx.put(scope, EXPIRY_KIND, expiryId(entry), entry);
  }
}

/** Deletes every parameter expired at `now`; resolves the number deleted. */
export async function sweepExpired(store: Store, now: Date): Promise<number> {
  const due = now.toISOString();
  let deleted = 0;
  for (const scope of await store.scopes(EXPIRY_KIND)) {
    for (;;) {
      const page = await store.list<ExpiryEntry>(scope, EXPIRY_KIND, { limit: 100 });
      const ripe = page.items.filter((i) => i.value.ExpiresAt <= due);
      for (const item of ripe) {
        const removed = await store.transaction(async (tx) => {
          await tx.delete(scope, EXPIRY_KIND, item.id);
          const stored = await tx.get<ParameterRecord>(scope, PARAMETER_KIND, item.value.Name);
          if (!stored || stored.value.ExpiresAt !== item.value.ExpiresAt) return false;
          await removeParameter(tx, scope, stored.value);
          return true;
        });
        if (removed) deleted++;
      }
      if (ripe.length < page.items.length || page.next === undefined) break;
    }
  }
  if (deleted > 0) invalidateParameterCache();
  return deleted;
}
