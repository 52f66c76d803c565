import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
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
 * reports each one its detectors cover within the timeout, and the account afterwards holds
 * what it held before (no user, role, bucket, secret, parameter, trail, usable KMS key,
 * password policy or GuardDuty detector of the run left behind).
 */

/** Bulwark stores a finding within a second of the call; the rest is margin for a loaded machine. */
const TIMEOUT_SECONDS = 3;

/**
 * The techniques no built-in detector reports yet, and why. They run and clean up like the
 * others; the catalog still names the types GuardDuty would raise.
 */
const NOT_DETECTED_YET: Record<string, string> = {
  'aws.defense-evasion.cloudtrail-lifecycle-rule': 'CloudTrail records of S3 calls hold no request body, so the lifecycle rule is not seen',
  'aws.exfiltration.s3-backdoor-bucket-policy': 'CloudTrail records of S3 calls hold no request body, so the bucket policy is not seen',
  'aws.impact.s3-ransomware-batch-deletion': 'no detector reads S3 data events',
  'aws.impact.s3-ransomware-client-side-encryption': 'no detector reads S3 data events',
  'aws.impact.s3-ransomware-individual-deletion': 'no detector reads S3 data events',
  'aws.impact.kms-schedule-key-deletion': 'KMS calls are only in the behavioural baseline, which a new principal has not completed',
  'aws.persistence.kms-key-policy-backdoor': 'no detector looks at key policies',
};

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

  test('every technique the detectors cover is detected within the timeout, with an expected finding type', () => {
    const missed = report.results.filter((r) => !r.detected).map((r) => r.technique);
    assert.deepEqual(missed, Object.keys(NOT_DETECTED_YET));
    for (const result of report.results.filter((r) => r.detected)) assertDetected(result);
  });

  test('every technique is detected within the timeout', { skip: `${Object.keys(NOT_DETECTED_YET).length} techniques are not detected yet (NOT_DETECTED_YET says why)` }, () => {
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
