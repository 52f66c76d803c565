import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AddTagsToResourceCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, rejectsWith, ROOT, userWithKey, type Keys } from '../support/aws-clients.js';
import { spawnBulwark, type SpawnedBulwark } from '../support/server.js';

/**
 * The parameter cache under `bulwark start --workers 2`: every request opens a new connection,
 * which the primary hands to the workers in turn, so each write is followed by reads on both
 * workers — each must see the new value and the new tags at once.
 */
describe('SSM Parameter Store with --workers 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-ssm-workers-'));
  let server: SpawnedBulwark;
  let endpoint = '';
  const agent = new Agent({ keepAlive: false });
  const ssm = (keys: Keys = ROOT) => new SSMClient({ ...clientConfig(endpoint, keys), requestHandler: { httpAgent: agent } });

  before(async () => {
    server = await spawnBulwark(['--workers', '2', '--data-dir', dir]);
    endpoint = server.endpoint;
  });

  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each overwrite and each retagging is seen at once by both workers', async () => {
    const user = await userWithKey(endpoint, 'tag-reader', {
      policy: { name: 'p', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/open': 'yes' } } }] }) },
    });
    await ssm().send(new PutParameterCommand({ Name: '/w/p', Value: 'v0', Type: 'String', Tags: [{ Key: 'open', Value: 'yes' }] }));
    for (let i = 1; i <= 6; i++) {
      await ssm().send(new PutParameterCommand({ Name: '/w/p', Value: `v${i}`, Overwrite: true }));
      for (let read = 0; read < 4; read++) {
        assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/w/p' }))).Parameter!.Value, `v${i}`, `read ${read} after write ${i}`);
      }
    }
    await ssm().send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/w/p', Tags: [{ Key: 'open', Value: 'no' }] }));
    for (let read = 0; read < 4; read++) await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/w/p' })), 'AccessDeniedException', 400);
  });
});
