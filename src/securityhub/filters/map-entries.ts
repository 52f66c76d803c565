/**
 * MapFilter: the value under Key of any map the attribute holds (ProductFields,
 * UserDefinedFields, each resource's Tags or Details.Other), compared as a string filter
 * (EQUALS, NOT_EQUALS; CONTAINS and NOT_CONTAINS only in automation rules, as AWS documents).
 */
import { FilterError, objectOf, type Entry } from './entries.js';
import { stringComparison } from './string-entries.js';

export function mapEntry(field: string, filter: unknown, automationRules: boolean): Entry & { comparison: string } {
  const key = objectOf(filter).Key;
  // Unconfirmed wording.
  if (typeof key !== 'string') throw new FilterError(`A filter for ${field} is missing its Key.`);
  const allowed = automationRules ? ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS'] : ['EQUALS', 'NOT_EQUALS'];
  const { comparison, wanted, negated, hit } = stringComparison(field, filter, allowed);
  return {
    comparison,
    negated,
    hit: (map) => {
      const value = objectOf(map);
      return Object.hasOwn(value, key) && typeof value[key] === 'string' && hit(value[key], wanted);
    },
  };
}
