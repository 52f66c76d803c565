/**
 * How the filters of one attribute combine, for every kind: each filter is an entry that hits a
 * value, negated or not. A finding matches when one of its values hits one of the positive
 * entries (they are joined by OR; none means no constraint) and none of its values hits a
 * negated entry (NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS are joined by AND), as Security Hub
 * documents for StringFilter and MapFilter; number, date, IP, boolean and keyword filters are
 * positive only.
 */
import type { Values } from '../field-values.js';

export interface Entry {
  negated: boolean;
  hit(value: unknown): boolean;
}

/** What a filter list of one attribute asks of that attribute's values. */
export type ValuesTest = (values: Values) => boolean;

export function combine(entries: readonly Entry[]): ValuesTest {
  const positive = entries.filter((e) => !e.negated).map((e) => e.hit);
  const negated = entries.filter((e) => e.negated).map((e) => e.hit);
  // Indexed loops: this runs once per distinct value of a column on every query.
  const hitsAny = (hits: ReadonlyArray<Entry['hit']>, values: Values): boolean => {
    for (let v = 0; v < values.length; v++) for (let h = 0; h < hits.length; h++) if (hits[h]!(values[v])) return true;
    return false;
  };
  if (negated.length === 0 && positive.length === 1) {
    const hit = positive[0]!;
    return (values) => {
      for (let v = 0; v < values.length; v++) if (hit(values[v])) return true;
      return false;
    };
  }
  if (negated.length === 0) return (values) => hitsAny(positive, values);
  return (values) => (positive.length === 0 || hitsAny(positive, values)) && !hitsAny(negated, values);
}

/** A filter the service refuses (InvalidInputException with this message). */
export class FilterError extends Error {}

export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
