/**
 * Delivery state of deleted trails (cursors, digest chains) is dropped after each delivery:
 * a trail created again under the same name starts afresh anyway (its creation time differs).
 */
import type { Store } from '../../store/index.js';
import type { TrailRecord } from '../../services/cloudtrail/common.js';
import { CURSOR_KIND } from './cursor.js';
import { CHAIN_KIND } from './digest-chain.js';

type TrailKey = Pick<TrailRecord, 'AccountId' | 'HomeRegion' | 'Name'>;

/** The trail name a record id of `kind` belongs to. */
const NAME_OF: Record<string, (id: string) => string> = {
  [CURSOR_KIND]: (id) => id,
  [CHAIN_KIND]: (id) => id.slice(0, id.indexOf('/')),
};

export async function forgetDeletedTrails(store: Store, live: TrailKey[]): Promise<void> {
  const names = new Set(live.map((t) => `${t.AccountId}\u0000${t.HomeRegion}\u0000${t.Name}`));
  for (const [kind, nameOf] of Object.entries(NAME_OF)) {
    for (const scope of await store.scopes(kind)) {
      for (const item of (await store.list(scope, kind)).items) {
        if (!names.has(`${scope.account}\u0000${scope.region}\u0000${nameOf(item.id)}`)) await store.delete(scope, kind, item.id);
      }
    }
  }
}
