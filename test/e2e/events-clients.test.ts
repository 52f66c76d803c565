import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
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
  EventBridgeClient,
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
  TestEventPatternCommand,
  UntagResourceCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { clientConfig, userWithKey } from '../support/aws-clients.js';
import { rawJsonClient, type RawCommand } from '../support/raw-json.js';
import { serverErrors } from '../support/robustness.js';
import { pythonToolsMissing, runAwsCli, runBoto3 } from '../support/server.js';
import { eventBridgeSuite } from './events-helpers.js';

/**
 * EventBridge as the AWS CLI v1 and boto3 use it, and hostile input — NUL, lone surrogates,
 * huge strings, other services' ARNs, wrong JSON types — through the authorizer (as root and
 * as an IAM user) and every handler: always a 4xx, never a 500.
 */
const NASTY = ['', '\u0000', 'lone\ud800surrogate', 'a'.repeat(5000), '{', '[]', '{"a":[{"numeric":[">",1e400]}]}'];
const HOSTILE = [
  ...NASTY,
  'x',
  'default',
  'arn:aws:events:us-east-1:000000000000:event-bus/default',
  'arn:aws:events:us-east-1:000000000000:rule/x',
  'arn:aws:events:eu-west-1:111111111111:event-bus/\u0000',
  'arn:aws:events:us-east-1:000000000000:connection/x/y',
  'arn:aws:events:us-east-1:000000000000:api-destination/x/y',
  'arn:aws:bulwark:us-east-1:000000000000:remediation/\u0000',
  'arn:aws:sqs:us-east-1:000000000000:q',
  'arn:',
  '$.detail[',
];

