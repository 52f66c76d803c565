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

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortOrder(criteria: unknown): SortOrder {
  const list = Array.isArray(criteria) && criteria.length > 0 ? criteria : DEFAULT;
  const orders = list.map((criterion) => {
    const { Field, SortOrder } = objectOf(criterion);
    const field = filterField(String(Field));
    // Unconfirmed wording.
    if (typeof Field !== 'string' || !field || field.kind === 'map' || field.kind === 'keyword') throw new FilterError(`${String(Field)} is not an attribute findings can be sorted by.`);
    return { field: Field, descending: SortOrder === 'desc' };
  });
  return {
    fields: orders.map((o) => o.field),
    compare(a, b) {
      for (let i = 0; i < orders.length; i++) {
        const x = a.values[i]?.[0];
        const y = b.values[i]?.[0];
        if (x === undefined || y === undefined) {
          if (x !== y) return x === undefined ? 1 : -1;
          continue;
        }
        const c = compareValues(x, y);
        if (c !== 0) return orders[i]!.descending ? -c : c;
      }
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    },
  };
}
