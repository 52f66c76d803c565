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
  const positive = entries.filter((e) => !e.negated);
  const negated = entries.filter((e) => e.negated);
  return (values) => {
    if (positive.length > 0 && !values.some((v) => positive.some((e) => e.hit(v)))) return false;
    return negated.every((e) => !values.some((v) => e.hit(v)));
  };
}

/** A filter the service refuses (InvalidInputException with this message). */
export class FilterError extends Error {}

export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
