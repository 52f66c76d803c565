import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, creds, type Keys } from '../support/aws-clients.js';

/**
 * What the GuardDuty suites share: clients (as the default root, or as another account's root
 * on a server with --accept-any-key), a bucket holding list files, and the SDK's view of the
 * BadRequestException's finer cause.
 */

export const ACCOUNT = '000000000000';

export function guardduty(endpoint: string, as: Keys | string = clientConfig(endpoint).credentials, region = 'us-east-1'): GuardDutyClient {
  const credentials = typeof as === 'string' ? creds(as) : as;
  return new GuardDutyClient({ ...clientConfig(endpoint, credentials), region });
}

export function s3(endpoint: string, as?: string): S3Client {
  return new S3Client({ ...clientConfig(endpoint, as ? creds(as) : undefined), forcePathStyle: true });
}

/** Creates `bucket` (ignoring "already yours") and puts `files` (key → text) in it. */
export async function bucketWith(client: S3Client, bucket: string, files: Record<string, string>, policy?: object): Promise<void> {
  await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: any) => {
    if (err.name !== 'BucketAlreadyOwnedByYou') throw err;
  });
  if (policy) await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  for (const [key, text] of Object.entries(files)) await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
}

export const NOT_OWNED = 'The request is rejected because the input detectorId is not owned by the current account.';
export const NO_SUCH_RESOURCE = 'The request is rejected since no such resource found.';
export const invalidValue = (parameter: string): string => `The request is rejected because the parameter ${parameter} has an invalid value.`;
