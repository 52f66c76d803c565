import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listBounds, prefixUpperBound, toPage } from './paging.js';

test('prefixUpperBound increments the last code point', () => {
  assert.equal(prefixUpperBound('abc'), 'abd');
  assert.equal(prefixUpperBound('user%'), 'user&');
  assert.equal(prefixUpperBound('é'), 'ê');
  assert.equal(prefixUpperBound('a😀'), 'a😁');
  assert.equal(prefixUpperBound('x\uD7FF'), 'x\uE000', 'skips the surrogate range');
  assert.equal(prefixUpperBound('a\u{10FFFF}\u{10FFFF}'), 'b', 'drops maximal code points');
  assert.equal(prefixUpperBound('\u{10FFFF}'), undefined);
  assert.equal(prefixUpperBound(''), undefined);
});

test('listBounds turns options into an id range and a fetch size', () => {
  assert.deepEqual(listBounds(), { after: undefined, from: undefined, before: undefined, fetch: undefined });
  assert.deepEqual(listBounds({ prefix: 'ab', after: 'ab1', limit: 5 }), { after: 'ab1', from: 'ab', before: 'ac', fetch: 6 });
  assert.throws(() => listBounds({ limit: 1.5 }), RangeError);
  assert.throws(() => listBounds({ prefix: 'a\u0000' }), TypeError);
});

test('toPage cuts at the limit and names the next id', () => {
  const items = ['a', 'b', 'c'].map((id) => ({ id, value: id, version: 1 }));
  assert.deepEqual(toPage(items, 2), { items: items.slice(0, 2), next: 'b' });
  assert.deepEqual(toPage(items, 3), { items });
  assert.deepEqual(toPage(items), { items });
});
