import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WindowCounts } from './window-counts.js';

const MINUTE = 60_000;

test('counts within the window, per key; never short of the exact count, over by at most a tenth of the window', () => {
  const counts = new WindowCounts(10 * MINUTE, 100);
  for (let i = 0; i < 20; i++) counts.add('a', i * 30_000);
  assert.equal(counts.total('a', 19 * 30_000), 20, 'all 20 within 9.5 minutes');
  assert.equal(counts.total('b', 19 * 30_000), 0);
  assert.equal(counts.add('a', 20 * MINUTE, 5), 5, 'ten minutes later only the new calls (and at most a tenth before) count');
  const exact = (now: number) => [...Array(20).keys()].filter((i) => i * 30_000 > now - 10 * MINUTE).length;
  for (const now of [10 * MINUTE, 12 * MINUTE, 14 * MINUTE]) {
    const total = new WindowCounts(10 * MINUTE, 100);
    for (let i = 0; i < 20; i++) total.add('a', i * 30_000);
    const counted = total.total('a', now);
    assert.ok(counted >= exact(now) && counted <= exact(now) + 2, `${counted} at ${now / MINUTE} min (exact ${exact(now)})`);
  }
});

test('keys are bounded: the oldest key is forgotten', () => {
  const counts = new WindowCounts(MINUTE, 2);
  counts.add('a', 0);
  counts.add('b', 0);
  counts.add('c', 0);
  assert.deepEqual([counts.total('a', 0), counts.total('b', 0), counts.total('c', 0)], [0, 1, 1]);
});
