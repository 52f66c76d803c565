/**
 * What every Parameter Store operation shares: the stored records, their store layout, ARNs
 * and the errors in AWS's wording.
 *
 * Store layout (scope = the parameter's account and region):
 *   ssm:parameter          <name>                   ParameterRecord (the current version, labels, tags)
 *   ssm:parameter-version  <name>#<version, 10 digits>  ParameterVersion (every retained version, the current one too)
 *   ssm:parameter-expiry   <ISO time>|<name>        ExpiryEntry (parameters with an Expiration policy, by time)
 *
 * `#` and `|` cannot appear in parameter names, so a name's versions are exactly the ids with
 * the prefix `<name>#`. A SecureString value is stored only encrypted (secure-values.ts).
 */
import { AwsError } from '../../core/aws-error.js';
import type { Scope } from '../../store/index.js';
import type { Tag } from '../shared/tags.js';
import type { RequestContext } from '../types.js';

export const PARAMETER_KIND = 'ssm:parameter';
export const VERSION_KIND = 'ssm:parameter-version';
export const EXPIRY_KIND = 'ssm:parameter-expiry';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type Tier = 'Standard' | 'Advanced';

/** AWS keeps the 100 most recent versions of a parameter. */
export const MAX_VERSIONS = 100;

/** One parameter policy as DescribeParameters and GetParameterHistory show it. */
export interface StoredPolicy {
  PolicyText: string;
  PolicyType: string;
  PolicyStatus: string;
}

/** A SecureString value as stored: what GetParameter returns without decryption, and the key that opens it. */
export interface SealedValue {
  /** `direct`: a KMS ciphertext blob of the value (standard tier); `envelope`: the value under a data key the blob holds (advanced tier). */
  Scheme: 'direct' | 'envelope';
  /** Base64; the encrypted value AWS returns when WithDecryption is not set. */
  Ciphertext: string;
  /** The KMS key's ARN. */
  KeyArn: string;
}

/** One version of a parameter, with the metadata it was written with. */
export interface ParameterVersion {
  Name: string;
  Version: number;
  Type: ParameterType;
  DataType: string;
  Tier: Tier;
  Description?: string;
  AllowedPattern?: string;
  /** SecureString: the KMS key as the caller named it (`alias/aws/ssm` for the AWS managed key). */
  KeyId?: string;
  Policies: StoredPolicy[];
  LastModifiedDate: string;
  LastModifiedUser: string;
  /** String and StringList values. */
  Value?: string;
  /** SecureString values. */
  Sealed?: SealedValue;
}

export interface LabelEntry {
  Label: string;
  Version: number;
}

/** A parameter: its current version, inline, and what belongs to the parameter as a whole. */
export interface ParameterRecord extends ParameterVersion {
  /** The oldest retained version (versions are contiguous up to `Version`). */
  OldestVersion: number;
  Labels: LabelEntry[];
  Tags: Tag[];
  /** The Expiration policy's time, when there is one. */
  ExpiresAt?: string;
}

export interface ExpiryEntry {
  Name: string;
  ExpiresAt: string;
}

export const ssmScope = (ctx: RequestContext): Scope => ({ account: ctx.account, region: ctx.region });

/** `arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>`. */
export function parameterArn(scope: Scope, name: string): string {
  return `arn:aws:ssm:${scope.region}:${scope.account}:parameter${name.charCodeAt(0) === 47 ? name : `/${name}`}`;
}

export const versionId = (name: string, version: number): string => `${name}#${String(version).padStart(10, '0')}`;
export const versionPrefix = (name: string): string => `${name}#`;
export const expiryId = (entry: ExpiryEntry): string => `${entry.ExpiresAt}|${entry.Name}`;

/** The version part of a stored ParameterRecord (what a version record holds). */
export function versionOf(record: ParameterRecord): ParameterVersion {
  const out: ParameterVersion = {
    Name: record.Name,
    Version: record.Version,
    Type: record.Type,
    DataType: record.DataType,
    Tier: record.Tier,
    Policies: record.Policies,
    LastModifiedDate: record.LastModifiedDate,
    LastModifiedUser: record.LastModifiedUser,
  };
  if (record.Description !== undefined) out.Description = record.Description;
  if (record.AllowedPattern !== undefined) out.AllowedPattern = record.AllowedPattern;
  if (record.KeyId !== undefined) out.KeyId = record.KeyId;
  if (record.Value !== undefined) out.Value = record.Value;
  if (record.Sealed !== undefined) out.Sealed = record.Sealed;
  return out;
}

/** The labels a version carries. */
export function labelsOf(record: ParameterRecord, version: number): string[] {
  const out: string[] = [];
  for (const l of record.Labels) if (l.Version === version) out.push(l.Label);
  return out;
}

// --- errors (AWS's wording; texts AWS does not document are marked) --------------------------

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

export const validation = (message: string): AwsError => error('ValidationException', message);
/** AWS answers a missing parameter with no message at all. */
export const parameterNotFound = (): AwsError => error('ParameterNotFound', '');
export const versionNotFound = (name: string, version: number | string): AwsError =>
  error('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
// Unconfirmed wording: AWS's text for a label no version carries.
export const labelNotFound = (name: string, label: string): AwsError =>
  error('ParameterVersionNotFound', `Systems Manager could not find a version of ${name} with the label ${label}. Verify the label and try again.`);
export const alreadyExists = (): AwsError => error('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
export const tooManyUpdates = (): AwsError => error('TooManyUpdates', 'There are concurrent updates for the resource that you are trying to update. Please try again.');
export const invalidNextToken = (): AwsError => error('InvalidNextToken', 'The specified token is not valid.'); // Unconfirmed wording.
export const invalidResourceId = (): AwsError => error('InvalidResourceId', '');
export const tooManyTags = (): AwsError => error('TooManyTagsError', '');

export { error as ssmError };
