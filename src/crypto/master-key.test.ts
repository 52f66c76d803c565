import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadMasterKey, MasterKey, MasterKeyError } from './master-key.js';

describe('master key', () => {
  it('seals and opens under the same label only', () => {
    const key = MasterKey.random();
    const sealed = key.seal(Buffer.from('key material'), 'kms:key/1');
    assert.match(sealed, /^v1:/);
    assert.ok(!sealed.includes(Buffer.from('key material').toString('base64')));
    assert.equal(key.open(sealed, 'kms:key/1').toString(), 'key material');
    assert.throws(() => key.open(sealed, 'kms:key/2'), MasterKeyError);
    assert.throws(() => MasterKey.random().open(sealed, 'kms:key/1'), MasterKeyError);
    const tampered = `v1:${Buffer.from(Buffer.from(sealed.slice(3), 'base64').map((b, i) => (i === 30 ? b ^ 1 : b))).toString('base64')}`;
    assert.throws(() => key.open(tampered, 'kms:key/1'), MasterKeyError);
    assert.equal(JSON.stringify({ key }), '{"key":"[MasterKey]"}');
  });

  it('creates the key file with mode 0600 and reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-mk-'));
    const file = join(dir, 'sub', 'master.key');
    const first = loadMasterKey({ file, inMemory: false });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32);
    const sealed = first.seal(Buffer.from('x'), 'l');
    assert.equal(loadMasterKey({ file, inMemory: false }).open(sealed, 'l').toString(), 'x');
  });

  it('refuses a key file others can read, and a key of the wrong size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-mk-'));
    const file = join(dir, 'master.key');
    writeFileSync(file, Buffer.alloc(32, 7).toString('base64'));
    chmodSync(file, 0o644);
    assert.throws(() => loadMasterKey({ file, inMemory: false }), /readable by others/);
    assert.throws(() => loadMasterKey({ envValue: Buffer.alloc(16).toString('base64'), inMemory: false }), /32 bytes/);
    assert.throws(() => loadMasterKey({ inMemory: false }), /no master key/);
  });

  it('prefers the environment value, and is random in memory', () => {
    const env = Buffer.alloc(32, 9).toString('base64');
    const a = loadMasterKey({ envValue: env, file: '/nonexistent/never', inMemory: false });
    assert.equal(new MasterKey(Buffer.alloc(32, 9)).open(a.seal(Buffer.from('y'), 'l'), 'l').toString(), 'y');
    const m = loadMasterKey({ inMemory: true });
    assert.throws(() => loadMasterKey({ inMemory: true }).open(m.seal(Buffer.from('z'), 'l'), 'l'), MasterKeyError);
  });
});
