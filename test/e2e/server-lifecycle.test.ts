import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { suiteServer } from '../support/server.js';

const BIN = fileURLToPath(new URL('../../../bin/bulwark.js', import.meta.url));

describe('operations endpoints', () => {
  const bulwark = suiteServer();

  test('GET /_bulwark/health', async () => {
    const res = await fetch(`${bulwark.endpoint}/_bulwark/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; account: string };
    assert.equal(body.status, 'running');
    assert.equal(body.account, '000000000000');
  });

  test('POST /_bulwark/reset and POST /moto-api/reset delete all state', async () => {
    for (const path of ['/_bulwark/reset', '/moto-api/reset']) {
      await bulwark.store.put({ account: '000000000000', region: 'us-east-1' }, 'test:thing', 'a', { x: 1 });
      const res = await fetch(`${bulwark.endpoint}${path}`, { method: 'POST' });
      assert.equal(res.status, 200, path);
      assert.equal(await bulwark.store.get({ account: '000000000000', region: 'us-east-1' }, 'test:thing', 'a'), undefined, path);
    }
  });

  test('GET on a reset path is refused', async () => {
    const res = await fetch(`${bulwark.endpoint}/_bulwark/reset`);
    assert.equal(res.status, 405);
  });
});

describe('bulwark start (the CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('prints endpoint and credentials, answers, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    assert.match(stderr, /access key id:\s+test/);
    assert.match(stderr, /account:\s+000000000000/);
    const res = await fetch(`${endpoint}/_bulwark/health`);
    assert.equal(res.status, 200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
    const logs = stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(logs.map((l) => l.msg), ['started', 'stopping', 'stopped']);
  });

  test('a bad option exits 2 with usage', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /--port must be a port number/);
  });
});
