/**
 * What is checked before a trail's files are written, as CloudTrail finds out when S3 answers
 * its PutObject: the bucket still exists and its policy still lets the CloudTrail service
 * principal write the trail's logs (bucket-access.ts, the same check as CreateTrail), and a
 * trail's KMS key is still usable and its key policy still lets CloudTrail generate data keys.
 * A failure is the S3 error code that GetTrailStatus reports as LatestDeliveryError.
 */
import { AwsError } from '../../core/aws-error.js';
import type { Store } from '../../store/index.js';
import { checkBucketAccess } from '../../services/cloudtrail/bucket-access.js';
import type { TrailRecord } from '../../services/cloudtrail/common.js';
import { keyPolicyLetsCloudTrailEncrypt } from '../../services/cloudtrail/kms-key-access.js';
import { InternalWriteError, usableKey } from '../../services/s3/internal-writes.js';

export class DeliveryError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'DeliveryError';
  }
}

/**
 * Resolves when the trail may write to its bucket (and, for log files, use its KMS key; digest
 * files are SSE-S3); else throws a DeliveryError.
 */
export async function checkDeliveryTarget(store: Store, trail: TrailRecord, files: 'logs' | 'digests'): Promise<void> {
  try {
    await checkBucketAccess(store, {
      bucket: trail.S3BucketName,
      prefix: trail.S3KeyPrefix,
      trailArn: trail.TrailARN,
      account: trail.AccountId,
      organizationId: trail.IsOrganizationTrail ? trail.OrganizationId : undefined,
    });
  } catch (err) {
    if (err instanceof AwsError) throw new DeliveryError(err.code === 'S3BucketDoesNotExistException' ? 'NoSuchBucket' : 'AccessDenied');
    throw err;
  }
  if (!trail.KmsKeyId || files === 'digests') return;
  try {
    const key = await usableKey(store, trail.KmsKeyId);
    if (!(await keyPolicyLetsCloudTrailEncrypt(store, key, trail.TrailARN, trail.AccountId))) throw new DeliveryError('AccessDenied');
  } catch (err) {
    if (err instanceof InternalWriteError) throw new DeliveryError(err.code);
    throw err;
  }
}

/** The code a failed write is reported with. */
export function deliveryErrorCode(err: unknown): string | undefined {
  if (err instanceof DeliveryError || err instanceof InternalWriteError) return err.code;
  return undefined;
}
