import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstSorted, sortedOnDemand } from './first-sorted.js';

test('the first items in order, by heap or by sort, equal a full sort’s', () => {
  const items = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
  const byValue = (a: number, b: number) => a - b;
  const sorted = [...items].sort(byValue);
  for (const count of [0, 1, 7, 100, 1249, 1250, 5000, 6000]) assert.deepEqual(firstSorted(items, count, byValue), sorted.slice(0, count), `count ${count}`);
  const view = sortedOnDemand(items, byValue);
  assert.equal(view.length, 5000);
  assert.deepEqual(view.slice(100, 200), sorted.slice(100, 200));
  assert.deepEqual(view.slice(4990, 5100), sorted.slice(4990));
});
