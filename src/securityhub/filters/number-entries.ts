/** NumberFilter: the conditions of one filter (Gte, Lte, Eq, Gt, Lt) all hold. */
import { FilterError, objectOf, type Entry } from './entries.js';

const CONDITIONS: Record<string, (value: number, bound: number) => boolean> = {
  Gte: (v, b) => v >= b,
  Lte: (v, b) => v <= b,
  Eq: (v, b) => v === b,
  Gt: (v, b) => v > b,
  Lt: (v, b) => v < b,
};

export function numberEntry(field: string, filter: unknown): Entry {
  const given = objectOf(filter);
  const checks = Object.entries(CONDITIONS).flatMap(([name, test]) => (typeof given[name] === 'number' ? [(v: number) => test(v, given[name] as number)] : []));
  // Unconfirmed wording.
  if (checks.length === 0) throw new FilterError(`A number filter for ${field} needs at least one of Gte, Lte, Eq, Gt or Lt.`);
  return { negated: false, hit: (value) => typeof value === 'number' && checks.every((check) => check(value)) };
}
