/**
 * How much happened per key within a sliding time window. Occurrences may name an item: an item
 * seen again only moves to its latest time (a secret read twice counts once); occurrences
 * without an item always add. Keys and items are bounded, so memory is too.
 */
import { BoundedMap } from './bounded-map.js';

interface Entry {
  time: number;
  weight: number;
}

interface KeyWindow {
  items: Map<string, Entry>;
  total: number;
}

const ITEMS_PER_KEY = 10_000;

export class WeightedWindow {
  private readonly keys: BoundedMap<string, KeyWindow>;
  private anonymous = 0;

  constructor(
    private readonly windowMs: number,
    keysKept: number,
  ) {
    this.keys = new BoundedMap(keysKept);
  }

  /** Adds an occurrence at `time` and returns the key's total weight within the window ending then. */
  add(key: string, time: number, item?: string, weight = 1): number {
    let window = this.keys.get(key);
    if (!window) {
      window = { items: new Map(), total: 0 };
      this.keys.set(key, window);
    }
    const name = item ?? `\u0000${this.anonymous++}`;
    const previous = window.items.get(name);
    if (previous) {
      window.items.delete(name);
      window.total -= previous.weight;
    }
    window.items.set(name, { time, weight });
    window.total += weight;
    if (window.items.size > ITEMS_PER_KEY) this.dropOldest(window);
    this.prune(window, time);
    return window.total;
  }

  /** The key's total weight within the window ending at `time`. */
  total(key: string, time: number): number {
    const window = this.keys.get(key);
    if (!window) return 0;
    this.prune(window, time);
    return window.total;
  }

  private prune(window: KeyWindow, now: number): void {
    const oldest = now - this.windowMs;
    for (const [name, entry] of window.items) {
      if (entry.time >= oldest) break;
      window.items.delete(name);
      window.total -= entry.weight;
    }
  }

  private dropOldest(window: KeyWindow): void {
    const [name, entry] = window.items.entries().next().value as [string, Entry];
    window.items.delete(name);
    window.total -= entry.weight;
  }
}
