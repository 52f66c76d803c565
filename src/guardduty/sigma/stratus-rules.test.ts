/**
 * The example rules of test/fixtures/sigma/ run through a DetectionEngine over the CloudTrail
 * records Stratus Red Team detonations left (../shared/data/stratus/detonation-logs/): each
 * technique raises the findings its rules describe, and nothing else.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { packageRoot } from '../../models/paths.js';
import type { Detection } from '../detection.js';
import { DetectionEngine } from '../engine.js';
import { eventFromRecord, type TrailRecord } from '../trail-event.js';
import { loadDetectionRules } from './load.js';

const fixtures = fileURLToPath(new URL('test/fixtures/sigma/', packageRoot));
const logs = new URL('../shared/data/stratus/detonation-logs/', packageRoot);
const present = existsSync(logs);

/** Findings (type → detections) each detonation raises; a technique not listed raises none. */
const EXPECTED: Record<string, Record<string, number>> = {
  'aws.credential-access.secretsmanager-batch-retrieve-secrets': { 'Custom:IAMUser/SecretsManagerSecretValuesRead': 5 },
  'aws.credential-access.secretsmanager-retrieve-secrets': { 'Custom:IAMUser/SecretsManagerSecretValuesRead': 20 },
  'aws.defense-evasion.cloudtrail-delete': { 'Stealth:IAMUser/CloudTrailLoggingDisabled': 1 },
  'aws.defense-evasion.cloudtrail-event-selectors': { 'Stealth:IAMUser/CloudTrailLoggingDisabled': 1 },
  'aws.defense-evasion.cloudtrail-stop': { 'Stealth:IAMUser/CloudTrailLoggingDisabled': 1, 'Custom:IAMUser/CallFromAWatchedNetwork': 1 },
  'aws.defense-evasion.dns-delete-logs': { 'Custom:IAMUser/Route53ResolverQueryLoggingDeleted': 1 },
  'aws.defense-evasion.organizations-leave': { 'Custom:IAMUser/DeniedAttemptToLeaveTheOrganization': 1 },
  'aws.defense-evasion.vpc-remove-flow-logs': { 'Custom:IAMUser/VPCFlowLogsDeleted': 1 },
  'aws.exfiltration.ec2-security-group-open-port-22-ingress': { 'Custom:IAMUser/SSHOpenedToTheInternet': 1 },
  'aws.exfiltration.ec2-share-ami': { 'Custom:IAMUser/SnapshotOrImageSharedWithAnotherAccount': 1 },
  'aws.exfiltration.ec2-share-ebs-snapshot': { 'Custom:IAMUser/SnapshotOrImageSharedWithAnotherAccount': 1 },
  'aws.exfiltration.rds-share-snapshot': { 'Custom:IAMUser/SnapshotOrImageSharedWithAnotherAccount': 1 },
  'aws.initial-access.console-login-without-mfa': { 'Custom:IAMUser/ConsoleLoginWithoutMFA': 1 },
  'aws.persistence.iam-backdoor-role': { 'Custom:IAMUser/KnownBackdoorPrincipalNames': 1 },
  'aws.persistence.iam-create-admin-user': { 'Custom:IAMUser/KnownBackdoorPrincipalNames': 3, 'Custom:IAMUser/AdministratorAccessAttachedToAnIAMPrincipal': 1 },
  'aws.persistence.iam-create-backdoor-role': { 'Custom:IAMUser/AdministratorAccessAttachedToAnIAMPrincipal': 1 },
  'aws.persistence.lambda-backdoor-function': { 'Custom:IAMUser/LambdaFunctionInvocableByAnyone': 1 },
  'aws.persistence.lambda-layer-extension': { 'Custom:IAMUser/LambdaFunctionCodeOrConfigurationChanged': 1 },
  'aws.persistence.lambda-overwrite-code': { 'Custom:IAMUser/LambdaFunctionCodeOrConfigurationChanged': 1 },
  'aws.persistence.sts-federation-token': { 'Custom:IAMUser/FederationTokenWithAnAllowAllPolicy': 1 },
};

test('the fixture rules load, each with its finding type and dispatch', async () => {
  const detectors = await loadDetectionRules(fixtures);
  assert.equal(detectors.length, 16);
  const byType = new Map(detectors.map((d) => [d.findingTypes[0], d]));
  assert.deepEqual(byType.get('Stealth:IAMUser/CloudTrailLoggingDisabled')?.eventNames, ['DeleteTrail', 'PutEventSelectors', 'StopLogging', 'UpdateTrail']);
  assert.deepEqual(byType.get('Custom:IAMUser/SnapshotOrImageSharedWithAnotherAccount')?.eventNames, ['ModifyDBSnapshotAttribute', 'ModifyImageAttribute', 'ModifySnapshotAttribute']);
  assert.equal(byType.get('Custom:IAMUser/KnownBackdoorPrincipalNames')?.eventNames, undefined);
  assert.equal(byType.get('Custom:IAMUser/LambdaFunctionCodeOrConfigurationChanged')?.eventNames, undefined);
});

test('Stratus Red Team detonations raise the fixture rules’ findings (../shared/data/stratus/detonation-logs)', { skip: present ? false : `absent: ${fileURLToPath(logs)}` }, async (t) => {
  const detectors = await loadDetectionRules(fixtures);
  const files = readdirSync(logs).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 30, `only ${files.length} detonation logs`);
  const fired = new Set<string>();
  for (const file of files) {
    const technique = file.replace(/\.json$/, '');
    await t.test(technique, () => {
      const found: Detection[] = [];
      const engine = new DetectionEngine({ detectors, onDetection: (d) => found.push(d) });
      for (const record of JSON.parse(readFileSync(new URL(file, logs), 'utf8')) as TrailRecord[]) engine.inspect(eventFromRecord(record));
      const counts: Record<string, number> = {};
      for (const d of found) {
        counts[d.type] = (counts[d.type] ?? 0) + 1;
        fired.add(d.type);
      }
      assert.deepEqual(counts, EXPECTED[technique] ?? {});
    });
  }
  const silent = detectors.map((d) => d.findingTypes[0]).filter((type) => !fired.has(type)).sort();
  assert.deepEqual(silent, ['Custom:IAMUser/GuardDutyDetectorDeleted', 'Custom:IAMUser/RootAccountUsed']);
});
