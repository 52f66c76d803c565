import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, type StoredAccessKey } from '../../src/accounts/credential-directory.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';
import { creds, iam, rejectsWith, sts } from '../support/aws-clients.js';

describe('IAM access keys', () => {
  const bulwark = suiteServer();
  let keyId = '';
  let secret = '';

  test('CreateAccessKey returns an AKIA id and a 40-character secret, Active', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'alice' }));
    // AWS's "manage your own user and keys" policy: calls signed by alice are authorized.
    const selfService = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:*AccessKey*'], Resource: 'arn:aws:iam::*:user/${aws:username}' }],
    };
    await client.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'self-service', PolicyDocument: JSON.stringify(selfService) }));
    const out = await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const key = out.AccessKey!;
    assert.match(key.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(key.SecretAccessKey!.length, 40);
    assert.equal(key.Status, 'Active');
    assert.equal(key.UserName, 'alice');
    assert.ok(key.CreateDate instanceof Date);
    keyId = key.AccessKeyId!;
    secret = key.SecretAccessKey!;
  });

  test('the new key authenticates at once as the user', async () => {
    const out = await sts(bulwark.endpoint, creds(keyId, secret)).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, 'arn:aws:iam::000000000000:user/alice');
    assert.equal(out.Account, '000000000000');
    assert.match(out.UserId!, /^AIDA/);
  });

  test('the secret access key is sealed at rest under the master key, never stored in the clear', async () => {
    const stored = await bulwark.store.get<StoredAccessKey>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, keyId);
    assert.ok(stored);
    assert.ok(!JSON.stringify(stored.value).includes(secret));
    assert.match(stored.value.sealedSecret, /^v1:/);
  });

  test('GetUser without a name, signed by the user, returns that user', async () => {
    const out = await iam(bulwark.endpoint, creds(keyId, secret)).send(new GetUserCommand({}));
    assert.equal(out.User!.UserName, 'alice');
  });

  test('CreateAccessKey without a name, signed by the user, creates a key for that user; a third → LimitExceeded 409', async () => {
    const own = await iam(bulwark.endpoint, creds(keyId, secret)).send(new CreateAccessKeyCommand({}));
    assert.equal(own.AccessKey!.UserName, 'alice');
    await rejectsWith(
      iam(bulwark.endpoint).send(new CreateAccessKeyCommand({ UserName: 'alice' })),
      'LimitExceededException',
      409,
      'Cannot exceed quota for AccessKeysPerUser: 2',
    );
    await iam(bulwark.endpoint).send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: own.AccessKey!.AccessKeyId }));
    await iam(bulwark.endpoint).send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'self-service' }));
  });

  test('CreateAccessKey for a missing user → NoSuchEntity; without a name as root → ValidationError', async () => {
    await rejectsWith(iam(bulwark.endpoint).send(new CreateAccessKeyCommand({ UserName: 'ghost' })), 'NoSuchEntityException', 404, 'The user with name ghost cannot be found.');
    await rejectsWith(iam(bulwark.endpoint).send(new CreateAccessKeyCommand({})), 'ValidationError', 400, 'Must specify userName when calling with non-User credentials');
  });

  test('ListAccessKeys lists metadata without secrets', async () => {
    const out = await iam(bulwark.endpoint).send(new ListAccessKeysCommand({ UserName: 'alice' }));
    assert.equal(out.AccessKeyMetadata!.length, 1);
    assert.deepEqual(
      { ...out.AccessKeyMetadata![0], CreateDate: undefined },
      { UserName: 'alice', AccessKeyId: keyId, Status: 'Active', CreateDate: undefined },
    );
    assert.equal(out.IsTruncated, false);
    await rejectsWith(iam(bulwark.endpoint).send(new ListAccessKeysCommand({ UserName: 'ghost' })), 'NoSuchEntityException', 404);
  });

  test('GetAccessKeyLastUsed names the user and its first use (STS, above); unknown key → NoSuchEntity', async () => {
    const out = await iam(bulwark.endpoint).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
    assert.equal(out.UserName, 'alice');
    assert.equal(out.AccessKeyLastUsed!.ServiceName, 'sts');
    assert.equal(out.AccessKeyLastUsed!.Region, 'us-east-1');
    assert.ok(out.AccessKeyLastUsed!.LastUsedDate instanceof Date);
    await rejectsWith(
      iam(bulwark.endpoint).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })),
      'NoSuchEntityException',
      404,
      'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.',
    );
  });

  test('renaming the user keeps the key working under the new ARN', async () => {
    await iam(bulwark.endpoint).send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alice2', NewPath: '/x/' }));
    const out = await sts(bulwark.endpoint, creds(keyId, secret)).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, 'arn:aws:iam::000000000000:user/x/alice2');
    await iam(bulwark.endpoint).send(new UpdateUserCommand({ UserName: 'alice2', NewUserName: 'alice', NewPath: '/' }));
  });

  test('an Inactive key stops authenticating (InvalidClientTokenId); Active again works', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: keyId, Status: 'Inactive' }));
    const listed = await client.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    assert.equal(listed.AccessKeyMetadata![0]!.Status, 'Inactive');
    await rejectsWith(sts(bulwark.endpoint, creds(keyId, secret)).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    await client.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: keyId, Status: 'Active' }));
    await sts(bulwark.endpoint, creds(keyId, secret)).send(new GetCallerIdentityCommand({}));
  });

  test('UpdateAccessKey of an unknown key or another user\'s key → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'mallory' }));
    await rejectsWith(
      client.send(new UpdateAccessKeyCommand({ UserName: 'mallory', AccessKeyId: keyId, Status: 'Inactive' })),
      'NoSuchEntityException',
      404,
      `The Access Key with id ${keyId} cannot be found.`,
    );
    await rejectsWith(client.send(new DeleteAccessKeyCommand({ UserName: 'mallory', AccessKeyId: keyId })), 'NoSuchEntityException', 404);
  });

  test('DeleteUser with a key → DeleteConflict 409; after DeleteAccessKey the key is gone and the user deletes', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'alice' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete access keys first.');
    await client.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: keyId }));
    await rejectsWith(sts(bulwark.endpoint, creds(keyId, secret)).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    await rejectsWith(client.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: keyId })), 'NoSuchEntityException', 404);
    await client.send(new DeleteUserCommand({ UserName: 'alice' }));
  });

  test('parallel CreateAccessKey calls never exceed the quota of 2', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'racer' }));
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.send(new CreateAccessKeyCommand({ UserName: 'racer' }))));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
    for (const r of results) if (r.status === 'rejected') assert.match((r.reason as Error).name, /^(LimitExceeded|ConcurrentModification)Exception$/);
    assert.equal((await client.send(new ListAccessKeysCommand({ UserName: 'racer' }))).AccessKeyMetadata!.length, 2);
  });

  const missing = pythonToolsMissing();

  test('AWS CLI v1: user → key → STS with the key → deactivate → InvalidClientTokenId', { skip: missing }, async () => {
    const e = bulwark.endpoint;
    assert.equal((await runAwsCli(e, ['iam', 'create-user', '--user-name', 'alice'])).status, 0);
    const created = await runAwsCli(e, ['iam', 'create-access-key', '--user-name', 'alice']);
    assert.equal(created.status, 0, created.stderr);
    const key = JSON.parse(created.stdout).AccessKey;
    const who = await runAwsCli(e, ['sts', 'get-caller-identity'], key.AccessKeyId, key.SecretAccessKey);
    assert.equal(who.status, 0, who.stderr);
    assert.equal(JSON.parse(who.stdout).Arn, 'arn:aws:iam::000000000000:user/alice');
    const off = await runAwsCli(e, ['iam', 'update-access-key', '--user-name', 'alice', '--access-key-id', key.AccessKeyId, '--status', 'Inactive']);
    assert.equal(off.status, 0, off.stderr);
    const denied = await runAwsCli(e, ['sts', 'get-caller-identity'], key.AccessKeyId, key.SecretAccessKey);
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation/);
    await runAwsCli(e, ['iam', 'delete-access-key', '--user-name', 'alice', '--access-key-id', key.AccessKeyId]);
    assert.equal((await runAwsCli(e, ['iam', 'delete-user', '--user-name', 'alice'])).status, 0);
  });

  test('boto3: user → key → STS with the key → deactivate → InvalidClientTokenId', { skip: missing }, async () => {
    const code = [
      'iam = client("iam")',
      'iam.create_user(UserName="alice")',
      'k = iam.create_access_key(UserName="alice")["AccessKey"]',
      'def who():',
      '    s = boto3.client("sts", endpoint_url=iam.meta.endpoint_url, region_name="us-east-1", aws_access_key_id=k["AccessKeyId"], aws_secret_access_key=k["SecretAccessKey"], config=Config(retries={"max_attempts": 1}))',
      '    return s.get_caller_identity()["Arn"]',
      'out = [who()]',
      'iam.update_access_key(UserName="alice", AccessKeyId=k["AccessKeyId"], Status="Inactive")',
      'try:',
      '    who()',
      '    out.append("no error")',
      'except botocore.exceptions.ClientError as e:',
      '    out.append(e.response["Error"]["Code"])',
      'print(json.dumps(out))',
    ].join('\n');
    const r = await runBoto3(bulwark.endpoint, code);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ['arn:aws:iam::000000000000:user/alice', 'InvalidClientTokenId']);
  });
});
