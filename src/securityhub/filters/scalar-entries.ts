/** BooleanFilter (Sample) and the deprecated KeywordFilter (a text the title or description contains). */
import { FilterError, objectOf, type Entry } from './entries.js';

// Unconfirmed wording (both errors).
export function booleanEntry(field: string, filter: unknown): Entry {
  const wanted = objectOf(filter).Value;
  if (typeof wanted !== 'boolean') throw new FilterError(`A boolean filter for ${field} needs a Value.`);
  return { negated: false, hit: (value) => value === wanted };
}

export function keywordEntry(field: string, filter: unknown): Entry {
  const wanted = objectOf(filter).Value;
  if (typeof wanted !== 'string') throw new FilterError(`A keyword filter for ${field} needs a Value.`);
  return { negated: false, hit: (value) => typeof value === 'string' && value.includes(wanted) };
}
