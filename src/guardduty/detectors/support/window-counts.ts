/**
 * How many calls each key made within a sliding window, kept as counts per tenth of the window:
 * nothing is allocated or held per call, only per key. The total covers the window and at most
 * one tenth before it, so it may exceed the exact count a little, never fall short of it — right
 * for deciding whether a principal could have reached a threshold.
 */
import { BoundedMap } from './bounded-map.js';

const SLOTS = 10;

interface Slots {
  /** The slot number each position holds (time / slot length). */
  ids: Float64Array;
  counts: Float64Array;
}

export class WindowCounts {
  private readonly slotMs: number;
  private readonly keys: BoundedMap<string, Slots>;

  constructor(windowMs: number, keysKept: number) {
    this.slotMs = Math.max(1, windowMs / SLOTS);
    this.keys = new BoundedMap(keysKept);
  }

  /** Adds `n` at `time`; returns the key's total then. */
  add(key: string, time: number, n = 1): number {
    let slots = this.keys.get(key);
    if (!slots) {
      slots = { ids: new Float64Array(SLOTS + 1).fill(-1), counts: new Float64Array(SLOTS + 1) };
      this.keys.set(key, slots);
    }
    const id = Math.floor(time / this.slotMs);
    const at = id % (SLOTS + 1);
    if (slots.ids[at] !== id) {
      slots.ids[at] = id;
      slots.counts[at] = 0;
    }
    slots.counts[at] += n;
    return this.sum(slots, id);
  }

  total(key: string, time: number): number {
    const slots = this.keys.get(key);
    return slots ? this.sum(slots, Math.floor(time / this.slotMs)) : 0;
  }

  private sum(slots: Slots, id: number): number {
    let total = 0;
    for (let i = 0; i <= SLOTS; i++) if (slots.ids[i] > id - SLOTS - 1 && slots.ids[i] <= id) total += slots.counts[i];
    return total;
  }
}
