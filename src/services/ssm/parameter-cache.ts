/**
 * Parameter records as GetParameter reads them — by the authorizer (the parameter's tags) and
 * by the handler — cached in this process, so an authorized read costs one store read per
 * change, not two per request.
 *
 * Invalidation (core/store-cache.ts): every Parameter Store operation that may write and the
 * expiry sweep empty it after they ran, in sibling worker processes too; entries expire after
 * 5 s. Cached records are shared: nobody may change one in place.
 */
import { StoreCache } from '../../core/store-cache.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { ResourceAccess } from '../types.js';
import { PARAMETER_KIND, type ParameterRecord } from './common.js';

export interface CachedParameter {
  record: ParameterRecord;
  /** What the authorizer needs of the parameter (its tags), built on first use. */
  access?: ResourceAccess;
}

const cache = new StoreCache<CachedParameter>();

/** Empties every cache (after a Parameter Store write), in sibling worker processes too. */
export function invalidateParameterCache(): void {
  cache.invalidate();
}

/** The stored parameter `name` of `scope`, or undefined. */
export async function cachedParameter(store: StoreOps, scope: Scope, name: string): Promise<CachedParameter | undefined> {
  return cache.get(store, `${scope.account}\u0000${scope.region}\u0000${name}`, async () => {
    const stored = await store.get<ParameterRecord>(scope, PARAMETER_KIND, name);
    return stored ? { record: stored.value } : undefined;
  });
}

/** The first of `names` that is stored (an ARN may name `x` or `/x`). */
export async function findCached(store: StoreOps, scope: Scope, names: readonly string[]): Promise<CachedParameter | undefined> {
  for (const name of names) {
    const found = await cachedParameter(store, scope, name);
    if (found) return found;
  }
  return undefined;
}
