/**
 * Whether GuardDuty can publish to a destination, checked as AWS documents its setup: the
 * bucket exists and its bucket policy lets the service principal `guardduty.amazonaws.com` call
 * s3:GetBucketLocation on the bucket and s3:PutObject under the destination's prefix; the KMS
 * key exists, is an enabled symmetric encryption key in the bucket's Region, and its key policy
 * lets GuardDuty call kms:GenerateDataKey. Policies are decided by the IAM policy engine with the
 * keys GuardDuty sends (aws:SourceAccount, aws:SourceArn = the detector). Undefined = publishable;
 * otherwise the reason.
 */
import { compilePolicy, evaluate, type CompiledPolicy, type ContextValue } from '../../iam/policy/index.js';
import type { Scope, Store } from '../../store/index.js';
import { KEY_ARN } from '../kms/common.js';
import { cachedKey } from '../kms/key-cache.js';
import { BUCKET_KIND, bucketArn, S3_SCOPE, type BucketRecord } from '../s3/common.js';
import { usableKey } from '../s3/internal-writes.js';
import { detectorArn, SERVICE_PRINCIPAL } from './common.js';

export interface DestinationTarget {
  bucket: string;
  /** The key prefix inside the bucket ('' for none), without slashes around it. */
  prefix: string;
}

const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/** The bucket and prefix of a DestinationArn (`arn:aws:s3:::bucket[/prefix]`); undefined when it is not one. */
export function parseDestinationArn(arn: string): DestinationTarget | undefined {
  const m = BUCKET_ARN.exec(arn);
  if (!m) return undefined;
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

export const isKeyArn = (arn: string): boolean => KEY_ARN.test(arn);

export async function publishProblem(store: Store, scope: Scope, detectorId: string, target: DestinationTarget, keyArn: string): Promise<string | undefined> {
  const bucket = (await store.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, target.bucket))?.value;
  if (!bucket) return `The bucket ${target.bucket} does not exist.`;
  const context: Record<string, ContextValue> = {
    'aws:SourceAccount': scope.account,
    'aws:SourceArn': detectorArn(scope, detectorId),
    'aws:PrincipalIsAWSService': true,
    'aws:PrincipalServiceName': SERVICE_PRINCIPAL,
    'aws:SecureTransport': true,
  };
  const bucketPolicy = compiled(bucket.Policy, bucketArn(bucket.Name));
  const objects = `${bucketArn(target.bucket)}/${target.prefix ? `${target.prefix}/` : ''}*`;
  if (!allows(bucketPolicy, 's3:GetBucketLocation', bucketArn(target.bucket), context) || !allows(bucketPolicy, 's3:PutObject', objects, context)) {
    return `The bucket policy of ${target.bucket} does not let GuardDuty write findings.`;
  }
  let key;
  try {
    key = await usableKey(store, keyArn);
  } catch (err) {
    return (err as Error).message;
  }
  if (KEY_ARN.exec(key.Arn)?.[1] !== bucket.Region) return `The KMS key ${keyArn} is not in the bucket's Region.`;
  const keyPolicy = (await cachedKey(store, { account: key.AWSAccountId, region: bucket.Region }, key.KeyId))?.policy;
  if (!allows(keyPolicy, 'kms:GenerateDataKey', key.Arn, context)) return `The key policy of ${keyArn} does not let GuardDuty use the key.`;
  return undefined;
}

function compiled(policy: string | undefined, arn: string): CompiledPolicy | undefined {
  if (policy === undefined) return undefined;
  try {
    return compilePolicy(policy, 'resource', arn);
  } catch {
    return undefined;
  }
}

function allows(policy: CompiledPolicy | undefined, action: string, resource: string, context: Record<string, ContextValue>): boolean {
  if (!policy) return false;
  return evaluate({ principal: { arn: SERVICE_PRINCIPAL, type: 'Service' }, action, resource, context }, { resource: policy }).decision === 'Allow';
}
