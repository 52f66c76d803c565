import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrailRecord } from '../trail-event.js';
import { consoleBruteForce } from './console-brute-force.js';
import { detect, iamUser, summary, timesEvery, trailRecord } from './testing/trail-records.js';

function signIn(outcome: 'Success' | 'Failure', eventTime: string, sourceIPAddress: string, user = 'alice'): TrailRecord {
  const failed = outcome === 'Failure' ? { errorMessage: 'Failed authentication' } : {};
  return trailRecord(Object.assign({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: outcome }, eventTime, sourceIPAddress, userIdentity: iamUser(user) }, failed));
}

test('ten failures from one address within ten minutes (Medium), then a success from it (High)', () => {
  const times = timesEvery(30, 11);
  const records = times.slice(0, 10).map((t, i) => signIn('Failure', t, '203.0.113.5', `user-${i}`));
  records.push(signIn('Success', times[10], '203.0.113.5', 'user-3'));
  const found = detect([consoleBruteForce()], records);
  assert.deepEqual(summary(found), ['CredentialAccess:IAM/BruteForce 5', 'CredentialAccess:IAM/BruteForce 8']);
  assert.equal(found[0].discriminator, '203.0.113.5');
  assert.equal(found[1].additionalInfo?.signal, 'ConsoleLoginSucceededAfterFailures');
});

test('ten failures against one user from many addresses', () => {
  const records = timesEvery(30, 10).map((t, i) => signIn('Failure', t, `198.51.100.${i}`));
  const found = detect([consoleBruteForce()], records);
  assert.deepEqual(found.map((d) => d.additionalInfo?.signal), ['ConsoleLoginFailuresForUser']);
});

test('a few mistyped passwords, or failures spread over hours, are not brute force', () => {
  const few = timesEvery(30, 3).map((t) => signIn('Failure', t, '203.0.113.5'));
  few.push(signIn('Success', '2026-03-01T10:02:00Z', '203.0.113.5'));
  assert.deepEqual(detect([consoleBruteForce()], few), []);
  assert.deepEqual(detect([consoleBruteForce()], timesEvery(600, 12).map((t) => signIn('Failure', t, '203.0.113.5'))), []);
});
