/**
 * Seeded randomness for the fuzz tests: the same seed gives the same stream on every machine,
 * so a failing case reproduces from the seed (and case number) it reports.
 */
export type Rand = () => number;

/** mulberry32: a small, fast 32-bit generator of numbers in [0, 1). */
export function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The draws the fuzzers make. Each takes one number from the stream (`bytes`: one per byte). */
export interface Random {
  /** The next number in [0, 1). */
  next: Rand;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  bytes(n: number): Buffer;
}

export function random(seed: number): Random {
  const next = prng(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    chance: (p: number): boolean => next() < p,
    bytes: (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}

/**
 * Edits text at 1 to `rounds` random places; each edit inserts a `token()`, deletes up to 8
 * characters, cuts the rest off, or is one of the caller's `extra` edits (given the text so
 * far and the place).
 */
export function mutateText(r: Random, text: string, token: () => string, rounds: number, extra: ((s: string, at: number) => string)[] = []): string {
  let s = text;
  for (let m = 0, n = 1 + r.int(rounds); m < n; m++) {
    const at = r.int(s.length + 1);
    const edit = r.int(3 + extra.length);
    if (edit === 0) s = s.slice(0, at) + token() + s.slice(at);
    else if (edit === 1) s = s.slice(0, at) + s.slice(at + 1 + r.int(8));
    else if (edit === 2) s = s.slice(0, at);
    else s = extra[edit - 3](s, at);
  }
  return s;
}
