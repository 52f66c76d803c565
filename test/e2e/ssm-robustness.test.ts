import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { clientConfig, userWithKey } from '../support/aws-clients.js';
import { serverErrors } from '../support/robustness.js';
import { suiteServer } from '../support/server.js';

/**
 * Hostile values in every member of every Parameter Store operation (NUL, lone surrogates,
 * other services' ARNs, selectors, huge strings, broken JSON policies and patterns, tokens)
 * must get a 4xx (or NotImplemented 501 where Bulwark says so) — through the authorizer, as
 * root and as an IAM user whose calls are evaluated, and the handlers — never a 500.
 */
const HOSTILE = [
  '',
  'x',
  '/',
  '//',
  ':',
  'x:',
  'x:0',
  'x:99999999999999999999',
  '/a/b:label:extra',
  'bad\u0000name',
  '/lone\ud800surrogate',
  'arn:aws:ssm:us-east-1:000000000000:parameter/',
  'arn:aws:ssm:us-east-1:000000000000:parameter/a\u0000b',
  'arn:aws:ssm:eu-west-1:111111111111:parameter/x:1',
  'arn:aws:kms:us-east-1:000000000000:key/\u0000',
  'arn:',
  '/aws/reference/secretsmanager/',
  '/aws/reference/secretsmanager/x\u0000',
  `/${'a'.repeat(3000)}`,
  '[{"Type":"Expiration"',
  '[]',
  '(a+)+$',
  '__proto__',
  'constructor',
];

describe('SSM Parameter Store robustness', () => {
  const bulwark = suiteServer();

  test('no hostile name, value, pattern, policy, label, filter or token yields a 500', async () => {
    const user = await userWithKey(bulwark.endpoint, 'fuzzer', {
      policy: { name: 'all', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:*', 'kms:*'], Resource: '*' }] }) },
    });
    const clients = [new SSMClient(clientConfig(bulwark.endpoint)), new SSMClient(clientConfig(bulwark.endpoint, user))];
    await clients[0]!.send(new PutParameterCommand({ Name: '/fuzz/p', Value: 'v', Type: 'SecureString' }));
    const calls = (v: string) => [
      new PutParameterCommand({ Name: v, Value: v, Type: 'String' }),
      new PutParameterCommand({ Name: '/fuzz/p', Value: v || 'v', Overwrite: true, AllowedPattern: v, Description: v, DataType: v }),
      new PutParameterCommand({ Name: '/fuzz/q', Value: 'v', Type: 'SecureString', KeyId: v, Tier: 'Advanced', Policies: v || '[]' }),
      new PutParameterCommand({ Name: '/fuzz/r', Value: 'v', Type: 'String', Tags: [{ Key: v || 'k', Value: v }], Tier: v as never, Policies: `[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":${JSON.stringify(v)}}}]` }),
      new GetParameterCommand({ Name: v, WithDecryption: true }),
      new GetParametersCommand({ Names: [v, `${v}:1`, '/fuzz/p'], WithDecryption: true }),
      new GetParametersByPathCommand({ Path: v, Recursive: true, WithDecryption: true, NextToken: v, ParameterFilters: [{ Key: v || 'Type', Values: [v || 'x'] }] }),
      new GetParametersByPathCommand({ Path: '/fuzz', ParameterFilters: [{ Key: 'Label', Option: v, Values: [v || 'x'] }] }),
      new DescribeParametersCommand({ NextToken: v, ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [v || 'x'] }, { Key: `tag:${v}`, Values: [v || 'x'] }] }),
      new DescribeParametersCommand({ Filters: [{ Key: 'Name', Values: [v || 'x'] }] }),
      new GetParameterHistoryCommand({ Name: v, NextToken: v, WithDecryption: true }),
      new GetParameterHistoryCommand({ Name: '/fuzz/p', NextToken: v }),
      new DeleteParameterCommand({ Name: v }),
      new DeleteParametersCommand({ Names: [v] }),
      new LabelParameterVersionCommand({ Name: v, Labels: [v || 'l'] }),
      new LabelParameterVersionCommand({ Name: '/fuzz/p', ParameterVersion: 1, Labels: [v || 'l'] }),
      new UnlabelParameterVersionCommand({ Name: '/fuzz/p', ParameterVersion: 1, Labels: [v || 'l'] }),
      new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: v, Tags: [{ Key: 'k', Value: 'v' }] }),
      new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: v, TagKeys: [v || 'k'] }),
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: v }),
      new ListTagsForResourceCommand({ ResourceType: v as never, ResourceId: v }),
    ];
    assert.deepEqual(await serverErrors(clients, HOSTILE, calls, { allowNotImplemented: true }), []);
    // The parameter everything was thrown at still reads.
    assert.ok((await clients[0]!.send(new GetParameterCommand({ Name: '/fuzz/p' }))).Parameter);
  });
});
