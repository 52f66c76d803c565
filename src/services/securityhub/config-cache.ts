/**
 * Security Hub's configuration as imports and queries read it on every call — hubs, product
 * subscriptions, automation rules, relationships, aggregators — cached per process through
 * core/store-cache.ts: every operation that may change configuration empties it (in sibling
 * workers too) once it ran; entries expire after 5 s for nodes sharing PostgreSQL without a
 * shared primary.
 */
import { StoreCache } from '../../core/store-cache.js';

const configCache = new StoreCache<unknown>(5_000);

/** A cached read: `load` runs when the entry is missing or stale. */
export async function cached<T>(store: object, key: string, load: () => Promise<T>): Promise<T> {
  return (await configCache.get(store, key, load)) as T;
}

export function invalidateConfig(): void {
  configCache.invalidate();
}
