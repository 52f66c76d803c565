/**
 * Which attack tactic a call serves, for the behavioural baseline (anomalous-behavior.ts). The
 * lists follow the families GuardDuty's *:IAMUser/AnomalousBehavior findings describe and the
 * examples it names for each; Discovery is every List/Describe/Get call not listed elsewhere.
 * Lambda's versioned event names (`UpdateFunctionCode20150331v2`) count as their operation.
 */
export const TACTICS = ['CredentialAccess', 'DefenseEvasion', 'Discovery', 'Exfiltration', 'Impact', 'InitialAccess', 'Persistence', 'PrivilegeEscalation'] as const;
export type Tactic = (typeof TACTICS)[number];

const CALLS_BY_TACTIC: Record<Exclude<Tactic, 'Discovery'>, readonly string[]> = {
  CredentialAccess: ['GetPasswordData', 'GetSecretValue', 'BatchGetSecretValue', 'GenerateDbAuthToken'],
  DefenseEvasion: [
    'StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'DeleteFlowLogs', 'DisableAlarmActions', 'DeleteDetector',
    'UpdateDetector', 'DeleteResolverQueryLogConfig', 'StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel',
    'DeleteConfigRule', 'DisableSecurityHub', 'DeleteLogGroup', 'DeleteLogStream', 'DeleteModelInvocationLoggingConfiguration',
    'PutBucketLogging', 'LeaveOrganization',
  ],
  Exfiltration: [
    'PutBucketReplication', 'CreateSnapshot', 'CreateSnapshots', 'CopySnapshot', 'ModifySnapshotAttribute', 'ModifyImageAttribute',
    'CreateImage', 'CopyImage', 'CreateDBSnapshot', 'CreateDBClusterSnapshot', 'CopyDBSnapshot', 'ModifyDBSnapshotAttribute',
    'ModifyDBClusterSnapshotAttribute', 'RestoreDBInstanceFromDBSnapshot', 'RestoreDBClusterFromSnapshot', 'StartExportTask',
  ],
  Impact: [
    'DeleteSecurityGroup', 'UpdateUser', 'PutBucketPolicy', 'DeleteBucket', 'DeleteBucketPolicy', 'PutBucketLifecycle',
    'PutBucketLifecycleConfiguration', 'TerminateInstances', 'DeleteDBInstance', 'DeleteDBCluster', 'ScheduleKeyDeletion', 'DisableKey',
    'DeleteSecret', 'DeleteVolume', 'DeleteSnapshot', 'DeregisterImage', 'DeleteFunction', 'DeleteTable',
  ],
  InitialAccess: ['StartSession', 'GetAuthorizationToken', 'GetSessionToken', 'GetFederationToken', 'GetSigninToken', 'ConsoleLogin'],
  Persistence: [
    'CreateAccessKey', 'ImportKeyPair', 'CreateKeyPair', 'ModifyInstanceAttribute', 'CreateUser', 'CreateLoginProfile', 'UpdateLoginProfile',
    'CreateRole', 'UpdateAssumeRolePolicy', 'UploadSSHPublicKey', 'CreateServiceSpecificCredential', 'AuthorizeSecurityGroupIngress',
    'CreateFunction', 'UpdateFunctionCode', 'UpdateFunctionConfiguration', 'AddPermission', 'CreateFunctionUrlConfig', 'CreateTrustAnchor',
    'SendSSHPublicKey', 'SendSerialConsoleSSHPublicKey',
  ],
  PrivilegeEscalation: [
    'AssociateIamInstanceProfile', 'ReplaceIamInstanceProfileAssociation', 'AddUserToGroup', 'PutUserPolicy', 'PutRolePolicy',
    'PutGroupPolicy', 'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion',
    'UpdateRole', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary', 'DeleteUserPermissionsBoundary',
  ],
};

const LISTED = new Map<string, Tactic>();
for (const [tactic, calls] of Object.entries(CALLS_BY_TACTIC) as [Tactic, readonly string[]][]) for (const call of calls) LISTED.set(call, tactic);

const LAMBDA_VERSION = /20\d{6}(?:v\d+)?$/;

function resolve(eventName: string): Tactic | null {
  const listed = LISTED.get(eventName) ?? LISTED.get(eventName.replace(LAMBDA_VERSION, ''));
  if (listed) return listed;
  if (eventName.startsWith('List') || eventName.startsWith('Describe') || eventName.startsWith('Get')) return 'Discovery';
  return null;
}

/** Resolved tactics per event name (event names are few; the cache is bounded anyway). */
const resolved = new Map<string, Tactic | null>();
const NAMES_KEPT = 20_000;

/** The tactic a call serves, null for none. */
export function tacticOf(eventName: string): Tactic | null {
  let tactic = resolved.get(eventName);
  if (tactic === undefined) {
    tactic = resolve(eventName);
    if (resolved.size >= NAMES_KEPT) resolved.clear();
    resolved.set(eventName, tactic);
  }
  return tactic;
}
