/**
 * StringFilter (and MapFilter) comparisons: EQUALS, PREFIX and CONTAINS hit a value; NOT_EQUALS,
 * PREFIX_NOT_EQUALS and NOT_CONTAINS are their negations. Filter values are case sensitive. The
 * combinations AWS refuses on one attribute (CONTAINS with anything but CONTAINS, NOT_CONTAINS
 * likewise, EQUALS with NOT_EQUALS or PREFIX_NOT_EQUALS) are errors; CONTAINS_WORD belongs to the
 * V2 APIs only.
 */
import { FilterError, objectOf, type Entry } from './entries.js';

type Hit = (value: string, wanted: string) => boolean;

const HITS: Record<string, { negated: boolean; hit: Hit }> = {
  EQUALS: { negated: false, hit: (v, w) => v === w },
  PREFIX: { negated: false, hit: (v, w) => v.startsWith(w) },
  CONTAINS: { negated: false, hit: (v, w) => v.includes(w) },
  NOT_EQUALS: { negated: true, hit: (v, w) => v === w },
  PREFIX_NOT_EQUALS: { negated: true, hit: (v, w) => v.startsWith(w) },
  NOT_CONTAINS: { negated: true, hit: (v, w) => v.includes(w) },
};

/** The comparison of one string filter: its name and how it hits a text. */
export function stringComparison(field: string, filter: unknown, allowed: readonly string[] = Object.keys(HITS)): { comparison: string; wanted: string; negated: boolean; hit: Hit } {
  const { Value, Comparison } = objectOf(filter);
  // Unconfirmed wording (the errors of this file).
  if (typeof Value !== 'string') throw new FilterError(`A filter for ${field} is missing its Value.`);
  if (typeof Comparison !== 'string') throw new FilterError(`A filter for ${field} is missing its Comparison.`);
  const known = HITS[Comparison];
  if (!known || !allowed.includes(Comparison)) throw new FilterError(`The comparison ${Comparison} is not supported for ${field}.`);
  return { comparison: Comparison, wanted: Value, ...known };
}

export function stringEntry(field: string, filter: unknown): Entry & { comparison: string } {
  const { comparison, wanted, negated, hit } = stringComparison(field, filter);
  return { comparison, negated, hit: (value) => typeof value === 'string' && hit(value, wanted) };
}

/** Refuses the combinations of comparisons AWS refuses on one attribute. */
export function checkCombination(field: string, comparisons: readonly string[]): void {
  const has = (c: string) => comparisons.includes(c);
  if (has('CONTAINS') && comparisons.some((c) => c !== 'CONTAINS')) throw new FilterError(`CONTAINS filters for ${field} can only be combined with other CONTAINS filters.`);
  if (has('NOT_CONTAINS') && comparisons.some((c) => c !== 'NOT_CONTAINS')) throw new FilterError(`NOT_CONTAINS filters for ${field} can only be combined with other NOT_CONTAINS filters.`);
  if (has('EQUALS') && (has('NOT_EQUALS') || has('PREFIX_NOT_EQUALS'))) throw new FilterError(`An EQUALS filter for ${field} cannot be combined with a NOT_EQUALS or PREFIX_NOT_EQUALS filter.`);
}
