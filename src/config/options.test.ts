import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DEFAULTS, parseConfig } from './options.js';

test('defaults: loopback, port 4566, account 000000000000', () => {
  assert.deepEqual(parseConfig([], {}), DEFAULTS);
});

test('flags in both forms, and boolean flags without a value', () => {
  const c = parseConfig(['--port', '4567', '--account-id=123456789012', '--in-memory', '--data-dir', '/tmp/x'], {});
  assert.equal(c.port, 4567);
  assert.equal(c.accountId, '123456789012');
  assert.equal(c.inMemory, true);
  assert.equal(c.dataDir, '/tmp/x');
});

test('BULWARK_* environment variables, overridden by flags', () => {
  const env = { BULWARK_PORT: '5000', BULWARK_ACCEPT_ANY_KEY: 'true', BULWARK_ROOT_ACCESS_KEY_ID: 'AKIAX' };
  const c = parseConfig(['--port', '5001'], env);
  assert.equal(c.port, 5001);
  assert.equal(c.acceptAnyKey, true);
  assert.equal(c.rootAccessKeyId, 'AKIAX');
});

test('bad values are refused with a clear message', () => {
  assert.throws(() => parseConfig(['--port', 'abc'], {}), ConfigError);
  assert.throws(() => parseConfig(['--account-id', '12'], {}), /12 digits/);
  assert.throws(() => parseConfig(['--bogus'], {}), /unknown option --bogus/);
  assert.throws(() => parseConfig(['--port'], {}), /needs a value/);
  assert.throws(() => parseConfig([], { BULWARK_IN_MEMORY: 'maybe' }), /true or false/);
});

test('--enforcement: enforce by default, soft/off by flag or BULWARK_ENFORCEMENT, nothing else', () => {
  assert.equal(parseConfig([], {}).enforcement, 'enforce');
  assert.equal(parseConfig(['--enforcement', 'soft'], {}).enforcement, 'soft');
  assert.equal(parseConfig([], { BULWARK_ENFORCEMENT: 'off' }).enforcement, 'off');
  assert.throws(() => parseConfig(['--enforcement', 'audit'], {}), /enforce, soft or off/);
});

test('--workers: 1 by default, 1 to 64 processes, and never with --in-memory (the processes share a store)', () => {
  assert.equal(parseConfig([], {}).workers, 1);
  assert.equal(parseConfig(['--workers', '2'], {}).workers, 2);
  assert.equal(parseConfig([], { BULWARK_WORKERS: '4' }).workers, 4);
  for (const bad of ['0', '65', '1.5', 'two', '']) assert.throws(() => parseConfig(['--workers', bad], {}), /--workers must be a number of processes from 1 to 64/, bad);
  assert.throws(() => parseConfig(['--workers', '2', '--in-memory'], {}), /--workers above 1 needs a store the processes share/);
  assert.equal(parseConfig(['--workers', '1', '--in-memory'], {}).workers, 1);
});
