import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootCredentialUsage } from './root-credential-usage.js';
import { detect, iamUser, rootUser, summary, timesEvery, trailRecord } from './testing/trail-records.js';

function assumedRootUser(): Record<string, unknown> {
  return Object.assign(rootUser('ASIAROOTSESSION'), { sessionContext: { attributes: { creationDate: '2026-03-01T09:59:00Z', mfaAuthenticated: 'false' }, assumedRoot: 'true' } });
}

test('API calls with root credentials (Low); IAM users are not reported', () => {
  const found = detect([rootCredentialUsage()], [trailRecord({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', userIdentity: rootUser() })]);
  assert.deepEqual(summary(found), ['Policy:IAMUser/RootCredentialUsage 2']);
  assert.deepEqual(detect([rootCredentialUsage()], [trailRecord({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', userIdentity: iamUser() })]), []);
});

test('short-term root credentials from sts:AssumeRoot are told apart', () => {
  const found = detect([rootCredentialUsage()], [trailRecord({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucketPolicy', userIdentity: assumedRootUser() })]);
  assert.deepEqual(summary(found), ['Policy:IAMUser/ShortTermRootCredentialUsage 2']);
});

test('sign-ins and calls made by a service on root’s behalf are not API use by root', () => {
  const signIn = trailRecord({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', userIdentity: rootUser('') });
  const byService = trailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', userIdentity: Object.assign(rootUser(), { invokedBy: 's3.amazonaws.com' }) });
  assert.deepEqual(detect([rootCredentialUsage()], [signIn, byService]), []);
});

test('repeated root calls are reported once per key, Region and minute', () => {
  const times = timesEvery(10, 12);
  const records = times.map((eventTime) => trailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', userIdentity: rootUser(), eventTime }));
  records.push(trailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', userIdentity: rootUser(), eventTime: times[0], awsRegion: 'eu-west-1' }));
  const found = detect([rootCredentialUsage()], records);
  assert.deepEqual(found.map((d) => `${d.event.eventTime} ${d.event.awsRegion}`), ['2026-03-01T10:00:00Z us-east-1', '2026-03-01T10:01:00Z us-east-1', '2026-03-01T10:00:00Z eu-west-1']);
});