describe('EventBridge with real clients', () => {
  const suite = eventBridgeSuite();

  test('boto3 puts a rule and events, tests a pattern and gets AWS errors', { skip: pythonToolsMissing() }, async () => {
    const r = await runBoto3(
      suite.bulwark.endpoint,
      `
eb = client("events")
arn = eb.put_rule(Name="boto-rule", EventPattern=json.dumps({"source": ["boto.app"], "detail": {"n": [{"numeric": [">", 1]}]}}))["RuleArn"]
rules = [r["Name"] for r in eb.list_rules(NamePrefix="boto")["Rules"]]
put = eb.put_events(Entries=[{"Source": "boto.app", "DetailType": "t", "Detail": json.dumps({"n": 2})}, {"Source": "boto.app", "DetailType": "t", "Detail": "[]"}])
event = {"id": "1", "account": "000000000000", "source": "boto.app", "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "resources": [], "detail-type": "t", "detail": {"n": 2}}
matched = eb.test_event_pattern(EventPattern=json.dumps({"detail": {"n": [{"numeric": [">", 1]}]}}), Event=json.dumps(event))["Result"]
try:
    eb.put_rule(Name="bad", EventPattern='{"source": "x"}')
    invalid = "accepted"
except eb.exceptions.InvalidEventPatternException as e:
    invalid = e.response["Error"]["Message"]
try:
    eb.describe_rule(Name="missing")
    missing = "found"
except eb.exceptions.ResourceNotFoundException as e:
    missing = e.response["Error"]["Message"]
print(json.dumps({"arn": arn, "rules": rules, "failed": put["FailedEntryCount"], "codes": [e.get("ErrorCode") for e in put["Entries"]], "matched": matched, "invalid": invalid, "missing": missing}))
`,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.arn, 'arn:aws:events:us-east-1:000000000000:rule/boto-rule');
    assert.deepEqual(out.rules, ['boto-rule']);
    assert.equal(out.failed, 1);
    assert.deepEqual(out.codes, [null, 'MalformedDetail']);
    assert.equal(out.matched, true);
    assert.equal(out.invalid, 'Event pattern is not valid. Reason: "source" must be an object or an array\n at [Source: (String)"{"source": "x"}"; line: 1, column: 13]');
    assert.equal(out.missing, 'Rule missing does not exist on EventBus default.');
  });

  test('the AWS CLI v1 manages a bus, a rule and its targets', { skip: pythonToolsMissing() }, async () => {
    const cli = (...args: string[]) => runAwsCli(suite.bulwark.endpoint, ['events', ...args]);
    const bus = await cli('create-event-bus', '--name', 'cli-bus');
    assert.equal(bus.status, 0, bus.stderr);
    assert.equal(JSON.parse(bus.stdout).EventBusArn, 'arn:aws:events:us-east-1:000000000000:event-bus/cli-bus');
    const rule = await cli('put-rule', '--name', 'cli-rule', '--event-bus-name', 'cli-bus', '--event-pattern', '{"source":["cli.app"]}');
    assert.equal(rule.status, 0, rule.stderr);
    const targets = await cli('put-targets', '--rule', 'cli-rule', '--event-bus-name', 'cli-bus', '--targets', 'Id=b,Arn=arn:aws:events:us-east-1:000000000000:event-bus/default');
    assert.equal(JSON.parse(targets.stdout).FailedEntryCount, 0);
    const listed = await cli('list-targets-by-rule', '--rule', 'cli-rule', '--event-bus-name', 'cli-bus');
    assert.deepEqual(JSON.parse(listed.stdout).Targets.map((t: { Id: string }) => t.Id), ['b']);
    const tested = await cli('test-event-pattern', '--event-pattern', '{"source":["cli.app"]}', '--event', JSON.stringify({ id: '1', account: '000000000000', source: 'cli.app', time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'x' }));
    assert.equal(JSON.parse(tested.stdout).Result, true);
    const missing = await cli('describe-event-bus', '--name', 'nope');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /ResourceNotFoundException.*Event bus nope does not exist\./);
  });

  test('no hostile name, ARN, pattern, template or token yields a 500', { timeout: 180_000 }, async () => {
    const user = await userWithKey(suite.bulwark.endpoint, 'fuzzer', {
      policy: { name: 'all', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:*', Resource: '*' }] }) },
    });
    const clients = [new EventBridgeClient(clientConfig(suite.bulwark.endpoint)), new EventBridgeClient(clientConfig(suite.bulwark.endpoint, user))];
    await clients[0]!.send(new PutRuleCommand({ Name: 'fuzz-rule', EventPattern: '{"source":["x"]}' }));
    const connection = await clients[0]!.send(new CreateConnectionCommand({ Name: 'fuzz-conn', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }));
    const calls = (v: string) => [
      new CreateEventBusCommand({ Name: v, Description: v, KmsKeyIdentifier: v, Tags: [{ Key: v || 'k', Value: v }] }),
      new DescribeEventBusCommand({ Name: v || undefined }),
      new UpdateEventBusCommand({ Name: v || undefined, Description: v }),
      new ListEventBusesCommand({ NamePrefix: v || undefined, NextToken: v || undefined }),
      new DeleteEventBusCommand({ Name: v }),
      new PutRuleCommand({ Name: v || 'r', EventPattern: v || undefined, ScheduleExpression: v || undefined, EventBusName: v || undefined, Tags: [{ Key: v || 'k', Value: v }] }),
      new PutRuleCommand({ Name: 'fuzz-rule', EventPattern: JSON.stringify({ source: [v], detail: { [v || 'k']: [{ wildcard: v }, { cidr: v }, { prefix: v }, { 'anything-but': { wildcard: v } }] } }) }),
      new PutRuleCommand({ Name: 'fuzz-rule', ScheduleExpression: `cron(${v})` }),
      new DescribeRuleCommand({ Name: v, EventBusName: v || undefined }),
      new ListRulesCommand({ NamePrefix: v || undefined, EventBusName: v || undefined, NextToken: v || undefined }),
      new EnableRuleCommand({ Name: v, EventBusName: v || undefined }),
      new DisableRuleCommand({ Name: v }),
      new DeleteRuleCommand({ Name: v, EventBusName: v || undefined }),
      new PutTargetsCommand({
        Rule: 'fuzz-rule',
        EventBusName: v || undefined,
        Targets: [{ Id: v || 't', Arn: v, InputPath: v, DeadLetterConfig: { Arn: v }, RetryPolicy: { MaximumRetryAttempts: 1 } }],
      }),
      new PutTargetsCommand({ Rule: 'fuzz-rule', Targets: [{ Id: 't', Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default', InputTransformer: { InputPathsMap: { k: v }, InputTemplate: v || '<k>' } }] }),
      new PutTargetsCommand({ Rule: 'fuzz-rule', Targets: [{ Id: 't', Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default', Input: v, HttpParameters: { HeaderParameters: { [v || 'h']: v } } }] }),
      new RemoveTargetsCommand({ Rule: v || 'fuzz-rule', Ids: [v || 't'] }),
      new ListTargetsByRuleCommand({ Rule: v || 'fuzz-rule', NextToken: v || undefined }),
      new ListRuleNamesByTargetCommand({ TargetArn: v, EventBusName: v || undefined }),
      new PutEventsCommand({ Entries: [{ Source: v, DetailType: v, Detail: v, Resources: [v], EventBusName: v || undefined }] }),
      new PutEventsCommand({ Entries: [{ Source: 'fuzz', DetailType: 'x', Detail: JSON.stringify({ [v]: v }) }] }),
      new TestEventPatternCommand({ EventPattern: v, Event: v }),
      new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: JSON.stringify({ id: v, account: v, source: v, time: v, region: v, 'detail-type': v, detail: v }) }),
      new TagResourceCommand({ ResourceARN: v, Tags: [{ Key: v || 'k', Value: v }] }),
      new UntagResourceCommand({ ResourceARN: v, TagKeys: [v || 'k'] }),
      new ListTagsForResourceCommand({ ResourceARN: v }),
      new CreateConnectionCommand({ Name: v, AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: v, Password: v }, InvocationHttpParameters: { HeaderParameters: [{ Key: v, Value: v, IsValueSecret: true }] } } }),
      new DescribeConnectionCommand({ Name: v }),
      new UpdateConnectionCommand({ Name: v || 'fuzz-conn', AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: v } } }),
      new ListConnectionsCommand({ NamePrefix: v || undefined, NextToken: v || undefined }),
      new DeleteConnectionCommand({ Name: v }),
      new CreateApiDestinationCommand({ Name: v || 'd', ConnectionArn: v || connection.ConnectionArn, InvocationEndpoint: v || 'https://example.com', HttpMethod: 'POST' }),
      new DescribeApiDestinationCommand({ Name: v }),
      new UpdateApiDestinationCommand({ Name: v || 'd', InvocationEndpoint: v || undefined, ConnectionArn: v || undefined }),
      new ListApiDestinationsCommand({ NamePrefix: v || undefined, ConnectionArn: v || undefined }),
      new DeleteApiDestinationCommand({ Name: v }),
    ];
    assert.deepEqual(await serverErrors(clients, HOSTILE, calls), []);
    await suite.bridge.flush();
    assert.equal((await clients[0]!.send(new DescribeRuleCommand({ Name: 'fuzz-rule' }))).Name, 'fuzz-rule');
  });

  test('raw JSON of the wrong types: a 4xx, never a 500', async () => {
    const client = rawJsonClient(new EventBridgeClient(clientConfig(suite.bulwark.endpoint)));
    const bodies: Array<[RawCommand, unknown]> = [
      [PutRuleCommand, { Name: ['list'], EventPattern: 5 }],
      [PutRuleCommand, { Name: 'raw', EventPattern: { source: ['x'] } }],
      [PutRuleCommand, { Name: 'raw', ScheduleExpression: 7, Tags: 'x' }],
      [PutTargetsCommand, { Rule: 'raw', Targets: 'x' }],
      [PutTargetsCommand, { Rule: 'raw', Targets: [5, null, 'x'] }],
      [PutTargetsCommand, { Rule: 'raw', Targets: [{ Id: 't', Arn: 5, InputTransformer: { InputPathsMap: [1], InputTemplate: 3 } }] }],
      [RemoveTargetsCommand, { Rule: 'raw', Ids: 'x' }],
      [PutEventsCommand, { Entries: 'x' }],
      [PutEventsCommand, { Entries: [5, null, { Source: 1, DetailType: [], Detail: {}, Resources: 'r', Time: 'soon' }] }],
      [TestEventPatternCommand, { EventPattern: { a: 1 }, Event: 5 }],
      [TagResourceCommand, { ResourceARN: 'arn:aws:events:us-east-1:000000000000:rule/raw', Tags: [{ Key: 1 }] }],
      [CreateEventBusCommand, { Name: 'raw-bus', Tags: { a: 1 } }],
      [CreateConnectionCommand, { Name: 'raw', AuthorizationType: 'BASIC', AuthParameters: 'x' }],
      [CreateConnectionCommand, { Name: 'raw', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 1, ApiKeyValue: [] } } }],
      [ListRulesCommand, { Limit: 'ten' }],
      [ListEventBusesCommand, { Limit: -5 }],
    ];
    assert.deepEqual(await client.notRefused(bodies), []);
  });
});
