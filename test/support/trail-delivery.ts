import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/**
 * What the trail delivery suites share: the bucket policy AWS documents for a trail's bucket
 * ("Amazon S3 bucket policy for CloudTrail"), and reading back what was delivered.
 */

/** Lets cloudtrail.amazonaws.com check the ACL and write under `[prefix/]AWSLogs/<account>/`. */
export function trailBucketPolicy(bucket: string, account = '000000000000', prefix = ''): string {
  const CT = { Service: 'cloudtrail.amazonaws.com' };
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AclCheck', Effect: 'Allow', Principal: CT, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}` },
      {
        Sid: 'Write',
        Effect: 'Allow',
        Principal: CT,
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/${prefix}AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ],
  });
}

export type DeliveredRecord = Record<string, any>;

/** The keys of the bucket's objects under `prefix` (every page). */
export async function keysUnder(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) keys.push(o.Key!);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** The object's gunzipped JSON. */
export async function gzippedJson<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8')) as T;
}

/** Every log file delivered to the bucket so far, and all their records. */
export async function deliveredLogs(s3: S3Client, bucket: string): Promise<{ files: string[]; records: DeliveredRecord[] }> {
  const files = (await keysUnder(s3, bucket, 'AWSLogs/')).filter((k) => k.includes('/CloudTrail/'));
  const records: DeliveredRecord[] = [];
  for (const key of files) records.push(...(await gzippedJson<{ Records: DeliveredRecord[] }>(s3, bucket, key)).Records);
  return { files, records };
}
