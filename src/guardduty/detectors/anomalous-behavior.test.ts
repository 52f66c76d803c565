import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrailRecord } from '../trail-event.js';
import { anomalousBehavior } from './anomalous-behavior.js';
import { detect, roleSession, summary, timesEvery, trailRecord } from './testing/trail-records.js';

const SHORT_LEARNING = { learningEvents: 5, learningDays: 1, principalsKept: 100 };

function call(eventName: string, eventTime: string, userIdentity = roleSession()): TrailRecord {
  return trailRecord({ eventSource: 'iam.amazonaws.com', eventName, eventTime, userIdentity });
}

/** A principal's routine during learning: discovery and persistence calls, hourly for two days. */
function routine(): TrailRecord[] {
  return timesEvery(3600, 48).map((t, i) => call(i % 2 ? 'ListUsers' : 'CreateAccessKey', t));
}

test('after learning, the first call of a new tactic is reported once, with the baseline it broke', () => {
  const records = routine();
  records.push(call('AttachUserPolicy', '2026-03-03T10:00:00Z'), call('AttachRolePolicy', '2026-03-03T10:01:00Z'), call('StopLogging', '2026-03-03T10:02:00Z'));
  const found = detect([anomalousBehavior(SHORT_LEARNING)], records);
  assert.deepEqual(summary(found), ['PrivilegeEscalation:IAMUser/AnomalousBehavior 5', 'DefenseEvasion:IAMUser/AnomalousBehavior 5']);
  assert.deepEqual(found[0].additionalInfo?.baselineTactics, ['Discovery', 'Persistence']);
  assert.equal(found[0].additionalInfo?.watchedSince, '2026-03-01T10:00:00Z');
});

test('tactics used while learning are never anomalous; nothing is reported while learning', () => {
  const learning = timesEvery(60, 30).map((t, i) => call(['ListUsers', 'AttachUserPolicy', 'StopLogging'][i % 3], t));
  assert.deepEqual(detect([anomalousBehavior(SHORT_LEARNING)], learning), []);
  const records = routine();
  records.push(call('ListRoles', '2026-03-03T10:00:00Z'), call('CreateUser', '2026-03-03T10:01:00Z'));
  assert.deepEqual(detect([anomalousBehavior(SHORT_LEARNING)], records), []);
});

test('learning needs both the events and the days; each principal has its own baseline', () => {
  const busyButNew = timesEvery(1, 200).map((t) => call('ListUsers', t));
  busyButNew.push(call('DeleteBucket', '2026-03-01T10:10:00Z'));
  assert.deepEqual(detect([anomalousBehavior(SHORT_LEARNING)], busyButNew), []);
  const records = routine();
  records.push(call('DeleteBucket', '2026-03-03T10:00:00Z', roleSession('newcomer')));
  assert.deepEqual(detect([anomalousBehavior(SHORT_LEARNING)], records), []);
});

test('the default learning period is a week', () => {
  const records = routine();
  records.push(call('DeleteBucket', '2026-03-03T10:00:00Z'));
  assert.deepEqual(detect([anomalousBehavior()], records), []);
  records.push(...timesEvery(3600, 150, '2026-03-03T11:00:00Z').map((t) => call('ListUsers', t)));
  records.push(call('PutBucketReplication', '2026-03-10T11:00:00Z'));
  assert.deepEqual(summary(detect([anomalousBehavior()], records)), ['Exfiltration:IAMUser/AnomalousBehavior 8']);
});
