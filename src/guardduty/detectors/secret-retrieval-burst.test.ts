import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DetectionEngine } from '../engine.js';
import { eventFromRecord, type TrailEvent, type TrailRecord } from '../trail-event.js';
import { secretRetrievalBurst } from './secret-retrieval-burst.js';
import { detect, roleSession, summary, timesEvery, trailRecord } from './testing/trail-records.js';

function getSecret(secretId: string, eventTime: string, userIdentity = roleSession()): TrailRecord {
  return trailRecord({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', requestParameters: { secretId }, eventTime, userIdentity });
}

test('the twentieth distinct secret within ten minutes makes a finding (Medium)', () => {
  const times = timesEvery(20, 20);
  const found = detect([secretRetrievalBurst()], times.map((t, i) => getSecret(`secret-${i}`, t)));
  assert.deepEqual(summary(found), ['CredentialAccess:SecretsManager/CloudSecretsManagementStores 5']);
  assert.equal(found[0].event.eventTime, times[19]);
  assert.equal(found[0].additionalInfo?.secretsRetrieved, 20);
});

test('re-reading the same secret, spreading reads out, or splitting them between principals does not', () => {
  const times = timesEvery(20, 40);
  assert.deepEqual(detect([secretRetrievalBurst()], times.map((t) => getSecret('app-secret', t))), []);
  assert.deepEqual(detect([secretRetrievalBurst()], timesEvery(60, 40).map((t, i) => getSecret(`secret-${i}`, t))), []);
  const split = times.map((t, i) => getSecret(`secret-${i}`, t, roleSession(`role-${i % 2}`)));
  assert.deepEqual(detect([secretRetrievalBurst()], split), []);
});

test('thresholds are options', () => {
  const found = detect([secretRetrievalBurst({ threshold: 3, windowMinutes: 1 })], timesEvery(5, 3).map((t, i) => getSecret(`secret-${i}`, t)));
  assert.equal(found.length, 1);
});

test('SecureString parameters count only when read with decryption; unnamed bulk reads count ten each', () => {
  const times = timesEvery(10, 4);
  const parameters = (names: string[], withDecryption: boolean, eventTime: string) =>
    trailRecord({ eventSource: 'ssm.amazonaws.com', eventName: 'GetParameters', requestParameters: { names, withDecryption }, eventTime });
  const names = (from: number) => Array.from({ length: 10 }, (_, i) => `/app/p${from + i}`);
  assert.deepEqual(detect([secretRetrievalBurst()], [parameters(names(0), false, times[0]), parameters(names(10), false, times[1])]), []);
  assert.deepEqual(summary(detect([secretRetrievalBurst()], [parameters(names(0), true, times[0]), parameters(names(10), true, times[1])])), ['CredentialAccess:SSM/CloudSecretsManagementStores 5']);
  const batch = (eventTime: string) => trailRecord({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'BatchGetSecretValue', requestParameters: { filters: [{ key: 'tag-key', values: ['x'] }] }, eventTime });
  assert.deepEqual(detect([secretRetrievalBurst()], [batch(times[0])]), []);
  assert.equal(detect([secretRetrievalBurst()], [batch(times[0]), batch(times[1])]).length, 1);
});

test('records are read only once the calls could have reached the threshold', () => {
  let reads = 0;
  const counted = (record: TrailRecord): TrailEvent => Object.assign(eventFromRecord(record), { record: () => (reads++, record) });
  const engine = new DetectionEngine({ detectors: [secretRetrievalBurst()], onDetection: () => undefined });
  const times = timesEvery(20, 21);
  for (let i = 0; i < 19; i++) engine.inspect(counted(getSecret(`secret-${i}`, times[i])));
  assert.equal(reads, 0);
  engine.inspect(counted(getSecret('secret-19', times[19])));
  assert.equal(reads, 20, 'each call read once, when twenty could have been retrieved');
  engine.inspect(counted(getSecret('secret-20', times[20])));
  assert.equal(reads, 21);
});
