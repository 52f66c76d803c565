/**
 * What every Secrets Manager operation shares: the stored records, the staging label names,
 * ARNs and dates.
 *
 * Store layout (scope = the secret's account and region; a replica is a secret of its own in
 * the replica's region):
 *   secretsmanager:secret  <name>                     SecretRecord (metadata, versions and their labels)
 *   secretsmanager:value   <name>\u0001<version id>   SealedValue (one version's encrypted value, encryption.ts)
 * Names never contain \u0001 (names.ts), so `<name>\u0001` prefixes are exact.
 */
import { randomInt } from 'node:crypto';
import type { Scope } from '../../store/index.js';

export const SECRET_KIND = 'secretsmanager:secret';
export const VALUE_KIND = 'secretsmanager:value';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

/** The service principal that uses KMS keys on the caller's behalf (CloudTrail's invokedBy). */
export const SERVICE_PRINCIPAL = 'secretsmanager.amazonaws.com';

export interface Tag {
  Key: string;
  Value: string;
}

/** One version of a secret (its value is a separate record). */
export interface VersionMeta {
  /** The ClientRequestToken that created it. */
  VersionId: string;
  /** Staging labels, sorted as AWS lists them; none = deprecated (pruned when over the quota). */
  Stages: string[];
  CreatedDate: string;
  /** The day (midnight UTC) it was last read. */
  LastAccessedDate?: string;
  /** The KMS keys that can decrypt it (key ARNs; DEFAULT_KEY_ID for aws/secretsmanager), as ListSecretVersionIds shows them. */
  KmsKeyIds: string[];
}

/** A replica of a primary secret, as the primary's ReplicationStatus shows it. */
export interface ReplicaState {
  Region: string;
  /** As given in AddReplicaRegions; absent = aws/secretsmanager of that Region. */
  KmsKeyId?: string;
  Status: 'InSync' | 'Failed' | 'InProgress';
  StatusMessage?: string;
}

export interface RotationRules {
  AutomaticallyAfterDays?: number;
  Duration?: string;
  ScheduleExpression?: string;
}

export interface SecretRecord {
  ARN: string;
  Name: string;
  Description?: string;
  /** As the caller gave it (key id, key ARN, alias, alias ARN); absent = the AWS managed key aws/secretsmanager. */
  KmsKeyId?: string;
  Type?: string;
  CreatedDate: string;
  LastChangedDate: string;
  /** The day (midnight UTC) a value was last read. */
  LastAccessedDate?: string;
  /** When DeleteSecret was called; the secret is then "marked for deletion". */
  DeletedDate?: string;
  /** When housekeeping really deletes it (the end of the recovery window). */
  DeletionDate?: string;
  /** Absent until tags are first set (DescribeSecret then shows no Tags member at all). */
  Tags?: Tag[];
  ResourcePolicy?: string;
  /** Rotation settings (rotation/). */
  RotationEnabled?: boolean;
  RotationLambdaARN?: string;
  RotationRules?: RotationRules;
  LastRotatedDate?: string;
  NextRotationDate?: string;
  OwningService?: string;
  /** Set on a replica (the primary's Region) and on a primary with replicas (its own Region). */
  PrimaryRegion?: string;
  /** On a primary: its replicas. */
  Replicas?: ReplicaState[];
  /** Oldest first. */
  Versions: VersionMeta[];
}

/** A secret found in the store, and the scope (account, Region) it lives in. */
export interface FoundSecret {
  scope: Scope;
  record: SecretRecord;
}

export const valueId = (name: string, versionId: string): string => `${name}\u0001${versionId}`;
export const valuePrefix = (name: string): string => `${name}\u0001`;

/** A secret's ARN: arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>. */
export const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/s;

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newSecretArn(scope: Scope, name: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `arn:aws:secretsmanager:${scope.region}:${scope.account}:secret:${name}-${suffix}`;
}

/** The same secret's ARN in another Region (replicas keep the primary's suffix). */
export const arnInRegion = (arn: string, region: string): string => arn.replace(/^(arn:aws[a-z-]*:secretsmanager:)[^:]+:/, `$1${region}:`);

export const scopeOfArn = (arn: string): Scope => {
  const parts = arn.split(':');
  return { region: parts[3] as string, account: parts[4] as string };
};

let lastDay = -1;
let lastDayText = '';

/** Midnight UTC of a date, as AWS reports LastAccessedDate (the day only); the last answer is reused (every read asks). */
export function dayOf(date: Date): string {
  const day = Math.floor(date.getTime() / 86_400_000);
  if (day !== lastDay) {
    lastDayText = `${new Date(day * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`;
    lastDay = day;
  }
  return lastDayText;
}

/** The version carrying a staging label. */
export function holderOf(record: SecretRecord, stage: string): VersionMeta | undefined {
  for (const v of record.Versions) if (v.Stages.includes(stage)) return v;
  return undefined;
}

export const versionById = (record: SecretRecord, versionId: string): VersionMeta | undefined => record.Versions.find((v) => v.VersionId === versionId);

/** The replica states of a primary as the API shows them (KmsKeyId of the AWS managed key spelled as AWS does). */
export function replicationStatus(record: SecretRecord): Array<Record<string, unknown>> | undefined {
  if (!record.Replicas || record.Replicas.length === 0) return undefined;
  return record.Replicas.map((r) => {
    const out: Record<string, unknown> = { Region: r.Region, KmsKeyId: r.KmsKeyId ?? 'alias/aws/secretsmanager', Status: r.Status };
    if (r.StatusMessage) out.StatusMessage = r.StatusMessage;
    return out;
  });
}

/** A secret that was replicated here from another Region (read-only here). */
export const isReplica = (record: SecretRecord, scope: Scope): boolean => record.PrimaryRegion !== undefined && record.PrimaryRegion !== scope.region;
