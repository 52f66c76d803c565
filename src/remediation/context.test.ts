import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callableEndpoint, contextOf } from './context.js';

test('an endpoint on every interface is called on loopback', () => {
  assert.equal(callableEndpoint('http://0.0.0.0:4566'), 'http://127.0.0.1:4566');
  assert.equal(callableEndpoint('http://[::]:4566'), 'http://[::1]:4566');
  assert.equal(callableEndpoint('http://10.0.0.5:4566'), 'http://10.0.0.5:4566');
});

test("clients are built with the session's credentials, the endpoint known at call time, no SDK retries, and closed with the run", () => {
  let endpoint = 'http://0.0.0.0:1';
  const session = { credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date() }, roleName: 'R', reused: false };
  const ctx = contextOf(session, '123456789012', 'demo', () => endpoint);
  endpoint = 'http://0.0.0.0:2';
  const destroyed: string[] = [];
  const built = ctx.client((config) => ({ config, destroy: () => destroyed.push(config.region) }), 'eu-west-1');
  assert.deepEqual(built.config, {
    endpoint: 'http://127.0.0.1:2',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't' },
    maxAttempts: 1,
    customUserAgent: 'bulwark-remediation/demo',
  });
  assert.deepEqual([ctx.account, ctx.roleName], ['123456789012', 'R']);
  ctx.close();
  assert.deepEqual(destroyed, ['eu-west-1']);
});
