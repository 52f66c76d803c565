/**
 * S3 and RDS: Block Public Access turned off, server access logging turned off, buckets opened
 * to everyone or to other accounts by policy or ACL, lifecycle rules that expire everything,
 * database snapshots shared out.
 */
import { SEVERITY, type AffectedBucket } from '../../detection.js';
import { recipientAccount, type TrailEvent } from '../../trail-event.js';
import { DAY, eventMillis } from '../support/event-time.js';
import { grantsOf, policyDocument, type PolicyGrants } from '../support/policy-grants.js';
import { fieldsOf, isTrue, itemsOf, member, requestParameters, textOf, textsOf, type Fields } from '../support/record-fields.js';
import type { SignalMatch, SignalRule } from './signal-rule.js';

const S3 = 's3.amazonaws.com';
const BLOCK_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
const ALL_USERS = 'acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'acs.amazonaws.com/groups/global/AuthenticatedUsers';
const GRANT_HEADERS = ['x-amz-grant-read', 'x-amz-grant-write', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp', 'x-amz-grant-full-control', 'GrantRead', 'GrantWrite', 'GrantReadACP', 'GrantWriteACP', 'GrantFullControl'];

function bucketName(parameters: Fields): string {
  return textOf(member(parameters, 'BucketName')) || textOf(member(parameters, 'Bucket'));
}

/** The Block Public Access settings a call leaves (all false when the configuration is deleted). */
function blockSettings(event: TrailEvent): Record<string, boolean> {
  const configuration = fieldsOf(member(requestParameters(event), 'PublicAccessBlockConfiguration'));
  const settings: Record<string, boolean> = {};
  const deleted = event.eventName.startsWith('Delete');
  for (const name of BLOCK_SETTINGS) settings[name] = !deleted && isTrue(member(configuration, name));
  return settings;
}

function relaxed(settings: Record<string, boolean>): boolean {
  return BLOCK_SETTINGS.some((name) => !settings[name]);
}

/**
 * Bucket-level Block Public Access relaxed. Bulwark's own records name the bucket-level call by
 * its API operation (`PutPublicAccessBlock`, with a bucket), AWS's by `PutBucketPublicAccessBlock`.
 */
function bucketBlockRelaxed(event: TrailEvent): SignalMatch | undefined {
  const bucket = bucketName(requestParameters(event));
  if (!bucket) return undefined;
  const settings = blockSettings(event);
  if (!relaxed(settings)) return undefined;
  const details = { PublicAccess: { PermissionConfiguration: { BucketLevelPermissions: { BlockPublicAccess: settings } } } };
  return { buckets: [{ name: bucket, details }], discriminator: bucket, details: { blockPublicAccess: settings } };
}

function accountBlockRelaxed(event: TrailEvent): SignalMatch | undefined {
  if (bucketName(requestParameters(event))) return undefined;
  const settings = blockSettings(event);
  return relaxed(settings) ? { details: { blockPublicAccess: settings } } : undefined;
}

function accessLoggingDisabled(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const status = fieldsOf(member(parameters, 'BucketLoggingStatus'));
  if (member(status, 'LoggingEnabled') !== undefined) return undefined;
  const bucket = bucketName(parameters);
  return { buckets: [{ name: bucket }], discriminator: bucket };
}

/** Who the bucket policy of a PutBucketPolicy lets in (AWS records it as an object, Bulwark as the JSON text). */
function bucketPolicyGrants(event: TrailEvent): PolicyGrants | undefined {
  const parameters = requestParameters(event);
  const document = policyDocument(member(parameters, 'BucketPolicy')) ?? policyDocument(member(parameters, 'Policy'));
  return document ? grantsOf(document, recipientAccount(event)) : undefined;
}

type AclAudience = 'anonymous' | 'authenticated' | undefined;

/** Whom an ACL (canned, grant headers or an AccessControlPolicy) opens the bucket to. */
function aclAudience(parameters: Fields): AclAudience {
  const texts: string[] = [];
  texts.push(...textsOf(parameters['x-amz-acl']), ...textsOf(member(parameters, 'ACL')));
  for (const header of GRANT_HEADERS) texts.push(...textsOf(member(parameters, header)));
  const policy = fieldsOf(member(parameters, 'AccessControlPolicy'));
  const grants = [...itemsOf(member(fieldsOf(member(policy, 'AccessControlList')), 'Grant')), ...itemsOf(member(policy, 'Grants'))];
  for (const grant of grants) texts.push(textOf(member(fieldsOf(member(fieldsOf(grant), 'Grantee')), 'URI')));
  if (texts.some((t) => t === 'public-read' || t === 'public-read-write' || t.includes(ALL_USERS))) return 'anonymous';
  if (texts.some((t) => t === 'authenticated-read' || t.includes(AUTHENTICATED_USERS))) return 'authenticated';
  return undefined;
}

function bucketOf(event: TrailEvent, details: Record<string, unknown>): SignalMatch {
  const bucket = bucketName(requestParameters(event));
  const affected: AffectedBucket = { name: bucket, details: { PublicAccess: { EffectivePermission: 'PUBLIC' } } };
  return { buckets: [affected], discriminator: bucket, details };
}

function openedTo(audience: 'anonymous' | 'authenticated', event: TrailEvent): SignalMatch | undefined {
  if (event.eventName === 'PutBucketPolicy') {
    return audience === 'anonymous' && bucketPolicyGrants(event)?.public ? bucketOf(event, { grantedBy: 'bucket policy' }) : undefined;
  }
  return aclAudience(requestParameters(event)) === audience ? bucketOf(event, { grantedBy: 'ACL' }) : undefined;
}

function policyOutsideAccount(event: TrailEvent): SignalMatch | undefined {
  const grants = bucketPolicyGrants(event);
  if (!grants || (!grants.public && grants.externalAccounts.length === 0)) return undefined;
  const bucket = bucketName(requestParameters(event));
  return { hostile: grants.public, buckets: [{ name: bucket }], discriminator: bucket, details: { public: grants.public, externalAccounts: grants.externalAccounts } };
}

/** An expiration one day after creation or sooner, or on a date less than a day after the call (everything at once). */
function expiresWithinADay(expiration: Fields, eventTime: number): boolean {
  if (Number(member(expiration, 'Days')) <= 1) return true;
  const date = Date.parse(textOf(member(expiration, 'Date')));
  return date - eventTime <= DAY;
}

/** A lifecycle rule, enabled, expiring objects within a day. */
function rapidExpiration(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const configuration = fieldsOf(member(parameters, 'LifecycleConfiguration'));
  const rules = [...itemsOf(member(configuration, 'Rule')), ...itemsOf(member(configuration, 'Rules'))].map(fieldsOf);
  const time = eventMillis(event);
  const expiring = rules.find((rule) => member(rule, 'Status') === 'Enabled' && expiresWithinADay(fieldsOf(member(rule, 'Expiration')), time));
  if (!expiring) return undefined;
  const bucket = bucketName(parameters);
  return { buckets: [{ name: bucket }], discriminator: bucket, details: { ruleId: member(expiring, 'ID') } };
}

function dbSnapshotShared(event: TrailEvent, wanted: 'public' | 'accounts'): SignalMatch | undefined {
  const parameters = requestParameters(event);
  if (member(parameters, 'AttributeName') !== 'restore') return undefined;
  const added = textsOf(member(parameters, 'ValuesToAdd'));
  const snapshot = member(parameters, 'DBSnapshotIdentifier') ?? member(parameters, 'DBClusterSnapshotIdentifier');
  if (wanted === 'public') return added.includes('all') ? { details: { snapshot } } : undefined;
  const owner = recipientAccount(event);
  const external = added.filter((a) => a !== 'all' && a !== owner);
  return external.length > 0 ? { details: { snapshot, externalAccounts: external } } : undefined;
}

const BUCKET_POLICY_OR_ACL = ['PutBucketPolicy', 'PutBucketAcl', 'CreateBucket'];
const DB_SNAPSHOT_ATTRIBUTE = ['ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'];

export const STORAGE_RULES: readonly SignalRule[] = [
  {
    signal: 'BucketBlockPublicAccessDisabled',
    definedBy: 'GuardDuty',
    type: 'Policy:S3/BucketBlockPublicAccessDisabled',
    source: S3,
    eventNames: ['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock'],
    severity: SEVERITY.LOW,
    title: 'S3 Block Public Access was disabled for a bucket.',
    description: "The bucket's policies and ACLs alone now decide whether it is public; audit them.",
    match: bucketBlockRelaxed,
  },
  {
    signal: 'AccountBlockPublicAccessDisabled',
    definedBy: 'GuardDuty',
    type: 'Policy:S3/AccountBlockPublicAccessDisabled',
    source: S3,
    eventNames: ['PutAccountPublicAccessBlock', 'DeleteAccountPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock'],
    severity: SEVERITY.LOW,
    title: 'S3 Block Public Access was disabled for the account.',
    description: "Each bucket's own settings, policies and ACLs now decide whether it is public; audit them.",
    match: accountBlockRelaxed,
  },
  {
    signal: 'ServerAccessLoggingDisabled',
    definedBy: 'GuardDuty',
    type: 'Stealth:S3/ServerAccessLoggingDisabled',
    source: S3,
    eventNames: ['PutBucketLogging'],
    severity: SEVERITY.LOW,
    title: 'S3 server access logging was disabled for a bucket.',
    description: 'Requests to the bucket are no longer written to its access log.',
    match: accessLoggingDisabled,
  },
  {
    signal: 'BucketAnonymousAccessGranted',
    definedBy: 'GuardDuty',
    type: 'Policy:S3/BucketAnonymousAccessGranted',
    source: S3,
    eventNames: BUCKET_POLICY_OR_ACL,
    severity: SEVERITY.HIGH,
    title: 'An S3 bucket was opened to the internet.',
    description: 'A bucket policy or ACL now grants access to anyone, without authentication.',
    match: (event) => openedTo('anonymous', event),
  },
  {
    signal: 'BucketPublicAccessGranted',
    definedBy: 'GuardDuty',
    type: 'Policy:S3/BucketPublicAccessGranted',
    source: S3,
    eventNames: BUCKET_POLICY_OR_ACL,
    severity: SEVERITY.HIGH,
    title: 'An S3 bucket was opened to all AWS users.',
    description: 'An ACL now grants access to every authenticated AWS principal of any account.',
    match: (event) => openedTo('authenticated', event),
  },
  {
    signal: 'S3BucketPolicyExternalAccess',
    definedBy: 'GuardDuty',
    type: 'Exfiltration:S3/TransferDataToCloudAccount',
    source: S3,
    eventNames: ['PutBucketPolicy'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'A bucket policy grants access outside the account.',
    description: "The bucket's new policy allows principals of another account, or anyone.",
    match: policyOutsideAccount,
  },
  {
    signal: 'S3LifecycleRapidExpiration',
    definedBy: 'GuardDuty',
    type: 'Impact:S3/DataDestruction',
    source: S3,
    eventNames: ['PutBucketLifecycle', 'PutBucketLifecycleConfiguration'],
    severity: SEVERITY.MEDIUM,
    title: 'A lifecycle rule expires objects within a day.',
    description: 'Every object the rule covers will be deleted within a day of its creation (or, with an expiration date, all at once within a day).',
    match: rapidExpiration,
  },
  {
    signal: 'RDSSnapshotPubliclyShared',
    definedBy: 'GuardDuty',
    type: 'Exfiltration:RDS/TransferDataToCloudAccount',
    source: 'rds.amazonaws.com',
    eventNames: DB_SNAPSHOT_ATTRIBUTE,
    severity: SEVERITY.HIGH,
    title: 'A database snapshot was made public.',
    description: 'Any AWS account can now restore the snapshot and read its data.',
    match: (event) => dbSnapshotShared(event, 'public'),
  },
  {
    signal: 'RDSSnapshotExternalAccess',
    definedBy: 'Bulwark',
    type: 'Exfiltration:RDS/TransferDataToCloudAccount',
    source: 'rds.amazonaws.com',
    eventNames: DB_SNAPSHOT_ATTRIBUTE,
    severity: SEVERITY.MEDIUM,
    title: 'A database snapshot was shared with another account.',
    description: 'The named accounts can now restore the snapshot and read its data.',
    match: (event) => dbSnapshotShared(event, 'accounts'),
  },
];
