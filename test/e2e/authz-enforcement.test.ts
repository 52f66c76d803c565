import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { pythonToolsMissing, runAwsCli, runBoto3, startTestServer, suiteServer } from '../support/server.js';
import { clientConfig, iam, rejectsWith, sts, userWithKey, type Keys } from '../support/aws-clients.js';

const ACCOUNT = '000000000000';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const noIdentityPolicy = (user: string, action: string, resource: string) =>
  `User: arn:aws:iam::${ACCOUNT}:user/${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('authorization: enforce (the default)', () => {
  const bulwark = suiteServer();

  test('the root user may do everything in its account', async () => {
    const root = iam(bulwark.endpoint);
    await root.send(new CreateUserCommand({ UserName: 'root-made' }));
    assert.ok((await root.send(new ListUsersCommand({}))).Users!.some((u) => u.UserName === 'root-made'));
    await root.send(new DeleteUserCommand({ UserName: 'root-made' }));
  });

  test('a user without policies: AccessDenied 403 on iam:ListUsers, in AWS wording; GetCallerIdentity still works', async () => {
    const bob = await userWithKey(bulwark.endpoint, 'bob');
    await rejectsWith(
      iam(bulwark.endpoint, bob).send(new ListUsersCommand({})),
      'AccessDenied',
      403,
      'User: arn:aws:iam::000000000000:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::000000000000:user/ because no identity-based policy allows the iam:ListUsers action',
    );
    await rejectsWith(iam(bulwark.endpoint, bob).send(new ListRolesCommand({ PathPrefix: '/app/' })), 'AccessDenied', 403, noIdentityPolicy('bob', 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/app/`));
    const me = await sts(bulwark.endpoint, bob).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:iam::${ACCOUNT}:user/bob`);
  });

  test('each protocol answers in its own shape: JSON 400, rest-json 403, S3 403', async () => {
    const bob = await userWithKey(bulwark.endpoint, 'bob-shapes');
    await rejectsWith(new KMSClient(clientConfig(bulwark.endpoint, bob)).send(new ListKeysCommand({})), 'AccessDeniedException', 400, noIdentityPolicy('bob-shapes', 'kms:ListKeys', '*'));
    await rejectsWith(
      new GuardDutyClient(clientConfig(bulwark.endpoint, bob)).send(new ListDetectorsCommand({})),
      'AccessDeniedException',
      403,
      noIdentityPolicy('bob-shapes', 'guardduty:ListDetectors', '*'),
    );
    await rejectsWith(
      new S3Client({ ...clientConfig(bulwark.endpoint, bob), forcePathStyle: true }).send(new ListBucketsCommand({})),
      'AccessDenied',
      403,
      noIdentityPolicy('bob-shapes', 's3:ListAllMyBuckets', '*'),
    );
  });

  test('a narrow inline policy allows exactly its actions on its resources', async () => {
    const carol = await userWithKey(bulwark.endpoint, 'carol', { path: '/team/' });
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'other' }));
    await iam(bulwark.endpoint).send(
      new PutUserPolicyCommand({
        UserName: 'carol',
        PolicyName: 'read-self',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/team/${aws:username}' }),
      }),
    );
    const client = iam(bulwark.endpoint, carol);
    assert.equal((await client.send(new GetUserCommand({}))).User!.Arn, `arn:aws:iam::${ACCOUNT}:user/team/carol`);
    assert.equal((await client.send(new GetUserCommand({ UserName: 'carol' }))).User!.UserName, 'carol');
    await rejectsWith(client.send(new GetUserCommand({ UserName: 'other' })), 'AccessDenied', 403, noIdentityPolicy('team/carol', 'iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/other`));
    await rejectsWith(client.send(new ListUsersCommand({})), 'AccessDenied', 403, noIdentityPolicy('team/carol', 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`));
  });

  test('an explicit deny wins over an allow', async () => {
    const dan = await userWithKey(bulwark.endpoint, 'dan');
    await iam(bulwark.endpoint).send(
      new PutUserPolicyCommand({
        UserName: 'dan',
        PolicyName: 'all-but-delete',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' }),
      }),
    );
    const client = iam(bulwark.endpoint, dan);
    await client.send(new CreateUserCommand({ UserName: 'victim' }));
    await rejectsWith(
      client.send(new DeleteUserCommand({ UserName: 'victim' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/dan is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCOUNT}:user/victim with an explicit deny in an identity-based policy`,
    );
  });

  test('group policies apply, and stop applying when the user leaves the group', async () => {
    const erin = await userWithKey(bulwark.endpoint, 'erin');
    const root = iam(bulwark.endpoint);
    await root.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await root.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:List*'], Resource: '*' }) }));
    const client = iam(bulwark.endpoint, erin);
    await rejectsWith(client.send(new ListGroupsCommand({})), 'AccessDenied', 403, noIdentityPolicy('erin', 'iam:ListGroups', `arn:aws:iam::${ACCOUNT}:group/`));
    await root.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'erin' }));
    await client.send(new ListGroupsCommand({}));
    await client.send(new ListUsersCommand({}));
    await root.send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'erin' }));
    await rejectsWith(client.send(new ListUsersCommand({})), 'AccessDenied', 403, noIdentityPolicy('erin', 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`));
  });

  test('attached managed policies apply, and a new default version takes effect at once', async () => {
    const fay = await userWithKey(bulwark.endpoint, 'fay');
    const root = iam(bulwark.endpoint);
    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: 'lister', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }) }));
    await root.send(new AttachUserPolicyCommand({ UserName: 'fay', PolicyArn: Policy!.Arn }));
    const client = iam(bulwark.endpoint, fay);
    await client.send(new ListUsersCommand({}));
    await root.send(new CreatePolicyVersionCommand({ PolicyArn: Policy!.Arn, SetAsDefault: true, PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }) }));
    await rejectsWith(client.send(new ListUsersCommand({})), 'AccessDenied', 403, noIdentityPolicy('fay', 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`));
    await client.send(new ListRolesCommand({}));
  });

  test('a permissions boundary caps what the identity policies allow', async () => {
    const gus = await userWithKey(bulwark.endpoint, 'gus');
    const root = iam(bulwark.endpoint);
    await root.send(new PutUserPolicyCommand({ UserName: 'gus', PolicyName: 'admin', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }));
    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: 'read-only-boundary', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }) }));
    const client = iam(bulwark.endpoint, gus);
    await client.send(new CreateUserCommand({ UserName: 'made-by-gus' }));
    await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'gus', PermissionsBoundary: Policy!.Arn }));
    await client.send(new ListUsersCommand({}));
    await rejectsWith(
      client.send(new CreateUserCommand({ UserName: 'second' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/gus is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/second because no permissions boundary allows the iam:CreateUser action`,
    );
  });

  test('conditions see aws:SourceIp, aws:RequestTag/…, aws:TagKeys and aws:PrincipalTag/…', async () => {
    const hal = await userWithKey(bulwark.endpoint, 'hal');
    const root = iam(bulwark.endpoint);
    await root.send(new TagUserCommand({ UserName: 'hal', Tags: [{ Key: 'team', Value: 'blue' }] }));
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'hal',
        PolicyName: 'conditional',
        PolicyDocument: doc(
          { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } },
          { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
          { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } },
        ),
      }),
    );
    const client = iam(bulwark.endpoint, hal);
    await client.send(new ListUsersCommand({}));
    await rejectsWith(client.send(new ListRolesCommand({})), 'AccessDenied', 403, noIdentityPolicy('hal', 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`));
    await client.send(new CreateUserCommand({ UserName: 'blue-1', Tags: [{ Key: 'team', Value: 'blue' }] }));
    await rejectsWith(client.send(new CreateUserCommand({ UserName: 'red-1', Tags: [{ Key: 'team', Value: 'red' }] })), 'AccessDenied', 403, /iam:CreateUser on resource: arn:aws:iam::000000000000:user\/red-1 because/);
    await rejectsWith(client.send(new CreateUserCommand({ UserName: 'untagged' })), 'AccessDenied', 403, /because no identity-based policy allows/);
  });

});

