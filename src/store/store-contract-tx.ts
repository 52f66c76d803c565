/** The transaction half of the Store contract suite (see store-contract.ts). */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreCase } from './store-contract.js';
import type { Scope, StoreOps } from './store.js';

const S: Scope = { account: '111111111111', region: 'us-east-1' };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** What `promise` resolved to within `ms`, or 'pending'. */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([promise, sleep(ms).then(() => 'pending' as const)]);
}

export const transactionCases: Record<string, StoreCase> = {
  async 'a transaction commits all its writes and returns its result'(store) {
    await store.put(S, 'k', 'gone', 1);
    const result = await store.transaction(async (tx) => {
      await tx.put(S, 'k', 'a', 1);
      assert.equal(await tx.put(S, 'k', 'a', 2), 2);
      await tx.put(S, 'k', 'b', 3, { expectVersion: 0 });
      assert.equal(await tx.delete(S, 'k', 'gone'), true);
      assert.deepEqual(await tx.get(S, 'k', 'a'), { id: 'a', value: 2, version: 2 }, 'reads its own writes');
      assert.deepEqual((await tx.list(S, 'k')).items.map((item) => item.id), ['a', 'b']);
      assert.deepEqual(await tx.scopes('k'), [S]);
      return 'done';
    });
    assert.equal(result, 'done');
    assert.deepEqual((await store.list(S, 'k')).items.map((item) => [item.id, item.value, item.version]), [
      ['a', 2, 2],
      ['b', 3, 1],
    ]);
  },

  async 'a transaction that throws rolls everything back'(store) {
    await store.put(S, 'k', 'keep', 'original');
    const boom = new Error('boom');
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.put(S, 'k', 'new', 1);
        await tx.put(S, 'k', 'keep', 'changed');
        await tx.delete(S, 'k', 'keep');
        throw boom;
      }),
      (err) => err === boom,
    );
    assert.deepEqual(await store.get(S, 'k', 'keep'), { id: 'keep', value: 'original', version: 1 });
    assert.equal(await store.get(S, 'k', 'new'), undefined);
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.put(S, 'k', 'new', 1);
        await tx.put(S, 'k', 'keep', 'stale', { expectVersion: 7 });
      }),
      /expected version 7, found 1/,
    );
    assert.equal(await store.get(S, 'k', 'new'), undefined, 'a conflict inside a transaction rolls it back');
  },

  async 'concurrent read-modify-write transactions are serializable'(store) {
    await store.put(S, 'k', 'counter', 0);
    const increment = (tx: StoreOps) => async () => {
      const current = (await tx.get<number>(S, 'k', 'counter'))!;
      await sleep(1); // widen the race window
      await tx.put(S, 'k', 'counter', current.value + 1);
    };
    await Promise.all(Array.from({ length: 10 }, () => store.transaction((tx) => increment(tx)())));
    // Creating the same new item concurrently: exactly one value wins per increment too.
    await Promise.all(
      Array.from({ length: 5 }, () =>
        store.transaction(async (tx) => {
          const seen = await tx.get<number>(S, 'k', 'fresh');
          await tx.put(S, 'k', 'fresh', (seen?.value ?? 0) + 1);
        }),
      ),
    );
    assert.deepEqual(await store.get(S, 'k', 'counter'), { id: 'counter', value: 10, version: 11 });
    assert.deepEqual(await store.get(S, 'k', 'fresh'), { id: 'fresh', value: 5, version: 5 });
  },

  async 'operations outside an open transaction never see or join its uncommitted writes'(store) {
    await store.put(S, 'k', 'x', 'old');
    const entered = deferred();
    const gate = deferred();
    const aborted = store.transaction(async (tx) => {
      await tx.put(S, 'k', 'x', 'dirty');
      await tx.put(S, 'k', 'tx-only', 'dirty');
      entered.resolve();
      await gate.promise;
      throw new Error('abort');
    });
    await entered.promise;
    const read = store.get(S, 'k', 'x');
    const listing = store.list(S, 'k');
    const write = store.put(S, 'k', 'outside', 'written');
    const early = await settledWithin(read, 30);
    assert.ok(early === 'pending' || early?.value === 'old', 'an early read sees the committed value');
    gate.resolve();
    await assert.rejects(aborted, /abort/);
    assert.equal((await read)?.value, 'old');
    // The concurrent outside write may or may not precede the listing; the tx's writes never show.
    const listed = (await listing).items.filter((item) => item.id !== 'outside');
    assert.deepEqual(listed.map((item) => [item.id, item.value]), [['x', 'old']]);
    assert.equal(await write, 1);
    assert.equal((await store.get(S, 'k', 'outside'))?.value, 'written', 'the outside write survives the rollback');
    assert.equal(await store.get(S, 'k', 'tx-only'), undefined);

    const committing = deferred();
    const committed = store.transaction(async (tx) => {
      await tx.put(S, 'k', 'x', 'new');
      await committing.promise;
    });
    await sleep(5);
    const during = store.get(S, 'k', 'x');
    const seen = await settledWithin(during, 30);
    assert.ok(seen === 'pending' || seen?.value === 'old', 'no dirty read before commit');
    committing.resolve();
    await committed;
    assert.ok(['old', 'new'].includes((await during)?.value as string));
    assert.equal((await store.get(S, 'k', 'x'))?.value, 'new');
  },

  async 'the store itself cannot be used inside its own transaction, nor a tx handle after it ends'(store) {
    let leaked: StoreOps | undefined;
    await assert.rejects(
      store.transaction(async (tx) => {
        leaked = tx;
        await store.get(S, 'k', 'x');
      }),
      /use the tx argument/,
    );
    await assert.rejects(
      store.transaction(() => store.transaction(async () => 1)),
      /use the tx argument/,
    );
    await assert.rejects(leaked!.put(S, 'k', 'late', 1), /already finished/);
    assert.equal(await store.get(S, 'k', 'late'), undefined);
  },

  async 'many items: 5000 puts in one transaction, then paged back'(store) {
    const started = performance.now();
    await store.transaction(async (tx) => {
      for (let i = 0; i < 5000; i++) await tx.put(S, 'bulk', `item-${String(i).padStart(5, '0')}`, { i, name: `n${i}` });
    });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 3000, `5000 transactional puts took ${elapsed.toFixed(0)} ms`);
    let count = 0;
    let after: string | undefined;
    do {
      const page = await store.list<{ i: number }>(S, 'bulk', { limit: 1000, after });
      for (const item of page.items) assert.equal(item.value.i, count++);
      after = page.next;
    } while (after);
    assert.equal(count, 5000);
  },
};
