import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DisableRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type CreateConnectionRequest,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { iam } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { handleOpsRequest, type OpsContext } from '../../src/server/ops-endpoints.js';
import type { EventEnvelope, RemediationTarget } from '../../src/events/index.js';
import { eventBridgeSuite, events, eventually, startWebhook, type Webhook } from './events-helpers.js';

const ACCOUNT = '000000000000';
const ARN = `arn:aws:events:us-east-1:${ACCOUNT}`;
const DLQ = `arn:aws:sqs:us-east-1:${ACCOUNT}:undelivered`;

describe('EventBridge delivery', () => {
  const runs: Array<{ name: string; event: EventEnvelope; target: RemediationTarget }> = [];
  const suite = eventBridgeSuite({
    remediation: {
      run: async (name, event, target) => {
        if (name === 'always-fails') throw new Error('the action failed');
        runs.push({ name, event, target });
      },
    },
  });
  let hook: Webhook;
  before(async () => {
    hook = await startWebhook();
  });
  after(() => hook.close());
  const eb = () => events(suite.bulwark.endpoint);

  /** An API destination to the webhook (path `/<name>/*`) through a new connection. */
  async function destination(name: string, auth: Pick<CreateConnectionRequest, 'AuthorizationType' | 'AuthParameters'>, method: 'POST' | 'PUT' = 'POST'): Promise<string> {
    const connection = await eb().send(new CreateConnectionCommand({ Name: `${name}-conn`, ...auth }));
    const created = await eb().send(new CreateApiDestinationCommand({ Name: name, ConnectionArn: connection.ConnectionArn, InvocationEndpoint: `${hook.url}/${name}/*`, HttpMethod: method }));
    return created.ApiDestinationArn!;
  }
  const apiKey = (value = 'k-123'): Pick<CreateConnectionRequest, 'AuthorizationType' | 'AuthParameters'> => ({
    AuthorizationType: 'API_KEY',
    AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: value } },
  });

  async function rule(name: string, pattern: object, targets: Target[], options: { bus?: string; state?: 'ENABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' } = {}): Promise<string> {
    const put = await eb().send(new PutRuleCommand({ Name: name, EventBusName: options.bus, EventPattern: JSON.stringify(pattern), State: options.state }));
    const out = await eb().send(new PutTargetsCommand({ Rule: name, EventBusName: options.bus, Targets: targets }));
    assert.equal(out.FailedEntryCount, 0, JSON.stringify(out.FailedEntries));
    return put.RuleArn!;
  }

  const putEvent = async (source: string, detail: object, extra: { EventBusName?: string; Resources?: string[] } = {}) => {
    const out = await eb().send(new PutEventsCommand({ Entries: [{ Source: source, DetailType: 'Order Placed', Detail: JSON.stringify(detail), ...extra }] }));
    assert.equal(out.FailedEntryCount, 0);
    return out.Entries![0]!.EventId!;
  };

  const receivedAt = (path: string) => hook.received.filter((r) => r.url.startsWith(`/${path}/`));

  test('an API destination gets the transformed event with the connection credentials', async () => {
    const connection = await eb().send(
      new CreateConnectionCommand({
        Name: 'shop-conn',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-secret' },
          InvocationHttpParameters: {
            HeaderParameters: [{ Key: 'x-signed', Value: 'sig-secret', IsValueSecret: true }],
            QueryStringParameters: [{ Key: 'tenant', Value: 'acme', IsValueSecret: false }],
          },
        },
      }),
    );
    const dest = await eb().send(new CreateApiDestinationCommand({ Name: 'shop', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: `${hook.url}/shop/*/orders`, HttpMethod: 'POST' }));
    const ruleArn = await rule('orders-to-shop', { source: ['shop.app'], detail: { total: [{ numeric: ['>', 100] }] } }, [
      {
        Id: 'shop',
        Arn: dest.ApiDestinationArn,
        HttpParameters: { PathParameterValues: ['eu'], HeaderParameters: { 'x-route': 'big-orders' }, QueryStringParameters: { priority: 'high' } },
        InputTransformer: {
          InputPathsMap: { order: '$.detail.id', total: '$.detail.total', items: '$.detail.items', first: '$.detail.items[0].sku' },
          InputTemplate: '{"order": <order>, "total": <total>, "items": <items>, "first": "<first>", "text": "order <order> by \\"<order>\\"", "rule": <aws.events.rule-name>, "ruleArn": "<aws.events.rule-arn>", "event": <aws.events.event.json>}',
        },
      },
    ]);
    const eventId = await putEvent('shop.app', { id: 'o-1', total: 250, items: [{ sku: 'a"b' }] });
    await putEvent('shop.app', { id: 'o-2', total: 50, items: [] });
    await suite.bridge.flush();

    const calls = receivedAt('shop');
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.method, 'POST');
    assert.equal(call.url, '/shop/eu/orders?tenant=acme&priority=high');
    assert.equal(call.headers['x-api-key'], 'k-secret');
    assert.equal(call.headers['x-signed'], 'sig-secret');
    assert.equal(call.headers['x-route'], 'big-orders');
    assert.equal(call.headers['content-type'], 'application/json; charset=utf-8');
    const body = JSON.parse(call.body);
    assert.equal(body.order, 'o-1');
    assert.equal(body.total, 250);
    assert.deepEqual(body.items, [{ sku: 'a"b' }]);
    assert.equal(body.first, 'a"b');
    assert.equal(body.text, 'order o-1 by "o-1"');
    assert.equal(body.rule, 'orders-to-shop');
    assert.equal(body.ruleArn, ruleArn);
    assert.equal(body.event.id, eventId);
    assert.deepEqual(Object.keys(body.event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.equal(body.event.account, ACCOUNT);
    assert.match(body.event.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('Basic and OAuth client-credentials connections authenticate the call', async () => {
    const basic = await destination('basic', { AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'bob', Password: 'pw' } } }, 'PUT');
    await rule('to-basic', { source: ['auth.basic'] }, [{ Id: 'b', Arn: basic, Input: '{"fixed":true}' }]);
    await putEvent('auth.basic', {});
    const oauth = await destination('oauth', {
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: 'cid', ClientSecret: 'csecret' }, AuthorizationEndpoint: `${hook.url}/token/x`, HttpMethod: 'POST' } },
    });
    await rule('to-oauth', { source: ['auth.oauth'] }, [{ Id: 'o', Arn: oauth, InputPath: '$.detail' }]);
    hook.bodies.set('/token/', '{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}');
    await putEvent('auth.oauth', { n: 1 });
    await suite.bridge.flush();
    await putEvent('auth.oauth', { n: 2 });
    await suite.bridge.flush();

    const [basicCall] = receivedAt('basic');
    assert.equal(basicCall!.method, 'PUT');
    assert.equal(basicCall!.headers.authorization, `Basic ${Buffer.from('bob:pw').toString('base64')}`);
    assert.equal(basicCall!.body, '{"fixed":true}');
    const tokenCalls = receivedAt('token');
    assert.equal(tokenCalls.length, 1, 'the token is requested once and reused');
    assert.equal(tokenCalls[0]!.headers.authorization, `Basic ${Buffer.from('cid:csecret').toString('base64')}`);
    assert.equal(tokenCalls[0]!.body, 'grant_type=client_credentials');
    const oauthCalls = receivedAt('oauth');
    assert.deepEqual(oauthCalls.map((c) => JSON.parse(c.body)), [{ n: 1 }, { n: 2 }]);
    assert.ok(oauthCalls.every((c) => c.headers.authorization === 'Bearer tok-1'));
  });

  test('a failing endpoint is retried per RetryPolicy, then the event goes to the dead-letter queue', async () => {
    const dest = await destination('flaky', apiKey());
    const ruleArn = await rule('to-flaky', { source: ['retry.app'] }, [{ Id: 'flaky', Arn: dest, RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: DLQ } }]);
    hook.statuses.push(500, 503, 500);
    const eventId = await putEvent('retry.app', { attempt: 'all fail' });
    await suite.bridge.flush();
    assert.equal(receivedAt('flaky').length, 3, 'one attempt and two retries');

    const letters = await suite.bridge.deadLetters.read(DLQ);
    assert.equal(letters.length, 1);
    const letter = letters[0]!;
    assert.equal(JSON.parse(letter.Body).id, eventId);
    assert.deepEqual({ ...letter.MessageAttributes, ERROR_MESSAGE: undefined }, {
      RULE_ARN: ruleArn,
      TARGET_ARN: dest,
      ERROR_CODE: 'HTTP_500',
      ERROR_MESSAGE: undefined,
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
    });
    assert.match(letter.MessageAttributes.ERROR_MESSAGE, /answered HTTP 500/);

    // Through the ops endpoint, then purged.
    const opsUrl = `${suite.bulwark.endpoint}/_bulwark/events/dead-letters?queue=${encodeURIComponent(DLQ)}`;
    const read = await fetch(opsUrl);
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as { Messages: Array<{ MessageId: string }> }).Messages[0]!.MessageId, letter.MessageId);
    assert.deepEqual(await (await fetch(opsUrl, { method: 'DELETE' })).json(), { QueueArn: DLQ, Purged: 1 });
    assert.deepEqual(await suite.bridge.deadLetters.read(DLQ), []);
    assert.equal((await fetch(`${suite.bulwark.endpoint}/_bulwark/events/dead-letters`)).status, 400);
    const ops: OpsContext = { version: 't', startedAt: new Date(), resetAllowed: false, reset: async () => {}, health: () => ({}), deadLetters: suite.bridge.deadLetters };
    const request = { method: 'GET', path: '/_bulwark/events/dead-letters', rawQuery: `queue=${encodeURIComponent(DLQ)}`, headers: {}, body: Buffer.alloc(0), sourceIp: '10.0.0.1', secure: false };
    assert.equal((await handleOpsRequest(request, ops)).status, 403);
  });

  test('a retry that succeeds delivers once; a 4xx answer is not retried', async () => {
    const dest = await destination('recovers', apiKey());
    await rule('to-recovers', { source: ['recover.app'] }, [{ Id: 'r', Arn: dest, DeadLetterConfig: { Arn: DLQ } }]);
    hook.statuses.push(503);
    await putEvent('recover.app', {});
    await suite.bridge.flush();
    assert.equal(receivedAt('recovers').length, 2);
    assert.deepEqual(await suite.bridge.deadLetters.read(DLQ), []);

    const refusing = await destination('refuses', apiKey());
    await rule('to-refuses', { source: ['refuse.app'] }, [{ Id: 'r', Arn: refusing, DeadLetterConfig: { Arn: DLQ } }]);
    hook.statuses.push(400);
    await putEvent('refuse.app', {});
    await suite.bridge.flush();
    assert.equal(receivedAt('refuses').length, 1);
    const [letter] = await suite.bridge.deadLetters.read(DLQ);
    assert.equal(letter!.MessageAttributes.ERROR_CODE, 'HTTP_400');
    assert.equal(letter!.MessageAttributes.RETRY_ATTEMPTS, '0');
    assert.equal(letter!.MessageAttributes.EXHAUSTED_RETRY_CONDITION, undefined);
    await suite.bridge.deadLetters.purge(DLQ);
  });

  test('CloudTrail: an IAM call arrives as "AWS API Call via CloudTrail"; read-only calls only for ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', async () => {
    const dest = await destination('trail', apiKey());
    await rule('iam-writes', { source: ['aws.iam'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['CreateUser', 'GetUser'] } }, [{ Id: 't', Arn: dest }]);
    await iam(suite.bulwark.endpoint).send(new CreateUserCommand({ UserName: 'watched' }));
    await iam(suite.bulwark.endpoint).send(new GetUserCommand({ UserName: 'watched' }));
    await suite.bridge.flush();
    let calls = receivedAt('trail').map((c) => JSON.parse(c.body));
    assert.equal(calls.length, 1);
    const event = calls[0];
    assert.equal(event['detail-type'], 'AWS API Call via CloudTrail');
    assert.equal(event.source, 'aws.iam');
    assert.equal(event.account, ACCOUNT);
    assert.equal(event.region, 'us-east-1');
    assert.deepEqual(event.resources, []);
    assert.equal(event.detail.eventSource, 'iam.amazonaws.com');
    assert.equal(event.detail.eventName, 'CreateUser');
    assert.equal(event.detail.requestParameters.userName, 'watched');
    assert.equal(event.detail.readOnly, false);
    assert.equal(event.detail.userIdentity.type, 'Root');

    await rule('iam-all', { source: ['aws.iam'], detail: { eventName: ['GetUser'] } }, [{ Id: 't', Arn: dest }], { state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' });
    await iam(suite.bulwark.endpoint).send(new GetUserCommand({ UserName: 'watched' }));
    await suite.bridge.flush();
    calls = receivedAt('trail').map((c) => JSON.parse(c.body));
    assert.deepEqual(calls.map((c) => c.detail.eventName), ['CreateUser', 'GetUser']);
  });

  test('service events (GuardDuty, Security Hub) arrive in the envelope on the default bus', async () => {
    const dest = await destination('findings', apiKey());
    await rule('severe-findings', { source: ['aws.guardduty', 'aws.securityhub'], detail: { severity: [{ numeric: ['>=', 7] }] } }, [{ Id: 'f', Arn: dest }]);
    suite.bulwark.serviceEvents.publish({ source: 'aws.guardduty', detailType: 'GuardDuty Finding', account: ACCOUNT, region: 'us-east-1', resources: [], detail: { severity: 8, type: 'Recon:IAMUser/MaliciousIPCaller' }, time: new Date('2024-05-01T10:00:00.123Z') });
    suite.bulwark.serviceEvents.publish({ source: 'aws.guardduty', detailType: 'GuardDuty Finding', account: ACCOUNT, region: 'us-east-1', resources: [], detail: { severity: 2 } });
    suite.bulwark.serviceEvents.publish({ source: 'aws.securityhub', detailType: 'Security Hub Findings - Imported', account: ACCOUNT, region: 'us-east-1', resources: ['arn:aws:securityhub:us-east-1::product/aws/guardduty'], detail: { severity: 9 } });
    suite.bulwark.serviceEvents.publish({ source: 'aws.guardduty', detailType: 'GuardDuty Finding', account: '111111111111', region: 'us-east-1', resources: [], detail: { severity: 9 } });
    await suite.bridge.flush();
    const calls = receivedAt('findings').map((c) => JSON.parse(c.body));
    assert.deepEqual(calls.map((c) => c['detail-type']), ['GuardDuty Finding', 'Security Hub Findings - Imported']);
    assert.equal(calls[0].version, '0');
    assert.match(calls[0].id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(calls[0].time, '2024-05-01T10:00:00Z');
    assert.deepEqual(calls[1].resources, ['arn:aws:securityhub:us-east-1::product/aws/guardduty']);
  });

  test('event bus targets pass the event on to another bus; disabled rules take nothing', async () => {
    await eb().send(new CreateEventBusCommand({ Name: 'audit' }));
    const dest = await destination('audit', apiKey());
    await rule('forward', { source: ['forward.app'] }, [{ Id: 'bus', Arn: `${ARN}:event-bus/audit` }]);
    await rule('audit-sink', { source: ['forward.app'] }, [{ Id: 'sink', Arn: dest }], { bus: 'audit' });
    await rule('disabled', { source: ['forward.app'] }, [{ Id: 'sink', Arn: dest }]);
    await eb().send(new DisableRuleCommand({ Name: 'disabled' }));
    const eventId = await putEvent('forward.app', { hop: 1 });
    await suite.bridge.flush();
    const calls = receivedAt('audit').map((c) => JSON.parse(c.body));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].id, eventId);
  });

  test('remediation targets run the action; failures are retried and dead-lettered', async () => {
    const fix = `arn:aws:bulwark:us-east-1:${ACCOUNT}:remediation/quarantine-user`;
    const failing = `arn:aws:bulwark:us-east-1:${ACCOUNT}:remediation/always-fails`;
    await rule('remediate', { source: ['alarm.app'] }, [
      { Id: 'fix', Arn: fix, RoleArn: `arn:aws:iam::${ACCOUNT}:role/remediator` },
      { Id: 'fails', Arn: failing, RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: DLQ } },
    ]);
    const eventId = await putEvent('alarm.app', { user: 'mallory' });
    await suite.bridge.flush();
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.name, 'quarantine-user');
    assert.equal(runs[0]!.event.id, eventId);
    assert.deepEqual(runs[0]!.event.detail, { user: 'mallory' });
    assert.deepEqual(runs[0]!.target, { account: ACCOUNT, region: 'us-east-1', roleArn: `arn:aws:iam::${ACCOUNT}:role/remediator`, ruleArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/remediate` });
    const [letter] = await suite.bridge.deadLetters.read(DLQ);
    assert.equal(letter!.MessageAttributes.ERROR_CODE, 'REMEDIATION_FAILED');
    assert.equal(letter!.MessageAttributes.ERROR_MESSAGE, 'remediation/always-fails failed: the action failed');
    assert.equal(letter!.MessageAttributes.RETRY_ATTEMPTS, '1');
    await suite.bridge.deadLetters.purge(DLQ);
  });

  test('scheduled rules fire "Scheduled Event" from housekeeping', async () => {
    const dest = await destination('cron', apiKey());
    const put = await eb().send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
    await eb().send(new PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'c', Arn: dest }] }));
    await suite.bulwark.housekeeping.runNow(new Date(Date.now() + 90_000));
    await suite.bridge.flush();
    await eventually(() => receivedAt('cron').length === 1);
    const event = JSON.parse(receivedAt('cron')[0]!.body);
    assert.equal(event.source, 'aws.events');
    assert.equal(event['detail-type'], 'Scheduled Event');
    assert.deepEqual(event.resources, [put.RuleArn]);
    assert.deepEqual(event.detail, {});
    // The same due time does not fire twice.
    await suite.bulwark.housekeeping.runNow(new Date(Date.now() + 90_000));
    await suite.bridge.flush();
    assert.equal(receivedAt('cron').length, 1);
  });
});

describe('EventBridge delivery without a remediation runner', () => {
  const suite = eventBridgeSuite();

  test('remediation targets fail with a clear error, retried then dead-lettered', async () => {
    const eb = events(suite.bulwark.endpoint);
    await eb.send(new PutRuleCommand({ Name: 'remediate', EventPattern: JSON.stringify({ source: ['alarm.app'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'remediate', Targets: [{ Id: 'fix', Arn: `arn:aws:bulwark:us-east-1:${ACCOUNT}:remediation/quarantine-user`, RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: DLQ } }] }));
    await eb.send(new PutEventsCommand({ Entries: [{ Source: 'alarm.app', DetailType: 'x', Detail: '{}' }] }));
    await suite.bridge.flush();
    const [letter] = await suite.bridge.deadLetters.read(DLQ);
    assert.equal(letter!.MessageAttributes.ERROR_CODE, 'RESOURCE_NOT_FOUND');
    assert.match(letter!.MessageAttributes.ERROR_MESSAGE, /no remediation runner/);
    assert.equal(letter!.MessageAttributes.RETRY_ATTEMPTS, '2');
  });
});

describe("the server's own EventBridge (as src/app.ts starts it)", () => {
  const bulwark = suiteServer();

  test('PutEvents reaches a webhook through an API destination with an API key', async () => {
    const hook = await startWebhook();
    try {
      const eb = events(bulwark.endpoint);
      const connection = await eb.send(new CreateConnectionCommand({ Name: 'c', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'from-app' } } }));
      const dest = await eb.send(new CreateApiDestinationCommand({ Name: 'd', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: `${hook.url}/app`, HttpMethod: 'POST' }));
      await eb.send(new PutRuleCommand({ Name: 'r', EventPattern: JSON.stringify({ source: ['app.wired'] }) }));
      await eb.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'd', Arn: dest.ApiDestinationArn }] }));
      await eb.send(new PutEventsCommand({ Entries: [{ Source: 'app.wired', DetailType: 'x', Detail: '{"ok":1}' }] }));
      await bulwark.eventBridge.flush();
      assert.equal(hook.received.length, 1);
      assert.equal(hook.received[0]!.headers['x-api-key'], 'from-app');
      assert.deepEqual(JSON.parse(hook.received[0]!.body).detail, { ok: 1 });
    } finally {
      await hook.close();
    }
  });
});
