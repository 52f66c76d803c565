import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEVERITY } from '../../detection.js';
import { inspectOne } from '../testing/trail-records.js';
import { signalRuleDetector, withApiVersions, type SignalRule } from './signal-rule.js';

const base = { definedBy: 'GuardDuty' as const, title: 't', description: 'd', source: 'example.amazonaws.com' };
const RULES: SignalRule[] = [
  Object.assign({ signal: 'Plain', type: 'A:B/Plain', eventNames: ['Plain'], severity: SEVERITY.LOW }, base),
  Object.assign({ signal: 'Routine', type: 'A:B/Routine', eventNames: ['Routine'], severity: SEVERITY.HIGH, routineSeverity: SEVERITY.MEDIUM }, base),
  Object.assign({ signal: 'Hostile', type: 'A:B/Routine', eventNames: ['Hostile'], severity: SEVERITY.HIGH, routineSeverity: SEVERITY.MEDIUM, match: () => ({ hostile: true }) }, base),
  Object.assign({ signal: 'Attempted', type: 'A:B/Attempt', eventNames: ['Attempted'], severity: SEVERITY.MEDIUM, attempts: SEVERITY.LOW }, base),
  Object.assign({ signal: 'Reported', type: 'A:B/Reported', eventNames: ['Reported'], severity: SEVERITY.HIGH, routineSeverity: SEVERITY.MEDIUM, attempts: 'reported' as const }, base),
  Object.assign({ signal: 'Picky', type: 'A:B/Picky', eventNames: ['Plain'], severity: SEVERITY.MEDIUM, match: () => ({ details: { why: 'because' }, discriminator: 'x' }) }, base),
];
const routine = signalRuleDetector(RULES, { documentedSeverities: false });
const documented = signalRuleDetector(RULES, { documentedSeverities: true });

test('a rule fires only for its event source', () => {
  assert.equal(inspectOne(routine, { eventSource: 'other.amazonaws.com', eventName: 'Routine' }).length, 0);
  assert.equal(inspectOne(routine, { eventSource: 'example.amazonaws.com', eventName: 'Unnamed' }).length, 0);
});

test('several rules on one call all report, with the signal and the match facts', () => {
  const found = inspectOne(routine, { eventSource: base.source, eventName: 'Plain' });
  assert.deepEqual(found.map((d) => d.type), ['A:B/Plain', 'A:B/Picky']);
  assert.deepEqual(found[1].additionalInfo, { signal: 'Picky', definedBy: 'GuardDuty', why: 'because' });
  assert.equal(found[1].discriminator, 'x');
});

test('routine severity unless documented severities are asked for or the call is hostile', () => {
  assert.equal(inspectOne(routine, { eventSource: base.source, eventName: 'Routine' })[0].severity, SEVERITY.MEDIUM);
  assert.equal(inspectOne(documented, { eventSource: base.source, eventName: 'Routine' })[0].severity, SEVERITY.HIGH);
  assert.equal(inspectOne(routine, { eventSource: base.source, eventName: 'Hostile' })[0].severity, SEVERITY.HIGH);
});

test('failed calls: ignored, reported at their own severity, or reported like successes', () => {
  assert.equal(inspectOne(routine, { eventSource: base.source, eventName: 'Plain', errorCode: 'AccessDenied' }).length, 0);
  assert.equal(inspectOne(routine, { eventSource: base.source, eventName: 'Attempted', errorCode: 'AccessDenied' })[0].severity, SEVERITY.LOW);
  assert.equal(inspectOne(routine, { eventSource: base.source, eventName: 'Attempted' })[0].severity, SEVERITY.MEDIUM);
  assert.equal(inspectOne(routine, { eventSource: base.source, eventName: 'Reported', errorCode: 'AccessDenied' })[0].severity, SEVERITY.MEDIUM);
});

test('the detector subscribes to exactly the rules’ event names', () => {
  assert.deepEqual([...(routine.eventNames ?? [])].sort(), ['Attempted', 'Hostile', 'Plain', 'Reported', 'Routine']);
  assert.deepEqual(routine.findingTypes, ['A:B/Attempt', 'A:B/Picky', 'A:B/Plain', 'A:B/Reported', 'A:B/Routine']);
});

test('Lambda event names with their API versions', () => {
  assert.deepEqual(withApiVersions('AddPermission', ['20150331', '20150331v2']), ['AddPermission', 'AddPermission20150331', 'AddPermission20150331v2']);
});
