import assert from 'node:assert/strict';
import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../accounts/principal.js';
import { openStore, type Store } from '../../store/index.js';
import type { OperationInput, RequestContext } from '../types.js';
import { ensureAwsManagedKey } from './aliases.js';
import { GRANT_KIND, KEY_KIND, materialById, type KeyRecord } from './common.js';
import { IMPORT_TOKEN_KIND } from './import-material.js';
import { createKey } from './keys.js';
import { sweepKeys } from './key-lifecycle.js';
import { managementOperations as ops } from './management-operations.js';
import { requestContext, TEST_MASTER_KEY } from '../../../test/support/request-context.js';

const ACCOUNT = '000000000000';
const ROOT: Principal = { type: 'Root', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe('sweepKeys', () => {
  let store: Store;
  const masterKey = TEST_MASTER_KEY;
  before(async () => {
    store = await openStore({ inMemory: true });
  });
  after(() => store.close());

  const ctx = (at = T0, region = 'us-east-1'): RequestContext =>
    requestContext(store, ROOT, 'kms', 'x', 'r', { region, account: ACCOUNT, receivedAt: new Date(at) });
  const call = (name: string, input: OperationInput, at = T0) => Promise.resolve(ops[name]!(ctx(at), input));
  const scope = { account: ACCOUNT, region: 'us-east-1' };
  const load = async (keyId: string) => (await store.get<KeyRecord>(scope, KEY_KIND, keyId))?.value;

  test('deletes the key, its aliases and its grants once the deletion date has passed', async () => {
    const { KeyMetadata } = (await createKey(ctx(), {})) as { KeyMetadata: { KeyId: string } };
    const keyId = KeyMetadata.KeyId;
    await call('CreateAlias', { AliasName: 'alias/gone', TargetKeyId: keyId });
    await store.put(scope, GRANT_KIND, `${keyId}/g1`, { GrantId: 'g1', KeyId: keyId });
    await store.put(scope, GRANT_KIND, `other/g2`, { GrantId: 'g2', KeyId: 'other' });
    await call('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
    assert.deepEqual((await sweepKeys(store, new Date(T0 + 6 * DAY))).deleted, []);
    const result = await sweepKeys(store, new Date(T0 + 7 * DAY));
    assert.equal(result.deleted.length, 1);
    assert.equal(await load(keyId), undefined);
    assert.equal(await store.get(scope, 'kms:alias', 'alias/gone'), undefined);
    assert.equal(await store.get(scope, GRANT_KIND, `${keyId}/g1`), undefined);
    assert.ok(await store.get(scope, GRANT_KIND, 'other/g2'));
  });

  test('performs due automatic rotations (with the master key) and keeps the old material', async () => {
    const { KeyMetadata } = (await createKey(ctx(), {})) as { KeyMetadata: { KeyId: string } };
    const keyId = KeyMetadata.KeyId;
    await call('EnableKeyRotation', { KeyId: keyId, RotationPeriodInDays: 90 });
    const before = (await load(keyId))!;
    assert.deepEqual((await sweepKeys(store, new Date(T0 + 91 * DAY))).rotated, [], 'no rotation without the master key');
    const result = await sweepKeys(store, new Date(T0 + 91 * DAY), { masterKey });
    assert.ok(result.rotated.includes(before.Arn));
    const after = (await load(keyId))!;
    assert.equal(after.Materials.length, 2);
    assert.notEqual(after.CurrentKeyMaterialId, before.CurrentKeyMaterialId);
    assert.equal(after.Materials[1]!.rotationType, 'AUTOMATIC');
    assert.equal(after.Rotation.nextRotationDate, new Date(T0 + 181 * DAY).toISOString());
    assert.ok(materialById(masterKey, after, before.CurrentKeyMaterialId!));
    assert.deepEqual((await sweepKeys(store, new Date(T0 + 92 * DAY), { masterKey })).rotated.filter((a) => a === before.Arn), []);
  });

  test('import tokens expire after 24 hours; the sweep drops them; expired material returns the key to PendingImport', async () => {
    const { KeyMetadata } = (await createKey(ctx(), { Origin: 'EXTERNAL' })) as { KeyMetadata: { KeyId: string } };
    const keyId = KeyMetadata.KeyId;
    const params = (await call('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_2048' })) as { ImportToken: Buffer; PublicKey: Buffer };
    const wrapped = publicEncrypt({ key: params.PublicKey, format: 'der', type: 'spki', padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, randomBytes(32));
    await assert.rejects(call('ImportKeyMaterial', { KeyId: keyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped }, T0 + DAY + 1), { code: 'ExpiredImportTokenException' });
    await assert.rejects(call('ImportKeyMaterial', { KeyId: keyId, ImportToken: Buffer.from('junk'), EncryptedKeyMaterial: wrapped }), { code: 'InvalidImportTokenException' });
    await call('ImportKeyMaterial', { KeyId: keyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped, ValidTo: new Date(T0 + 2 * DAY) });
    assert.equal((await load(keyId))!.KeyState, 'Enabled');
    await sweepKeys(store, new Date(T0 + 2 * DAY));
    const record = (await load(keyId))!;
    assert.equal(record.KeyState, 'PendingImport');
    assert.equal(record.Materials[0]!.sealed, '');
    assert.deepEqual((await store.list(scope, IMPORT_TOKEN_KIND)).items, []);
  });

  test('ensureAwsManagedKey creates one key per service, rotating yearly', async () => {
    const a = await ensureAwsManagedKey(ctx(), 'ssm');
    const b = await ensureAwsManagedKey(ctx(), 'ssm');
    assert.equal(a.KeyId, b.KeyId);
    assert.equal(a.KeyManager, 'AWS');
    assert.equal(a.Rotation.periodDays, 365);
    assert.ok(materialById(masterKey, a, a.CurrentKeyMaterialId!));
    const other = await ensureAwsManagedKey(ctx(T0, 'eu-west-1'), 'ssm');
    assert.notEqual(other.KeyId, a.KeyId);
  });
});
