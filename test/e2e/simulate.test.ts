import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateDetectorCommand, DeleteDetectorCommand, GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetAccountPasswordPolicyCommand, ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { runSimulation, TECHNIQUES, type SimulationReport, type TechniqueResult } from '../../src/simulate/index.js';
import { clientConfig, iam, ROOT } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * A full simulation against an in-process Bulwark: every technique runs to the end, GuardDuty
 * reports each one within the timeout, and the account afterwards holds what it held before
 * (no user, role, bucket, secret, parameter, trail, usable KMS key, password policy or
 * GuardDuty detector of the run left behind).
 */

/** Bulwark stores a finding within a second of the call; the rest is margin for a loaded machine. */
const TIMEOUT_SECONDS = 3;

/** What the account holds that a technique or the run creates. */
async function inventory(endpoint: string): Promise<Record<string, unknown>> {
  const config = clientConfig(endpoint, ROOT);
  const kms = new KMSClient(config);
  const usableKeys: string[] = [];
  for (const key of (await kms.send(new ListKeysCommand({}))).Keys ?? []) {
    const metadata = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    if (metadata.KeyState !== 'PendingDeletion' && metadata.KeyManager === 'CUSTOMER') usableKeys.push(metadata.KeyId!);
  }
  const passwordPolicy = await iam(endpoint)
    .send(new GetAccountPasswordPolicyCommand({}))
    .then((r) => r.PasswordPolicy, (err: Error) => err.name);
  const detectors = await new GuardDutyClient(config)
    .send(new ListDetectorsCommand({}))
    .then((r) => r.DetectorIds, (err: Error) => err.name);
  return {
    users: (await iam(endpoint).send(new ListUsersCommand({}))).Users?.map((u) => u.UserName),
    roles: (await iam(endpoint).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName),
    buckets: (await new S3Client({ ...config, forcePathStyle: true }).send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name),
    secrets: (await new SecretsManagerClient(config).send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList?.map((s) => s.Name),
    parameters: (await new SSMClient(config).send(new DescribeParametersCommand({}))).Parameters?.map((p) => p.Name),
    trails: (await new CloudTrailClient(config).send(new DescribeTrailsCommand({}))).trailList?.map((t) => t.Name),
    usableKeys,
    passwordPolicy,
    detectors,
  };
}

describe('bulwark simulate: every technique against a live Bulwark', () => {
  const bulwark = suiteServer();
  let before_: Record<string, unknown>;
  let report: SimulationReport;

  before(async () => {
    before_ = await inventory(bulwark.endpoint);
    report = await runSimulation({ endpoint: bulwark.endpoint, credentials: ROOT, timeoutSeconds: TIMEOUT_SECONDS });
  });

  test('every technique of the catalog ran to the end, in catalog order', () => {
    assert.ok(TECHNIQUES.length >= 20, `${TECHNIQUES.length} techniques`);
    assert.deepEqual(
      report.results.map((r) => r.technique),
      TECHNIQUES.map((t) => t.id),
    );
    for (const result of report.results) assert.equal(result.error, undefined, `${result.technique}: ${result.error}`);
  });

  test('cleanup left nothing behind: the account holds what it held before', async () => {
    for (const result of report.results) assert.deepEqual(result.cleanupErrors, [], result.technique);
    assert.deepEqual(report.cleanupErrors, []);
    assert.deepEqual(await inventory(bulwark.endpoint), before_);
  });

  test('GuardDuty findings were read', () => {
    assert.equal(report.unwatched, undefined);
  });

  test('every technique is detected within the timeout, with an expected finding type', () => {
    for (const result of report.results) assertDetected(result);
  });
});

function assertDetected(result: TechniqueResult): void {
  assert.ok(result.detected, `${result.technique} (saw ${result.findingTypes.join(', ') || 'nothing'})`);
  const expected = TECHNIQUES.find((t) => t.id === result.technique)!.expectedFindingTypes;
  assert.ok(result.findingTypes.some((type) => expected.includes(type)), result.technique);
  assert.ok(result.secondsToDetect! > 0 && result.secondsToDetect! <= TIMEOUT_SECONDS, `${result.technique}: ${result.secondsToDetect} s`);
}

describe('bulwark simulate: stopping a run', () => {
  const bulwark = suiteServer();

  test('an aborted run stops after the technique in progress, cleaned up', async () => {
    const before_ = await inventory(bulwark.endpoint);
    const stop = new AbortController();
    const report = await runSimulation({
      endpoint: bulwark.endpoint,
      credentials: ROOT,
      timeoutSeconds: 0,
      techniques: ['aws.defense-evasion.cloudtrail-stop', 'aws.persistence.iam-backdoor-user'],
      onResult: () => stop.abort(),
      signal: stop.signal,
    });
    assert.deepEqual(
      report.results.map((r) => r.technique),
      ['aws.defense-evasion.cloudtrail-stop'],
    );
    assert.equal(report.stopped, true);
    assert.deepEqual(await inventory(bulwark.endpoint), before_);
  });
});

describe('bulwark simulate: an existing detector without S3 Protection', () => {
  const bulwark = suiteServer();

  test('S3 Protection is on for the run (object-level techniques are detected) and off again after it', async () => {
    const guardDuty = new GuardDutyClient(clientConfig(bulwark.endpoint, ROOT));
    const detectorId = (await guardDuty.send(new CreateDetectorCommand({ Enable: true, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'DISABLED' }] }))).DetectorId!;
    const s3Protection = async () => (await guardDuty.send(new GetDetectorCommand({ DetectorId: detectorId }))).Features?.find((f) => f.Name === 'S3_DATA_EVENTS')?.Status;
    assert.equal(await s3Protection(), 'DISABLED');
    const report = await runSimulation({ endpoint: bulwark.endpoint, credentials: ROOT, timeoutSeconds: TIMEOUT_SECONDS, techniques: ['aws.impact.s3-ransomware-individual-deletion'] });
    assertDetected(report.results[0]!);
    assert.deepEqual(report.cleanupErrors, []);
    assert.equal(await s3Protection(), 'DISABLED');
    await guardDuty.send(new DeleteDetectorCommand({ DetectorId: detectorId }));
  });
});
