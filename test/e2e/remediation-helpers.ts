import assert from 'node:assert/strict';
import { CloudTrailClient, CreateTrailCommand, LookupEventsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { PutRuleCommand, PutTargetsCommand, type RuleState } from '@aws-sdk/client-eventbridge';
import { CreateDetectorCommand } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { Bulwark } from '../../src/app.js';
import type { DeadLetter } from '../../src/events/index.js';
import { clientConfig } from '../support/aws-clients.js';
import { events } from './events-helpers.js';
import { trailBucketPolicy } from '../support/trail-delivery.js';
import { guardduty, s3 } from './guardduty-helpers.js';
import { enabledHub } from './securityhub-helpers.js';

/**
 * What the remediation suites share: GuardDuty and Security Hub turned on, a rule whose targets
 * are remediation actions (no retries, a dead-letter queue per rule), waiting until the chain
 * CloudTrail → GuardDuty → Security Hub → EventBridge → remediation has run, and the CloudTrail
 * records of the calls remediation made.
 */
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export const remediationArn = (name: string, account = ACCOUNT): string => `arn:aws:bulwark:${REGION}:${account}:remediation/${name}`;
export const deadLetterQueue = (rule: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT}:${rule}-dlq`;

export async function enableDetection(endpoint: string): Promise<void> {
  await guardduty(endpoint).send(new CreateDetectorCommand({ Enable: true }));
  await enabledHub(endpoint);
}

/** A trail `name` logging to its own bucket `<name>-logs`; resolves the CloudTrail client. */
export async function loggingTrail(endpoint: string, name: string): Promise<CloudTrailClient> {
  const bucket = `${name}-logs`;
  await s3(endpoint).send(new CreateBucketCommand({ Bucket: bucket }));
  await s3(endpoint).send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: trailBucketPolicy(bucket) }));
  const cloudTrail = new CloudTrailClient(clientConfig(endpoint));
  await cloudTrail.send(new CreateTrailCommand({ Name: name, S3BucketName: bucket }));
  await cloudTrail.send(new StartLoggingCommand({ Name: name }));
  return cloudTrail;
}

export interface RuleSpec {
  name: string;
  pattern: object;
  actions: string[];
  roleArn?: string;
  state?: RuleState;
}

/** A rule on the default bus whose targets are the named remediation actions (tried once, then dead-lettered). */
export async function remediationRule(endpoint: string, spec: RuleSpec): Promise<void> {
  const client = events(endpoint);
  await client.send(new PutRuleCommand({ Name: spec.name, EventPattern: JSON.stringify(spec.pattern), State: spec.state }));
  const out = await client.send(
    new PutTargetsCommand({
      Rule: spec.name,
      Targets: spec.actions.map((action, i) => ({
        Id: `t${i}`,
        Arn: remediationArn(action),
        RoleArn: spec.roleArn,
        RetryPolicy: { MaximumRetryAttempts: 0 },
        DeadLetterConfig: { Arn: deadLetterQueue(spec.name) },
      })),
    }),
  );
  assert.equal(out.FailedEntryCount, 0, JSON.stringify(out.FailedEntries));
}

/** Waits until detection, imports and deliveries (and what they caused in turn) are done. */
export async function settle(bulwark: Bulwark): Promise<void> {
  for (let round = 0; round < 4; round++) {
    await bulwark.guardDuty!.flush();
    await bulwark.securityHubImports!.flush();
    await bulwark.eventBridge.flush();
  }
}

/** Polls `check` every 10 ms until it resolves a value other than undefined; fails after `ms`. */
export async function until<T>(check: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const deadLetters = (bulwark: Bulwark, rule: string): Promise<DeadLetter[]> => bulwark.eventBridge.deadLetters.read(deadLetterQueue(rule));

type Trail = Record<string, any>;

/** The CloudTrail records of `eventName` made by a remediation session (newest first). */
export async function remediationCalls(endpoint: string, eventName: string): Promise<Trail[]> {
  const page = await new CloudTrailClient(clientConfig(endpoint)).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }] }));
  return (page.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as Trail).filter((r) => /:assumed-role\/[^/]+\/bulwark-remediation-/.test(r.userIdentity?.arn ?? ''));
}

/** Asserts a call recorded as the role session of `action` (role BulwarkRemediationRole unless told). */
export function assertRemediationIdentity(record: Trail | undefined, action: string, role = 'BulwarkRemediationRole'): void {
  assert.ok(record, `no CloudTrail record of remediation/${action}`);
  const identity = record.userIdentity;
  assert.equal(identity.type, 'AssumedRole');
  assert.equal(identity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/bulwark-remediation-${action}`);
  assert.equal(identity.sessionContext.sessionIssuer.type, 'Role');
  assert.equal(identity.sessionContext.sessionIssuer.userName, role);
  assert.match(identity.accessKeyId, /^ASIA/);
  assert.match(record.userAgent, new RegExp(`bulwark-remediation/${action}`));
  assert.equal(record.errorCode, undefined, `${record.eventName} failed: ${record.errorCode} ${record.errorMessage}`);
}
