import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AddTagsToResourceCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { clientConfig, rejectsWith, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * IAM decides Parameter Store calls on parameter ARNs
 * (`arn:aws:ssm:<region>:<account>:parameter/<name without leading slash>`): a user allowed
 * `parameter/app/*` reads nothing else, every name of GetParameters counts, GetParametersByPath
 * is decided on its path, tags are aws:ResourceTag/…, and ssm:Overwrite / ssm:Recursive are
 * condition keys — with AWS's AccessDeniedException wording.
 */
const ARN = 'arn:aws:ssm:us-east-1:000000000000:parameter';
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const denied = (user: { arn: string }, action: string, resource: string) =>
  `User: ${user.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('SSM Parameter Store authorization', () => {
  const bulwark = suiteServer();
  const ssm = (keys?: Keys) => new SSMClient(clientConfig(bulwark.endpoint, keys));

  before(async () => {
    for (const name of ['/app/db/host', '/app/db/port', '/app/name', '/other/secret', 'plain']) {
      await ssm().send(new PutParameterCommand({ Name: name, Value: `value of ${name}`, Type: 'String' }));
    }
    await ssm().send(new PutParameterCommand({ Name: '/tags/red', Value: 'r', Type: 'String', Tags: [{ Key: 'team', Value: 'red' }] }));
    await ssm().send(new PutParameterCommand({ Name: '/tags/blue', Value: 'b', Type: 'String', Tags: [{ Key: 'team', Value: 'blue' }] }));
  });

  test('ssm:GetParameter on parameter/app/* reads /app/…, by name, ARN or selector, and nothing else', async () => {
    const user = await userWithKey(bulwark.endpoint, 'app-reader', {
      policy: { name: 'p', document: policy([{ Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: `${ARN}/app/*` }]) },
    });
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/app/db/host' }))).Parameter!.Value, 'value of /app/db/host');
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: `${ARN}/app/name` }))).Parameter!.Value, 'value of /app/name');
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/app/name:1' }))).Parameter!.Version, 1);
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/other/secret' })), 'AccessDeniedException', 400, denied(user, 'ssm:GetParameter', `${ARN}/other/secret`));
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: 'plain' })), 'AccessDeniedException', 400, denied(user, 'ssm:GetParameter', `${ARN}/plain`));
    // A parameter that does not exist is refused before anything is looked up.
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/nowhere/x' })), 'AccessDeniedException', 400);
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/app/missing' })), 'ParameterNotFound', 400);
    const both = await ssm(user).send(new GetParametersCommand({ Names: ['/app/db/host', '/app/db/port'] }));
    assert.equal(both.Parameters!.length, 2);
    await rejectsWith(
      ssm(user).send(new GetParametersCommand({ Names: ['/app/db/host', '/other/secret'] })),
      'AccessDeniedException',
      400,
      denied(user, 'ssm:GetParameters', `${ARN}/other/secret`),
    );
    await rejectsWith(ssm(user).send(new DescribeParametersCommand({})), 'AccessDeniedException', 400, denied(user, 'ssm:DescribeParameters', '*'));
  });

  test('GetParametersByPath is decided on the path; ssm:Recursive can be denied', async () => {
    const user = await userWithKey(bulwark.endpoint, 'path-reader', {
      policy: {
        name: 'p',
        document: policy([
          { Effect: 'Allow', Action: 'ssm:GetParametersByPath', Resource: `${ARN}/app` },
          { Effect: 'Allow', Action: 'ssm:GetParametersByPath', Resource: `${ARN}/tags` },
          { Effect: 'Deny', Action: 'ssm:GetParametersByPath', Resource: `${ARN}/tags`, Condition: { StringEquals: { 'ssm:Recursive': 'true' } } },
        ]),
      },
    });
    const all = (await ssm(user).send(new GetParametersByPathCommand({ Path: '/app', Recursive: true }))).Parameters!;
    assert.deepEqual(all.map((p) => p.Name), ['/app/db/host', '/app/db/port', '/app/name']);
    await rejectsWith(ssm(user).send(new GetParametersByPathCommand({ Path: '/other' })), 'AccessDeniedException', 400, denied(user, 'ssm:GetParametersByPath', `${ARN}/other`));
    assert.equal((await ssm(user).send(new GetParametersByPathCommand({ Path: '/tags/' }))).Parameters!.length, 2);
    await rejectsWith(
      ssm(user).send(new GetParametersByPathCommand({ Path: '/tags', Recursive: true })),
      'AccessDeniedException',
      400,
      `User: ${user.arn} is not authorized to perform: ssm:GetParametersByPath on resource: ${ARN}/tags with an explicit deny in an identity-based policy`,
    );
  });

  test('tags are aws:ResourceTag/…; aws:RequestTag on create; ssm:Overwrite', async () => {
    const user = await userWithKey(bulwark.endpoint, 'tag-scoped', {
      policy: {
        name: 'p',
        document: policy([
          { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'red' } } },
          { Effect: 'Allow', Action: 'ssm:PutParameter', Resource: `${ARN}/mine/*`, Condition: { StringEquals: { 'aws:RequestTag/team': 'red' } } },
          { Effect: 'Allow', Action: 'ssm:PutParameter', Resource: `${ARN}/mine/*`, Condition: { StringEquals: { 'ssm:Overwrite': 'false' } } },
          { Effect: 'Allow', Action: 'ssm:AddTagsToResource', Resource: `${ARN}/tags/*` },
          { Effect: 'Deny', Action: 'ssm:GetParameter', Resource: '*', Condition: { StringEquals: { 'ssm:resourceTag/classified': 'yes' } } },
        ]),
      },
    });
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/tags/red' }))).Parameter!.Value, 'r');
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/tags/blue' })), 'AccessDeniedException', 400, denied(user, 'ssm:GetParameter', `${ARN}/tags/blue`));
    // Retagging changes the decision at once.
    await ssm(user).send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/blue', Tags: [{ Key: 'team', Value: 'red' }] }));
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/tags/blue' }))).Parameter!.Value, 'b');
    // SSM's own spelling of the tag key works too.
    await ssm(user).send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/blue', Tags: [{ Key: 'classified', Value: 'yes' }] }));
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/tags/blue' })), 'AccessDeniedException', 400, /with an explicit deny in an identity-based policy$/);

    await ssm(user).send(new PutParameterCommand({ Name: '/mine/a', Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'red' }] }));
    await ssm(user).send(new PutParameterCommand({ Name: '/mine/b', Value: 'v', Type: 'String' }));
    await rejectsWith(ssm(user).send(new PutParameterCommand({ Name: '/mine/b', Value: 'w', Type: 'String', Overwrite: true })), 'AccessDeniedException', 400, denied(user, 'ssm:PutParameter', `${ARN}/mine/b`));
    await rejectsWith(ssm(user).send(new PutParameterCommand({ Name: '/yours/a', Value: 'v', Type: 'String' })), 'AccessDeniedException', 400);
  });

  test('DeleteParameters needs every name', async () => {
    const user = await userWithKey(bulwark.endpoint, 'deleter', { policy: { name: 'p', document: policy([{ Effect: 'Allow', Action: 'ssm:DeleteParameters', Resource: `${ARN}/app/*` }]) } });
    await rejectsWith(ssm(user).send(new DeleteParametersCommand({ Names: ['/app/name', '/other/secret'] })), 'AccessDeniedException', 400, denied(user, 'ssm:DeleteParameters', `${ARN}/other/secret`));
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/app/name' }))).Parameter!.Value, 'value of /app/name', 'nothing was deleted');
  });
});
