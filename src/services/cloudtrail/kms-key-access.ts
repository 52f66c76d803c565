/**
 * A trail's KmsKeyId (SSE-KMS for its log files), checked as AWS does: the key exists
 * (KmsKeyNotFoundException, also when it is not in the bucket's Region), is a symmetric
 * encryption key (InvalidKmsKeyIdException), is enabled (KmsKeyDisabledException; other
 * unusable states KmsException), and its key policy lets the CloudTrail service principal call
 * kms:GenerateDataKey with the encryption context CloudTrail uses (InsufficientEncryptionPolicy-
 * Exception). Keys are found and their compiled policies read through the KMS service's modules.
 */
import { AwsError } from '../../core/aws-error.js';
import { evaluate } from '../../iam/policy/index.js';
import type { Store } from '../../store/index.js';
import { findKey, KEY_ARN, ALIAS_ARN, type FoundKey, type KeyRecord } from '../kms/common.js';
import { cachedKey } from '../kms/key-cache.js';
import type { RequestContext } from '../types.js';
import { CLOUDTRAIL_PRINCIPAL } from './bucket-access.js';

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

// Unconfirmed wording (the errors below except InsufficientEncryptionPolicyException).
const invalidKeyId = (message: string): AwsError => error('InvalidKmsKeyIdException', message);
const keyNotFound = (keyId: string): AwsError => error('KmsKeyNotFoundException', `KMS key ${keyId} does not exist or is not in the Region of the S3 bucket.`);
const keyDisabled = (arn: string): AwsError => error('KmsKeyDisabledException', `KMS key ${arn} is disabled.`);
const keyUnusable = (arn: string, state: string): AwsError => error('KmsException', `KMS key ${arn} cannot be used: its state is ${state}.`);
export const insufficientEncryptionPolicy = (bucket: string, keyArn: string): AwsError =>
  error('InsufficientEncryptionPolicyException', `Insufficient permissions to access S3 bucket ${bucket} or KMS key ${keyArn}.`);

const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;

export interface KeyCheck {
  keyId: string;
  bucket: string;
  bucketRegion: string;
  trailArn: string;
  account: string;
}

/** The key's ARN, after every check passed. */
export async function checkTrailKey(ctx: RequestContext, check: KeyCheck): Promise<string> {
  const { keyId } = check;
  const keyArn = KEY_ARN.exec(keyId);
  const aliasArn = ALIAS_ARN.exec(keyId);
  const wellFormed = keyArn ? KEY_ID.test(keyArn[3] as string) : aliasArn ? ALIAS_NAME.test(aliasArn[3] as string) : KEY_ID.test(keyId) || ALIAS_NAME.test(keyId);
  if (!wellFormed) throw invalidKeyId(`${keyId} is not a valid KMS key id, key ARN, alias name or alias ARN.`);
  const region = keyArn?.[1] ?? aliasArn?.[1] ?? ctx.region;
  let found: FoundKey;
  try {
    found = await findKey(ctx.store, { ...ctx, region }, keyId);
  } catch (err) {
    if (err instanceof AwsError) throw keyNotFound(keyId);
    throw err;
  }
  const record = found.record;
  if (found.scope.region !== check.bucketRegion) throw keyNotFound(keyId);
  if (record.KeySpec !== 'SYMMETRIC_DEFAULT' || record.KeyUsage !== 'ENCRYPT_DECRYPT') {
    throw invalidKeyId(`KMS key ${record.Arn} is not a symmetric encryption key.`);
  }
  if (record.KeyState === 'Disabled') throw keyDisabled(record.Arn);
  if (record.KeyState !== 'Enabled') throw keyUnusable(record.Arn, record.KeyState);
  if (!(await keyPolicyLetsCloudTrailEncrypt(ctx.store, record, check.trailArn, check.account))) throw insufficientEncryptionPolicy(check.bucket, record.Arn);
  return record.Arn;
}

/**
 * Whether the key's policy lets the CloudTrail service principal call kms:GenerateDataKey for
 * this trail (with the `aws:cloudtrail:arn` encryption context CloudTrail uses); log delivery
 * asks again before every delivery, as a key policy can change after the trail was created.
 */
export async function keyPolicyLetsCloudTrailEncrypt(store: Store, record: KeyRecord, trailArn: string, account: string): Promise<boolean> {
  const policy = (await cachedKey(store, { account: record.AWSAccountId, region: regionOf(record.Arn) }, record.KeyId))?.policy;
  if (!policy) return false;
  const decision = evaluate(
    {
      principal: { arn: CLOUDTRAIL_PRINCIPAL, type: 'Service' },
      action: 'kms:GenerateDataKey',
      resource: record.Arn,
      context: {
        'aws:SourceArn': trailArn,
        'aws:SourceAccount': account,
        'aws:PrincipalIsAWSService': true,
        'aws:PrincipalServiceName': CLOUDTRAIL_PRINCIPAL,
        'kms:EncryptionContext:aws:cloudtrail:arn': trailArn,
        'kms:EncryptionContextKeys': ['aws:cloudtrail:arn'],
      },
    },
    { resource: policy },
  );
  return decision.decision === 'Allow';
}

const regionOf = (arn: string): string => KEY_ARN.exec(arn)?.[1] ?? '';
