/**
 * One field's conditions as a test of the field's value in an event. Values are JSON scalars
 * (an array's elements are each tried; an object is not a value of this field). String
 * conditions test strings only, numeric ones numbers only; `anything-but` is met by any value
 * its excluded forms do not match (so also by numbers, booleans and null when it excludes
 * strings); `exists: false` is met when the field has no value.
 */
import type { AnythingBut, Condition, NumericBound } from './ast.js';
import { inRange, looksLikeIp, parseIp, type IpRange } from './ip-address.js';
import { wildcardMatcher } from './wildcard.js';

type Scalar = string | number | boolean | null;
type Test = (value: Scalar) => boolean;

export interface LeafTest {
  /** Whether a present value (a JSON scalar) meets one of the conditions. */
  test: Test;
  /** Whether the field being absent (or holding no scalar) meets one of the conditions. */
  absent: boolean;
}

export function leafTest(conditions: readonly Condition[]): LeafTest {
  const exact = new Set<string>();
  const numbers = new Set<number>();
  const literals = new Set<boolean | null>();
  const ranges: IpRange[] = [];
  const stringTests: Array<(s: string) => boolean> = [];
  const numberTests: Array<(n: number) => boolean> = [];
  const anyTests: Test[] = [];
  let existsTrue = false;
  let absent = false;
  for (const c of conditions) {
    switch (c.kind) {
      case 'exact':
        exact.add(c.value);
        break;
      case 'number':
        numbers.add(c.value);
        break;
      case 'literal':
        literals.add(c.value);
        break;
      case 'ip':
        exact.add(c.text);
        ranges.push(c.range);
        break;
      case 'cidr':
        ranges.push(c.range);
        break;
      case 'prefix':
        stringTests.push(affixTest(c.value, c.ignoreCase, true));
        break;
      case 'suffix':
        stringTests.push(affixTest(c.value, c.ignoreCase, false));
        break;
      case 'equals-ignore-case': {
        const folded = fold(c.value);
        stringTests.push((s) => fold(s) === folded);
        break;
      }
      case 'wildcard':
        stringTests.push(wildcardMatcher(c.value));
        break;
      case 'numeric':
        numberTests.push(numericTest(c.lower, c.upper));
        break;
      case 'exists':
        if (c.exists) existsTrue = true;
        else absent = true;
        break;
      case 'anything-but':
        anyTests.push(anythingButTest(c.negated));
        break;
    }
  }
  if (ranges.length > 0) {
    stringTests.push((s) => {
      if (!looksLikeIp(s)) return false;
      const ip = parseIp(s);
      return ip !== undefined && ranges.some((r) => inRange(r, ip));
    });
  }
  if (existsTrue) return { test: () => true, absent };
  if (stringTests.length === 0 && numbers.size === 0 && literals.size === 0 && numberTests.length === 0 && anyTests.length === 0) {
    // Exact strings only (the most common leaf).
    return { test: (value) => typeof value === 'string' && exact.has(value), absent };
  }
  if (numbers.size === 0 && literals.size === 0 && numberTests.length === 0 && anyTests.length === 0) {
    // String conditions only (exact, prefix, suffix, wildcard, …).
    return {
      test: (value) => {
        if (typeof value !== 'string') return false;
        if (exact.has(value)) return true;
        for (const t of stringTests) if (t(value)) return true;
        return false;
      },
      absent,
    };
  }
  const test: Test = (value) => {
    if (typeof value === 'string') {
      if (exact.has(value)) return true;
      for (const t of stringTests) if (t(value)) return true;
    } else if (typeof value === 'number') {
      if (numbers.has(value)) return true;
      for (const t of numberTests) if (t(value)) return true;
    } else if (literals.has(value)) {
      return true;
    }
    for (const t of anyTests) if (t(value)) return true;
    return false;
  };
  return { test, absent };
}

/** Case folding for equals-ignore-case. */
const fold = (s: string): string => s.toLowerCase();

function affixTest(value: string, ignoreCase: boolean, prefix: boolean): (s: string) => boolean {
  if (!ignoreCase) return prefix ? (s) => s.startsWith(value) : (s) => s.endsWith(value);
  const folded = fold(value);
  return prefix ? (s) => fold(s).startsWith(folded) : (s) => fold(s).endsWith(folded);
}

function numericTest(lower: NumericBound, upper: NumericBound): (n: number) => boolean {
  return (n) => (lower.open ? n > lower.value : n >= lower.value) && (upper.open ? n < upper.value : n <= upper.value);
}

function anythingButTest(negated: AnythingBut): Test {
  switch (negated.kind) {
    case 'strings': {
      const excluded = new Set(negated.values);
      return (v) => typeof v !== 'string' || !excluded.has(v);
    }
    case 'numbers': {
      const excluded = new Set(negated.values);
      return (v) => typeof v !== 'number' || !excluded.has(v);
    }
    case 'prefix':
      return notAny(negated.values.map((p) => (s: string) => s.startsWith(p)));
    case 'suffix':
      return notAny(negated.values.map((p) => (s: string) => s.endsWith(p)));
    case 'equals-ignore-case': {
      const excluded = new Set(negated.values.map(fold));
      return (v) => typeof v !== 'string' || !excluded.has(fold(v));
    }
    case 'wildcard':
      return notAny(negated.values.map(wildcardMatcher));
  }
}

/** Met by a non-string, or a string none of the tests accept. */
function notAny(tests: Array<(s: string) => boolean>): Test {
  return (v) => typeof v !== 'string' || !tests.some((t) => t(v));
}
