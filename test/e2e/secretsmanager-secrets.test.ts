import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * Secrets, versions and staging labels, deletion and housekeeping, tags and random passwords,
 * through the SDK v3 with AWS's answers and error wording.
 */
const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";
const DAY = 86_400_000;

describe('Secrets Manager secrets and versions', () => {
  const bulwark = suiteServer();
  const sm = () => new SecretsManagerClient(clientConfig(bulwark.endpoint));

  test('a secret has an ARN of its name and six random characters; it is found by name, full ARN and partial ARN', async () => {
    const token = randomUUID();
    const created = await sm().send(new CreateSecretCommand({ Name: 'app/db-password', SecretString: 'hunter2', ClientRequestToken: token, Description: 'db' }));
    assert.match(created.ARN!, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-password-[A-Za-z0-9]{6}$/);
    assert.equal(created.Name, 'app/db-password');
    assert.equal(created.VersionId, token);
    const partial = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-password';
    for (const id of ['app/db-password', created.ARN!, partial]) {
      const got = await sm().send(new GetSecretValueCommand({ SecretId: id }));
      assert.equal(got.SecretString, 'hunter2');
      assert.equal(got.ARN, created.ARN);
      assert.deepEqual(got.VersionStages, ['AWSCURRENT']);
      assert.ok(got.CreatedDate instanceof Date);
    }
    // Another suffix, another Region or another name: nothing.
    await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: `${partial}-AAAAAA` })), 'ResourceNotFoundException', 400, NOT_FOUND);
    await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: created.ARN!.replace('us-east-1', 'eu-west-1') })), 'ResourceNotFoundException', 400, NOT_FOUND);
    await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: 'app/nothing' })), 'ResourceNotFoundException', 400, NOT_FOUND);
    await rejectsWith(
      sm().send(new CreateSecretCommand({ Name: 'app/db-password', SecretString: 'x' })),
      'ResourceExistsException',
      400,
      'The operation failed because the secret app/db-password already exists.',
    );
    const described = await sm().send(new DescribeSecretCommand({ SecretId: 'app/db-password' }));
    assert.equal(described.Description, 'db');
    assert.equal(described.KmsKeyId, undefined, 'the AWS managed key is not shown');
    assert.deepEqual(described.VersionIdsToStages, { [token]: ['AWSCURRENT'] });
    assert.equal(described.LastAccessedDate!.toISOString().slice(10), 'T00:00:00.000Z', 'the day only');
    assert.equal(described.Tags, undefined);
  });

  test('names are checked; a secret without a value has no version', async () => {
    for (const bad of ['has space', 'star*', 'semi;colon']) {
      await rejectsWith(
        sm().send(new CreateSecretCommand({ Name: bad })),
        'ValidationException',
        400,
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
      await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: bad })), 'ValidationException', 400);
    }
    const empty = await sm().send(new CreateSecretCommand({ Name: 'Valid/_+=.@-Name' }));
    assert.equal(empty.VersionId, undefined);
    await rejectsWith(
      sm().send(new GetSecretValueCommand({ SecretId: empty.ARN })),
      'ResourceNotFoundException',
      400,
      "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    );
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: empty.ARN }))).VersionIdsToStages, undefined);
    const first = await sm().send(new PutSecretValueCommand({ SecretId: empty.ARN, SecretString: 'first', VersionStages: ['AWSPENDING'] }));
    assert.deepEqual(first.VersionStages, ['AWSCURRENT', 'AWSPENDING'], 'the first version is always current');
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: empty.ARN }))).SecretString, 'first');
    await rejectsWith(
      sm().send(new CreateSecretCommand({ Name: 'both', SecretString: 'a', SecretBinary: Buffer.from('b') })),
      'InvalidParameterException',
      400,
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  });

  test('PutSecretValue moves AWSCURRENT and AWSPREVIOUS; the token makes it idempotent', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'one' }));
    const v2 = randomUUID();
    const put = await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'two', ClientRequestToken: v2 }));
    assert.deepEqual([put.VersionId, put.VersionStages], [v2, ['AWSCURRENT']]);
    const again = await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'two', ClientRequestToken: v2 }));
    assert.equal(again.VersionId, v2, 'same token, same value: the same version');
    await rejectsWith(
      sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'different', ClientRequestToken: v2 })),
      'ResourceExistsException',
      400,
      "You can't modify an existing version, you can only create a new version.",
    );
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'two');
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN, VersionStage: 'AWSPREVIOUS' }))).SecretString, 'one');
    const pending = randomUUID();
    await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretBinary: Buffer.from([0, 1, 2, 255]), ClientRequestToken: pending, VersionStages: ['AWSPENDING'] }));
    const binary = await sm().send(new GetSecretValueCommand({ SecretId: ARN, VersionId: pending }));
    assert.deepEqual(Buffer.from(binary.SecretBinary!), Buffer.from([0, 1, 2, 255]));
    assert.equal(binary.SecretString, undefined);
    assert.deepEqual(binary.VersionStages, ['AWSPENDING']);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'two', 'AWSPENDING did not take AWSCURRENT');
    await rejectsWith(
      sm().send(new GetSecretValueCommand({ SecretId: ARN, VersionId: pending, VersionStage: 'AWSCURRENT' })),
      'InvalidRequestException',
      400,
      'You provided a VersionStage that is not associated to the provided VersionId.',
    );
    const missing = randomUUID();
    await rejectsWith(
      sm().send(new GetSecretValueCommand({ SecretId: ARN, VersionId: missing })),
      'ResourceNotFoundException',
      400,
      `Secrets Manager can't find the specified secret value for VersionId: ${missing}`,
    );
    await rejectsWith(sm().send(new PutSecretValueCommand({ SecretId: ARN })), 'InvalidRequestException', 400, 'You must provide either SecretString or SecretBinary.');
    await rejectsWith(sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'x', ClientRequestToken: 'short' })), 'ValidationException', 400);
  });

  test('UpdateSecretVersionStage moves labels as AWS does; deprecated versions are listed only when asked', async () => {
    const v1 = randomUUID();
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'staged', SecretString: 'S1', ClientRequestToken: v1 }));
    const v2 = randomUUID();
    await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'S2', ClientRequestToken: v2, VersionStages: ['AWSPENDING', 'CUSTOM'] }));
    await rejectsWith(
      sm().send(new UpdateSecretVersionStageCommand({ SecretId: ARN, VersionStage: 'AWSCURRENT', MoveToVersionId: v2 })),
      'InvalidParameterException',
      400,
      `The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${v1}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
    await sm().send(new UpdateSecretVersionStageCommand({ SecretId: ARN, VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 }));
    const stages = async () => (await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).VersionIdsToStages;
    assert.deepEqual(await stages(), { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT', 'AWSPENDING', 'CUSTOM'] });
    await rejectsWith(sm().send(new UpdateSecretVersionStageCommand({ SecretId: ARN, VersionStage: 'AWSCURRENT', RemoveFromVersionId: v2 })), 'InvalidParameterException', 400);
    await sm().send(new UpdateSecretVersionStageCommand({ SecretId: ARN, VersionStage: 'CUSTOM', RemoveFromVersionId: v2 }));
    // A new current value: the old current (also pending) becomes AWSPREVIOUS only; v1 is deprecated.
    const v3 = randomUUID();
    await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'S3', ClientRequestToken: v3 }));
    assert.deepEqual(await stages(), { [v2]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT'] });
    const listed = await sm().send(new ListSecretVersionIdsCommand({ SecretId: ARN }));
    assert.deepEqual(listed.Versions!.map((v) => v.VersionId), [v2, v3]);
    assert.deepEqual(listed.Versions![0]!.KmsKeyIds, ['DefaultEncryptionKey']);
    const all = await sm().send(new ListSecretVersionIdsCommand({ SecretId: ARN, IncludeDeprecated: true }));
    assert.deepEqual(all.Versions!.map((v) => [v.VersionId, v.VersionStages]), [[v1, undefined], [v2, ['AWSPREVIOUS']], [v3, ['AWSCURRENT']]]);
    const first = await sm().send(new ListSecretVersionIdsCommand({ SecretId: ARN, IncludeDeprecated: true, MaxResults: 2 }));
    assert.equal(first.Versions!.length, 2);
    const rest = await sm().send(new ListSecretVersionIdsCommand({ SecretId: ARN, IncludeDeprecated: true, MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(rest.Versions!.map((v) => v.VersionId), [v3]);
    assert.equal(rest.NextToken, undefined);
    await rejectsWith(sm().send(new ListSecretVersionIdsCommand({ SecretId: ARN, NextToken: 'garbage' })), 'InvalidNextTokenException', 400);
    // A deprecated version can still be read by its id.
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN, VersionId: v1 }))).SecretString, 'S1');
  });

  test('UpdateSecret changes metadata without a version and the value with one', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'updated', SecretString: 'a' }));
    const meta = await sm().send(new UpdateSecretCommand({ SecretId: ARN, Description: 'new description' }));
    assert.equal(meta.VersionId, undefined);
    const value = await sm().send(new UpdateSecretCommand({ SecretId: ARN, SecretString: 'b' }));
    assert.ok(value.VersionId);
    const described = await sm().send(new DescribeSecretCommand({ SecretId: ARN }));
    assert.equal(described.Description, 'new description');
    assert.deepEqual(described.VersionIdsToStages![value.VersionId!], ['AWSCURRENT']);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'b');
  });

  test('DeleteSecret marks for deletion with a recovery window; RestoreSecret undoes it; housekeeping deletes when the window ends', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'bye' }));
    await rejectsWith(
      sm().send(new DeleteSecretCommand({ SecretId: ARN, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })),
      'InvalidParameterException',
      400,
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
    for (const days of [6, 31]) {
      await rejectsWith(sm().send(new DeleteSecretCommand({ SecretId: ARN, RecoveryWindowInDays: days })), 'InvalidParameterException', 400, 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    const before = Date.now();
    const deleted = await sm().send(new DeleteSecretCommand({ SecretId: ARN, RecoveryWindowInDays: 7 }));
    assert.ok(Math.abs(deleted.DeletionDate!.getTime() - (before + 7 * DAY)) < 60_000);
    await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: ARN })), 'InvalidRequestException', 400, MARKED);
    await rejectsWith(sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'x' })), 'InvalidRequestException', 400, MARKED);
    await rejectsWith(sm().send(new DeleteSecretCommand({ SecretId: ARN })), 'InvalidRequestException', 400, "You tried to perform the operation on a secret that's currently marked deleted.");
    await rejectsWith(
      sm().send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'again' })),
      'InvalidRequestException',
      400,
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
    assert.ok((await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).DeletedDate);
    const names = async (include?: boolean) => ((await sm().send(new ListSecretsCommand({ IncludePlannedDeletion: include }))).SecretList ?? []).map((s) => s.Name);
    assert.ok(!(await names()).includes('doomed'));
    assert.ok((await names(true)).includes('doomed'));
    await sm().send(new RestoreSecretCommand({ SecretId: ARN }));
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'bye');
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).DeletedDate, undefined);

    await sm().send(new DeleteSecretCommand({ SecretId: ARN, RecoveryWindowInDays: 7 }));
    await bulwark.housekeeping.runNow(new Date(Date.now() + 6 * DAY));
    assert.ok((await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).DeletedDate, 'still there within the window');
    await bulwark.housekeeping.runNow(new Date(Date.now() + 7 * DAY + 60_000));
    await rejectsWith(sm().send(new DescribeSecretCommand({ SecretId: ARN })), 'ResourceNotFoundException', 400, NOT_FOUND);
    const reborn = await sm().send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'new' }));
    assert.notEqual(reborn.ARN, ARN, 'a new secret of the same name gets another suffix');
    await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: ARN })), 'ResourceNotFoundException', 400, NOT_FOUND);
  });

  test('ForceDeleteWithoutRecovery deletes at once, also a secret already marked for deletion', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'gone-now', SecretString: 'x' }));
    const out = await sm().send(new DeleteSecretCommand({ SecretId: ARN, ForceDeleteWithoutRecovery: true }));
    assert.ok(Math.abs(out.DeletionDate!.getTime() - Date.now()) < 60_000);
    await rejectsWith(sm().send(new DescribeSecretCommand({ SecretId: ARN })), 'ResourceNotFoundException', 400, NOT_FOUND);
    const marked = await sm().send(new CreateSecretCommand({ Name: 'gone-later', SecretString: 'x' }));
    await sm().send(new DeleteSecretCommand({ SecretId: marked.ARN }));
    await sm().send(new DeleteSecretCommand({ SecretId: marked.ARN, ForceDeleteWithoutRecovery: true }));
    await sm().send(new CreateSecretCommand({ Name: 'gone-later', SecretString: 'the name is free again' }));
  });

  test('tags: added, replaced, removed; aws: is reserved', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'red' }] }));
    await sm().send(new TagResourceCommand({ SecretId: ARN, Tags: [{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: 'prod' }] }));
    assert.deepEqual((await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).Tags, [{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: 'prod' }]);
    await sm().send(new UntagResourceCommand({ SecretId: ARN, TagKeys: ['team', 'env'] }));
    assert.deepEqual((await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).Tags, []);
    await rejectsWith(sm().send(new TagResourceCommand({ SecretId: ARN, Tags: [{ Key: 'aws:owner', Value: 'x' }] })), 'InvalidParameterException', 400);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(sm().send(new TagResourceCommand({ SecretId: ARN, Tags: many })), 'InvalidParameterException', 400);
  });

  test('GetRandomPassword honours every option', async () => {
    const pw = async (input: Record<string, unknown>) => (await sm().send(new GetRandomPasswordCommand(input))).RandomPassword!;
    const plain = await pw({});
    assert.equal(plain.length, 32);
    for (const re of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/]) assert.match(plain, re, 'each type by default');
    assert.doesNotMatch(plain, / /);
    assert.equal((await pw({ PasswordLength: 4096 })).length, 4096);
    assert.equal((await pw({ PasswordLength: 1, RequireEachIncludedType: false })).length, 1);
    assert.match(await pw({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true, PasswordLength: 50 }), /^[0-9]{50}$/);
    assert.match(await pw({ ExcludeNumbers: true, ExcludePunctuation: true, PasswordLength: 50 }), /^[A-Za-z]{50}$/);
    assert.match(await pw({ ExcludeCharacters: 'abcdefghijklmnopqrstuvwxyz0123456789', ExcludePunctuation: true, PasswordLength: 40 }), /^[A-Z]{40}$/);
    const spaced = await pw({ IncludeSpace: true, ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true, PasswordLength: 8, RequireEachIncludedType: false });
    assert.equal(spaced, '        ');
    await rejectsWith(sm().send(new GetRandomPasswordCommand({ PasswordLength: 3 })), 'InvalidParameterException', 400);
    await rejectsWith(sm().send(new GetRandomPasswordCommand({ PasswordLength: 0 })), 'ValidationException', 400);
    await rejectsWith(sm().send(new GetRandomPasswordCommand({ PasswordLength: 4097 })), 'ValidationException', 400);
    await rejectsWith(
      sm().send(new GetRandomPasswordCommand({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true })),
      'InvalidParameterException',
      400,
    );
    const seen = new Set(await Promise.all(Array.from({ length: 20 }, () => pw({}))));
    assert.equal(seen.size, 20, 'random');
  });
});
