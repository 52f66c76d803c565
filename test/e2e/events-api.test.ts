import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateApiDestinationCommand,
  CreateArchiveCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DeauthorizeConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { rejectsWith, userWithKey } from '../support/aws-clients.js';
import { eventBridgeSuite, events } from './events-helpers.js';

const ACCOUNT = '000000000000';
const ARN = `arn:aws:events:us-east-1:${ACCOUNT}`;
const PATTERN = JSON.stringify({ source: ['my.app'] });

describe('EventBridge API with the SDK v3', () => {
  const suite = eventBridgeSuite();
  const eb = () => events(suite.bulwark.endpoint);

  test('event buses: create, describe, list, update, delete, and their errors', async () => {
    const c = eb();
    const created = await c.send(new CreateEventBusCommand({ Name: 'orders', Description: 'order events', Tags: [{ Key: 'team', Value: 'sales' }] }));
    assert.equal(created.EventBusArn, `${ARN}:event-bus/orders`);
    assert.equal(created.Description, 'order events');
    await rejectsWith(c.send(new CreateEventBusCommand({ Name: 'orders' })), 'ResourceAlreadyExistsException', 400, 'Event bus orders already exists.');
    await rejectsWith(c.send(new CreateEventBusCommand({ Name: 'default' })), 'ResourceAlreadyExistsException', 400, 'Event bus default already exists.');
    await rejectsWith(c.send(new CreateEventBusCommand({ Name: 'aws.mine' })), 'ValidationException', 400, "EventBus name starting with 'aws.' is not valid.");
    await rejectsWith(c.send(new CreateEventBusCommand({ Name: 'bad name' })), 'ValidationException', 400, /failed to satisfy constraint/);

    const byDefault = await c.send(new DescribeEventBusCommand({}));
    assert.equal(byDefault.Name, 'default');
    assert.equal(byDefault.Arn, `${ARN}:event-bus/default`);
    const byArn = await c.send(new DescribeEventBusCommand({ Name: `${ARN}:event-bus/orders` }));
    assert.equal(byArn.Description, 'order events');
    assert.ok(byArn.CreationTime instanceof Date);
    await rejectsWith(c.send(new DescribeEventBusCommand({ Name: 'nope' })), 'ResourceNotFoundException', 400, 'Event bus nope does not exist.');

    await c.send(new CreateEventBusCommand({ Name: 'payments' }));
    const all = await c.send(new ListEventBusesCommand({}));
    assert.deepEqual(all.EventBuses!.map((b) => b.Name), ['default', 'orders', 'payments']);
    const first = await c.send(new ListEventBusesCommand({ Limit: 2 }));
    assert.equal(first.EventBuses!.length, 2);
    const rest = await c.send(new ListEventBusesCommand({ Limit: 2, NextToken: first.NextToken }));
    assert.deepEqual(rest.EventBuses!.map((b) => b.Name), ['payments']);
    assert.equal(rest.NextToken, undefined);
    assert.deepEqual((await c.send(new ListEventBusesCommand({ NamePrefix: 'pay' }))).EventBuses!.map((b) => b.Name), ['payments']);

    const updated = await c.send(new UpdateEventBusCommand({ Name: 'orders', Description: 'all orders' }));
    assert.equal(updated.Description, 'all orders');
    assert.equal((await c.send(new DescribeEventBusCommand({ Name: 'orders' }))).Description, 'all orders');

    await rejectsWith(c.send(new DeleteEventBusCommand({ Name: 'default' })), 'ValidationException', 400, 'Cannot delete event bus default.');
    await c.send(new DeleteEventBusCommand({ Name: 'payments' }));
    await c.send(new DeleteEventBusCommand({ Name: 'payments' }));
    await rejectsWith(c.send(new DescribeEventBusCommand({ Name: 'payments' })), 'ResourceNotFoundException', 400, 'Event bus payments does not exist.');
  });

  test('rules: put, describe, list, enable, disable, replace, delete, and their errors', async () => {
    const c = eb();
    const put = await c.send(new PutRuleCommand({ Name: 'r-default', EventPattern: PATTERN, Description: 'first' }));
    assert.equal(put.RuleArn, `${ARN}:rule/r-default`);
    await c.send(new CreateEventBusCommand({ Name: 'rules-bus' }));
    const custom = await c.send(new PutRuleCommand({ Name: 'r-custom', EventBusName: 'rules-bus', EventPattern: PATTERN, State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' }));
    assert.equal(custom.RuleArn, `${ARN}:rule/rules-bus/r-custom`);

    const described = await c.send(new DescribeRuleCommand({ Name: 'r-default' }));
    assert.equal(described.Arn, put.RuleArn);
    assert.equal(described.EventPattern, PATTERN);
    assert.equal(described.State, 'ENABLED');
    assert.equal(described.Description, 'first');
    assert.equal(described.EventBusName, 'default');
    assert.equal(described.CreatedBy, ACCOUNT);
    assert.equal((await c.send(new DescribeRuleCommand({ Name: 'r-custom', EventBusName: `${ARN}:event-bus/rules-bus` }))).State, 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');

    await rejectsWith(c.send(new DescribeRuleCommand({ Name: 'nope' })), 'ResourceNotFoundException', 400, 'Rule nope does not exist on EventBus default.');
    await rejectsWith(c.send(new DescribeRuleCommand({ Name: 'r-default', EventBusName: 'rules-bus' })), 'ResourceNotFoundException', 400, 'Rule r-default does not exist on EventBus rules-bus.');
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'x' })), 'ValidationException', 400, 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'x', EventBusName: 'rules-bus', ScheduleExpression: 'rate(5 minutes)' })), 'ValidationException', 400, 'ScheduleExpression is supported only on the default event bus.');
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'x', ScheduleExpression: 'rate(5 minute)' })), 'ValidationException', 400, 'Parameter ScheduleExpression is not valid.');
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'x', ScheduleExpression: 'cron(0 12 * * * *)' })), 'ValidationException', 400, 'Parameter ScheduleExpression is not valid.');
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'x', EventBusName: 'missing-bus', EventPattern: PATTERN })), 'ResourceNotFoundException', 400, 'Event bus missing-bus does not exist.');
    await rejectsWith(
      c.send(new PutRuleCommand({ Name: 'x', EventPattern: '{"source":"my.app"}' })),
      'InvalidEventPatternException',
      400,
      'Event pattern is not valid. Reason: "source" must be an object or an array\n at [Source: (String)"{"source":"my.app"}"; line: 1, column: 12]',
    );
    const scheduled = await c.send(new PutRuleCommand({ Name: 'every-5', ScheduleExpression: 'rate(5 minutes)' }));
    assert.equal((await c.send(new DescribeRuleCommand({ Name: 'every-5' }))).ScheduleExpression, 'rate(5 minutes)');
    assert.equal(scheduled.RuleArn, `${ARN}:rule/every-5`);

    await c.send(new DisableRuleCommand({ Name: 'r-default' }));
    assert.equal((await c.send(new DescribeRuleCommand({ Name: 'r-default' }))).State, 'DISABLED');
    await c.send(new EnableRuleCommand({ Name: 'r-default' }));
    assert.equal((await c.send(new DescribeRuleCommand({ Name: 'r-default' }))).State, 'ENABLED');
    await rejectsWith(c.send(new EnableRuleCommand({ Name: 'nope' })), 'ResourceNotFoundException', 400, 'Rule nope does not exist on EventBus default.');

    const listed = await c.send(new ListRulesCommand({}));
    assert.deepEqual(listed.Rules!.map((r) => r.Name), ['every-5', 'r-default']);
    assert.deepEqual((await c.send(new ListRulesCommand({ NamePrefix: 'r-' }))).Rules!.map((r) => r.Name), ['r-default']);
    const page1 = await c.send(new ListRulesCommand({ Limit: 1 }));
    assert.equal(page1.Rules!.length, 1);
    assert.deepEqual((await c.send(new ListRulesCommand({ Limit: 1, NextToken: page1.NextToken }))).Rules!.map((r) => r.Name), ['r-default']);
    await rejectsWith(c.send(new ListRulesCommand({ NextToken: 'garbage' })), 'ValidationException', 400);
    assert.deepEqual((await c.send(new ListRulesCommand({ EventBusName: 'rules-bus' }))).Rules!.map((r) => r.Name), ['r-custom']);

    // PutRule replaces the rule: what it omits is gone.
    await c.send(new PutRuleCommand({ Name: 'r-default', EventPattern: PATTERN }));
    assert.equal((await c.send(new DescribeRuleCommand({ Name: 'r-default' }))).Description, undefined);

    await c.send(new DeleteRuleCommand({ Name: 'every-5' }));
    await c.send(new DeleteRuleCommand({ Name: 'every-5' }));
    await rejectsWith(c.send(new DescribeRuleCommand({ Name: 'every-5' })), 'ResourceNotFoundException', 400);
  });

  test('a bus holds at most 300 rules', async () => {
    const c = eb();
    await c.send(new CreateEventBusCommand({ Name: 'crowded' }));
    for (let i = 0; i < 300; i++) await c.send(new PutRuleCommand({ Name: `rule-${i}`, EventBusName: 'crowded', EventPattern: PATTERN }));
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'rule-300', EventBusName: 'crowded', EventPattern: PATTERN })), 'LimitExceededException', 400, 'The requested resource exceeds the maximum number allowed.');
    await c.send(new PutRuleCommand({ Name: 'rule-0', EventBusName: 'crowded', EventPattern: PATTERN, Description: 'an update still fits' }));
  });

  test('targets: put, list, find by target, remove, and their errors', async () => {
    const c = eb();
    await c.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: PATTERN }));
    const bus = `${ARN}:event-bus/default`;
    const remediation = `arn:aws:bulwark:us-east-1:${ACCOUNT}:remediation/disable-key`;
    const put = await c.send(
      new PutTargetsCommand({
        Rule: 'with-targets',
        Targets: [
          { Id: 'bus', Arn: bus, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` } },
          { Id: 'fix', Arn: remediation, InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"id": <id>}' } },
          { Id: 'fn', Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:handler` },
          { Id: 'bad-bulwark', Arn: `arn:aws:bulwark:us-east-1:${ACCOUNT}:playbook/x` },
        ],
      }),
    );
    assert.equal(put.FailedEntryCount, 2);
    assert.deepEqual(put.FailedEntries!.map((f) => [f.TargetId, f.ErrorCode]), [['fn', 'UnsupportedTarget'], ['bad-bulwark', 'UnsupportedTarget']]);
    assert.match(put.FailedEntries![0]!.ErrorMessage!, /^Bulwark does not serve lambda targets/);
    assert.match(put.FailedEntries![1]!.ErrorMessage!, /is not a Bulwark remediation ARN \(arn:aws:bulwark:<region>:<account>:remediation\/<name>\)/);

    const listed = await c.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }));
    assert.deepEqual(listed.Targets!.map((t) => t.Id), ['bus', 'fix']);
    assert.deepEqual(listed.Targets![0]!.RetryPolicy, { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 });
    assert.deepEqual((await c.send(new ListRuleNamesByTargetCommand({ TargetArn: remediation }))).RuleNames, ['with-targets']);
    assert.deepEqual((await c.send(new ListRuleNamesByTargetCommand({ TargetArn: 'arn:aws:sns:us-east-1:000000000000:none' }))).RuleNames, []);

    await rejectsWith(c.send(new PutTargetsCommand({ Rule: 'nope', Targets: [{ Id: 'a', Arn: bus }] })), 'ResourceNotFoundException', 400, 'Rule nope does not exist on EventBus default.');
    await rejectsWith(c.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'a', Arn: 'not-an-arn' }] })), 'ValidationException', 400, 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.');
    await rejectsWith(c.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'a', Arn: bus, Input: '{}', InputPath: '$.detail' }] })), 'ValidationException', 400, /Only one of Input, InputPath, or InputTransformer/);
    await rejectsWith(c.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'a', Arn: bus, Input: 'not json' }] })), 'ValidationException', 400, /Input must be valid JSON/);
    await rejectsWith(
      c.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'a', Arn: bus, InputTransformer: { InputTemplate: '{"x": <missing>}' } }] })),
      'ValidationException',
      400,
      'InputTemplate for target a contains invalid placeholder missing.',
    );
    await rejectsWith(c.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'a', Arn: bus, DeadLetterConfig: { Arn: `${ARN}:event-bus/x` } }] })), 'ValidationException', 400, /not an Amazon SQS queue ARN/);
    await rejectsWith(
      c.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [1, 2, 3, 4].map((i) => ({ Id: `more-${i}`, Arn: bus })) })),
      'LimitExceededException',
      400,
      'The requested resource exceeds the maximum number allowed.',
    );

    await rejectsWith(c.send(new DeleteRuleCommand({ Name: 'with-targets' })), 'ValidationException', 400, "Rule can't be deleted since it has targets.");
    const removed = await c.send(new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['bus', 'fix', 'not-there'] }));
    assert.equal(removed.FailedEntryCount, 0);
    assert.deepEqual((await c.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }))).Targets, []);
    await c.send(new DeleteRuleCommand({ Name: 'with-targets' }));
  });

  test('tags of buses and rules', async () => {
    const c = eb();
    await c.send(new PutRuleCommand({ Name: 'tagged', EventPattern: PATTERN, Tags: [{ Key: 'env', Value: 'prod' }] }));
    const rule = `${ARN}:rule/tagged`;
    assert.deepEqual((await c.send(new ListTagsForResourceCommand({ ResourceARN: rule }))).Tags, [{ Key: 'env', Value: 'prod' }]);
    await c.send(new TagResourceCommand({ ResourceARN: rule, Tags: [{ Key: 'owner', Value: 'sec' }, { Key: 'env', Value: 'dev' }] }));
    assert.deepEqual((await c.send(new ListTagsForResourceCommand({ ResourceARN: rule }))).Tags, [{ Key: 'owner', Value: 'sec' }, { Key: 'env', Value: 'dev' }]);
    await c.send(new UntagResourceCommand({ ResourceARN: rule, TagKeys: ['env'] }));
    assert.deepEqual((await c.send(new ListTagsForResourceCommand({ ResourceARN: rule }))).Tags, [{ Key: 'owner', Value: 'sec' }]);

    const bus = `${ARN}:event-bus/default`;
    await c.send(new TagResourceCommand({ ResourceARN: bus, Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.deepEqual((await c.send(new ListTagsForResourceCommand({ ResourceARN: bus }))).Tags, [{ Key: 'k', Value: 'v' }]);

    await rejectsWith(c.send(new TagResourceCommand({ ResourceARN: rule, Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] })), 'ValidationException', 400, 'Invalid parameter: Duplicated keys are not allowed.');
    await rejectsWith(c.send(new ListTagsForResourceCommand({ ResourceARN: `${ARN}:rule/nope` })), 'ResourceNotFoundException', 400, 'Rule nope does not exist on EventBus default.');
    await rejectsWith(c.send(new ListTagsForResourceCommand({ ResourceARN: `${ARN}:event-bus/nope` })), 'ResourceNotFoundException', 400, 'Event bus nope does not exist.');
  });

  test('PutEvents: per-entry results and the request limits', async () => {
    const c = eb();
    const entry = { Source: 'my.app', DetailType: 'Thing', Detail: '{"a":1}' };
    const out = await c.send(
      new PutEventsCommand({
        Entries: [
          entry,
          { DetailType: 'Thing', Detail: '{}' },
          { Source: 'my.app', Detail: '{}' },
          { Source: 'my.app', DetailType: 'Thing' },
          { ...entry, Detail: '[1,2]' },
          { ...entry, Detail: '{broken' },
          { ...entry, Source: 'aws.ec2' },
          { ...entry, Detail: `${'{"a":'.repeat(1101)}1${'}'.repeat(1101)}` },
          { ...entry, EventBusName: 'no-such-bus', Time: new Date('2024-01-01T00:00:00Z'), Resources: ['arn:aws:s3:::b'] },
        ],
      }),
    );
    assert.equal(out.FailedEntryCount, 7);
    assert.match(out.Entries![0]!.EventId!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      out.Entries!.slice(1, 8).map((e) => [e.ErrorCode, e.ErrorMessage]),
      [
        ['InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
        ['InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
        ['InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
        ['MalformedDetail', 'Detail is malformed.'],
        ['MalformedDetail', 'Detail is malformed.'],
        ['NotAuthorizedForSourceException', 'Not authorized for the source.'],
        ['MalformedDetail', 'Detail is malformed.'],
      ],
    );
    assert.ok(out.Entries![8]!.EventId);

    const big = 'x'.repeat(256 * 1024 - 20); // with the rest: 262,145 bytes, one over
    await rejectsWith(c.send(new PutEventsCommand({ Entries: [{ ...entry, Detail: JSON.stringify({ big }) }] })), 'ValidationException', 400, 'Total size of the entries in the request is over the limit.');
    // Exactly 256 KB (Source 6 + DetailType 5 + Detail bytes) passes.
    const fits = JSON.stringify({ big: 'x'.repeat(256 * 1024 - 11 - 10) });
    assert.equal((await c.send(new PutEventsCommand({ Entries: [{ ...entry, Detail: fits }] }))).FailedEntryCount, 0);
    await rejectsWith(c.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })), 'ValidationException', 400, /Member must have length less than or equal to 10/);
  });

  test('connections: secrets sealed and never shown; create, describe, list, update, deauthorize, delete', async () => {
    const c = eb();
    const apiKey = await c.send(new CreateConnectionCommand({ Name: 'key', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'TOP-SECRET-1' } } }));
    assert.match(apiKey.ConnectionArn!, new RegExp(`^${ARN}:connection/key/[0-9a-f-]{36}$`));
    assert.equal(apiKey.ConnectionState, 'AUTHORIZED');
    await c.send(
      new CreateConnectionCommand({
        Name: 'basic',
        AuthorizationType: 'BASIC',
        AuthParameters: {
          BasicAuthParameters: { Username: 'bob', Password: 'TOP-SECRET-2' },
          InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-tenant', Value: 'acme', IsValueSecret: false }, { Key: 'x-token', Value: 'TOP-SECRET-3', IsValueSecret: true }] },
        },
      }),
    );
    await c.send(
      new CreateConnectionCommand({
        Name: 'oauth',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: 'client', ClientSecret: 'TOP-SECRET-4' }, AuthorizationEndpoint: 'https://auth.example.com/token', HttpMethod: 'POST' } },
      }),
    );
    await rejectsWith(
      c.send(new CreateConnectionCommand({ Name: 'key', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'a', ApiKeyValue: 'b' } } })),
      'ResourceAlreadyExistsException',
      400,
      'Connection key already exists.',
    );
    await rejectsWith(c.send(new CreateConnectionCommand({ Name: 'mismatch', AuthorizationType: 'BASIC', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'a', ApiKeyValue: 'b' } } })), 'ValidationException', 400);

    const basic = await c.send(new DescribeConnectionCommand({ Name: 'basic' }));
    assert.deepEqual(basic.AuthParameters, {
      BasicAuthParameters: { Username: 'bob' },
      InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-tenant', Value: 'acme', IsValueSecret: false }, { Key: 'x-token', IsValueSecret: true }] },
    });
    const oauth = await c.send(new DescribeConnectionCommand({ Name: 'oauth' }));
    assert.deepEqual(oauth.AuthParameters!.OAuthParameters!.ClientParameters, { ClientID: 'client' });
    await rejectsWith(c.send(new DescribeConnectionCommand({ Name: 'nope' })), 'ResourceNotFoundException', 400, "Failed to describe the connection(s). Connection 'nope' does not exist.");

    const listed = await c.send(new ListConnectionsCommand({}));
    assert.deepEqual(listed.Connections!.map((x) => x.Name), ['basic', 'key', 'oauth']);
    assert.deepEqual((await c.send(new ListConnectionsCommand({ NamePrefix: 'o' }))).Connections!.map((x) => x.Name), ['oauth']);
    assert.ok(!JSON.stringify([listed, basic, oauth]).includes('TOP-SECRET'));

    const updated = await c.send(new UpdateConnectionCommand({ Name: 'key', Description: 'rotated', AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: 'TOP-SECRET-5' } } }));
    assert.equal(updated.ConnectionState, 'AUTHORIZED');
    const afterUpdate = await c.send(new DescribeConnectionCommand({ Name: 'key' }));
    assert.equal(afterUpdate.Description, 'rotated');
    assert.deepEqual(afterUpdate.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } });

    assert.equal((await c.send(new DeauthorizeConnectionCommand({ Name: 'oauth' }))).ConnectionState, 'DEAUTHORIZING');
    assert.equal((await c.send(new DescribeConnectionCommand({ Name: 'oauth' }))).ConnectionState, 'DEAUTHORIZED');
    assert.deepEqual((await c.send(new ListConnectionsCommand({ ConnectionState: 'DEAUTHORIZED' }))).Connections!.map((x) => x.Name), ['oauth']);

    assert.equal((await c.send(new DeleteConnectionCommand({ Name: 'oauth' }))).ConnectionState, 'DELETING');
    await rejectsWith(c.send(new DeleteConnectionCommand({ Name: 'oauth' })), 'ResourceNotFoundException', 400, "Failed to describe the connection(s). Connection 'oauth' does not exist.");
  });

  test('API destinations: create, describe, list, update, delete, and their errors', async () => {
    const c = eb();
    const connection = await c.send(new CreateConnectionCommand({ Name: 'dest-conn', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }));
    const created = await c.send(new CreateApiDestinationCommand({ Name: 'hook', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: 'https://example.com/hooks/*', HttpMethod: 'POST' }));
    assert.match(created.ApiDestinationArn!, new RegExp(`^${ARN}:api-destination/hook/[0-9a-f-]{36}$`));
    assert.equal(created.ApiDestinationState, 'ACTIVE');
    await rejectsWith(
      c.send(new CreateApiDestinationCommand({ Name: 'hook', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: 'https://example.com', HttpMethod: 'POST' })),
      'ResourceAlreadyExistsException',
      400,
      "An api-destination 'hook' already exists.",
    );
    await rejectsWith(
      c.send(new CreateApiDestinationCommand({ Name: 'other', ConnectionArn: `${ARN}:connection/none/00000000-0000-0000-0000-000000000000`, InvocationEndpoint: 'https://example.com', HttpMethod: 'POST' })),
      'ResourceNotFoundException',
      400,
      "Failed to describe the connection(s). Connection 'none' does not exist.",
    );
    await rejectsWith(c.send(new CreateApiDestinationCommand({ Name: 'other', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: 'ftp://example.com', HttpMethod: 'POST' })), 'ValidationException', 400);
    await rejectsWith(c.send(new CreateApiDestinationCommand({ Name: 'other', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: 'https://example.com', HttpMethod: 'TRACE' as never })), 'ValidationException', 400);

    const described = await c.send(new DescribeApiDestinationCommand({ Name: 'hook' }));
    assert.equal(described.InvocationEndpoint, 'https://example.com/hooks/*');
    assert.equal(described.HttpMethod, 'POST');
    assert.equal(described.InvocationRateLimitPerSecond, 300);
    assert.equal(described.ConnectionArn, connection.ConnectionArn);
    await rejectsWith(c.send(new DescribeApiDestinationCommand({ Name: 'nope' })), 'ResourceNotFoundException', 400, "Failed to describe the api-destination(s). An api-destination 'nope' does not exist.");

    await c.send(new UpdateApiDestinationCommand({ Name: 'hook', HttpMethod: 'PUT', InvocationRateLimitPerSecond: 5 }));
    const afterUpdate = await c.send(new DescribeApiDestinationCommand({ Name: 'hook' }));
    assert.equal(afterUpdate.HttpMethod, 'PUT');
    assert.equal(afterUpdate.InvocationRateLimitPerSecond, 5);

    assert.deepEqual((await c.send(new ListApiDestinationsCommand({ ConnectionArn: connection.ConnectionArn }))).ApiDestinations!.map((d) => d.Name), ['hook']);
    assert.deepEqual((await c.send(new ListApiDestinationsCommand({ NamePrefix: 'zzz' }))).ApiDestinations, []);
    await c.send(new DeleteApiDestinationCommand({ Name: 'hook' }));
    await rejectsWith(c.send(new DeleteApiDestinationCommand({ Name: 'hook' })), 'ResourceNotFoundException', 400);
  });

  test('operations Bulwark does not implement answer NotImplemented', async () => {
    await rejectsWith(eb().send(new CreateArchiveCommand({ ArchiveName: 'a', EventSourceArn: `${ARN}:event-bus/default` })), 'NotImplemented', 501, 'Bulwark does not implement events:CreateArchive yet.');
  });

  test('authorization on rule and bus ARNs', async () => {
    const user = await userWithKey(suite.bulwark.endpoint, 'rule-writer', {
      policy: {
        name: 'rules',
        document: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['events:PutRule', 'events:DescribeRule'], Resource: `${ARN}:rule/team-*` },
            { Effect: 'Allow', Action: 'events:PutEvents', Resource: `${ARN}:event-bus/default` },
          ],
        }),
      },
    });
    const c = events(suite.bulwark.endpoint, user);
    await c.send(new PutRuleCommand({ Name: 'team-a', EventPattern: PATTERN }));
    assert.equal((await c.send(new DescribeRuleCommand({ Name: 'team-a' }))).Name, 'team-a');
    await rejectsWith(c.send(new PutRuleCommand({ Name: 'other', EventPattern: PATTERN })), 'AccessDeniedException', 400, new RegExp(`events:PutRule on resource: ${ARN}:rule/other`));
    assert.equal((await c.send(new PutEventsCommand({ Entries: [{ Source: 'my.app', DetailType: 'x', Detail: '{}' }] }))).FailedEntryCount, 0);
    await c.send(new CreateEventBusCommand({ Name: 'other-bus' })).catch(() => undefined);
    await rejectsWith(c.send(new PutEventsCommand({ Entries: [{ Source: 'my.app', DetailType: 'x', Detail: '{}', EventBusName: 'other-bus' }] })), 'AccessDeniedException', 400, /event-bus\/other-bus/);
  });
});
