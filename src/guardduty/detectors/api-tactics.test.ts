import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tacticOf } from './api-tactics.js';

test('calls map to the tactic GuardDuty files them under', () => {
  assert.equal(tacticOf('GetSecretValue'), 'CredentialAccess');
  assert.equal(tacticOf('StopLogging'), 'DefenseEvasion');
  assert.equal(tacticOf('PutBucketReplication'), 'Exfiltration');
  assert.equal(tacticOf('PutBucketPolicy'), 'Impact');
  assert.equal(tacticOf('GetSessionToken'), 'InitialAccess');
  assert.equal(tacticOf('CreateAccessKey'), 'Persistence');
  assert.equal(tacticOf('AttachUserPolicy'), 'PrivilegeEscalation');
});

test('other list, describe and get calls are discovery; the rest have no tactic', () => {
  assert.equal(tacticOf('DescribeInstances'), 'Discovery');
  assert.equal(tacticOf('ListAccessKeys'), 'Discovery');
  assert.equal(tacticOf('GetRolePolicy'), 'Discovery');
  assert.equal(tacticOf('PutObject'), null);
  assert.equal(tacticOf('TagResource'), null);
});

test("Lambda's versioned event names count as their operation", () => {
  assert.equal(tacticOf('UpdateFunctionCode20150331v2'), 'Persistence');
  assert.equal(tacticOf('AddPermission20150331v2'), 'Persistence');
  assert.equal(tacticOf('DeleteFunction20150331'), 'Impact');
});
