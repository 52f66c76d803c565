import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCaches } from './peers.js';
import { StoreCache } from './store-cache.js';

test('StoreCache: a hit until invalidated or expired; a load that raced a write is not kept; aliases find the entry', async () => {
  const store = {};
  let loads = 0;
  const cache = new StoreCache<{ n: number; arn: string }>(50);
  const load = async () => ({ n: ++loads, arn: 'arn:x' });
  assert.equal((await cache.get(store, 'k', load, (v) => [v.arn]))!.n, 1);
  assert.equal((await cache.get(store, 'k', load))!.n, 1, 'a hit');
  assert.equal((await cache.get(store, 'arn:x', load))!.n, 1, 'the alias finds the same entry');
  cache.invalidate();
  assert.equal((await cache.get(store, 'k', load))!.n, 2, 'invalidated');
  emptyCaches();
  assert.equal((await cache.get(store, 'k', load))!.n, 3, 'emptied as a sibling worker’s write empties it');
  // A load that started before an invalidation answers its caller but is not kept.
  let release!: () => void;
  const slow = cache.get(store, 'slow', () => new Promise((resolve) => (release = () => resolve({ n: 100, arn: 'a' }))));
  cache.invalidate();
  release();
  assert.equal((await slow)!.n, 100);
  assert.equal((await cache.get(store, 'slow', load))!.n, 4, 'the raced value was not cached');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal((await cache.get(store, 'k', load))!.n, 5, 'expired after the TTL');
  assert.equal(await cache.get({}, 'k', async () => undefined), undefined, 'another store has its own entries; misses are values too');
});
