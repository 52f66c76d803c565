import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetTrailStatusCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, PutBucketAclCommand, PutBucketOwnershipControlsCommand, PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetFindingsCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { suiteServer } from '../support/server.js';
import { s3 } from './guardduty-helpers.js';
import { deadLetters, enableDetection, loggingTrail, remediationCalls, remediationRule, settle, until } from './remediation-helpers.js';
import { securityhub } from './securityhub-helpers.js';

/**
 * The automated-response loop of issue #9, end to end with the SDK v3 and nothing but
 * Bulwark's APIs: a bucket made public → CloudTrail → GuardDuty (Policy:S3/…) → Security Hub
 * (ASFF, "Security Hub Findings - Imported") → an EventBridge rule → Block Public Access
 * re-applied, the public policy statement removed, the finding RESOLVED; and StopLogging →
 * "AWS API Call via CloudTrail" → logging restarted. Each must complete within 5 s; the
 * durations are printed (TAP diagnostics).
 */
const BUDGET_MS = 5_000;

const PUBLIC_BUCKET_PATTERN = {
  source: ['aws.securityhub'],
  'detail-type': ['Security Hub Findings - Imported'],
  detail: { findings: { Types: [{ suffix: 'Policy:S3-BucketAnonymousAccessGranted' }, { suffix: 'Policy:S3-BucketPublicAccessGranted' }] } },
};

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** Whether Block Public Access is on for the bucket and its public-access finding is RESOLVED; the finding when so. */
async function remediated(client: S3Client, hub: SecurityHubClient, bucket: string, type: string) {
  const block = await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })).then((o) => o.PublicAccessBlockConfiguration, () => undefined);
  if (JSON.stringify(block) !== JSON.stringify(ALL_ON)) return undefined;
  const filters = { ResourceId: [{ Value: `arn:aws:s3:::${bucket}`, Comparison: 'EQUALS' as const }], Type: [{ Value: type, Comparison: 'PREFIX' as const }] };
  const [finding] = (await hub.send(new GetFindingsCommand({ Filters: filters }))).Findings ?? [];
  return finding?.Workflow?.Status === 'RESOLVED' ? finding : undefined;
}

describe('the automated-response loop', () => {
  const bulwark = suiteServer();

  test('a bucket made public (Principal "*" policy) is closed again and its finding resolved, within 5 s', async (t) => {
    await enableDetection(bulwark.endpoint);
    await remediationRule(bulwark.endpoint, { name: 'public-buckets', pattern: PUBLIC_BUCKET_PATTERN, actions: ['s3-block-public-access', 's3-remove-public-policy-statements', 'securityhub-resolve-finding'] });
    const client = s3(bulwark.endpoint);
    const hub = securityhub(bulwark.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'loop-policy' }));

    const started = performance.now();
    await client.send(new DeletePublicAccessBlockCommand({ Bucket: 'loop-policy' }));
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::loop-policy/*' }] };
    await client.send(new PutBucketPolicyCommand({ Bucket: 'loop-policy', Policy: JSON.stringify(policy) }));
    const finding = await until(() => remediated(client, hub, 'loop-policy', 'TTPs/Policy:S3-BucketAnonymousAccessGranted'), BUDGET_MS);
    const elapsed = performance.now() - started;
    t.diagnostic(`public policy → Block Public Access on and finding RESOLVED: ${elapsed.toFixed(0)} ms`);
    assert.ok(elapsed < BUDGET_MS, `${elapsed} ms`);

    assert.equal(finding.ProductName, 'GuardDuty');
    await settle(bulwark);
    await assert.rejects(client.send(new GetBucketPolicyCommand({ Bucket: 'loop-policy' })), { name: 'NoSuchBucketPolicy' });
    // The chain ends: the update the resolution causes is an Imported event whose finding is RESOLVED already.
    const updates = (await remediationCalls(bulwark.endpoint, 'BatchUpdateFindings')).filter((r) => r.requestParameters?.findingIdentifiers?.[0]?.id === finding.Id);
    assert.equal(updates.length, 1);
    assert.deepEqual(await deadLetters(bulwark, 'public-buckets'), []);
  });

  test('a bucket opened to every AWS account (authenticated-read ACL) is closed again within 5 s', async (t) => {
    const client = s3(bulwark.endpoint);
    const hub = securityhub(bulwark.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'loop-acl' }));
    await client.send(new PutBucketOwnershipControlsCommand({ Bucket: 'loop-acl', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));

    const started = performance.now();
    await client.send(new DeletePublicAccessBlockCommand({ Bucket: 'loop-acl' }));
    await client.send(new PutBucketAclCommand({ Bucket: 'loop-acl', ACL: 'authenticated-read' }));
    await until(() => remediated(client, hub, 'loop-acl', 'TTPs/Policy:S3-BucketPublicAccessGranted'), BUDGET_MS);
    const elapsed = performance.now() - started;
    t.diagnostic(`authenticated-read ACL → Block Public Access on and finding RESOLVED: ${elapsed.toFixed(0)} ms`);
    assert.ok(elapsed < BUDGET_MS, `${elapsed} ms`);
    await settle(bulwark);
    assert.deepEqual(await deadLetters(bulwark, 'public-buckets'), []);
  });

  test('StopLogging → the trail logs again within 5 s', async (t) => {
    const cloudTrail = await loggingTrail(bulwark.endpoint, 'loop-trail');
    await remediationRule(bulwark.endpoint, {
      name: 'logging-stopped',
      pattern: { source: ['aws.cloudtrail'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['StopLogging'] } },
      actions: ['cloudtrail-start-logging'],
    });

    const started = performance.now();
    await cloudTrail.send(new StopLoggingCommand({ Name: 'loop-trail' }));
    await until(async () => ((await cloudTrail.send(new GetTrailStatusCommand({ Name: 'loop-trail' }))).IsLogging ? true : undefined), BUDGET_MS);
    const elapsed = performance.now() - started;
    t.diagnostic(`StopLogging → logging again: ${elapsed.toFixed(0)} ms`);
    assert.ok(elapsed < BUDGET_MS, `${elapsed} ms`);
    await settle(bulwark);
    assert.deepEqual(await deadLetters(bulwark, 'logging-stopped'), []);
  });
});
