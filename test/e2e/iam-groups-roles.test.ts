import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  GetGroupCommand,
  GetRoleCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  RemoveUserFromGroupCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateGroupCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';
import { iam, rejectsWith } from '../support/aws-clients.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('IAM groups', () => {
  const bulwark = suiteServer();

  test('CreateGroup returns an AGPA id and ARN; a taken name → EntityAlreadyExists', async () => {
    const client = iam(bulwark.endpoint);
    const out = await client.send(new CreateGroupCommand({ GroupName: 'admins', Path: '/ops/' }));
    assert.match(out.Group!.GroupId!, /^AGPA[A-Z2-7]{17}$/);
    assert.equal(out.Group!.Arn, 'arn:aws:iam::000000000000:group/ops/admins');
    await rejectsWith(client.send(new CreateGroupCommand({ GroupName: 'Admins' })), 'EntityAlreadyExistsException', 409, 'Group with name Admins already exists.');
  });

  test('AddUserToGroup, GetGroup lists members, ListGroupsForUser lists groups', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'ann' }));
    await client.send(new CreateUserCommand({ UserName: 'ben' }));
    await client.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'ann' }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'ben' }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'ben' })); // twice: no-op
    await client.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'ann' }));
    const group = await client.send(new GetGroupCommand({ GroupName: 'admins' }));
    assert.equal(group.Group!.GroupName, 'admins');
    assert.deepEqual(group.Users!.map((u) => u.UserName), ['ann', 'ben']);
    assert.equal(group.IsTruncated, false);
    const paged = await client.send(new GetGroupCommand({ GroupName: 'admins', MaxItems: 1 }));
    assert.deepEqual([paged.Users!.map((u) => u.UserName), paged.IsTruncated], [['ann'], true]);
    const groups = await client.send(new ListGroupsForUserCommand({ UserName: 'ann' }));
    assert.deepEqual(groups.Groups!.map((g) => g.GroupName), ['admins', 'devs']);
  });

  test('membership errors: missing group or user → NoSuchEntity; removing a non-member → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new AddUserToGroupCommand({ GroupName: 'nope', UserName: 'ann' })), 'NoSuchEntityException', 404, 'The group with name nope cannot be found.');
    await rejectsWith(client.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'nope' })), 'NoSuchEntityException', 404, 'The user with name nope cannot be found.');
    await rejectsWith(client.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'ben' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new ListGroupsForUserCommand({ UserName: 'nope' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new GetGroupCommand({ GroupName: 'nope' })), 'NoSuchEntityException', 404);
  });

  test('a user in more than 10 groups → LimitExceeded', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'joiner' }));
    for (let i = 0; i < 10; i++) {
      await client.send(new CreateGroupCommand({ GroupName: `g${i}`, Path: '/many/' }));
      await client.send(new AddUserToGroupCommand({ GroupName: `g${i}`, UserName: 'joiner' }));
    }
    await client.send(new CreateGroupCommand({ GroupName: 'g10', Path: '/many/' }));
    await rejectsWith(client.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'joiner' })), 'LimitExceededException', 409, 'Cannot exceed quota for GroupsPerUser: 10');
  });

  test('ListGroups filters by PathPrefix and pages', async () => {
    const client = iam(bulwark.endpoint);
    const ops = await client.send(new ListGroupsCommand({ PathPrefix: '/ops/' }));
    assert.deepEqual(ops.Groups!.map((g) => g.GroupName), ['admins']);
    const first = await client.send(new ListGroupsCommand({ PathPrefix: '/many/', MaxItems: 6 }));
    const rest = await client.send(new ListGroupsCommand({ PathPrefix: '/many/', Marker: first.Marker }));
    assert.equal(first.IsTruncated, true);
    assert.equal(first.Groups!.length + rest.Groups!.length, 11);
  });

  test('UpdateGroup renames; membership follows', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'developers', NewPath: '/eng/' }));
    const out = await client.send(new GetGroupCommand({ GroupName: 'developers' }));
    assert.equal(out.Group!.Arn, 'arn:aws:iam::000000000000:group/eng/developers');
    assert.deepEqual(out.Users!.map((u) => u.UserName), ['ann']);
    await rejectsWith(client.send(new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'x' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new UpdateGroupCommand({ GroupName: 'developers', NewGroupName: 'admins' })), 'EntityAlreadyExistsException', 409);
  });

  test('DeleteGroup with members → DeleteConflict; DeleteUser in a group → DeleteConflict; after removal both delete', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new DeleteGroupCommand({ GroupName: 'developers' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove users from group first.');
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'ann' })), 'DeleteConflictException', 409, 'Cannot delete entity, must remove users from group first.');
    await client.send(new RemoveUserFromGroupCommand({ GroupName: 'developers', UserName: 'ann' }));
    await client.send(new DeleteGroupCommand({ GroupName: 'developers' }));
    await rejectsWith(client.send(new DeleteGroupCommand({ GroupName: 'developers' })), 'NoSuchEntityException', 404);
    await client.send(new RemoveUserFromGroupCommand({ GroupName: 'admins', UserName: 'ann' }));
    await client.send(new DeleteUserCommand({ UserName: 'ann' }));
  });
});

