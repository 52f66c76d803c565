/**
 * SortCriteria: findings ordered by filter attributes (`SeverityNormalized`, `UpdatedAt`,
 * `SeverityLabel`, …) in order, `asc` unless told; a finding without the attribute comes last,
 * ties fall back on the finding's key so pages are stable. Without criteria: the most recently
 * updated first (Bulwark's choice; AWS does not document its default order).
 */
import { filterField } from './filter-fields.js';
import { FilterError, objectOf } from './filters/entries.js';
import type { Selected } from './finding-index.js';

export interface SortOrder {
  fields: string[];
  compare(a: Selected, b: Selected): number;
}

const DEFAULT = [{ Field: 'UpdatedAt', SortOrder: 'desc' }];

export function sortOrder(criteria: unknown): SortOrder {
  const list = Array.isArray(criteria) && criteria.length > 0 ? criteria : DEFAULT;
  const orders = list.map((criterion) => {
    const { Field, SortOrder } = objectOf(criterion);
    const field = filterField(String(Field));
    // Unconfirmed wording.
    if (typeof Field !== 'string' || !field || field.kind === 'map' || field.kind === 'keyword') throw new FilterError(`${String(Field)} is not an attribute findings can be sorted by.`);
    return { field: Field, descending: SortOrder === 'desc' };
  });
  const descending = orders.map((o) => o.descending);
  return {
    fields: orders.map((o) => o.field),
    compare(a, b) {
      for (let i = 0; i < descending.length; i++) {
        // One attribute's values are all strings, all numbers (dates included) or all booleans.
        const x = a.values[i]![0] as string | number | undefined;
        const y = b.values[i]![0] as string | number | undefined;
        if (x === y) continue;
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        const c = x < y ? -1 : 1;
        return descending[i] ? -c : c;
      }
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    },
  };
}
