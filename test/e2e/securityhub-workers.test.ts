import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BatchImportFindingsCommand, BatchUpdateFindingsCommand, EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { clientConfig } from '../support/aws-clients.js';
import { spawnBulwark, type SpawnedBulwark } from '../support/server.js';
import { asff, defaultProduct } from './securityhub-helpers.js';

/**
 * The in-memory finding indexes under `bulwark start --workers 2`: every request opens a new
 * connection, which the primary hands to the workers in turn, so each import or update is
 * followed by queries on both workers — each must see it at once.
 */
describe('Security Hub with --workers 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-securityhub-workers-'));
  let server: SpawnedBulwark;
  const agent = new Agent({ keepAlive: false });
  let sh: SecurityHubClient;

  before(async () => {
    server = await spawnBulwark(['--workers', '2', '--data-dir', dir, '--cloudtrail=false']);
    sh = new SecurityHubClient({ ...clientConfig(server.endpoint), requestHandler: { httpAgent: agent } });
  });

  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each import and each update is seen at once by both workers', async () => {
    await sh.send(new EnableSecurityHubCommand({}));
    for (let i = 1; i <= 5; i++) {
      await sh.send(new BatchImportFindingsCommand({ Findings: [asff(`w${i}`)] }));
      for (let read = 0; read < 4; read++) {
        assert.equal((await sh.send(new GetFindingsCommand({}))).Findings!.length, i, `read ${read} after import ${i}`);
      }
      await sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: `w${i}`, ProductArn: defaultProduct() }], Workflow: { Status: 'RESOLVED' } }));
      for (let read = 0; read < 4; read++) {
        const resolved = await sh.send(new GetFindingsCommand({ Filters: { WorkflowStatus: [{ Value: 'RESOLVED', Comparison: 'EQUALS' }] } }));
        assert.equal(resolved.Findings!.length, i, `read ${read} after update ${i}`);
      }
    }
  });
});