describe('IAM roles', () => {
  const bulwark = suiteServer();

  test('CreateRole returns an AROA id, the trust policy URL-encoded, MaxSessionDuration 3600 by default', async () => {
    const out = await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: TRUST, Description: 'd', Tags: [{ Key: 'k', Value: 'v' }] }));
    const r = out.Role!;
    assert.match(r.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.equal(r.Arn, 'arn:aws:iam::000000000000:role/svc/app');
    assert.equal(r.AssumeRolePolicyDocument, encodeURIComponent(TRUST));
    assert.equal(decodeURIComponent(r.AssumeRolePolicyDocument!), TRUST);
    assert.equal(r.MaxSessionDuration, 3600);
    assert.equal(r.Description, 'd');
    assert.deepEqual(r.Tags, [{ Key: 'k', Value: 'v' }]);
  });

  test('CreateRole errors: taken name, malformed trust policy, oversized trust policy, MaxSessionDuration out of range', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new CreateRoleCommand({ RoleName: 'APP', AssumeRolePolicyDocument: TRUST })), 'EntityAlreadyExistsException', 409, 'Role with name APP already exists.');
    await rejectsWith(client.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: '{not json' })), 'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.');
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(2100), Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await rejectsWith(client.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: big })), 'LimitExceededException', 409, 'Cannot exceed quota for ACLSizePerRole: 2048');
    await rejectsWith(client.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 60 })), 'ValidationError', 400);
    await rejectsWith(client.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 43201 })), 'ValidationError', 400);
  });

  test('GetRole returns the role; missing → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    const out = await client.send(new GetRoleCommand({ RoleName: 'app' }));
    assert.equal(out.Role!.RoleName, 'app');
    assert.deepEqual(out.Role!.Tags, [{ Key: 'k', Value: 'v' }]);
    await rejectsWith(client.send(new GetRoleCommand({ RoleName: 'ghost' })), 'NoSuchEntityException', 404, 'The role with name ghost cannot be found.');
  });

  test('ListRoles filters by PathPrefix and pages', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: TRUST }));
    const all = await client.send(new ListRolesCommand({}));
    assert.deepEqual(all.Roles!.map((r) => r.RoleName), ['app', 'other']);
    assert.equal(all.Roles![0]!.Tags, undefined);
    const svc = await client.send(new ListRolesCommand({ PathPrefix: '/svc/' }));
    assert.deepEqual(svc.Roles!.map((r) => r.RoleName), ['app']);
    const first = await client.send(new ListRolesCommand({ MaxItems: 1 }));
    assert.equal(first.IsTruncated, true);
    const second = await client.send(new ListRolesCommand({ Marker: first.Marker }));
    assert.deepEqual(second.Roles!.map((r) => r.RoleName), ['other']);
  });

  test('UpdateRole, UpdateRoleDescription and UpdateAssumeRolePolicy change the role', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new UpdateRoleCommand({ RoleName: 'app', MaxSessionDuration: 7200 }));
    const described = await client.send(new UpdateRoleDescriptionCommand({ RoleName: 'app', Description: 'new' }));
    assert.equal(described.Role!.Description, 'new');
    const trust2 = TRUST.replace('ec2', 'lambda');
    await client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: trust2 }));
    const r = (await client.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
    assert.equal(r.MaxSessionDuration, 7200);
    assert.equal(r.Description, 'new');
    assert.equal(decodeURIComponent(r.AssumeRolePolicyDocument!), trust2);
    await rejectsWith(client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: '[' })), 'MalformedPolicyDocumentException', 400);
    await rejectsWith(client.send(new UpdateRoleCommand({ RoleName: 'ghost', Description: 'x' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'ghost', PolicyDocument: TRUST })), 'NoSuchEntityException', 404);
  });

  test('TagRole, UntagRole, ListRoleTags', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'env', Value: 'prod' }] }));
    await client.send(new UntagRoleCommand({ RoleName: 'app', TagKeys: ['k'] }));
    const out = await client.send(new ListRoleTagsCommand({ RoleName: 'app' }));
    assert.deepEqual(out.Tags, [{ Key: 'env', Value: 'prod' }]);
    await rejectsWith(client.send(new TagRoleCommand({ RoleName: 'ghost', Tags: [{ Key: 'a', Value: 'b' }] })), 'NoSuchEntityException', 404);
  });

  test('DeleteRole deletes; missing → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new DeleteRoleCommand({ RoleName: 'other' }));
    await rejectsWith(client.send(new DeleteRoleCommand({ RoleName: 'other' })), 'NoSuchEntityException', 404, 'The role with name other cannot be found.');
  });
});
