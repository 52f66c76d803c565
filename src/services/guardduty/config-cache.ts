/**
 * GuardDuty's configuration as the live path reads it on every detection — the detector of an
 * account and Region, its suppression filters, the administrator relationships and the active
 * lists — cached per process through core/store-cache.ts: every GuardDuty operation that may
 * change configuration empties it (in sibling workers too) once it ran, and entries expire
 * after 5 s for nodes that share PostgreSQL without sharing a primary.
 */
import { StoreCache } from '../../core/store-cache.js';

export const configCache = new StoreCache<unknown>(5_000);

/** A cached read: `load` runs when the entry is missing or stale. */
export async function cached<T>(store: object, key: string, load: () => Promise<T>): Promise<T> {
  return (await configCache.get(store, key, load)) as T;
}

export function invalidateConfig(): void {
  configCache.invalidate();
}
