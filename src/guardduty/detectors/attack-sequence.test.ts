import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThreatIntel } from '../threat-intel.js';
import type { TrailRecord } from '../trail-event.js';
import { attackSequence, isCompromiseEvidence, tacticOfType } from './attack-sequence.js';
import { createDetectors } from './index.js';
import { detect, OTHER_ACCOUNT, rootUser, timesEvery, trailRecord } from './testing/trail-records.js';

const TOR_EXIT = '198.51.100.66';
const intel: ThreatIntel = { hasLists: true, lookup: (ip) => (ip === TOR_EXIT ? [{ kind: 'tor', listName: 'tor-exits', threatNames: [] }] : []), trusted: () => false };

/** An administrator's afternoon: keys for others, an admin policy, a stopped trail, a role for a partner account. */
function adminWork(sourceIPAddress: string): TrailRecord[] {
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
  const calls: [string, string, Record<string, unknown>][] = [
    ['iam.amazonaws.com', 'ListUsers', {}],
    ['iam.amazonaws.com', 'CreateAccessKey', { userName: 'bob' }],
    ['iam.amazonaws.com', 'AttachUserPolicy', { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    ['cloudtrail.amazonaws.com', 'StopLogging', { name: 'main' }],
    ['iam.amazonaws.com', 'CreateRole', { roleName: 'partner', assumeRolePolicyDocument: trust }],
    ['ec2.amazonaws.com', 'GetPasswordData', { instanceId: 'i-1' }],
  ];
  const times = timesEvery(60, calls.length);
  return calls.map(([eventSource, eventName, requestParameters], i) => trailRecord({ eventSource, eventName, requestParameters, eventTime: times[i], sourceIPAddress, userIdentity: rootUser() }));
}

test('finding types map to tactics; posture findings have none', () => {
  assert.equal(tacticOfType('Stealth:IAMUser/CloudTrailLoggingDisabled'), 'DefenseEvasion');
  assert.equal(tacticOfType('Recon:IAMUser/TorIPCaller'), 'Discovery');
  assert.equal(tacticOfType('Persistence:IAM/AccountManipulation'), 'Persistence');
  assert.equal(tacticOfType('Policy:IAMUser/RootCredentialUsage'), '');
});

test('evidence about the caller: threat lists, tooling, broken baselines, brute force', () => {
  assert.equal(isCompromiseEvidence('UnauthorizedAccess:IAMUser/TorIPCaller'), true);
  assert.equal(isCompromiseEvidence('Recon:IAMUser/MaliciousIPCaller.Custom'), true);
  assert.equal(isCompromiseEvidence('PenTest:IAMUser/KaliLinux'), true);
  assert.equal(isCompromiseEvidence('Impact:IAMUser/AnomalousBehavior'), true);
  assert.equal(isCompromiseEvidence('Persistence:IAM/AccountManipulation'), false);
});

test('administrative work across many tactics, from an ordinary address, is no attack sequence', () => {
  const found = detect(createDetectors(), adminWork('192.0.2.10'), intel);
  assert.ok(found.length >= 5, `the admin work raises its single signals (${found.length})`);
  assert.equal(found.filter((d) => d.type === 'AttackSequence:IAM/CompromisedCredentials').length, 0);
});

test('the same work from a Tor exit node is one critical attack sequence', () => {
  const found = detect(createDetectors(), adminWork(TOR_EXIT), intel);
  const sequences = found.filter((d) => d.type === 'AttackSequence:IAM/CompromisedCredentials');
  assert.equal(sequences.length, 1);
  assert.equal(sequences[0].severity, 9);
  assert.ok((sequences[0].additionalInfo?.tactics as string[]).length >= 3);
});

test('the correlator alone, fed no evidence, stays silent', () => {
  assert.deepEqual(detect([attackSequence()], adminWork(TOR_EXIT)), []);
});
