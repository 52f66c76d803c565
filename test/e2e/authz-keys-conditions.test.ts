import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { suiteServer } from '../support/server.js';
import { clientConfig, iam, rejectsWith, userWithKey } from '../support/aws-clients.js';

const ACCOUNT = '000000000000';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('authorization: service-specific condition keys', () => {
  const bulwark = suiteServer();

  test('aws:ResourceTag / iam:ResourceTag: the tags of the user the request targets, following tag changes', async () => {
    const root = iam(bulwark.endpoint);
    const dana = await userWithKey(bulwark.endpoint, 'dana', {
      policy: {
        name: 'delete-team-a',
        document: doc(
          { Effect: 'Allow', Action: 'iam:DeleteUser', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } } },
          { Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { StringEquals: { 'iam:ResourceTag/team': 'a' } } },
        ),
      },
    });
    await root.send(new CreateUserCommand({ UserName: 'tagged-a', Tags: [{ Key: 'team', Value: 'a' }] }));
    await root.send(new CreateUserCommand({ UserName: 'tagged-b', Tags: [{ Key: 'team', Value: 'b' }] }));
    await root.send(new CreateUserCommand({ UserName: 'untagged' }));
    const client = iam(bulwark.endpoint, dana);
    assert.equal((await client.send(new GetUserCommand({ UserName: 'tagged-a' }))).User!.UserName, 'tagged-a');
    await rejectsWith(
      client.send(new DeleteUserCommand({ UserName: 'tagged-b' })),
      'AccessDenied',
      403,
      `User: ${dana.arn} is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCOUNT}:user/tagged-b because no identity-based policy allows the iam:DeleteUser action`,
    );
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'untagged' })), 'AccessDenied', 403);
    await client.send(new DeleteUserCommand({ UserName: 'tagged-a' }));
    // A tag change (an IAM write) is seen at once: the cached tags follow the generation counter.
    await root.send(new TagUserCommand({ UserName: 'tagged-b', Tags: [{ Key: 'team', Value: 'a' }] }));
    await client.send(new GetUserCommand({ UserName: 'tagged-b' }));
    await root.send(new UntagUserCommand({ UserName: 'tagged-b', TagKeys: ['team'] }));
    await rejectsWith(client.send(new GetUserCommand({ UserName: 'tagged-b' })), 'AccessDenied', 403);
  });

  test('iam:PolicyARN: a user may attach exactly one policy', async () => {
    const root = iam(bulwark.endpoint);
    const allowedArn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const erin = await userWithKey(bulwark.endpoint, 'erin', {
      policy: {
        name: 'attach-readonly',
        document: doc({ Effect: 'Allow', Action: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy'], Resource: '*', Condition: { ArnEquals: { 'iam:PolicyARN': allowedArn } } }),
      },
    });
    await root.send(new CreateUserCommand({ UserName: 'attach-target' }));
    const client = iam(bulwark.endpoint, erin);
    await client.send(new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: allowedArn }));
    await client.send(new DetachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: allowedArn }));
    await rejectsWith(
      client.send(new AttachUserPolicyCommand({ UserName: 'attach-target', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })),
      'AccessDenied',
      403,
      `User: ${erin.arn} is not authorized to perform: iam:AttachUserPolicy on resource: arn:aws:iam::${ACCOUNT}:user/attach-target because no identity-based policy allows the iam:AttachUserPolicy action`,
    );
  });

  test('iam:PermissionsBoundary: CreateUser only with the given boundary', async () => {
    const root = iam(bulwark.endpoint);
    const boundary = (await root.send(new CreatePolicyCommand({ PolicyName: 'dev-boundary', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }) }))).Policy!.Arn!;
    const other = (await root.send(new CreatePolicyCommand({ PolicyName: 'other-boundary', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }))).Policy!.Arn!;
    const fay = await userWithKey(bulwark.endpoint, 'fay', {
      policy: { name: 'create-bounded', document: doc({ Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } } }) },
    });
    const client = iam(bulwark.endpoint, fay);
    const made = await client.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: boundary }));
    assert.equal(made.User!.PermissionsBoundary?.PermissionsBoundaryArn, boundary);
    await rejectsWith(client.send(new CreateUserCommand({ UserName: 'unbounded' })), 'AccessDenied', 403, /iam:CreateUser on resource: arn:aws:iam::000000000000:user\/unbounded/);
    await rejectsWith(client.send(new CreateUserCommand({ UserName: 'other-bounded', PermissionsBoundary: other })), 'AccessDenied', 403);
    // On an existing entity the key is its current boundary (AttachUserPolicy on a bounded user).
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'fay',
        PolicyName: 'attach-bounded-only',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } } }),
      }),
    );
    await root.send(new CreateUserCommand({ UserName: 'free' }));
    await client.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await rejectsWith(client.send(new AttachUserPolicyCommand({ UserName: 'free', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })), 'AccessDenied', 403);
  });

  test('iam:PassRole: required for a role handed to a service, with iam:PassedToService; then the call reaches the service', async () => {
    const root = iam(bulwark.endpoint);
    const role = (
      await root.send(
        new CreateRoleCommand({
          RoleName: 'trail-logs',
          AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        }),
      )
    ).Role!.Arn!;
    const gus = await userWithKey(bulwark.endpoint, 'gus', { policy: { name: 'trails', document: doc({ Effect: 'Allow', Action: 'cloudtrail:CreateTrail', Resource: '*' }) } });
    const trails = new CloudTrailClient(clientConfig(bulwark.endpoint, gus));
    const create = () => trails.send(new CreateTrailCommand({ Name: 'trail-one', S3BucketName: 'b', CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g:*`, CloudWatchLogsRoleArn: role }));
    await rejectsWith(
      create(),
      'AccessDeniedException',
      400,
      `User: ${gus.arn} is not authorized to perform: iam:PassRole on resource: ${role} because no identity-based policy allows the iam:PassRole action`,
    );
    // PassRole only towards another service does not do.
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'gus',
        PolicyName: 'pass-to-ec2',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: role, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }),
      }),
    );
    await rejectsWith(create(), 'AccessDeniedException', 400, /iam:PassRole/);
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'gus',
        PolicyName: 'pass-to-cloudtrail',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: role, Condition: { StringEquals: { 'iam:PassedToService': 'cloudtrail.amazonaws.com' } } }),
      }),
    );
    // Authorized: CloudTrail itself answers (Bulwark has no CloudWatch Logs to deliver to).
    await rejectsWith(create(), 'CloudWatchLogsDeliveryUnavailableException', 400);
    // Without a role in the input no PassRole is needed.
    await rejectsWith(trails.send(new CreateTrailCommand({ Name: 'trail-two', S3BucketName: 'b' })), 'InvalidS3BucketNameException', 400);
  });
});
