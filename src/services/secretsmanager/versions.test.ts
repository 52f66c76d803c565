import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SecretRecord, VersionMeta } from './common.js';
import { addVersion, MAX_VERSIONS, moveStage } from './versions.js';

const DAY = 86_400_000;
const secret = (): SecretRecord => ({ ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:s-AbCdEf', Name: 's', CreatedDate: '', LastChangedDate: '', Versions: [] });
const version = (id: string, at = new Date()): VersionMeta => ({ VersionId: id, Stages: [], CreatedDate: at.toISOString(), KmsKeyIds: [] });
const stages = (r: SecretRecord): Record<string, string[]> => Object.fromEntries(r.Versions.map((v) => [v.VersionId, v.Stages]));

test('a new AWSCURRENT version demotes the current one to AWSPREVIOUS (dropping its AWSPENDING) and deprecates the old previous', () => {
  const r = secret();
  const now = new Date();
  addVersion(r, version('v1'), ['AWSCURRENT'], now);
  addVersion(r, version('v2'), ['AWSPENDING'], now);
  moveStage(r, 'AWSCURRENT', 'v2', 'v1');
  assert.deepEqual(stages(r), { v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT', 'AWSPENDING'] });
  addVersion(r, version('v3'), ['AWSCURRENT'], now);
  assert.deepEqual(stages(r), { v1: [], v2: ['AWSPREVIOUS'], v3: ['AWSCURRENT'] });
});

test('the first version of a secret is AWSCURRENT whatever labels it was given', () => {
  const r = secret();
  addVersion(r, version('v1'), ['AWSPENDING'], new Date());
  assert.deepEqual(stages(r), { v1: ['AWSCURRENT', 'AWSPENDING'] });
});

test('custom labels move with the version that takes them; labels are kept sorted', () => {
  const r = secret();
  const now = new Date();
  addVersion(r, version('v1'), ['AWSCURRENT'], now);
  addVersion(r, version('v2'), ['two', 'one', 'three'], now);
  assert.deepEqual(r.Versions[1]!.Stages, ['one', 'three', 'two']);
  addVersion(r, version('v3'), ['one', 'two', 'four'], now);
  assert.deepEqual(stages(r), { v1: ['AWSCURRENT'], v2: ['three'], v3: ['four', 'one', 'two'] });
});

test('UpdateSecretVersionStage: moving a label held elsewhere needs RemoveFromVersionId naming its holder; AWSCURRENT cannot just be removed', () => {
  const r = secret();
  const now = new Date();
  addVersion(r, version('v1'), ['AWSCURRENT'], now);
  addVersion(r, version('v2'), ['PENDING'], now);
  assert.throws(() => moveStage(r, 'AWSCURRENT', 'v2', undefined), {
    code: 'InvalidParameterException',
    message: "The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version v1, so you must explicitly reference that version in RemoveFromVersionId.",
  });
  assert.throws(() => moveStage(r, 'AWSCURRENT', 'v2', 'v2'), { code: 'InvalidParameterException' });
  assert.throws(() => moveStage(r, 'AWSCURRENT', undefined, 'v1'), { code: 'InvalidParameterException' });
  assert.throws(() => moveStage(r, 'X', 'nope', undefined), { code: 'ResourceNotFoundException' });
  moveStage(r, 'PENDING', undefined, 'v2');
  assert.deepEqual(stages(r), { v1: ['AWSCURRENT'], v2: [] });
  moveStage(r, 'AWSCURRENT', 'v2', 'v1');
  assert.deepEqual(stages(r), { v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] });
});

test('more than 100 versions: deprecated versions older than a day go, oldest first; newer ones make the write fail', () => {
  const r = secret();
  const now = new Date();
  const old = new Date(now.getTime() - 2 * DAY);
  addVersion(r, version('v0', old), ['AWSCURRENT'], old);
  for (let i = 1; i < MAX_VERSIONS; i++) addVersion(r, version(`v${i}`, old), ['AWSCURRENT'], old);
  assert.equal(r.Versions.length, MAX_VERSIONS);
  const pruned = addVersion(r, version('new'), ['AWSCURRENT'], now);
  assert.deepEqual(pruned.map((v) => v.VersionId), ['v0']);
  assert.equal(r.Versions.length, MAX_VERSIONS);

  const fresh = secret();
  for (let i = 0; i < MAX_VERSIONS; i++) addVersion(fresh, version(`f${i}`, now), ['AWSCURRENT'], now);
  assert.throws(() => addVersion(fresh, version('one-more', now), ['AWSCURRENT'], now), { code: 'LimitExceededException' });
});

test('at most 20 staging labels across the versions of a secret', () => {
  const r = secret();
  const labels = ['AWSCURRENT', ...Array.from({ length: 19 }, (_, i) => `L${i}`)];
  addVersion(r, version('v1'), labels, new Date());
  assert.throws(() => addVersion(r, version('v2'), ['EXTRA'], new Date()), { code: 'LimitExceededException' });
});
