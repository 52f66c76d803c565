import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreateRoleCommand, CreateUserCommand, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { suiteServer } from '../support/server.js';
import { iam, keysOf, rejectsWith, sts, userWithKey, type Keys } from '../support/aws-clients.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const denied = (promise: Promise<unknown>, message: string) => rejectsWith(promise, 'AccessDenied', 403, message);

describe('authorization: assumed-role sessions', () => {
  const bulwark = suiteServer();
  let kim: Keys;

  test('setup: a role that lists users, and a user allowed to assume it', async () => {
    const root = iam(bulwark.endpoint);
    await root.send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }) }),
    );
    await root.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'list', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListRoles'], Resource: '*' }) }));
    kim = await userWithKey(bulwark.endpoint, 'kim', {
      policy: { name: 'assume', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/app' }) },
    });
  });

  test('the user needs sts:AssumeRole on the role; the session gets the role policies', async () => {
    const out = await sts(bulwark.endpoint, kim).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's1' }));
    const session = keysOf(out.Credentials);
    const sessionIam = iam(bulwark.endpoint, session);
    await sessionIam.send(new ListUsersCommand({}));
    await denied(
      sessionIam.send(new CreateUserCommand({ UserName: 'x' })),
      'User: arn:aws:sts::000000000000:assumed-role/app/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::000000000000:user/x because no identity-based policy allows the iam:CreateUser action',
    );
    const me = await sts(bulwark.endpoint, session).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:sts::000000000000:assumed-role/app/s1');
  });

  test('a session policy caps the session', async () => {
    const out = await sts(bulwark.endpoint, kim).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's2', Policy: doc({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }) }),
    );
    const sessionIam = iam(bulwark.endpoint, keysOf(out.Credentials));
    await sessionIam.send(new ListRolesCommand({}));
    await denied(
      sessionIam.send(new ListUsersCommand({})),
      'User: arn:aws:sts::000000000000:assumed-role/app/s2 is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::000000000000:user/ because no session policy allows the iam:ListUsers action',
    );
  });

  test('without sts:AssumeRole in its policies the user is refused', async () => {
    const lee = await userWithKey(bulwark.endpoint, 'lee');
    await denied(
      sts(bulwark.endpoint, lee).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's3' })),
      'User: arn:aws:iam::000000000000:user/lee is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/app because no identity-based policy allows the sts:AssumeRole action',
    );
  });
});
