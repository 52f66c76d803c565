/**
 * Wildcard matching for actions, resources and the Like operators.
 *
 * A pattern is stored as a string in which the wildcards are private-use sentinels, so a
 * literal `*` or `?` (from a `${*}` escape or a substituted variable) never acts as a wildcard.
 */

/** `*` that may span any character, colons included. */
export const STAR = '\uE000';
/** `?`: exactly one character. */
export const QMARK = '\uE001';
/** `*` inside an ARN segment: spans anything but `:`. */
export const STAR_SEG = '\uE002';

export type Glob =
  | { kind: 'any' }
  | { kind: 'exact'; text: string }
  | { kind: 'prefix'; text: string }
  | { kind: 'pattern'; text: string };

const ANY: Glob = { kind: 'any' };

/** Translate a raw policy string (where `*` and `?` are wildcards) into sentinel form. */
export function toSentinels(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    out += c === '*' ? STAR : c === '?' ? QMARK : c;
  }
  return out;
}

/** Build a matcher from a sentinel-form pattern. */
export function compileGlob(pattern: string): Glob {
  if (pattern === STAR) return ANY;
  let wild = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xe002) { wild = i; break; }
  }
  if (wild === -1) return { kind: 'exact', text: pattern };
  if (wild === pattern.length - 1 && pattern[wild] === STAR) return { kind: 'prefix', text: pattern.slice(0, -1) };
  return { kind: 'pattern', text: pattern };
}

export function globMatch(g: Glob, value: string): boolean {
  switch (g.kind) {
    case 'any': return true;
    case 'exact': return g.text === value;
    case 'prefix': return value.startsWith(g.text);
    default: return g.text.includes(STAR_SEG) ? segMatch(g.text, value, 0, 0) : wildMatch(g.text, value);
  }
}

/** Match a sentinel-form pattern without building a Glob (patterns made at evaluation time). */
export function matchSentinels(pattern: string, value: string): boolean {
  return pattern.includes(STAR_SEG) ? segMatch(pattern, value, 0, 0) : wildMatch(pattern, value);
}

/** Iterative wildcard match with single-star backtracking (linear in the common case). */
export function wildMatch(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const pc = pi < p.length ? p[pi] : '';
    if (pc === STAR) {
      starP = pi++;
      starS = si;
      continue;
    }
    if (pc === QMARK || (pc !== '' && pc === s[si])) {
      pi++;
      si++;
      continue;
    }
    if (starP !== -1) {
      pi = starP + 1;
      si = ++starS;
      continue;
    }
    return false;
  }
  while (pi < p.length && p[pi] === STAR) pi++;
  return pi === p.length;
}

/** Backtracking match for patterns holding segment-bounded stars (rare: mid-segment `*` in ARNs). */
function segMatch(p: string, s: string, pi: number, si: number): boolean {
  while (pi < p.length) {
    const pc = p[pi];
    if (pc === STAR || pc === STAR_SEG) {
      for (let k = si; k <= s.length; k++) {
        if (segMatch(p, s, pi + 1, k)) return true;
        if (k < s.length && pc === STAR_SEG && s[k] === ':') return false;
      }
      return false;
    }
    if (si >= s.length || (pc !== QMARK && pc !== s[si])) return false;
    pi++;
    si++;
  }
  return si === s.length;
}
