import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BlobStore, INLINE_LIMIT } from './blob-store.js';
import { openStore } from './index.js';

describe('BlobStore', () => {
  let blobs: BlobStore;
  before(async () => {
    blobs = await BlobStore.open();
  });
  after(() => blobs.close());

  const data = randomBytes(100_003);

  test('writes a blob from a buffer or chunks, with its size and MD5', async () => {
    async function* chunks() {
      for (let i = 0; i < data.length; i += 7_000) yield data.subarray(i, i + 7_000);
    }
    for (const source of [data, chunks()]) {
      const info = await blobs.put(source);
      assert.equal(info.size, data.length);
      assert.equal(info.md5, createHash('md5').update(data).digest('hex'));
      assert.deepEqual(await blobs.readAll(info.id), data);
    }
  });

  test('range reads, plain and encrypted (CTR lets a range start anywhere)', async () => {
    const key = randomBytes(32);
    const plain = await blobs.put(data);
    const sealed = await blobs.put(data, { key });
    for (const [start, end] of [[0, 0], [5, 20], [15, 16], [17, 99_999], [100_000, 100_002]] as const) {
      for (const [id, opts] of [[plain.id, {}], [sealed.id, { key }]] as const) {
        const chunks: Buffer[] = [];
        for await (const c of blobs.read(id, { ...opts, range: { start, end } })) chunks.push(c as Buffer);
        assert.deepEqual(Buffer.concat(chunks), data.subarray(start, end + 1), `${start}-${end}`);
      }
    }
    assert.deepEqual(await blobs.readAll(sealed.id, { key }), data);
    const wrong = await blobs.readAll(sealed.id, { key: randomBytes(32) });
    assert.notDeepEqual(wrong, data);
  });

  test('the encrypted file on disk does not contain the plaintext', async () => {
    const marker = Buffer.from('a very recognisable plaintext marker '.repeat(20));
    const info = await blobs.put(marker, { key: randomBytes(32) });
    const root = (blobs as unknown as { root: string }).root;
    const onDisk = readFileSync(join(root, info.id.slice(0, 2), info.id.slice(2, 4), info.id));
    assert.equal(onDisk.length, marker.length + 16);
    assert.equal(onDisk.indexOf(marker.subarray(0, 20)), -1);
  });

  test('an observer that throws aborts the write and leaves no file behind', async () => {
    await assert.rejects(blobs.put(data, { observe: () => { throw new Error('bad checksum'); } }), /bad checksum/);
    const root = (blobs as unknown as { root: string }).root;
    assert.deepEqual(readdirSync(join(root, 'tmp')), []);
  });

  test('delete removes a blob; deleting twice is fine', async () => {
    const info = await blobs.put(Buffer.from('x'));
    assert.equal(await blobs.exists(info.id), true);
    await blobs.delete(info.id);
    await blobs.delete(info.id);
    assert.equal(await blobs.exists(info.id), false);
    assert.throws(() => blobs.read('../../etc/passwd'), /not a blob id/);
  });

  test('small buffers become rows of the metadata store (encrypted the same way); large ones files', async () => {
    const store = await openStore({ inMemory: true });
    const mixed = await BlobStore.open(undefined, store);
    try {
      const key = randomBytes(32);
      const small = randomBytes(4096);
      const info = await mixed.put(small, { key });
      assert.match(info.id, /^i-/);
      assert.equal(info.md5, createHash('md5').update(small).digest('hex'));
      const row = JSON.stringify((await store.list({ account: 'blobs', region: 'GLOBAL' }, 'blob:inline')).items);
      assert.ok(!row.includes(small.toString('base64').slice(0, 40)), 'stored encrypted');
      assert.deepEqual(await mixed.body(info.id, { key }), small);
      assert.deepEqual(await mixed.body(info.id, { key, range: { start: 10, end: 19 } }), small.subarray(10, 20));
      assert.deepEqual(await mixed.readAll(info.id, { key }), small);
      const large = await mixed.put(randomBytes(INLINE_LIMIT + 1));
      assert.doesNotMatch(large.id, /^i-/);
      assert.ok(!Buffer.isBuffer(await mixed.body(large.id)));
      await mixed.delete(info.id);
      assert.equal(await mixed.exists(info.id), false);
    } finally {
      await mixed.close();
      await store.close();
    }
  });
});
