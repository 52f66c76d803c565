import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from './migrations.js';
import { openSqliteStore, sqliteMigrationTarget, SQLITE_FILE } from './sqlite-store.js';
import { A, storeContract } from './store-contract.js';
import { openStore } from './index.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-store-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('SQLite in memory passes the store contract', (t) => storeContract(t, () => openStore({ inMemory: true })));

test('SQLite on disk passes the store contract', (t) => storeContract(t, () => openStore({ dataDir: tempDir() })));

test('data survives closing and reopening the data directory', async () => {
  const dataDir = join(tempDir(), 'nested', 'data');
  const first = await openSqliteStore({ dataDir });
  await first.put(A, 'k', 'x', { kept: true });
  assert.equal(first.pragma('journal_mode'), 'wal');
  assert.equal(first.pragma('synchronous'), 1, 'NORMAL by default');
  assert.ok(existsSync(join(dataDir, SQLITE_FILE)));
  await first.close();
  await first.close(); // idempotent
  const second = await openSqliteStore({ dataDir, durability: 'full' });
  assert.equal(second.pragma('synchronous'), 2, 'FULL on request');
  assert.deepEqual(await second.get(A, 'k', 'x'), { id: 'x', value: { kept: true }, version: 1 });
  await second.close();
});

test('migrations are recorded once and re-opening applies nothing', async () => {
  const dataDir = tempDir();
  await (await openSqliteStore({ dataDir })).close();
  await (await openSqliteStore({ dataDir })).close();
  const db = new Database(join(dataDir, SQLITE_FILE));
  try {
    const rows = db.prepare('SELECT version, name FROM schema_migrations').all();
    assert.deepEqual(rows, MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const extra = [...MIGRATIONS, { version: 2, name: 'extra', up: { sqlite: () => ['CREATE TABLE extra (x)'], postgres: () => [] } }];
    assert.deepEqual(await migrate(sqliteMigrationTarget(db), extra), [2]);
    assert.deepEqual(await migrate(sqliteMigrationTarget(db), extra), []);
    const failing = [...extra, { version: 3, name: 'bad', up: { sqlite: () => ['CREATE TABLE t3 (x)', 'NOT SQL'], postgres: () => [] } }];
    await assert.rejects(migrate(sqliteMigrationTarget(db), failing));
    assert.deepEqual(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't3'").get(), { n: 0 }, 'a failed migration rolls back');
  } finally {
    db.close();
  }
});

test('openStore validates its configuration', async () => {
  await assert.rejects(openStore({}), /dataDir/);
  await assert.rejects(openStore({ url: 'mysql://user:secret@host/db' }), (err: Error) => {
    assert.match(err.message, /unsupported store URL/);
    assert.doesNotMatch(err.message, /secret/);
    return true;
  });
});
