/**
 * A per-process cache of records read from a store (KMS keys, secrets, parameters): the one
 * mechanism the services share for the records they read on every call.
 *
 * Invalidation: a service calls `invalidate()` after every operation that may write, which
 * bumps a generation counter and so empties the cache at once — in sibling worker processes
 * too (core/peers.ts), before the write is answered. A load that started before a bump is not
 * kept. Entries also expire after `ttlMs`, which bounds staleness between nodes that share
 * PostgreSQL. Cached values are shared: nobody may change one in place. Misses are cached too.
 */
import { changedState, registerCache } from './peers.js';

interface Entry<T> {
  generation: number;
  expires: number;
  value: T | undefined;
}

export class StoreCache<T> {
  private generation = 0;
  private readonly byStore = new WeakMap<object, Map<string, Entry<T>>>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {
    registerCache(() => this.generation++);
  }

  /** Empties the cache (after a write), in sibling worker processes too. */
  invalidate(): void {
    this.generation++;
    changedState();
  }

  /**
   * The value under `key` for `store`, loaded when missing or stale. `aliases` of a loaded
   * value are keys that find the same entry (a secret found by name is also found by its ARN).
   */
  async get(store: object, key: string, load: () => Promise<T | undefined>, aliases?: (value: T) => string[]): Promise<T | undefined> {
    let map = this.byStore.get(store);
    if (!map) this.byStore.set(store, (map = new Map()));
    const now = Date.now();
    const hit = map.get(key);
    if (hit !== undefined && hit.generation === this.generation && hit.expires > now) return hit.value;
    const seen = this.generation;
    const value = await load();
    if (seen === this.generation) {
      if (map.size >= this.maxEntries) map.clear();
      const entry: Entry<T> = { generation: seen, expires: now + this.ttlMs, value };
      map.set(key, entry);
      if (value !== undefined && aliases) for (const alias of aliases(value)) if (alias !== key) map.set(alias, entry);
    }
    return value;
  }
}
