/**
 * What event history shows and filters on, read from one journal line: only management
 * events (AWS's event history leaves data events out). The user name is the IAM user's name,
 * `root`, or the session name of an assumed role or federated user; the resources are the
 * record's own plus those its parameters name (the user CreateUser made, the key Encrypt
 * used), as the CloudTrail console lists them.
 */

export interface HistoryFacts {
  account: string;
  region: string;
  time: number;
  eventId: string;
  eventName: string;
  eventSource: string;
  username?: string;
  accessKeyId?: string;
  readOnly: 'true' | 'false';
  resources: { type: string; name: string }[];
}

interface RecordShape {
  recipientAccountId?: string;
  awsRegion?: string;
  eventTime?: string;
  eventID?: string;
  eventName?: string;
  eventSource?: string;
  readOnly?: boolean;
  managementEvent?: boolean;
  userIdentity?: { type?: string; arn?: string; userName?: string; accessKeyId?: string; principalId?: string };
  requestParameters?: Record<string, unknown> | null;
  resources?: { type?: string; ARN?: string }[];
}

/** Parameters naming a resource, per event source: member → resource type. */
const NAMED_BY: Record<string, Record<string, string>> = {
  'iam.amazonaws.com': {
    userName: 'AWS::IAM::User',
    roleName: 'AWS::IAM::Role',
    groupName: 'AWS::IAM::Group',
    policyArn: 'AWS::IAM::Policy',
    instanceProfileName: 'AWS::IAM::InstanceProfile',
    accessKeyId: 'AWS::IAM::AccessKey',
  },
  'kms.amazonaws.com': { keyId: 'AWS::KMS::Key', aliasName: 'AWS::KMS::Alias' },
  's3.amazonaws.com': { bucketName: 'AWS::S3::Bucket' },
  'cloudtrail.amazonaws.com': { name: 'AWS::CloudTrail::Trail', trailName: 'AWS::CloudTrail::Trail' },
  'secretsmanager.amazonaws.com': { secretId: 'AWS::SecretsManager::Secret', name: 'AWS::SecretsManager::Secret' },
  'ssm.amazonaws.com': { name: 'AWS::SSM::Parameter' },
  'organizations.amazonaws.com': { accountId: 'AWS::Organizations::Account', policyId: 'AWS::Organizations::Policy' },
};

export function historyFacts(line: string): HistoryFacts | undefined {
  let record: RecordShape;
  try {
    record = JSON.parse(line) as RecordShape;
  } catch {
    return undefined;
  }
  if (record.managementEvent !== true || !record.recipientAccountId || !record.awsRegion || !record.eventID || !record.eventName || !record.eventSource) return undefined;
  const time = Date.parse(record.eventTime ?? '');
  if (!Number.isFinite(time)) return undefined;
  return {
    account: record.recipientAccountId,
    region: record.awsRegion,
    time,
    eventId: record.eventID,
    eventName: record.eventName,
    eventSource: record.eventSource,
    username: username(record.userIdentity),
    accessKeyId: record.userIdentity?.accessKeyId,
    readOnly: record.readOnly === true ? 'true' : 'false',
    resources: resources(record),
  };
}

function username(identity: RecordShape['userIdentity']): string | undefined {
  if (!identity) return undefined;
  if (identity.type === 'Root') return 'root';
  if (identity.userName) return identity.userName;
  if ((identity.type === 'AssumedRole' || identity.type === 'FederatedUser') && identity.arn) return identity.arn.slice(identity.arn.lastIndexOf('/') + 1);
  return undefined;
}

function resources(record: RecordShape): { type: string; name: string }[] {
  const out: { type: string; name: string }[] = [];
  const seen = new Set<string>();
  const add = (type: string, name: string) => {
    const key = `${type}\u0000${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, name });
  };
  const typed = new Set<string>();
  for (const r of record.resources ?? []) {
    if (!r.type || !r.ARN) continue;
    add(r.type, r.ARN);
    typed.add(r.type);
  }
  const named = NAMED_BY[record.eventSource ?? ''];
  const params = record.requestParameters;
  if (named && params) {
    for (const [member, type] of Object.entries(named)) {
      const value = params[member];
      // A resource the record names by ARN is not named again by the id the caller gave.
      if (typeof value === 'string' && value !== '' && !typed.has(type)) add(type, value);
    }
  }
  return out;
}
