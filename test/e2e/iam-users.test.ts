import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteLoginProfileCommand,
  GetLoginProfileCommand,
  UpdateLoginProfileCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';
import { iam, rejectsWith } from '../support/aws-clients.js';

describe('IAM users', () => {
  const bulwark = suiteServer();

  test('CreateUser returns the user with an AIDA id, a path-qualified ARN and a create date', async () => {
    const before = Date.now();
    const out = await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'bob', Path: '/eng/dev/', Tags: [{ Key: 'team', Value: 'core' }] }));
    const u = out.User!;
    assert.equal(u.UserName, 'bob');
    assert.equal(u.Path, '/eng/dev/');
    assert.match(u.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.equal(u.Arn, 'arn:aws:iam::000000000000:user/eng/dev/bob');
    assert.ok(u.CreateDate instanceof Date && u.CreateDate.getTime() >= before - 1000);
    assert.deepEqual(u.Tags, [{ Key: 'team', Value: 'core' }]);
  });

  test('CreateUser defaults the path to /', async () => {
    const out = await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'carol' }));
    assert.equal(out.User!.Path, '/');
    assert.equal(out.User!.Arn, 'arn:aws:iam::000000000000:user/carol');
  });

  test('CreateUser with a taken name (case-insensitively) → EntityAlreadyExists 409', async () => {
    await rejectsWith(iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'BOB' })), 'EntityAlreadyExistsException', 409, 'User with name BOB already exists.');
  });

  test('CreateUser with duplicate tag keys → InvalidInput 400', async () => {
    const tags = [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }];
    await rejectsWith(iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'dup', Tags: tags })), 'InvalidInputException', 400, /Duplicate tag keys/);
  });

  test('CreateUser with an invalid name → ValidationError from the model', async () => {
    await rejectsWith(iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'bad name!' })), 'ValidationError', 400);
  });

  test('GetUser by name returns the user with its tags', async () => {
    const out = await iam(bulwark.endpoint).send(new GetUserCommand({ UserName: 'bob' }));
    assert.equal(out.User!.Arn, 'arn:aws:iam::000000000000:user/eng/dev/bob');
    assert.deepEqual(out.User!.Tags, [{ Key: 'team', Value: 'core' }]);
  });

  test('GetUser of a missing user → NoSuchEntity 404', async () => {
    await rejectsWith(iam(bulwark.endpoint).send(new GetUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404, 'The user with name nobody cannot be found.');
  });

  test('GetUser without a name, as root, returns the root identity', async () => {
    const out = await iam(bulwark.endpoint).send(new GetUserCommand({}));
    assert.equal(out.User!.UserId, '000000000000');
    assert.equal(out.User!.Arn, 'arn:aws:iam::000000000000:root');
    assert.ok(out.User!.CreateDate instanceof Date);
  });

  test('ListUsers filters by PathPrefix and omits tags', async () => {
    const client = iam(bulwark.endpoint);
    const all = await client.send(new ListUsersCommand({}));
    assert.deepEqual(all.Users!.map((u) => u.UserName), ['bob', 'carol']);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Users![0]!.Tags, undefined);
    const eng = await client.send(new ListUsersCommand({ PathPrefix: '/eng/' }));
    assert.deepEqual(eng.Users!.map((u) => u.UserName), ['bob']);
  });

  test('ListUsers pages with MaxItems, IsTruncated and Marker', async () => {
    const client = iam(bulwark.endpoint);
    for (const name of ['page1', 'page2', 'page3']) await client.send(new CreateUserCommand({ UserName: name, Path: '/paged/' }));
    const first = await client.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    assert.deepEqual(first.Users!.map((u) => u.UserName), ['page1', 'page2']);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await client.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Users!.map((u) => u.UserName), ['page3']);
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
  });

  test('UpdateUser renames and moves the user; the ARN follows', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'dave' }));
    await client.send(new UpdateUserCommand({ UserName: 'dave', NewUserName: 'david', NewPath: '/ops/' }));
    const out = await client.send(new GetUserCommand({ UserName: 'david' }));
    assert.equal(out.User!.Arn, 'arn:aws:iam::000000000000:user/ops/david');
    await rejectsWith(client.send(new GetUserCommand({ UserName: 'dave' })), 'NoSuchEntityException', 404);
  });

  test('UpdateUser to a taken name → EntityAlreadyExists; of a missing user → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new UpdateUserCommand({ UserName: 'david', NewUserName: 'carol' })), 'EntityAlreadyExistsException', 409, 'User with name carol already exists.');
    await rejectsWith(client.send(new UpdateUserCommand({ UserName: 'ghost', NewPath: '/x/' })), 'NoSuchEntityException', 404, 'The user with name ghost cannot be found.');
  });

  test('TagUser adds and replaces, UntagUser removes, ListUserTags lists', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new TagUserCommand({ UserName: 'carol', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await client.send(new TagUserCommand({ UserName: 'carol', Tags: [{ Key: 'a', Value: '3' }] }));
    await client.send(new UntagUserCommand({ UserName: 'carol', TagKeys: ['b', 'missing'] }));
    const out = await client.send(new ListUserTagsCommand({ UserName: 'carol' }));
    assert.deepEqual(out.Tags, [{ Key: 'a', Value: '3' }]);
    assert.equal(out.IsTruncated, false);
  });

  test('TagUser past 50 tags → LimitExceeded 409; on a missing user → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await client.send(new CreateUserCommand({ UserName: 'tagged', Tags: tags }));
    await rejectsWith(client.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'one-more', Value: 'v' }] })), 'LimitExceededException', 409);
    await rejectsWith(client.send(new TagUserCommand({ UserName: 'ghost', Tags: [{ Key: 'a', Value: 'b' }] })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new UntagUserCommand({ UserName: 'ghost', TagKeys: ['a'] })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new ListUserTagsCommand({ UserName: 'ghost' })), 'NoSuchEntityException', 404);
    const page = await client.send(new ListUserTagsCommand({ UserName: 'tagged', MaxItems: 30 }));
    assert.equal(page.Tags!.length, 30);
    assert.equal(page.IsTruncated, true);
    const rest = await client.send(new ListUserTagsCommand({ UserName: 'tagged', Marker: page.Marker }));
    assert.equal(rest.Tags!.length, 20);
    assert.equal(rest.Tags![0]!.Key, 'k30');
  });

  test('DeleteUser deletes; a second delete → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new DeleteUserCommand({ UserName: 'david' }));
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'david' })), 'NoSuchEntityException', 404, 'The user with name david cannot be found.');
    // the name is free again
    await client.send(new CreateUserCommand({ UserName: 'david' }));
  });
});

