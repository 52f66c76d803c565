import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFilters } from './filters/compile.js';
import { FindingIndex } from './finding-index.js';
import { sortOrder } from './finding-sort.js';
import { groupCounts } from './insight-results.js';

const f = (id: string, label: string, normalized: number, updated: string, types: string[] = ['TTPs']) => ({ Id: id, Severity: { Label: label, Normalized: normalized }, UpdatedAt: updated, Types: types });

test('the index keeps its columns current through upserts and removals', () => {
  const index = new FindingIndex();
  index.upsert('a', f('a', 'LOW', 1, '2024-01-01T00:00:00Z'));
  index.upsert('b', f('b', 'HIGH', 70, '2024-01-03T00:00:00Z'));
  const high = compileFilters({ SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] });
  assert.deepEqual(index.select(high).map((s) => s.key), ['b']);
  index.upsert('a', f('a', 'HIGH', 70, '2024-01-02T00:00:00Z'));
  index.upsert('c', f('c', 'HIGH', 75, '2024-01-04T00:00:00Z'));
  assert.deepEqual(index.select(high).map((s) => s.key).sort(), ['a', 'b', 'c']);
  index.remove('a');
  assert.deepEqual(index.select(high).map((s) => s.key).sort(), ['b', 'c']);
  assert.equal(index.size, 2);
  assert.equal(index.get('a'), undefined);
  index.clear();
  assert.equal(index.select(high).length, 0);
});

test('sort criteria in order, descending or ascending, missing values last, ties by key; default newest first', () => {
  const index = new FindingIndex();
  index.upsert('a', f('a', 'LOW', 1, '2024-01-01T00:00:00Z'));
  index.upsert('b', f('b', 'HIGH', 70, '2024-01-03T00:00:00Z'));
  index.upsert('c', f('c', 'HIGH', 70, '2024-01-02T00:00:00Z'));
  index.upsert('d', { Id: 'd', UpdatedAt: '2024-01-05T00:00:00Z' });
  const all = compileFilters({});
  const run = (criteria: unknown) => {
    const order = sortOrder(criteria);
    return index.select(all, order.fields).sort(order.compare).map((s) => s.key);
  };
  assert.deepEqual(run(undefined), ['d', 'b', 'c', 'a']);
  assert.deepEqual(run([{ Field: 'SeverityNormalized', SortOrder: 'desc' }, { Field: 'UpdatedAt', SortOrder: 'asc' }]), ['c', 'b', 'a', 'd']);
  assert.deepEqual(run([{ Field: 'SeverityLabel' }]), ['b', 'c', 'a', 'd']);
  assert.throws(() => sortOrder([{ Field: 'Nope' }]));
});

test('insight results count each value of the grouping attribute once per finding, largest first', () => {
  const index = new FindingIndex();
  index.upsert('a', f('a', 'LOW', 1, '2024-01-01T00:00:00Z', ['x', 'y']));
  index.upsert('b', f('b', 'HIGH', 70, '2024-01-03T00:00:00Z', ['y', 'y']));
  assert.deepEqual(groupCounts(index.select(compileFilters({}), ['Type'])), [
    { GroupByAttributeValue: 'y', Count: 2 },
    { GroupByAttributeValue: 'x', Count: 1 },
  ]);
});
