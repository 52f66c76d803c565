import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { suiteServer } from '../support/server.js';

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
const ROOT: Creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const common = (endpoint: string, credentials: Creds) => ({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

async function denied(promise: Promise<unknown>, message: string) {
  await assert.rejects(promise, (err: any) => {
    assert.equal(err.name, 'AccessDenied', err.message);
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.equal(err.message, message);
    return true;
  });
}

describe('authorization: assumed-role sessions', () => {
  const bulwark = suiteServer();
  let kim: Creds;

  test('setup: a role that lists users, and a user allowed to assume it', async () => {
    const root = new IAMClient(common(bulwark.endpoint, ROOT));
    await root.send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }) }),
    );
    await root.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'list', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListRoles'], Resource: '*' }) }));
    await root.send(new CreateUserCommand({ UserName: 'kim' }));
    await root.send(new PutUserPolicyCommand({ UserName: 'kim', PolicyName: 'assume', PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/app' }) }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'kim' }));
    kim = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  });

  test('the user needs sts:AssumeRole on the role; the session gets the role policies', async () => {
    const sts = new STSClient(common(bulwark.endpoint, kim));
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's1' }));
    const c = out.Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const iam = new IAMClient(common(bulwark.endpoint, session));
    await iam.send(new ListUsersCommand({}));
    await denied(
      iam.send(new CreateUserCommand({ UserName: 'x' })),
      'User: arn:aws:sts::000000000000:assumed-role/app/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::000000000000:user/x because no identity-based policy allows the iam:CreateUser action',
    );
    const me = await new STSClient(common(bulwark.endpoint, session)).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:sts::000000000000:assumed-role/app/s1');
  });

  test('a session policy caps the session', async () => {
    const sts = new STSClient(common(bulwark.endpoint, kim));
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's2', Policy: doc({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }) }),
    );
    const c = out.Credentials!;
    const iam = new IAMClient(common(bulwark.endpoint, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }));
    await iam.send(new ListRolesCommand({}));
    await denied(
      iam.send(new ListUsersCommand({})),
      'User: arn:aws:sts::000000000000:assumed-role/app/s2 is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::000000000000:user/ because no session policy allows the iam:ListUsers action',
    );
  });

  test('without sts:AssumeRole in its policies the user is refused', async () => {
    const root = new IAMClient(common(bulwark.endpoint, ROOT));
    await root.send(new CreateUserCommand({ UserName: 'lee' }));
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'lee' }));
    const sts = new STSClient(common(bulwark.endpoint, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
    await denied(
      sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's3' })),
      'User: arn:aws:iam::000000000000:user/lee is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/app because no identity-based policy allows the sts:AssumeRole action',
    );
  });
});
