import assert from 'node:assert/strict';
import { createHash, createHmac, pbkdf2Sync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
  type DescribeSecretCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import pg from 'pg';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { pythonToolsMissing, runBoto3, suiteServer } from '../support/server.js';

/**
 * Rotation through the SDK v3 (and boto3): the built-in rotators (random password, PostgreSQL
 * single user), webhooks standing in for rotation Lambdas, the in-progress guard,
 * CancelRotateSecret, scheduled rotations from housekeeping, and bad input.
 */
const FN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const RANDOM = FN('bulwark-random-password');
const DAY = 86_400_000;
const IN_PROGRESS = "A previous rotation isn't complete. That rotation will be reattempted.";

/** Polls DescribeSecret until `done` holds (5 s at most). */
async function waitFor(sm: SecretsManagerClient, id: string, done: (d: DescribeSecretCommandOutput) => boolean): Promise<DescribeSecretCommandOutput> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const d = await sm.send(new DescribeSecretCommand({ SecretId: id }));
    if (done(d)) return d;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${id}: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const rotated = (d: DescribeSecretCommandOutput) => d.LastRotatedDate !== undefined;

const holder = (d: DescribeSecretCommandOutput, stage: string) => Object.entries(d.VersionIdsToStages ?? {}).find(([, s]) => s.includes(stage))?.[0];

interface Hook {
  url: string;
  steps: string[];
  failOn?: string;
  close(): Promise<void>;
}

/** A rotation webhook doing each step as a rotation Lambda would, through the SDK. */
async function webhook(sm: () => SecretsManagerClient): Promise<Hook> {
  const hook: Hook = { url: '', steps: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      void (async () => {
        const event = JSON.parse(body) as { Step: string; SecretId: string; ClientRequestToken: string };
        hook.steps.push(event.Step);
        if (hook.failOn === event.Step) return res.writeHead(500).end('failed');
        const c = sm();
        if (event.Step === 'createSecret') {
          await c.send(new GetSecretValueCommand({ SecretId: event.SecretId, VersionStage: 'AWSCURRENT' }));
          await c.send(new PutSecretValueCommand({ SecretId: event.SecretId, ClientRequestToken: event.ClientRequestToken, SecretString: `from-webhook-${event.ClientRequestToken}`, VersionStages: ['AWSPENDING'] }));
        } else if (event.Step === 'finishSecret') {
          const d = await c.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
          const current = holder(d, 'AWSCURRENT');
          if (current !== event.ClientRequestToken) {
            await c.send(new UpdateSecretVersionStageCommand({ SecretId: event.SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: event.ClientRequestToken, RemoveFromVersionId: current }));
          }
        }
        res.writeHead(200).end('{}');
      })().catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rotate`;
  hook.close = () => new Promise((r) => server.close(() => r()));
  return hook;
}

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (err) {
    return `PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres): ${(err as Error).message}`;
  }
}
const pgMissing = await postgresReachable();

/** Whether a pg_authid verifier (SCRAM-SHA-256 or md5) is the one of `password`. */
function verifies(verifier: string, user: string, password: string): boolean {
  const scram = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (scram) {
    const salted = pbkdf2Sync(password, Buffer.from(scram[2]!, 'base64'), Number(scram[1]), 32, 'sha256');
    const stored = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64');
    return stored === scram[3];
  }
  return verifier === `md5${createHash('md5').update(password + user).digest('hex')}`;
}

describe('Secrets Manager rotation', () => {
  const bulwark = suiteServer();
  const sm = () => new SecretsManagerClient(clientConfig(bulwark.endpoint));
  const hooks: Hook[] = [];
  after(async () => {
    for (const h of hooks) await h.close();
  });

  test('bulwark-random-password rotates a JSON password and a plain string; AWSCURRENT and AWSPREVIOUS move', async () => {
    const first = randomUUID();
    await sm().send(new CreateSecretCommand({ Name: 'rot/json', SecretString: '{"username":"app","password":"old"}', ClientRequestToken: first }));
    const token = randomUUID();
    const before = Date.now();
    const out = await sm().send(new RotateSecretCommand({ SecretId: 'rot/json', RotationLambdaARN: RANDOM, RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: token }));
    assert.equal(out.VersionId, token);
    assert.equal(out.Name, 'rot/json');
    const d = await waitFor(sm(), 'rot/json', rotated);
    assert.equal(d.RotationEnabled, true);
    assert.equal(d.RotationLambdaARN, RANDOM);
    assert.deepEqual(d.RotationRules, { AutomaticallyAfterDays: 30 });
    assert.ok(d.LastRotatedDate!.getTime() >= before - 1000);
    assert.equal(d.NextRotationDate!.getTime(), Math.floor(Date.now() / DAY) * DAY + 30 * DAY);
    assert.deepEqual(d.VersionIdsToStages![first], ['AWSPREVIOUS']);
    assert.ok(d.VersionIdsToStages![token]!.includes('AWSCURRENT'));
    const value = JSON.parse((await sm().send(new GetSecretValueCommand({ SecretId: 'rot/json' }))).SecretString!);
    assert.equal(value.username, 'app');
    assert.notEqual(value.password, 'old');
    assert.equal(value.password.length, 32);
    const previous = await sm().send(new GetSecretValueCommand({ SecretId: 'rot/json', VersionStage: 'AWSPREVIOUS' }));
    assert.equal(previous.SecretString, '{"username":"app","password":"old"}');

    await sm().send(new CreateSecretCommand({ Name: 'rot/plain', SecretString: 'plain-old' }));
    const plain = await sm().send(new RotateSecretCommand({ SecretId: 'rot/plain', RotationLambdaARN: RANDOM }));
    assert.ok(plain.VersionId);
    await waitFor(sm(), 'rot/plain', rotated);
    const now = await sm().send(new GetSecretValueCommand({ SecretId: 'rot/plain' }));
    assert.equal(now.VersionId, plain.VersionId);
    assert.equal(now.SecretString!.length, 32);
    // Rotating again uses the stored function.
    const again = await sm().send(new RotateSecretCommand({ SecretId: 'rot/plain' }));
    await waitFor(sm(), 'rot/plain', (x) => holder(x, 'AWSCURRENT') === again.VersionId && x.LastRotatedDate!.getTime() >= x.LastChangedDate!.getTime() - 1000);
  });

  test('a webhook sees the four steps in order, does them through the API and the rotation completes', async () => {
    const hook = await webhook(sm);
    hooks.push(hook);
    const first = randomUUID();
    await sm().send(new CreateSecretCommand({ Name: 'rot/hook', SecretString: 'v1', ClientRequestToken: first, Tags: [{ Key: 'BulwarkRotationWebhook', Value: hook.url }] }));
    const out = await sm().send(new RotateSecretCommand({ SecretId: 'rot/hook', RotationLambdaARN: FN('my-rotator'), RotationRules: { ScheduleExpression: 'rate(10 days)' } }));
    const d = await waitFor(sm(), 'rot/hook', rotated);
    assert.deepEqual(hook.steps, ['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    assert.deepEqual(d.RotationRules, { AutomaticallyAfterDays: 10, ScheduleExpression: 'rate(10 days)' });
    assert.equal(holder(d, 'AWSCURRENT'), out.VersionId);
    assert.equal(holder(d, 'AWSPREVIOUS'), first);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'rot/hook' }))).SecretString, `from-webhook-${out.VersionId}`);
  });

  test('a failing setSecret leaves AWSCURRENT alone and AWSPENDING on the new version; another token is refused, the same one retries', async () => {
    const hook = await webhook(sm);
    hooks.push(hook);
    hook.failOn = 'setSecret';
    const first = randomUUID();
    await sm().send(new CreateSecretCommand({ Name: 'rot/fail', SecretString: 'v1', ClientRequestToken: first, Tags: [{ Key: 'BulwarkRotationWebhook', Value: hook.url }] }));
    const token = randomUUID();
    await sm().send(new RotateSecretCommand({ SecretId: 'rot/fail', RotationLambdaARN: FN('my-rotator'), ClientRequestToken: token }));
    const d = await waitFor(sm(), 'rot/fail', (x) => holder(x, 'AWSPENDING') === token && hook.steps.includes('setSecret'));
    await rejectsWith(sm().send(new RotateSecretCommand({ SecretId: 'rot/fail', ClientRequestToken: randomUUID() })), 'InvalidRequestException', 400, IN_PROGRESS);
    assert.deepEqual(hook.steps, ['createSecret', 'setSecret']);
    assert.equal(holder(d, 'AWSCURRENT'), first);
    assert.equal(d.LastRotatedDate, undefined);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'rot/fail' }))).SecretString, 'v1');
    // The same token retries the rotation (createSecret finds its version already there).
    hook.failOn = undefined;
    hook.steps.length = 0;
    const retry = await sm().send(new RotateSecretCommand({ SecretId: 'rot/fail', ClientRequestToken: token }));
    assert.equal(retry.VersionId, token);
    await waitFor(sm(), 'rot/fail', rotated);
    assert.deepEqual(hook.steps, ['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'rot/fail' }))).VersionId, token);
  });

  test('CancelRotateSecret turns rotation off and leaves the unfinished AWSPENDING version', async () => {
    const hook = await webhook(sm);
    hooks.push(hook);
    hook.failOn = 'testSecret';
    await sm().send(new CreateSecretCommand({ Name: 'rot/cancel', SecretString: 'v1', Tags: [{ Key: 'BulwarkRotationWebhook', Value: hook.url }] }));
    const out = await sm().send(new RotateSecretCommand({ SecretId: 'rot/cancel', RotationLambdaARN: FN('my-rotator'), RotationRules: { AutomaticallyAfterDays: 7 } }));
    await waitFor(sm(), 'rot/cancel', (x) => holder(x, 'AWSPENDING') === out.VersionId && hook.steps.includes('testSecret'));
    const cancelled = await sm().send(new CancelRotateSecretCommand({ SecretId: 'rot/cancel' }));
    assert.equal(cancelled.Name, 'rot/cancel');
    assert.equal(cancelled.VersionId, out.VersionId);
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'rot/cancel' }));
    assert.equal(d.RotationEnabled, false);
    assert.equal(d.NextRotationDate, undefined);
    assert.equal(holder(d, 'AWSPENDING'), out.VersionId);
    await rejectsWith(sm().send(new CancelRotateSecretCommand({ SecretId: 'rot/nothing' })), 'ResourceNotFoundException', 400);
  });

  test('a scheduled rotation runs from housekeeping inside its window; a missed window is skipped', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'rot/scheduled', SecretString: 'v1' }));
    const out = await sm().send(new RotateSecretCommand({
      SecretId: 'rot/scheduled', RotationLambdaARN: RANDOM, RotateImmediately: false, RotationRules: { ScheduleExpression: 'rate(2 days)', Duration: '3h' },
    }));
    assert.equal(out.VersionId, undefined);
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'rot/scheduled' }));
    const start = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
    assert.equal(d.NextRotationDate!.getTime(), start);
    assert.equal(d.LastRotatedDate, undefined);
    await bulwark.housekeeping.runNow(new Date(start - 60_000));
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: 'rot/scheduled' }))).LastRotatedDate, undefined);
    await bulwark.housekeeping.runNow(new Date(start + 3_600_000));
    const after1 = await waitFor(sm(), 'rot/scheduled', rotated);
    assert.notEqual((await sm().send(new GetSecretValueCommand({ SecretId: 'rot/scheduled' }))).SecretString, 'v1');
    assert.ok(holder(after1, 'AWSPREVIOUS'));

    await sm().send(new CreateSecretCommand({ Name: 'rot/missed', SecretString: 'v1' }));
    await sm().send(new RotateSecretCommand({ SecretId: 'rot/missed', RotationLambdaARN: RANDOM, RotateImmediately: false, RotationRules: { ScheduleExpression: 'rate(2 days)', Duration: '3h' } }));
    await bulwark.housekeeping.runNow(new Date(start + 4 * 3_600_000));
    const missed = await sm().send(new DescribeSecretCommand({ SecretId: 'rot/missed' }));
    assert.equal(missed.LastRotatedDate, undefined);
    assert.equal(missed.NextRotationDate!.getTime(), start + 2 * DAY);
  });

  test('bulwark-postgresql changes the role password in PostgreSQL and AWSCURRENT holds it', { skip: pgMissing }, async () => {
    const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
    await admin.connect();
    const role = `bulwark_rot_${randomUUID().slice(0, 8)}`;
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'Initial-Pass-1'`);
      const verifier = async () => (await admin.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0]!.rolpassword;
      const before = await verifier();
      assert.ok(verifies(before, role, 'Initial-Pass-1'));
      const secret = { engine: 'postgres', host: '127.0.0.1', port: 5432, username: role, password: 'Initial-Pass-1', dbname: 'test' };
      await sm().send(new CreateSecretCommand({ Name: 'rot/postgres', SecretString: JSON.stringify(secret) }));
      const out = await sm().send(new RotateSecretCommand({ SecretId: 'rot/postgres', RotationLambdaARN: FN('bulwark-postgresql'), RotationRules: { AutomaticallyAfterDays: 1 } }));
      await waitFor(sm(), 'rot/postgres', rotated);
      const current = await sm().send(new GetSecretValueCommand({ SecretId: 'rot/postgres' }));
      assert.equal(current.VersionId, out.VersionId);
      const value = JSON.parse(current.SecretString!);
      assert.equal(value.username, role);
      assert.notEqual(value.password, 'Initial-Pass-1');
      const afterRotation = await verifier();
      assert.notEqual(afterRotation, before);
      assert.ok(verifies(afterRotation, role, value.password), 'the stored verifier is the new password');
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    }
  });

  test('bad input answers as AWS does', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'rot/bad', SecretString: 'v1' }));
    const rotate = (extra: Record<string, unknown>) => sm().send(new RotateSecretCommand(Object.assign({ SecretId: 'rot/bad', RotationLambdaARN: RANDOM, RotateImmediately: false }, extra)));
    await rejectsWith(sm().send(new RotateSecretCommand({ SecretId: 'rot/bad' })), 'InvalidRequestException', 400, 'No Lambda rotation function ARN is associated with this secret.');
    await rejectsWith(rotate({ RotationRules: { AutomaticallyAfterDays: 3, ScheduleExpression: 'rate(3 days)' } }), 'InvalidParameterException', 400);
    for (const expression of ['rate(1 hours)', 'rate(3 hours)', 'rate(5 minutes)', 'rate(1001 days)', 'cron(0 * * * ? *)', 'weekly', 'cron(0 0 1 1 ? 1999)']) {
      await rejectsWith(rotate({ RotationRules: { ScheduleExpression: expression } }), 'InvalidParameterException', 400);
    }
    for (const duration of ['0h', '25h']) await rejectsWith(rotate({ RotationRules: { ScheduleExpression: 'rate(1 days)', Duration: duration } }), 'InvalidParameterException', 400);
    await rejectsWith(rotate({ RotationRules: { ScheduleExpression: 'rate(4 hours)', Duration: '5h' } }), 'InvalidParameterException', 400);
    await rejectsWith(rotate({ RotationLambdaARN: FN('no-such-function') }), 'AccessDeniedException', 400, /cannot invoke the specified Lambda function/);
    await rejectsWith(rotate({ RotationLambdaARN: 'not an arn' }), 'AccessDeniedException', 400);
    await rejectsWith(rotate({ SecretId: 'rot/none' }), 'ResourceNotFoundException', 400);
    // Accepted: hours within AWS's limits, a cron every six hours with a window.
    await rotate({ RotationRules: { ScheduleExpression: 'rate(4 hours)', Duration: '2h' } });
    await rotate({ RotationRules: { ScheduleExpression: 'cron(0 */6 * * ? *)', Duration: '1h' } });
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'rot/bad' }));
    assert.deepEqual(d.RotationRules, { ScheduleExpression: 'cron(0 */6 * * ? *)', Duration: '1h' });
    assert.equal(d.NextRotationDate!.getTime() % (6 * 3_600_000), 0);
    assert.equal(d.VersionIdsToStages && Object.keys(d.VersionIdsToStages).length, 1);
  });

  test('hostile input and raw JSON of the wrong types: a 4xx (or a refusal), never a 500', async () => {
    const statusOf = (call: Promise<unknown>): Promise<number> => call.then(() => 200, (err: { $metadata?: { httpStatusCode?: number } }) => err.$metadata?.httpStatusCode ?? 0);
    const hostile = ['', '\u0000', 'lone\ud800surrogate', 'a'.repeat(5000), 'rate(0 days)', 'cron(* * * * * *)', 'cron(0 0 ? * 9#9 *)', '99h', 'file:///etc/passwd', FN('x'), 'arn:aws:lambda:us-east-1:000000000000:function:'];
    await sm().send(new CreateSecretCommand({ Name: 'rot/fuzz', SecretString: '{"password":1}', Tags: [{ Key: 'BulwarkRotationWebhook', Value: 'file:///etc/passwd' }] }));
    const token = (v: string) => (v + '0'.repeat(32)).slice(0, Math.max(32, Math.min(64, v.length)));
    const failures: string[] = [];
    for (const v of hostile) {
      for (const command of [
        new RotateSecretCommand({ SecretId: 'rot/fuzz', RotationLambdaARN: v, RotateImmediately: false }),
        new RotateSecretCommand({ SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM, RotationRules: { ScheduleExpression: v, Duration: v }, ClientRequestToken: token(v) }),
        new RotateSecretCommand({ SecretId: v || 'x', RotationLambdaARN: v }),
        new CancelRotateSecretCommand({ SecretId: v || 'x' }),
      ]) {
        const status = await statusOf(sm().send(command as never));
        if (status >= 500 || status === 0) failures.push(`${command.constructor.name} ${JSON.stringify(v).slice(0, 40)}: ${status}`);
      }
    }
    assert.deepEqual(failures, []);
    // The SDK signs the body its build step leaves: here, the raw JSON below.
    let raw = '';
    const client = sm();
    const replaceBody = (request: { body: unknown; headers: Record<string, string> }) => Object.assign(request, { body: raw }).headers['content-length'] = String(Buffer.byteLength(raw));
    client.middlewareStack.add((next) => (args: any) => (replaceBody(args.request), next(args)), { step: 'build', name: 'rawRotateBody' });
    for (const body of [
      { SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM, RotationRules: 'x' },
      { SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM, RotationRules: { AutomaticallyAfterDays: '3' } },
      { SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM, RotationRules: { AutomaticallyAfterDays: 1e30 } },
      { SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM, RotationRules: { AutomaticallyAfterDays: 0 } },
      { SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM, RotationRules: { ScheduleExpression: 5, Duration: ['3h'] } },
      { SecretId: 'rot/fuzz', RotationLambdaARN: { a: 1 } },
      { SecretId: 'rot/fuzz', RotateImmediately: 'no' },
      { SecretId: ['rot/fuzz'] },
    ]) {
      raw = JSON.stringify(body);
      const status = await statusOf(client.send(new RotateSecretCommand({} as never)));
      assert.ok(status >= 400 && status < 500, `${raw} → ${status}`);
    }
    // The secret holds a JSON password of the wrong type: the rotation still replaces it.
    const out = await sm().send(new RotateSecretCommand({ SecretId: 'rot/fuzz', RotationLambdaARN: RANDOM }));
    await waitFor(sm(), 'rot/fuzz', (d) => holder(d, 'AWSCURRENT') === out.VersionId);
    assert.equal(typeof JSON.parse((await sm().send(new GetSecretValueCommand({ SecretId: 'rot/fuzz' }))).SecretString!).password, 'string');
  });

  test('boto3 rotates and cancels', { skip: pythonToolsMissing() }, async () => {
    const r = await runBoto3(
      bulwark.endpoint,
      `
import time
sm = client("secretsmanager")
sm.create_secret(Name="rot/boto", SecretString="v1")
out = sm.rotate_secret(SecretId="rot/boto", RotationLambdaARN=${JSON.stringify(RANDOM)}, RotationRules={"AutomaticallyAfterDays": 5})
for i in range(250):
    d = sm.describe_secret(SecretId="rot/boto")
    if "LastRotatedDate" in d: break
    time.sleep(0.02)
value = sm.get_secret_value(SecretId="rot/boto")
cancel = sm.cancel_rotate_secret(SecretId="rot/boto")
after = sm.describe_secret(SecretId="rot/boto")
print(json.dumps({"version": out["VersionId"], "current": value["VersionId"], "changed": value["SecretString"] != "v1", "rotated": "LastRotatedDate" in d, "cancelVersion": "VersionId" in cancel, "enabled": after["RotationEnabled"]}))
`,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.current, out.version);
    assert.deepEqual([out.changed, out.rotated, out.cancelVersion, out.enabled], [true, true, false, false]);
  });
});
