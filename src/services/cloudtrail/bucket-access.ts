/**
 * What CreateTrail and UpdateTrail check of the destination bucket, as AWS does: the bucket
 * exists (S3BucketDoesNotExistException), and its bucket policy lets the CloudTrail service
 * principal call s3:GetBucketAcl on the bucket and s3:PutObject under
 * `<bucket>/[<prefix>/]AWSLogs/<account>/*` (and `AWSLogs/<organization id>/*` for an
 * organization trail) — else InsufficientS3BucketPolicyException. The policy is decided by the
 * IAM policy engine for the service principal `cloudtrail.amazonaws.com`, with the condition
 * keys CloudTrail sends: aws:SourceArn (the trail), aws:SourceAccount and, on PutObject,
 * s3:x-amz-acl = bucket-owner-full-control. The bucket record is read through S3's modules.
 */
import { AwsError } from '../../core/aws-error.js';
import { compilePolicy, evaluate, type CompiledPolicy, type ContextValue } from '../../iam/policy/index.js';
import type { StoreOps } from '../../store/index.js';
import { BUCKET_KIND, bucketArn, S3_SCOPE, type BucketRecord } from '../s3/common.js';

export const CLOUDTRAIL_PRINCIPAL = 'cloudtrail.amazonaws.com';

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

// Unconfirmed wording.
export const bucketDoesNotExist = (bucket: string): AwsError => error('S3BucketDoesNotExistException', `S3 bucket ${bucket} does not exist.`);
export const insufficientBucketPolicy = (bucket: string): AwsError =>
  error('InsufficientS3BucketPolicyException', `Incorrect S3 bucket policy is detected for bucket: ${bucket}`);

export interface DeliveryTarget {
  bucket: string;
  prefix?: string;
  trailArn: string;
  /** The account whose trail it is (aws:SourceAccount). */
  account: string;
  /** Set for an organization trail. */
  organizationId?: string;
}

/** The bucket (its record), after checking it exists and lets CloudTrail deliver. */
export async function checkBucketAccess(ops: StoreOps, target: DeliveryTarget): Promise<BucketRecord> {
  const bucket = (await ops.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, target.bucket))?.value;
  if (!bucket) throw bucketDoesNotExist(target.bucket);
  const policy = compiled(bucket);
  if (!policy) throw insufficientBucketPolicy(target.bucket);
  const base: Record<string, ContextValue> = {
    'aws:SourceArn': target.trailArn,
    'aws:SourceAccount': target.account,
    'aws:PrincipalIsAWSService': true,
    'aws:PrincipalServiceName': CLOUDTRAIL_PRINCIPAL,
    'aws:SecureTransport': true,
    'aws:ResourceAccount': bucket.OwnerAccount,
    's3:ResourceAccount': bucket.OwnerAccount,
  };
  const allows = (action: string, resource: string, extra: Record<string, ContextValue> = {}): boolean =>
    evaluate({ principal: { arn: CLOUDTRAIL_PRINCIPAL, type: 'Service' }, action, resource, context: [base, extra] }, { resource: policy }).decision === 'Allow';

  if (!allows('s3:GetBucketAcl', bucketArn(target.bucket))) throw insufficientBucketPolicy(target.bucket);
  for (const owner of logOwners(target)) {
    const resource = `${bucketArn(target.bucket)}/${target.prefix ? `${target.prefix}/` : ''}AWSLogs/${owner}/*`;
    if (!allows('s3:PutObject', resource, { 's3:x-amz-acl': 'bucket-owner-full-control' })) throw insufficientBucketPolicy(target.bucket);
  }
  return bucket;
}

/** The AWSLogs/<id>/ folders CloudTrail writes to: the account's, and the organization's for an organization trail. */
function logOwners(target: DeliveryTarget): string[] {
  return target.organizationId ? [target.account, target.organizationId] : [target.account];
}

function compiled(bucket: BucketRecord): CompiledPolicy | undefined {
  if (bucket.Policy === undefined) return undefined;
  try {
    return compilePolicy(bucket.Policy, 'resource', bucketArn(bucket.Name));
  } catch {
    return undefined;
  }
}
