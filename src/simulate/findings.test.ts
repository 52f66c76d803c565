import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetFindingsCommand, ListFindingsCommand, type Finding, type GuardDutyClient } from '@aws-sdk/client-guardduty';
import { awaitDetection, isAttributed } from './findings.js';

const SINCE = Date.parse('2026-11-22T10:00:00.600Z');
const ATTACKER = 'AKIAATTACKER00000001';

function finding(id: string, type: string, accessKeyId: string, eventLastSeen: string): Finding {
  return { Id: id, Type: type, Resource: { AccessKeyDetails: { AccessKeyId: accessKeyId } }, Service: { EventLastSeen: eventLastSeen } } as Finding;
}

/** A GuardDuty client whose n-th ListFindings answers the n-th batch (the last one thereafter). */
function fakeGuardDuty(batches: Finding[][]): { client: GuardDutyClient; listCalls: unknown[] } {
  const listCalls: unknown[] = [];
  let current: Finding[] = [];
  const client = {
    async send(command: unknown) {
      if (command instanceof ListFindingsCommand) {
        listCalls.push(command.input.FindingCriteria);
        current = batches[Math.min(listCalls.length - 1, batches.length - 1)]!;
        return { FindingIds: current.map((f) => f.Id) };
      }
      if (command instanceof GetFindingsCommand) return { Findings: current.filter((f) => command.input.FindingIds!.includes(f.Id!)) };
      throw new Error('unexpected command');
    },
  } as unknown as GuardDutyClient;
  return { client, listCalls };
}

describe('matching findings to a technique', () => {
  test('a finding belongs to the technique when it is about its key and its latest event is not before the detonation', () => {
    const keys = new Set([ATTACKER]);
    assert.equal(isAttributed(finding('1', 'T', ATTACKER, '2026-11-22T10:00:01Z'), keys, SINCE), true);
    // CloudTrail times are whole seconds: an event in the detonation's first second counts.
    assert.equal(isAttributed(finding('2', 'T', ATTACKER, '2026-11-22T10:00:00Z'), keys, SINCE), true);
    assert.equal(isAttributed(finding('3', 'T', ATTACKER, '2026-11-22T09:59:59Z'), keys, SINCE), false);
    assert.equal(isAttributed(finding('4', 'T', 'AKIAOPERATOR00000001', '2026-11-22T10:00:01Z'), keys, SINCE), false);
    assert.equal(isAttributed({ Id: '5', Type: 'T' } as Finding, keys, SINCE), false);
  });

  test('polls until an expected type shows, reporting every type seen and the time to that poll', async () => {
    const since = Date.now();
    const now = new Date(since).toISOString();
    const other = finding('a', 'Discovery:IAMUser/AnomalousBehavior', ATTACKER, now);
    const expected = finding('b', 'Stealth:IAMUser/CloudTrailLoggingDisabled', ATTACKER, now);
    const operators = finding('c', 'Policy:IAMUser/RootCredentialUsage', 'test', now);
    const { client, listCalls } = fakeGuardDuty([[operators], [operators, other], [operators, other, expected]]);
    const outcome = await awaitDetection({
      guardDuty: client,
      detectorId: 'd',
      since,
      accessKeyIds: new Set([ATTACKER]),
      expectedTypes: ['Stealth:IAMUser/CloudTrailLoggingDisabled'],
      deadline: since + 5000,
      intervalMs: 20,
    });
    assert.equal(outcome.detected, true);
    assert.deepEqual(outcome.findingTypes, ['Discovery:IAMUser/AnomalousBehavior', 'Stealth:IAMUser/CloudTrailLoggingDisabled']);
    assert.equal(listCalls.length, 3);
    assert.ok(outcome.secondsToDetect! >= 0.04 && outcome.secondsToDetect! < 1, String(outcome.secondsToDetect));
    assert.deepEqual(listCalls[0], { Criterion: { updatedAt: { GreaterThanOrEqual: since } } });
  });

  test('gives up at the deadline: not detected, no time, the other types it saw', async () => {
    const { client } = fakeGuardDuty([[finding('a', 'Discovery:IAMUser/AnomalousBehavior', ATTACKER, new Date().toISOString())]]);
    const since = Date.now();
    const outcome = await awaitDetection({
      guardDuty: client,
      detectorId: 'd',
      since,
      accessKeyIds: new Set([ATTACKER]),
      expectedTypes: ['PenTest:IAMUser/KaliLinux'],
      deadline: since + 150,
      intervalMs: 20,
    });
    assert.deepEqual(outcome, { detected: false, findingTypes: ['Discovery:IAMUser/AnomalousBehavior'], secondsToDetect: null });
    assert.ok(Date.now() - since >= 150);
  });
});
