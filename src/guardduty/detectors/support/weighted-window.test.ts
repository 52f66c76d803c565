import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedMap } from './bounded-map.js';
import { WeightedWindow } from './weighted-window.js';

test('named items count once, unnamed occurrences always add, with their weights', () => {
  const window = new WeightedWindow(1000, 10);
  assert.equal(window.add('k', 0, 'a'), 1);
  assert.equal(window.add('k', 10, 'a'), 1);
  assert.equal(window.add('k', 20, 'b'), 2);
  assert.equal(window.add('k', 30, undefined, 10), 12);
  assert.equal(window.add('k', 40, undefined, 10), 22);
  assert.equal(window.add('other', 40, 'a'), 1);
});

test('occurrences older than the window drop out; a re-seen item stays', () => {
  const window = new WeightedWindow(100, 10);
  window.add('k', 0, 'a');
  window.add('k', 50, 'b');
  window.add('k', 90, 'a');
  assert.equal(window.total('k', 120), 2);
  assert.equal(window.total('k', 160), 1);
  assert.equal(window.total('k', 500), 0);
  assert.equal(window.total('never', 0), 0);
});

test('a bounded map forgets its oldest key when full', () => {
  const map = new BoundedMap<string, number>(2);
  map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
  assert.deepEqual([...map.keys()], ['b', 'c']);
});
