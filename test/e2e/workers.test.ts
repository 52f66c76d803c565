import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, DeleteUserPolicyCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand, PutResourcePolicyCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientConfig, rejectsWith, ROOT, userWithKey, type Keys } from '../support/aws-clients.js';

const BIN = fileURLToPath(new URL('../../../bin/bulwark.js', import.meta.url));

/**
 * `bulwark start --workers 2`: two processes share the port and the store. Every client here
 * opens a new connection per request, and the primary hands connections to the workers in
 * turn, so a write answered by one worker is followed by reads on both: each must see it at
 * once (the caches of the sibling were emptied before the write was answered).
 */
describe('--workers 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-workers-'));
  let child: ChildProcess;
  let endpoint = '';
  const agent = new Agent({ keepAlive: false });
  const config = (keys: Keys = ROOT) => ({ ...clientConfig(endpoint, keys), requestHandler: { httpAgent: agent } });

  before(async () => {
    child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--workers', '2', '--data-dir', dir, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    endpoint = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
  });

  after(async () => {
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exit;
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => (await (await fetch(`${endpoint}/_bulwark/health`, { headers: { connection: 'close' } })).json()) as { worker: number; workers: number; pid: number };

  test('both workers answer on the one port', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) seen.add((await health()).worker);
    assert.deepEqual([...seen].sort(), [1, 2]);
  });

  test('an IAM policy change is seen at once by the sibling worker', async () => {
    const kms = new KMSClient(config());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: key.Arn }] });
    const user = await userWithKey(endpoint, 'worker-user', { policy: { name: 'p', document: policy } });
    const root = new IAMClient(config());
    const asUser = new KMSClient(config(user));
    const encrypt = () => asUser.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) assert.ok((await encrypt()).CiphertextBlob, `round ${round}: allowed`);
      await root.send(new DeleteUserPolicyCommand({ UserName: 'worker-user', PolicyName: 'p' }));
      for (let i = 0; i < 4; i++) await rejectsWith(encrypt(), 'AccessDeniedException', 400);
      await root.send(new PutUserPolicyCommand({ UserName: 'worker-user', PolicyName: 'p', PolicyDocument: policy }));
    }
  });

  test('a KMS key state change is seen at once by the sibling worker', async () => {
    const kms = new KMSClient(config());
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const encrypt = () => kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) assert.ok((await encrypt()).CiphertextBlob);
      await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      for (let i = 0; i < 4; i++) await rejectsWith(encrypt(), 'DisabledException', 400);
      await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    }
  });

  test('a new secret value and a new resource policy are seen at once by the sibling worker', async () => {
    const sm = new SecretsManagerClient(config());
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: 'worker-secret', SecretString: 'v0' }));
    for (let round = 1; round <= 3; round++) {
      await sm.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: `v${round}` }));
      for (let i = 0; i < 4; i++) assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: 'worker-secret' }))).SecretString, `v${round}`);
    }
    await sm.send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) }));
    for (let i = 0; i < 4; i++) await rejectsWith(sm.send(new GetSecretValueCommand({ SecretId: ARN })), 'AccessDeniedException', 400);
  });

  test('event history holds the calls every worker answered, whichever worker is asked', async () => {
    const iam = new IAMClient(config());
    const names = Array.from({ length: 8 }, (_, i) => `recorded-${i}`);
    for (const UserName of names) await iam.send(new CreateUserCommand({ UserName }));
    const trail = new CloudTrailClient(config());
    for (let ask = 0; ask < 4; ask++) {
      const page = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }] }));
      const found = (page.Events ?? []).map((e) => (JSON.parse(e.CloudTrailEvent!) as { requestParameters: { userName: string } }).requestParameters.userName);
      for (const name of names) assert.ok(found.includes(name), `lookup ${ask}: ${name}`);
    }
  });

  test('a worker that dies is replaced', async () => {
    const victim = await health();
    process.kill(victim.pid, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    const pids = new Set<number>();
    while (Date.now() < deadline) {
      try {
        const h = await health();
        if (h.worker === victim.worker && h.pid !== victim.pid) return;
        pids.add(h.pid);
      } catch {
        // a connection handed to the dying worker
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`worker ${victim.worker} was not replaced (answers came from ${[...pids].join(', ')})`);
  });
});
