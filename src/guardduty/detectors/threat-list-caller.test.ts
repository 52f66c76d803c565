import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThreatIntel, ThreatMatch } from '../threat-intel.js';
import { detect, summary, trailRecord } from './testing/trail-records.js';
import { isReconCall, threatListCaller } from './threat-list-caller.js';

const LISTED: Record<string, ThreatMatch[]> = {
  '203.0.113.9': [{ kind: 'custom', listName: 'our-blocklist', threatNames: ['scanner'] }],
  '198.51.100.66': [{ kind: 'tor', listName: 'tor-exits', threatNames: [] }, { kind: 'guardduty', listName: 'ProofPoint', threatNames: ['botnet'] }],
};
const intel: ThreatIntel = { hasLists: true, lookup: (ip) => LISTED[ip] ?? [], trusted: () => false };

test('list, describe and get calls are reconnaissance; reading secrets is not', () => {
  assert.equal(isReconCall('ListUsers'), true);
  assert.equal(isReconCall('DescribeInstances'), true);
  assert.equal(isReconCall('GetSecretValue'), false);
  assert.equal(isReconCall('CreateUser'), false);
});

test('calls from listed addresses: Recon for discovery calls, UnauthorizedAccess for the rest, with the lists as evidence', () => {
  const records = [
    trailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', sourceIPAddress: '203.0.113.9' }),
    trailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', sourceIPAddress: '198.51.100.66' }),
    trailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', sourceIPAddress: '192.0.2.1' }),
  ];
  const found = detect([threatListCaller()], records, intel);
  assert.deepEqual(summary(found), ['Recon:IAMUser/MaliciousIPCaller.Custom 5', 'UnauthorizedAccess:IAMUser/MaliciousIPCaller 5', 'UnauthorizedAccess:IAMUser/TorIPCaller 5']);
  assert.deepEqual(found[0].threatIntelligence, [{ ThreatListName: 'our-blocklist', ThreatNames: ['scanner'] }]);
});

test('nothing without lists, and nothing for calls an AWS service made', () => {
  const record = trailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', sourceIPAddress: '203.0.113.9' });
  assert.deepEqual(detect([threatListCaller()], [record]), []);
  const byService = trailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', sourceIPAddress: '203.0.113.9', userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' } });
  assert.deepEqual(detect([threatListCaller()], [byService], intel), []);
});
