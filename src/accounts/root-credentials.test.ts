import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config/options.js';
import { isLoopback, resolveRootCredentials } from './root-credentials.js';

test('loopback gets the well-known test/test key', () => {
  const root = resolveRootCredentials(parseConfig([], {}));
  assert.deepEqual(root, { accessKeyId: 'test', secretAccessKey: 'test', generated: false });
});

test('configured credentials win', () => {
  const root = resolveRootCredentials(parseConfig(['--root-access-key-id', 'AKIAMINE', '--root-secret-access-key', 's3cret'], {}));
  assert.deepEqual(root, { accessKeyId: 'AKIAMINE', secretAccessKey: 's3cret', generated: false });
  assert.throws(() => resolveRootCredentials(parseConfig(['--root-access-key-id', 'AKIAMINE'], {})), /go together/);
});

test('off loopback: random credentials, and the well-known key and --accept-any-key are refused', () => {
  const root = resolveRootCredentials(parseConfig(['--host', '0.0.0.0'], {}));
  assert.equal(root.generated, true);
  assert.match(root.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(root.secretAccessKey.length, 40);
  assert.notEqual(resolveRootCredentials(parseConfig(['--host', '0.0.0.0'], {})).accessKeyId, root.accessKeyId);
  assert.throws(() => resolveRootCredentials(parseConfig(['--host', '0.0.0.0', '--accept-any-key'], {})), /refused/);
  assert.throws(() => resolveRootCredentials(parseConfig(['--host', '10.0.0.5', '--root-access-key-id', 'test', '--root-secret-access-key', 'test'], {})), /refused/);
});

test('--allow-insecure-credentials lifts the refusal', () => {
  const root = resolveRootCredentials(parseConfig(['--host', '0.0.0.0', '--allow-insecure-credentials', '--accept-any-key'], {}));
  assert.equal(root.accessKeyId, 'test');
});

test('isLoopback', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) assert.equal(isLoopback(h), true, h);
  for (const h of ['0.0.0.0', '10.0.0.1', '::', 'example.com']) assert.equal(isLoopback(h), false, h);
});
