/**
 * The one contract test suite every Store backend must pass. A backend's test file calls
 * `storeContract(t, open)`; each case runs as a subtest on a freshly reset store.
 * Transaction cases live in store-contract-tx.ts.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { transactionCases } from './store-contract-tx.js';
import { GLOBAL_REGION, StoreConflictError, type Scope, type Store } from './store.js';

export type StoreCase = (store: Store) => Promise<void>;

export const A: Scope = { account: '111111111111', region: 'us-east-1' };
export const B: Scope = { account: '222222222222', region: 'us-east-1' };
export const A_GLOBAL: Scope = { account: A.account, region: GLOBAL_REGION };
export const A_WEST: Scope = { account: A.account, region: 'us-west-2' };

/** Byte order of the UTF-8 encodings, which is what the store promises. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

async function ids(store: Store, scope: Scope, kind: string, options = {}): Promise<string[]> {
  return (await store.list(scope, kind, options)).items.map((item) => item.id);
}

async function putAll(store: Store, scope: Scope, kind: string, keys: string[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const id of keys) await tx.put(scope, kind, id, { id });
  });
}

const basicCases: Record<string, StoreCase> = {
  async 'get, put and delete round-trip JSON values with versions'(store) {
    assert.equal(await store.get(A, 'k', 'x'), undefined);
    const value = { s: 'héllo 😀', n: -1.5, big: 2 ** 53 - 1, b: false, nil: null, list: [1, { deep: ['x'] }] };
    assert.equal(await store.put(A, 'k', 'x', value), 1);
    assert.deepEqual(await store.get(A, 'k', 'x'), { id: 'x', value, version: 1 });
    assert.equal(await store.put(A, 'k', 'x', 'scalar'), 2);
    assert.deepEqual(await store.get(A, 'k', 'x'), { id: 'x', value: 'scalar', version: 2 });
    assert.equal(await store.delete(A, 'k', 'x'), true);
    assert.equal(await store.delete(A, 'k', 'x'), false);
    assert.equal(await store.get(A, 'k', 'x'), undefined);
    assert.equal(await store.put(A, 'k', 'x', 0), 1, 'a re-created item starts again at version 1');
  },

  async 'unstorable input is rejected'(store) {
    await assert.rejects(store.put(A, 'k', 'x', undefined), TypeError);
    await assert.rejects(store.put(A, 'k', 'nul\u0000id', 1), TypeError);
    await assert.rejects(store.get(A, 'k', 'lone\uD800'), TypeError);
    await assert.rejects(store.list(A, 'k', { limit: 0 }), RangeError);
    await assert.rejects(store.put(A, 'k', 'x', 1, { expectVersion: -1 }), RangeError);
  },

  async 'list returns ids in UTF-8 byte order'(store) {
    const keys = ['b', 'a', 'B', 'a/b', 'a0', 'é', '日本', '😀', '\uFFFD', 'z', '', ' ', 'a b', 'ä', '~'];
    await putAll(store, A, 'k', keys);
    const expected = [...keys].sort(byteOrder);
    assert.ok(expected.indexOf('\uFFFD') < expected.indexOf('😀'), 'byte order differs from UTF-16 order');
    assert.deepEqual(await ids(store, A, 'k'), expected);
    const page = await store.list(A, 'k');
    assert.deepEqual(page.items[1], { id: expected[1], value: { id: expected[1] }, version: 1 });
    assert.equal(page.next, undefined);
  },

  async 'prefixes are literal: no LIKE wildcards, case-sensitive, unicode-aware'(store) {
    const keys = ['user/a', 'user/b', 'user%x', 'user_x', 'userX', 'userx', 'User/c', 'use', 'users', '100%', '100_',
      '1000', 'é', 'é😀', 'éa', 'e', 'x\uD7FFy', 'x\uE000', '\u{10FFFF}a', '\u{10FFFF}', 'a\u{10FFFF}\u{10FFFF}b', 'b'];
    await putAll(store, A, 'k', keys);
    const check = async (prefix: string) =>
      assert.deepEqual(await ids(store, A, 'k', { prefix }), keys.filter((id) => id.startsWith(prefix)).sort(byteOrder), prefix);
    for (const prefix of ['user/', 'user%', 'user_', 'user', 'User', '100%', '100_', '10', 'é', 'x\uD7FF',
      '\u{10FFFF}', 'a\u{10FFFF}', '%', '_', 'nothing', '']) await check(prefix);
  },

  async 'pagination with limit, after and next'(store) {
    const keys = Array.from({ length: 25 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    await putAll(store, A, 'k', [...keys, 'other-1', 'zzz']);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await store.list(A, 'k', { prefix: 'item-', limit: 10, after });
      seen.push(...page.items.map((item) => item.id));
      after = page.next;
      pages++;
    } while (after !== undefined);
    assert.deepEqual(seen, keys);
    assert.equal(pages, 3);
    const exact = await store.list(A, 'k', { prefix: 'item-', limit: 25 });
    assert.equal(exact.items.length, 25);
    assert.equal(exact.next, undefined, 'no next when the page holds exactly the rest');
    assert.deepEqual(await ids(store, A, 'k', { after: 'item-22' }), ['item-23', 'item-24', 'other-1', 'zzz']);
    assert.deepEqual(await ids(store, A, 'k', { after: 'zzz' }), []);
    assert.deepEqual(await ids(store, A, 'k', { after: 'a', prefix: 'item-', limit: 2 }), ['item-00', 'item-01']);
    assert.deepEqual(await ids(store, A, 'k', { after: 'item-24', prefix: 'item-' }), []);
  },

  async 'expectVersion conflicts'(store) {
    assert.equal(await store.put(A, 'k', 'x', 'v1', { expectVersion: 0 }), 1);
    await assert.rejects(store.put(A, 'k', 'x', 'dup', { expectVersion: 0 }), (err: Error) => {
      assert.ok(err instanceof StoreConflictError);
      assert.match(err.message, /expected version 0, found 1/);
      return true;
    });
    assert.equal(await store.put(A, 'k', 'x', 'v2', { expectVersion: 1 }), 2);
    await assert.rejects(store.put(A, 'k', 'x', 'stale', { expectVersion: 1 }), /expected version 1, found 2/);
    await assert.rejects(store.put(A, 'k', 'missing', 'v', { expectVersion: 3 }), /expected version 3, found 0/);
    assert.deepEqual(await store.get(A, 'k', 'x'), { id: 'x', value: 'v2', version: 2 });
    assert.equal(await store.get(A, 'k', 'missing'), undefined);
  },

  async 'concurrent optimistic writers lose nothing'(store) {
    await store.put(A, 'k', 'counter', 0);
    const versions = await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const current = (await store.get<number>(A, 'k', 'counter'))!;
          try {
            return await store.put(A, 'k', 'counter', current.value + 1, { expectVersion: current.version });
          } catch (err) {
            if (!(err instanceof StoreConflictError)) throw err;
          }
        }
      }),
    );
    assert.deepEqual([...versions].sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(await store.get(A, 'k', 'counter'), { id: 'counter', value: 8, version: 9 });
  },

  async 'accounts, regions and kinds are isolated'(store) {
    const places: [Scope, string][] = [[A, 'k'], [B, 'k'], [A_GLOBAL, 'k'], [A_WEST, 'k'], [A, 'other']];
    for (const [i, [scope, kind]] of places.entries()) await store.put(scope, kind, 'same-id', i);
    for (const [i, [scope, kind]] of places.entries()) {
      assert.equal((await store.get(scope, kind, 'same-id'))?.value, i);
      assert.deepEqual((await store.list(scope, kind)).items.map((item) => item.value), [i]);
    }
    assert.equal(await store.delete(B, 'k', 'same-id'), true);
    assert.equal(await store.get(B, 'k', 'same-id'), undefined);
    assert.equal((await store.get(A, 'k', 'same-id'))?.value, 0);
  },

  async 'scopes lists every account and region holding a kind'(store) {
    await store.put(B, 'k', '1', 1);
    await store.put(A_WEST, 'k', '1', 1);
    await store.put(A, 'k', '1', 1);
    await store.put(A, 'k', '2', 2);
    await store.put(A_GLOBAL, 'k', '1', 1);
    await store.put({ account: '333333333333', region: 'eu-west-1' }, 'other', '1', 1);
    const sorted = [A_GLOBAL, A, A_WEST, B].sort((x, y) => byteOrder(x.account + ' ' + x.region, y.account + ' ' + y.region));
    assert.deepEqual(await store.scopes('k'), sorted);
    await store.delete(B, 'k', '1');
    assert.deepEqual(await store.scopes('k'), sorted.filter((scope) => scope !== B));
    assert.deepEqual(await store.scopes('nothing'), []);
  },

  async 'reset deletes everything'(store) {
    await store.put(A, 'k', '1', 1);
    await store.put(B, 'other', '2', 2);
    await store.reset();
    assert.equal(await store.get(A, 'k', '1'), undefined);
    assert.deepEqual(await store.scopes('k'), []);
    assert.deepEqual(await store.scopes('other'), []);
    assert.equal(await store.put(A, 'k', '1', 1), 1);
  },

  async 'large values (1 MB) round-trip'(store) {
    const big = { blob: 'x'.repeat(1024 * 1024), unicode: 'é😀'.repeat(1000), list: Array.from({ length: 1000 }, (_, i) => i) };
    await store.put(A, 'k', 'big', big);
    assert.deepEqual((await store.get(A, 'k', 'big'))?.value, big);
    await store.transaction((tx) => tx.put(A, 'k', 'big', { ...big, blob: 'y'.repeat(1024 * 1024) }));
    assert.equal(((await store.get<typeof big>(A, 'k', 'big'))?.value.blob ?? '').slice(0, 3), 'yyy');
  },
};

/** Runs every contract case against a store from `open`, then closes it. */
export async function storeContract(t: TestContext, open: () => Promise<Store>): Promise<void> {
  const store = await open();
  try {
    for (const [name, body] of Object.entries({ ...basicCases, ...transactionCases })) {
      await store.reset();
      await t.test(name, () => body(store));
    }
  } finally {
    await store.close();
  }
  await t.test('a closed store rejects operations', async () => {
    await assert.rejects(store.get(A, 'k', 'x'));
    await store.close();
  });
}
