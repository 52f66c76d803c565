import assert from 'node:assert/strict';
import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  UpdatePrimaryRegionCommand,
  type CreateKeyCommandInput,
} from '@aws-sdk/client-kms';
import { rootPrincipal } from '../../src/accounts/principal.js';
import { ensureAwsManagedKey } from '../../src/services/kms/aliases.js';
import { sweepKeys } from '../../src/services/kms/key-lifecycle.js';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { requestContext } from '../support/request-context.js';
import { suiteServer } from '../support/server.js';

const ACCOUNT = '000000000000';
const DAY = 86_400_000;

describe('KMS key management', () => {
  const bulwark = suiteServer();
  const kms = (region = 'us-east-1') => new KMSClient({ ...clientConfig(bulwark.endpoint), region });
  const newKey = async (input: CreateKeyCommandInput = {}) => (await kms().send(new CreateKeyCommand(input))).KeyMetadata!;
  const state = async (keyId: string, region = 'us-east-1') => (await kms(region).send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState;

  test('ListKeys pages through every key of the account and region', async () => {
    const made = [await newKey(), await newKey(), await newKey()];
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await kms().send(new ListKeysCommand({ Limit: 1, Marker: marker }));
      assert.equal(page.Keys!.length, 1);
      assert.equal(page.Keys![0]!.KeyArn, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${page.Keys![0]!.KeyId}`);
      seen.push(page.Keys![0]!.KeyId!);
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    for (const k of made) assert.ok(seen.includes(k.KeyId!));
    await rejectsWith(kms().send(new ListKeysCommand({ Marker: 'nope' })), 'InvalidMarkerException', 400);
    const west = await kms('us-west-2').send(new ListKeysCommand({}));
    assert.ok(!west.Keys!.some((k) => made.some((m) => m.KeyId === k.KeyId)));
  });

  test('EnableKey, DisableKey and UpdateKeyDescription', async () => {
    const key = await newKey({ Description: 'before' });
    await kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    assert.equal(await state(key.KeyId!), 'Disabled');
    await rejectsWith(kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'DisabledException', 400, `${key.Arn} is disabled.`);
    await kms().send(new EnableKeyCommand({ KeyId: key.Arn }));
    assert.equal(await state(key.KeyId!), 'Enabled');
    await kms().send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'after' }));
    assert.equal((await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.Description, 'after');
    await rejectsWith(kms().send(new EnableKeyCommand({ KeyId: '11111111-2222-3333-4444-555555555555' })), 'NotFoundException', 400, `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555' does not exist`);
  });

  test('ScheduleKeyDeletion, CancelKeyDeletion and the state rules', async () => {
    const key = await newKey();
    await rejectsWith(kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 5 })), 'ValidationException', 400);
    const before = Date.now();
    const scheduled = await kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    assert.equal(scheduled.KeyId, key.Arn);
    assert.equal(scheduled.KeyState, 'PendingDeletion');
    assert.equal(scheduled.PendingWindowInDays, 30);
    assert.ok(Math.abs(scheduled.DeletionDate!.getTime() - (before + 30 * DAY)) < 60_000);
    const meta = (await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    assert.equal(meta.KeyState, 'PendingDeletion');
    assert.equal(meta.Enabled, false);
    assert.ok(meta.DeletionDate);
    await rejectsWith(kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', 400, `${key.Arn} is pending deletion.`);
    await rejectsWith(kms().send(new EnableKeyCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', 400, `${key.Arn} is pending deletion.`);
    await rejectsWith(kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', 400);
    const cancelled = await kms().send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    assert.equal(cancelled.KeyId, key.Arn);
    const after = (await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    assert.equal(after.KeyState, 'Disabled');
    assert.equal(after.DeletionDate, undefined);
    await rejectsWith(kms().send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException', 400);
  });

  test('sweepKeys deletes a key after its waiting period, with its aliases', async () => {
    const key = await newKey();
    const keep = await newKey();
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: key.KeyId }));
    const scheduled = await kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    let swept = await sweepKeys(bulwark.store, new Date(scheduled.DeletionDate!.getTime() - 60_000));
    assert.ok(!swept.deleted.includes(key.Arn!));
    assert.equal(await state(key.KeyId!), 'PendingDeletion');
    swept = await sweepKeys(bulwark.store, new Date(Date.now() + 8 * DAY));
    assert.ok(swept.deleted.includes(key.Arn!));
    await rejectsWith(kms().send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', 400);
    await rejectsWith(kms().send(new DescribeKeyCommand({ KeyId: 'alias/doomed' })), 'NotFoundException', 400);
    const aliases = await kms().send(new ListAliasesCommand({}));
    assert.ok(!aliases.Aliases!.some((a) => a.AliasName === 'alias/doomed'));
    assert.equal(await state(keep.KeyId!), 'Enabled');
  });

  test('aliases: create, name rules, list, update, delete', async () => {
    const a = await newKey();
    const b = await newKey();
    const hmac = await newKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: a.KeyId }));
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/app-2', TargetKeyId: a.Arn }));
    assert.equal((await kms().send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId, a.KeyId);
    await rejectsWith(
      kms().send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.KeyId })),
      'AlreadyExistsException',
      400,
      `An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:alias/app already exists`,
    );
    await rejectsWith(kms().send(new CreateAliasCommand({ AliasName: 'app', TargetKeyId: b.KeyId })), 'ValidationException', 400, /must start with the prefix "alias\/"/);
    await rejectsWith(kms().send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: b.KeyId })), 'NotAuthorizedException', 400);
    await rejectsWith(kms().send(new CreateAliasCommand({ AliasName: 'alias/via-alias', TargetKeyId: 'alias/app' })), 'NotFoundException', 400);

    const byKey = await kms().send(new ListAliasesCommand({ KeyId: a.KeyId }));
    assert.deepEqual(byKey.Aliases!.map((x) => x.AliasName), ['alias/app', 'alias/app-2']);
    const entry = byKey.Aliases![0]!;
    assert.equal(entry.AliasArn, `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`);
    assert.equal(entry.TargetKeyId, a.KeyId);
    assert.ok(entry.CreationDate instanceof Date && entry.LastUpdatedDate instanceof Date);
    const first = await kms().send(new ListAliasesCommand({ KeyId: a.KeyId, Limit: 1 }));
    assert.equal(first.Truncated, true);
    const second = await kms().send(new ListAliasesCommand({ KeyId: a.KeyId, Limit: 1, Marker: first.NextMarker }));
    assert.equal(second.Aliases![0]!.AliasName, 'alias/app-2');
    assert.equal(second.Truncated, false);

    await kms().send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.KeyId }));
    assert.equal((await kms().send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId, b.KeyId);
    await rejectsWith(kms().send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: hmac.KeyId })), 'ValidationException', 400);
    await rejectsWith(kms().send(new UpdateAliasCommand({ AliasName: 'alias/none', TargetKeyId: b.KeyId })), 'NotFoundException', 400, `Alias 'arn:aws:kms:us-east-1:${ACCOUNT}:alias/none' is not found.`);
    await kms().send(new DeleteAliasCommand({ AliasName: 'alias/app' }));
    await rejectsWith(kms().send(new DeleteAliasCommand({ AliasName: 'alias/app' })), 'NotFoundException', 400, `Alias 'arn:aws:kms:us-east-1:${ACCOUNT}:alias/app' is not found.`);
    await rejectsWith(kms().send(new DeleteAliasCommand({ AliasName: 'alias/aws/s3' })), 'NotAuthorizedException', 400);
  });

  test('tags: add, replace, page, remove, and the tag rules', async () => {
    const key = await newKey({ Tags: [{ TagKey: 'team', TagValue: 'a' }] });
    await kms().send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'team', TagValue: 'b' }, { TagKey: 'env', TagValue: 'prod' }] }));
    const all = await kms().send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
    assert.deepEqual(all.Tags, [{ TagKey: 'team', TagValue: 'b' }, { TagKey: 'env', TagValue: 'prod' }]);
    assert.equal(all.Truncated, false);
    const page = await kms().send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 1 }));
    assert.equal(page.Truncated, true);
    const rest = await kms().send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 1, Marker: page.NextMarker }));
    assert.deepEqual(rest.Tags, [{ TagKey: 'env', TagValue: 'prod' }]);
    await rejectsWith(kms().send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })), 'TagException', 400);
    const many = Array.from({ length: 49 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    await rejectsWith(kms().send(new TagResourceCommand({ KeyId: key.KeyId, Tags: many })), 'TagException', 400);
    await kms().send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['team', 'absent'] }));
    assert.deepEqual((await kms().send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags, [{ TagKey: 'env', TagValue: 'prod' }]);
  });

  test('key policies: get, list, put and the lockout safety check', async () => {
    const key = await newKey();
    const got = await kms().send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
    assert.equal(got.PolicyName, 'default');
    assert.equal(JSON.parse(got.Policy!).Statement[0].Principal.AWS, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal((await kms().send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }))).Policy, got.Policy);
    await rejectsWith(kms().send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'other' })), 'NotFoundException', 400);
    assert.deepEqual((await kms().send(new ListKeyPoliciesCommand({ KeyId: key.KeyId }))).PolicyNames, ['default']);

    await rejectsWith(kms().send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: '{not json' })), 'MalformedPolicyDocumentException', 400);
    const mine = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    await kms().send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: mine, BypassPolicyLockoutSafetyCheck: true }));
    assert.equal((await kms().send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy, mine);
  });

  test('PutKeyPolicy lockout safety check', async () => {
    const key = await newKey();
    const others = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
    });
    await rejectsWith(
      kms().send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: others })),
      'MalformedPolicyDocumentException',
      400,
      'The new key policy will not allow you to update the key policy in the future.',
    );
    const mine = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    await kms().send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: mine }));
    assert.equal((await kms().send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy, mine);
  });

  test('automatic rotation settings', async () => {
    const key = await newKey();
    const off = await kms().send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    assert.equal(off.KeyRotationEnabled, false);
    await kms().send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const on = await kms().send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    assert.equal(on.KeyRotationEnabled, true);
    assert.equal(on.RotationPeriodInDays, 365);
    assert.equal(on.KeyId, key.Arn);
    assert.ok(Math.abs(on.NextRotationDate!.getTime() - (Date.now() + 365 * DAY)) < 60_000);
    await kms().send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    assert.equal((await kms().send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).RotationPeriodInDays, 90);
    await kms().send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
    assert.equal((await kms().send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled, false);
    await rejectsWith(kms().send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 30 })), 'ValidationException', 400);

    const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    await rejectsWith(kms().send(new EnableKeyRotationCommand({ KeyId: rsa.KeyId })), 'UnsupportedOperationException', 400);
    await rejectsWith(kms().send(new RotateKeyOnDemandCommand({ KeyId: rsa.KeyId })), 'UnsupportedOperationException', 400);
    const external = await newKey({ Origin: 'EXTERNAL' });
    await rejectsWith(kms().send(new EnableKeyRotationCommand({ KeyId: external.KeyId })), 'UnsupportedOperationException', 400);
    await kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await rejectsWith(kms().send(new EnableKeyRotationCommand({ KeyId: key.KeyId })), 'DisabledException', 400);
  });

  test('RotateKeyOnDemand adds material; old ciphertexts still decrypt; ListKeyRotations; the limit of 25', async () => {
    const key = await newKey();
    const before = await kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('old secret') }));
    const rotated = await kms().send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    assert.equal(rotated.KeyId, key.KeyId);
    const rotations = await kms().send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    assert.equal(rotations.Rotations!.length, 1);
    const entry = rotations.Rotations![0]!;
    assert.equal(entry.RotationType, 'ON_DEMAND');
    assert.equal(entry.KeyMaterialState, 'CURRENT');
    assert.match(entry.KeyMaterialId!, /^[0-9a-f]{64}$/);
    assert.ok(entry.RotationDate instanceof Date);
    const described = (await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    assert.equal(described.CurrentKeyMaterialId, entry.KeyMaterialId);
    const all = await kms().send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    assert.equal(all.Rotations!.length, 2);
    assert.equal(all.Rotations![0]!.KeyMaterialState, 'NON_CURRENT');
    const plain = await kms().send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    assert.equal(Buffer.from(plain.Plaintext!).toString(), 'old secret');

    for (let i = 1; i < 25; i++) await kms().send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    await rejectsWith(kms().send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'LimitExceededException', 400);
    const page = await kms().send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 10 }));
    assert.equal(page.Rotations!.length, 10);
    assert.equal(page.Truncated, true);
    assert.equal(Buffer.from((await kms().send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }))).Plaintext!).toString(), 'old secret');
  });

  test('imported key material: round trip, same material only, delete', async () => {
    const key = await newKey({ Origin: 'EXTERNAL' });
    assert.equal(key.KeyState, 'PendingImport');
    await rejectsWith(
      kms().send(new GetParametersForImportCommand({ KeyId: (await newKey()).KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })),
      'UnsupportedOperationException',
      400,
    );
    const params = await kms().send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    assert.equal(params.KeyId, key.Arn);
    assert.ok(Math.abs(params.ParametersValidTo!.getTime() - (Date.now() + DAY)) < 60_000);
    const wrap = (material: Buffer) =>
      publicEncrypt({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki', padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material);
    const material = randomBytes(32);

    const other = await newKey({ Origin: 'EXTERNAL' });
    await rejectsWith(
      kms().send(new ImportKeyMaterialCommand({ KeyId: other.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(material) })),
      'InvalidImportTokenException',
      400,
    );
    await rejectsWith(
      kms().send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(material), ValidTo: new Date(Date.now() - DAY) })),
      'ValidationException',
      400,
    );

    const imported = await kms().send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(material) }));
    assert.equal(imported.KeyId, key.Arn);
    assert.match(imported.KeyMaterialId!, /^[0-9a-f]{64}$/);
    const meta = (await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    assert.equal(meta.KeyState, 'Enabled');
    assert.equal(meta.ExpirationModel, 'KEY_MATERIAL_DOES_NOT_EXPIRE');
    const sealed = await kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('imported') }));

    await rejectsWith(
      kms().send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(randomBytes(32)) })),
      'IncorrectKeyMaterialException',
      400,
    );
    const deleted = await kms().send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    assert.equal(deleted.KeyMaterialId, imported.KeyMaterialId);
    assert.equal(await state(key.KeyId!), 'PendingImport');
    await rejectsWith(kms().send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })), 'KMSInvalidStateException', 400);

    // Re-importing the same material (expiring this time) brings the key back; the sweep expires it.
    const validTo = new Date(Date.now() + 10 * DAY);
    await kms().send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(material), ValidTo: validTo }));
    const back = (await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    assert.equal(back.KeyState, 'Enabled');
    assert.equal(back.ExpirationModel, 'KEY_MATERIAL_EXPIRES');
    assert.ok(Math.abs(back.ValidTo!.getTime() - validTo.getTime()) < 1000);
    assert.equal(Buffer.from((await kms().send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }))).Plaintext!).toString(), 'imported');
    const swept = await sweepKeys(bulwark.store, new Date(Date.now() + 11 * DAY));
    assert.ok(swept.expired.some((e) => e.startsWith(key.Arn!)));
    assert.equal(await state(key.KeyId!), 'PendingImport');
  });

  test('imported key material rotates on demand to NEW_KEY_MATERIAL', async () => {
    const key = await newKey({ Origin: 'EXTERNAL' });
    const params = await kms().send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    const wrap = (material: Buffer) =>
      publicEncrypt({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki', padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material);
    const first = await kms().send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(randomBytes(32)) }));
    const old = await kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('v1') }));
    await rejectsWith(kms().send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })), 'UnsupportedOperationException', 400);
    const second = await kms().send(
      new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(randomBytes(32)), ImportType: 'NEW_KEY_MATERIAL', KeyMaterialDescription: 'next' }),
    );
    assert.notEqual(second.KeyMaterialId, first.KeyMaterialId);
    const pending = await kms().send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    assert.deepEqual(pending.Rotations!.map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState]), [
      [first.KeyMaterialId, 'CURRENT', 'IMPORTED'],
      [second.KeyMaterialId, 'PENDING_ROTATION', 'IMPORTED'],
    ]);
    await kms().send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const rotations = await kms().send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    assert.equal(rotations.Rotations!.length, 1);
    assert.equal(rotations.Rotations![0]!.KeyMaterialId, second.KeyMaterialId);
    assert.equal(rotations.Rotations![0]!.KeyMaterialState, 'CURRENT');
    assert.equal(rotations.Rotations![0]!.KeyMaterialDescription, 'next');
    assert.equal((await kms().send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.CurrentKeyMaterialId, second.KeyMaterialId);
    assert.equal(Buffer.from((await kms().send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).Plaintext!).toString(), 'v1');
  });

  test('multi-Region keys: ReplicateKey and UpdatePrimaryRegion', async () => {
    const single = await newKey();
    await rejectsWith(kms().send(new ReplicateKeyCommand({ KeyId: single.KeyId, ReplicaRegion: 'us-west-2' })), 'UnsupportedOperationException', 400);
    const primary = await newKey({ MultiRegion: true, Description: 'mrk' });
    assert.match(primary.KeyId!, /^mrk-/);
    const ciphertext = (await kms().send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('everywhere') }))).CiphertextBlob;
    const replicated = await kms().send(
      new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'us-west-2', Description: 'west copy', Tags: [{ TagKey: 'r', TagValue: 'west' }] }),
    );
    const replicaArn = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${primary.KeyId}`;
    assert.equal(replicated.ReplicaKeyMetadata!.Arn, replicaArn);
    assert.equal(replicated.ReplicaKeyMetadata!.MultiRegionConfiguration!.MultiRegionKeyType, 'REPLICA');
    assert.deepEqual(replicated.ReplicaTags, [{ TagKey: 'r', TagValue: 'west' }]);
    assert.ok(replicated.ReplicaPolicy);
    await rejectsWith(kms().send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'us-west-2' })), 'AlreadyExistsException', 400);

    const west = (await kms('us-west-2').send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
    assert.equal(west.KeyState, 'Enabled');
    assert.equal(west.Description, 'west copy');
    assert.deepEqual(west.MultiRegionConfiguration, {
      MultiRegionKeyType: 'REPLICA',
      PrimaryKey: { Arn: primary.Arn, Region: 'us-east-1' },
      ReplicaKeys: [{ Arn: replicaArn, Region: 'us-west-2' }],
    });
    const east = (await kms().send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
    assert.equal(east.MultiRegionConfiguration!.MultiRegionKeyType, 'PRIMARY');
    assert.deepEqual(east.MultiRegionConfiguration!.ReplicaKeys, [{ Arn: replicaArn, Region: 'us-west-2' }]);
    // The replica holds the same material under the same material id, and works in its region.
    assert.equal(west.CurrentKeyMaterialId, primary.CurrentKeyMaterialId);
    const westCiphertext = (await kms('us-west-2').send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('everywhere') }))).CiphertextBlob;
    const opened = await kms('us-west-2').send(new DecryptCommand({ CiphertextBlob: westCiphertext }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), 'everywhere');
    assert.ok(ciphertext);

    await rejectsWith(kms('us-west-2').send(new EnableKeyRotationCommand({ KeyId: primary.KeyId })), 'UnsupportedOperationException', 400);
    await kms().send(new EnableKeyRotationCommand({ KeyId: primary.KeyId }));
    assert.equal((await kms('us-west-2').send(new GetKeyRotationStatusCommand({ KeyId: primary.KeyId }))).KeyRotationEnabled, true);

    await kms().send(new UpdatePrimaryRegionCommand({ KeyId: primary.KeyId, PrimaryRegion: 'us-west-2' }));
    const westNow = (await kms('us-west-2').send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.MultiRegionConfiguration!;
    assert.equal(westNow.MultiRegionKeyType, 'PRIMARY');
    assert.deepEqual(westNow.ReplicaKeys, [{ Arn: primary.Arn, Region: 'us-east-1' }]);
    assert.equal((await kms().send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!.MultiRegionConfiguration!.MultiRegionKeyType, 'REPLICA');

    // A primary with replicas waits for them: PendingReplicaDeletion, then PendingDeletion once they are gone.
    const scheduled = await kms('us-west-2').send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
    assert.equal(scheduled.KeyState, 'PendingReplicaDeletion');
    assert.equal(scheduled.DeletionDate, undefined);
    await kms().send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId, PendingWindowInDays: 7 }));
    await sweepKeys(bulwark.store, new Date(Date.now() + 8 * DAY));
    await rejectsWith(kms().send(new DescribeKeyCommand({ KeyId: primary.KeyId })), 'NotFoundException', 400);
    const last = (await kms('us-west-2').send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
    assert.equal(last.KeyState, 'PendingDeletion');
    assert.deepEqual(last.MultiRegionConfiguration!.ReplicaKeys, []);
  });

  test('AWS managed keys: created on first use, listed, and not modifiable', async () => {
    const ctx = requestContext(bulwark.store, rootPrincipal(ACCOUNT), 'secretsmanager', 'CreateSecret');
    const key = await ensureAwsManagedKey(ctx, 'secretsmanager');
    assert.equal((await ensureAwsManagedKey(ctx, 'secretsmanager')).KeyId, key.KeyId);
    const meta = (await kms().send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }))).KeyMetadata!;
    assert.equal(meta.KeyManager, 'AWS');
    assert.equal(meta.KeyId, key.KeyId);
    const aliases = await kms().send(new ListAliasesCommand({}));
    assert.ok(aliases.Aliases!.some((a) => a.AliasName === 'alias/aws/secretsmanager' && a.TargetKeyId === key.KeyId));
    const policy = JSON.parse((await kms().send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy!);
    assert.equal(policy.Statement[0].Condition.StringEquals['kms:ViaService'], 'secretsmanager.us-east-1.amazonaws.com');
    assert.equal(policy.Statement[0].Condition.StringEquals['kms:CallerAccount'], ACCOUNT);
    const rotation = await kms().send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    assert.equal(rotation.KeyRotationEnabled, true);
    assert.equal(rotation.RotationPeriodInDays, 365);
    for (const attempt of [
      kms().send(new DisableKeyCommand({ KeyId: key.KeyId })),
      kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })),
      kms().send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: JSON.stringify(policy) })),
      kms().send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
      kms().send(new DisableKeyRotationCommand({ KeyId: key.KeyId })),
    ]) {
      await rejectsWith(attempt, 'AccessDeniedException', 400);
    }
    await rejectsWith(kms().send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: key.KeyId })), 'AccessDeniedException', 400);
  });

  test('GetKeyLastUsage and custom key stores', async () => {
    const key = await newKey();
    const fresh = await kms().send(new GetKeyLastUsageCommand({ KeyId: key.KeyId }));
    assert.equal(fresh.KeyId, key.Arn);
    assert.equal(fresh.KeyLastUsage, undefined);
    assert.ok(fresh.KeyCreationDate instanceof Date);
    await kms().send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
    const used = await kms().send(new GetKeyLastUsageCommand({ KeyId: key.KeyId }));
    assert.equal(used.KeyLastUsage?.Operation, 'Encrypt');

    const stores = await kms().send(new DescribeCustomKeyStoresCommand({}));
    assert.deepEqual(stores.CustomKeyStores, []);
    await rejectsWith(
      kms().send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-234567abcdefg', TrustAnchorCertificate: 'x', KeyStorePassword: 'password1' })),
      'UnsupportedOperationException',
      400,
    );
  });
});
