/**
 * Crash durability: a child process writes to a SQLite store and prints each id once its write
 * is acknowledged; we `kill -9` it mid-stream, reopen the data directory, and require every
 * acknowledged write to be there (with the default durability, synchronous = NORMAL).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore, SQLITE_FILE } from './sqlite-store.js';

const SCOPE = { account: '111111111111', region: 'us-east-1' };
const KILL_AFTER = 400;

/** Every third write is a two-item transaction; the others are single puts of varying size. */
const CHILD = `
const { openSqliteStore } = await import(process.env.STORE_MODULE);
const store = await openSqliteStore({ dataDir: process.env.DATA_DIR });
const scope = ${JSON.stringify(SCOPE)};
for (let i = 0; ; i++) {
  const id = 'item-' + String(i).padStart(6, '0');
  if (i % 3 === 2) {
    await store.transaction(async (tx) => {
      await tx.put(scope, 'crash', id, { i });
      await tx.put(scope, 'crash', id + '-pair', { i });
    });
  } else {
    await store.put(scope, 'crash', id, { i, pad: 'x'.repeat((i * 37) % 4000) });
  }
  process.stdout.write(id + '\\n');
}
`;

test('every acknowledged write survives kill -9', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-crash-'));
  try {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: { ...process.env, DATA_DIR: dataDir, STORE_MODULE: new URL('./sqlite-store.js', import.meta.url).href },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    const deadline = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.split('\n').length > KILL_AFTER) child.kill('SIGKILL');
    });
    const signal = await exited;
    clearTimeout(deadline);
    assert.equal(signal, 'SIGKILL', `child ended on its own: ${errors}`);
    const acknowledged = output.split('\n').slice(0, -1); // a last line without newline is not an ack
    assert.ok(acknowledged.length >= KILL_AFTER, `only ${acknowledged.length} writes before the kill: ${errors}`);
    assert.ok(existsSync(join(dataDir, `${SQLITE_FILE}-wal`)), 'the writes went through the WAL');

    const store = await openSqliteStore({ dataDir });
    try {
      const stored = new Set((await store.list(SCOPE, 'crash')).items.map((item) => item.id));
      const missing = acknowledged.filter((id, i) => !stored.has(id) || (i % 3 === 2 && !stored.has(`${id}-pair`)));
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged writes lost`);
      for (const id of stored) assert.ok(!id.endsWith('-pair') || stored.has(id.slice(0, -5)), 'transactions are atomic');
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
