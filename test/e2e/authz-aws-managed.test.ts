import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttachUserPolicyCommand, CreateUserCommand, ListUsersCommand, PutUserPermissionsBoundaryCommand } from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';
import { iam, userWithKey } from '../support/aws-clients.js';

/** AWS managed policies attached to a user (or as its boundary) are enforced by their real documents. */
describe('AWS managed policies in authorization', () => {
  const bulwark = suiteServer();
  /** A client signed with the access key of a new user `name`. */
  async function userClient(name: string) {
    return iam(bulwark.endpoint, await userWithKey(bulwark.endpoint, name));
  }

  test('ReadOnlyAccess allows iam:ListUsers and denies iam:CreateUser', async () => {
    const reader = await userClient('reader');
    await iam(bulwark.endpoint).send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const listed = await reader.send(new ListUsersCommand({}));
    assert.ok(listed.Users?.some((u) => u.UserName === 'reader'));
    await assert.rejects(reader.send(new CreateUserCommand({ UserName: 'x' })), (err: any) => {
      assert.equal(err.name, 'AccessDenied');
      assert.equal(err.message, 'User: arn:aws:iam::000000000000:user/reader is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::000000000000:user/x because no identity-based policy allows the iam:CreateUser action');
      return true;
    });
  });

  test('an AWS managed boundary caps AdministratorAccess', async () => {
    const admin = await userClient('capped');
    await iam(bulwark.endpoint).send(new AttachUserPolicyCommand({ UserName: 'capped', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await admin.send(new ListUsersCommand({}));
    await iam(bulwark.endpoint).send(new PutUserPermissionsBoundaryCommand({ UserName: 'capped', PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await admin.send(new ListUsersCommand({}));
    await assert.rejects(admin.send(new CreateUserCommand({ UserName: 'y' })), /because no permissions boundary allows the iam:CreateUser action/);
  });
});
