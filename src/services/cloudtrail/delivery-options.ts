/**
 * The plain checks on a CreateTrail/UpdateTrail request that need no stored state: the bucket
 * name's shape (S3's own naming rules), the key prefix (at most 200 characters), a multi-Region
 * trail including global service events, and the deliveries Bulwark does not have — Amazon SNS
 * notifications and CloudWatch Logs — refused with a clear error instead of pretending.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationInput } from '../types.js';
import { bucketNameProblem } from '../s3/bucket-names.js';
import { invalidParameterCombination, unsupportedOperation } from './common.js';

export const MAX_PREFIX = 200;

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

/** AWS checks this before anything else about the delivery. */
export function checkRegionCoverage(multiRegion: boolean, includeGlobal: boolean): void {
  if (multiRegion && !includeGlobal) throw invalidParameterCombination('Multi-Region trail must include global service events.');
}

/** A non-empty string member, or undefined (an empty string clears a setting in UpdateTrail). */
export const given = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** SnsTopicName, CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn: not available in Bulwark. */
export function refuseMissingDeliveries(input: OperationInput): void {
  if (given(input.SnsTopicName)) {
    throw unsupportedOperation('Amazon SNS notifications are not supported by Bulwark (it has no Amazon SNS); create the trail without SnsTopicName.');
  }
  if (given(input.CloudWatchLogsLogGroupArn) || given(input.CloudWatchLogsRoleArn)) {
    throw error(
      'CloudWatchLogsDeliveryUnavailableException',
      'Delivery to CloudWatch Logs is not supported by Bulwark (it has no CloudWatch Logs); create the trail without CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn.',
    );
  }
}

// Unconfirmed wording (the two errors below).
export function checkBucketName(name: string): void {
  if (bucketNameProblem(name) !== undefined) throw error('InvalidS3BucketNameException', `Bucket name ${JSON.stringify(name)} is not valid.`);
}

export function checkKeyPrefix(prefix: string): void {
  if ([...prefix].length > MAX_PREFIX) throw error('InvalidS3PrefixException', `S3 key prefix is longer than ${MAX_PREFIX} characters.`);
}