describe('authorization: soft and off modes', () => {
  test('soft: a call that would be denied is allowed and logged at warn', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const server = await startTestServer(['--enforcement', 'soft', '--log-level', 'warn']);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.includes('authorization would deny')) {
        lines.push(text);
        return true;
      }
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      const ivy = await userWithKey(server.endpoint, 'ivy');
      const out = await iam(server.endpoint, ivy).send(new ListUsersCommand({}));
      assert.ok(out.Users!.some((u) => u.UserName === 'ivy'));
    } finally {
      process.stdout.write = write;
      await server.close();
    }
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(entry.level, 'warn');
    assert.equal(entry.action, 'iam:ListUsers');
    assert.equal(entry.message, noIdentityPolicy('ivy', 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`));
  });

  test('off: authorization is skipped', async () => {
    const server = await startTestServer(['--enforcement', 'off']);
    try {
      const jay = await userWithKey(server.endpoint, 'jay');
      await iam(server.endpoint, jay).send(new CreateUserCommand({ UserName: 'made-by-jay' }));
      assert.equal((await iam(server.endpoint, jay).send(new ListUsersCommand({}))).Users!.length, 2);
    } finally {
      await server.close();
    }
  });
});

describe('authorization: AWS CLI v1 and boto3', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer();
  let key: Keys;

  test('setup: a user allowed only iam:ListUsers', async () => {
    key = await userWithKey(bulwark.endpoint, 'cli-user');
    await iam(bulwark.endpoint).send(new PutUserPolicyCommand({ UserName: 'cli-user', PolicyName: 'list', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }) }));
  });

  test('AWS CLI: the allowed call succeeds; the denied one prints the AccessDenied text', async () => {
    const ok = await runAwsCli(bulwark.endpoint, ['iam', 'list-users'], key.accessKeyId, key.secretAccessKey);
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok((JSON.parse(ok.stdout) as { Users: Array<{ UserName: string }> }).Users.some((u) => u.UserName === 'cli-user'));
    const no = await runAwsCli(bulwark.endpoint, ['iam', 'list-roles'], key.accessKeyId, key.secretAccessKey);
    assert.notEqual(no.status, 0);
    assert.match(
      no.stderr,
      /An error occurred \(AccessDenied\) when calling the ListRoles operation( \(reached max retries: 0\))?: User: arn:aws:iam::000000000000:user\/cli-user is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::000000000000:role\/ because no identity-based policy allows the iam:ListRoles action/,
    );
  });

  test('boto3: ClientError with code AccessDenied, HTTP 403 and the message', async () => {
    const code = [
      'c = client("iam")',
      'out = {"users": len(c.list_users()["Users"])}',
      'try:',
      '    c.create_user(UserName="nope")',
      'except botocore.exceptions.ClientError as e:',
      '    out["code"] = e.response["Error"]["Code"]; out["status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]; out["message"] = e.response["Error"]["Message"]',
      'print(json.dumps(out))',
    ].join('\n');
    const res = await runBoto3(bulwark.endpoint, code, key.accessKeyId, key.secretAccessKey);
    assert.equal(res.status, 0, res.stderr);
    const out = JSON.parse(res.stdout) as { users: number; code: string; status: number; message: string };
    assert.ok(out.users >= 1);
    assert.equal(out.code, 'AccessDenied');
    assert.equal(out.status, 403);
    assert.equal(out.message, noIdentityPolicy('cli-user', 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/nope`));
  });
});