describe('IAM login profiles', () => {
  const bulwark = suiteServer();
  const GOOD = 'Str0ng-Passw0rd!';

  test('CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'eve' }));
    const created = await client.send(new CreateLoginProfileCommand({ UserName: 'eve', Password: GOOD, PasswordResetRequired: true }));
    assert.equal(created.LoginProfile!.UserName, 'eve');
    assert.equal(created.LoginProfile!.PasswordResetRequired, true);
    assert.ok(created.LoginProfile!.CreateDate instanceof Date);
    assert.equal(JSON.stringify(created).includes(GOOD), false);
    await client.send(new UpdateLoginProfileCommand({ UserName: 'eve', PasswordResetRequired: false, Password: 'An0ther-0ne!' }));
    const got = await client.send(new GetLoginProfileCommand({ UserName: 'eve' }));
    assert.equal(got.LoginProfile!.PasswordResetRequired, false);
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'eve' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete login profile first.');
    await client.send(new DeleteLoginProfileCommand({ UserName: 'eve' }));
    await client.send(new DeleteUserCommand({ UserName: 'eve' }));
  });

  test('login profile errors: duplicate, weak password, missing profile or user', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'frank' }));
    await rejectsWith(client.send(new CreateLoginProfileCommand({ UserName: 'frank', Password: 'short' })), 'PasswordPolicyViolationException', 400, 'Password does not conform to the account password policy.');
    await rejectsWith(client.send(new CreateLoginProfileCommand({ UserName: 'frank', Password: 'alllowercaseletters' })), 'PasswordPolicyViolationException', 400);
    await rejectsWith(client.send(new GetLoginProfileCommand({ UserName: 'frank' })), 'NoSuchEntityException', 404, 'Login Profile for User frank cannot be found.');
    await rejectsWith(client.send(new UpdateLoginProfileCommand({ UserName: 'frank', PasswordResetRequired: true })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new DeleteLoginProfileCommand({ UserName: 'frank' })), 'NoSuchEntityException', 404);
    await client.send(new CreateLoginProfileCommand({ UserName: 'frank', Password: GOOD }));
    await rejectsWith(client.send(new CreateLoginProfileCommand({ UserName: 'frank', Password: GOOD })), 'EntityAlreadyExistsException', 409, 'Login Profile for user frank already exists.');
    await rejectsWith(client.send(new UpdateLoginProfileCommand({ UserName: 'frank', Password: 'weak' })), 'PasswordPolicyViolationException', 400);
    await rejectsWith(client.send(new CreateLoginProfileCommand({ UserName: 'ghost', Password: GOOD })), 'NoSuchEntityException', 404, 'The user with name ghost cannot be found.');
  });
});
