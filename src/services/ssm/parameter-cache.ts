/**
 * Parameter records as GetParameter reads them — by the authorizer (the parameter's tags) and
 * by the handler — cached in this process, so an authorized read costs one store read per
 * change, not two per request.
 *
 * Invalidation, as for KMS keys (kms/key-cache.ts): every Parameter Store operation that may
 * write and the expiry sweep bump a generation counter after they ran, which empties the cache
 * at once — in sibling worker processes too (core/peers.ts) before the write is answered.
 * Entries also expire after 5 s, which bounds staleness between nodes sharing PostgreSQL.
 * Cached records are shared: nobody may change one in place.
 */
import { changedState, registerCache } from '../../core/peers.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { ResourceAccess } from '../types.js';
import { PARAMETER_KIND, type ParameterRecord } from './common.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedParameter {
  record: ParameterRecord;
  /** What the authorizer needs of the parameter (its tags), built on first use. */
  access?: ResourceAccess;
}

interface Entry {
  generation: number;
  expires: number;
  value: CachedParameter | undefined;
}

let generation = 0;
const byStore = new WeakMap<StoreOps, Map<string, Entry>>();
registerCache(() => generation++);

/** Empties every cache (after a Parameter Store write), in sibling worker processes too. */
export function invalidateParameterCache(): void {
  generation++;
  changedState();
}

/** The stored parameter `name` of `scope`, or undefined. */
export async function cachedParameter(store: StoreOps, scope: Scope, name: string): Promise<CachedParameter | undefined> {
  let map = byStore.get(store);
  if (!map) byStore.set(store, (map = new Map()));
  const id = `${scope.account}\u0000${scope.region}\u0000${name}`;
  const now = Date.now();
  const hit = map.get(id);
  if (hit !== undefined && hit.generation === generation && hit.expires > now) return hit.value;
  const seen = generation;
  const stored = await store.get<ParameterRecord>(scope, PARAMETER_KIND, name);
  const value: CachedParameter | undefined = stored ? { record: stored.value } : undefined;
  if (seen === generation) {
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(id, { generation: seen, expires: now + TTL_MS, value });
  }
  return value;
}

/** The first of `names` that is stored (an ARN may name `x` or `/x`). */
export async function findCached(store: StoreOps, scope: Scope, names: readonly string[]): Promise<CachedParameter | undefined> {
  for (const name of names) {
    const found = await cachedParameter(store, scope, name);
    if (found) return found;
  }
  return undefined;
}
