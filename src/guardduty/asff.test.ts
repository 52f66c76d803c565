import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asffType, severityLabel } from './asff.js';

test('ASFF types: the namespace GuardDuty documents for the type, else its purpose’s; `/` becomes `-`', () => {
  assert.equal(asffType('Stealth:IAMUser/CloudTrailLoggingDisabled'), 'TTPs/Defense Evasion/Stealth:IAMUser-CloudTrailLoggingDisabled');
  assert.equal(asffType('Policy:IAMUser/RootCredentialUsage'), 'TTPs/Policy:IAMUser-RootCredentialUsage');
  assert.equal(asffType('Policy:S3/BucketBlockPublicAccessDisabled'), 'Effects/Data Exposure/Policy:S3-BucketBlockPublicAccessDisabled');
  assert.equal(asffType('Discovery:S3/MaliciousIPCaller'), 'TTPs/Discovery:S3-MaliciousIPCaller');
  assert.equal(asffType('UnauthorizedAccess:IAMUser/TorIPCaller'), 'TTPs/Command and Control/UnauthorizedAccess:IAMUser-TorIPCaller');
  assert.equal(asffType('CredentialAccess:IAMUser/AnomalousBehavior'), 'TTPs/Credential Access/CredentialAccess:IAMUser-AnomalousBehavior');
  assert.equal(asffType('Unheard:Of/Type'), 'Unusual Behaviors/Unheard:Of-Type');
});

test('GuardDuty severities as labels: low below 4, medium below 7, high below 9, critical from 9', () => {
  assert.deepEqual([1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityLabel), ['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL', 'CRITICAL']);
});
