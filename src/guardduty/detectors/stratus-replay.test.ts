/**
 * Replays the CloudTrail records of every Stratus Red Team detonation in ../shared through a
 * DetectionEngine with all built-in detectors, each technique on its own, and checks which
 * finding types (with their highest severity) each technique raises. docs/DETECTIONS.md has the
 * same table and the techniques without logs.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from '../../models/paths.js';
import type { TrailRecord } from '../trail-event.js';
import { createDetectors } from './index.js';
import { detect } from './testing/trail-records.js';

const LOGS = new URL('../shared/data/stratus/detonation-logs/', packageRoot);

const EXPECTED: Record<string, Record<string, number>> = {
  'aws.credential-access.ec2-get-password-data': { 'CredentialAccess:EC2/UnsecuredCredentials': 2 },
  'aws.credential-access.ec2-steal-instance-credentials': { 'Execution:SSM/CloudAdministrationCommand': 2 },
  'aws.credential-access.secretsmanager-batch-retrieve-secrets': { 'CredentialAccess:SecretsManager/CloudSecretsManagementStores': 5 },
  'aws.credential-access.secretsmanager-retrieve-secrets': { 'CredentialAccess:SecretsManager/CloudSecretsManagementStores': 5 },
  'aws.credential-access.ssm-retrieve-securestring-parameters': { 'CredentialAccess:SSM/CloudSecretsManagementStores': 5 },
  'aws.defense-evasion.cloudtrail-delete': { 'Stealth:IAMUser/CloudTrailLoggingDisabled': 2 },
  'aws.defense-evasion.cloudtrail-event-selectors': { 'Stealth:IAMUser/CloudTrailLoggingDisabled': 2 },
  'aws.defense-evasion.cloudtrail-stop': { 'Stealth:IAMUser/CloudTrailLoggingDisabled': 2 },
  'aws.defense-evasion.dns-delete-logs': { 'DefenseImpairment:Route53Resolver/DisableOrModifyTools': 5 },
  'aws.defense-evasion.organizations-leave': { 'DefenseImpairment:Organizations/ModifyCloudResourceHierarchy': 5 },
  'aws.defense-evasion.vpc-remove-flow-logs': { 'DefenseImpairment:EC2/DisableOrModifyTools': 5 },
  'aws.discovery.ec2-download-user-data': { 'CredentialAccess:EC2/UnsecuredCredentials': 2 },
  'aws.execution.ec2-launch-unusual-instances': { 'Impact:EC2/ResourceHijacking': 2 },
  'aws.execution.ec2-user-data': { 'Persistence:EC2/BootOrLogonInitializationScripts': 5 },
  'aws.execution.ssm-send-command': { 'Execution:SSM/CloudAdministrationCommand': 2 },
  'aws.execution.ssm-start-session': { 'Execution:SSM/CloudAdministrationCommand': 2 },
  'aws.exfiltration.ec2-security-group-open-port-22-ingress': { 'Persistence:EC2/ExternalRemoteServices': 5 },
  'aws.exfiltration.ec2-share-ami': { 'Exfiltration:EC2/TransferDataToCloudAccount': 5 },
  'aws.exfiltration.ec2-share-ebs-snapshot': { 'Exfiltration:EC2/TransferDataToCloudAccount': 5 },
  'aws.exfiltration.rds-share-snapshot': { 'Exfiltration:RDS/TransferDataToCloudAccount': 5 },
  'aws.impact.bedrock-invoke-model': { 'Impact:Bedrock/ResourceHijacking': 5 },
  'aws.initial-access.console-login-without-mfa': { 'InitialAccess:IAM/ValidAccounts': 5 },
  'aws.lateral-movement.ec2-instance-connect': { 'LateralMovement:EC2/RemoteServices': 5 },
  'aws.lateral-movement.ec2-serial-console-send-ssh-public-key': { 'LateralMovement:EC2/RemoteServices': 5 },
  'aws.persistence.iam-backdoor-role': { 'Persistence:IAM/AccountManipulation': 5 },
  'aws.persistence.iam-backdoor-user': { 'Persistence:IAM/AccountManipulation': 2 },
  'aws.persistence.iam-create-admin-user': { 'PrivilegeEscalation:IAM/AccountManipulation': 5, 'Persistence:IAM/AccountManipulation': 2 },
  'aws.persistence.iam-create-backdoor-role': { 'PrivilegeEscalation:IAM/AccountManipulation': 5, 'Persistence:IAM/AccountManipulation': 5 },
  'aws.persistence.iam-create-user-login-profile': { 'Persistence:IAM/AccountManipulation': 5 },
  'aws.persistence.lambda-backdoor-function': { 'Persistence:Lambda/AccountManipulation': 8 },
  'aws.persistence.lambda-layer-extension': { 'Persistence:Lambda/FunctionCodeModified': 2 },
  'aws.persistence.lambda-overwrite-code': { 'Persistence:Lambda/FunctionCodeModified': 2 },
  'aws.persistence.rolesanywhere-create-trust-anchor': { 'Persistence:RolesAnywhere/AccountManipulation': 5 },
  'aws.persistence.sts-federation-token': { 'Persistence:STS/AccountManipulation': 2 },
  'aws.privilege-escalation.iam-update-user-login-profile': { 'Persistence:IAM/AccountManipulation': 5 },
};

/** A detonation's records (an array or `{"Records": [...]}`) in time order. */
function recordsOf(file: URL): TrailRecord[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as TrailRecord[] | { Records: TrailRecord[] };
  const records = Array.isArray(parsed) ? parsed : parsed.Records;
  return records.slice().sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
}

/** Each finding type a technique raises, with its highest severity. */
function typesRaised(records: TrailRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const detection of detect(createDetectors(), records)) out[detection.type] = Math.max(out[detection.type] ?? 0, detection.severity);
  return out;
}

const present = existsSync(LOGS);

test('Stratus Red Team detonations (../shared/data/stratus/detonation-logs)', { skip: present ? false : `absent: ${LOGS.pathname}` }, async (t) => {
  const techniques = readdirSync(LOGS).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort();
  assert.deepEqual(techniques, Object.keys(EXPECTED).sort(), 'every detonation log has an expectation, and every expectation a log');
  for (const technique of techniques) {
    await t.test(technique, () => {
      assert.deepEqual(typesRaised(recordsOf(new URL(`${technique}.json`, LOGS))), EXPECTED[technique]);
    });
  }
});
