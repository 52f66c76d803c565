import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, iam } from '../support/aws-clients.js';
import { spawnBulwark } from '../support/server.js';
import { deliveredLogs, trailBucketPolicy, type DeliveredRecord } from '../support/trail-delivery.js';

/**
 * Delivery cursors are stored: a Bulwark on disk (bin/bulwark.js, delivering every second)
 * stopped and started again delivers each event exactly once — nothing lost, nothing twice.
 */
const BUCKET = 'restart-logs';

describe('trail delivery across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-trail-restart-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const start = () => spawnBulwark(['--data-dir', dir, '--cloudtrail-delivery-seconds', '1']);
  const s3 = (endpoint: string) => new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });

  /** Waits (at most 10 s) until every named user's CreateUser was delivered; resolves every record delivered. */
  const deliveredUsers = async (endpoint: string, users: string[]): Promise<DeliveredRecord[]> => {
    for (let waited = 0; ; waited += 200) {
      const { records } = await deliveredLogs(s3(endpoint), BUCKET);
      const seen = new Set(records.filter((r) => r.eventName === 'CreateUser').map((r) => r.requestParameters.userName));
      if (users.every((u) => seen.has(u))) return records;
      if (waited > 10_000) assert.fail(`not delivered within 10 s: ${users.filter((u) => !seen.has(u)).join(', ')}`);
      await sleep(200);
    }
  };

  test('each event is delivered once, before and after the restart', async () => {
    const first = await start();
    try {
      await s3(first.endpoint).send(new CreateBucketCommand({ Bucket: BUCKET }));
      await s3(first.endpoint).send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: trailBucketPolicy(BUCKET) }));
      const ct = new CloudTrailClient(clientConfig(first.endpoint));
      await ct.send(new CreateTrailCommand({ Name: 'restarted', S3BucketName: BUCKET }));
      await ct.send(new StartLoggingCommand({ Name: 'restarted' }));
      for (const name of ['before-1', 'before-2']) await iam(first.endpoint).send(new CreateUserCommand({ UserName: name }));
      await deliveredUsers(first.endpoint, ['before-1', 'before-2']);
    } finally {
      await first.stop();
    }
    const second = await start();
    try {
      await iam(second.endpoint).send(new CreateUserCommand({ UserName: 'after-1' }));
      await deliveredUsers(second.endpoint, ['after-1']);
      await iam(second.endpoint).send(new CreateUserCommand({ UserName: 'after-2' }));
      const records = await deliveredUsers(second.endpoint, ['after-2']);
      const ids = records.map((r) => r.eventID as string);
      assert.equal(new Set(ids).size, ids.length, 'no event is delivered twice');
      const users = records.filter((r) => r.eventName === 'CreateUser').map((r) => r.requestParameters.userName as string);
      assert.deepEqual(users.sort(), ['after-1', 'after-2', 'before-1', 'before-2']);
    } finally {
      await second.stop();
    }
  });
});
