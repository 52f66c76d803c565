/**
 * One log file: a trail's records of one account and Region from one delivery, as
 * `{"Records":[…]}` (each record exactly as recorded), gzipped, written into the trail's bucket
 * with SSE-KMS under the trail's key when it has one — with the encryption context CloudTrail
 * uses, the trail's ARN and the object's ARN — else SSE-S3. What the digest file will say of it
 * (the SHA-256 of the uncompressed file, its newest and oldest event) is returned.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { TrailRecord } from '../../services/cloudtrail/common.js';
import { writeObjectInternally, type InternalEncryption, type InternalWriter } from '../../services/s3/internal-writes.js';
import type { DeliveredLogFile } from './cursor.js';
import type { JournalEntry } from './journal-reader.js';
import { logFileKey } from './object-keys.js';

export async function writeLogFile(writer: InternalWriter, trail: TrailRecord, account: string, region: string, entries: JournalEntry[], at: Date): Promise<DeliveredLogFile> {
  const key = logFileKey(trail, account, region, at);
  const text = Buffer.from(`{"Records":[${entries.map((e) => e.line).join(',')}]}`, 'utf8');
  const encryption: InternalEncryption = trail.KmsKeyId
    ? { kind: 'SSE-KMS', keyArn: trail.KmsKeyId, context: { 'aws:cloudtrail:arn': trail.TrailARN, 'aws:s3:arn': `arn:aws:s3:::${trail.S3BucketName}/${key}` } }
    : { kind: 'SSE-S3' };
  await writeObjectInternally(writer, { bucket: trail.S3BucketName, key, body: gzipSync(text), contentType: 'application/json', contentEncoding: 'gzip', encryption });
  const times = entries.map((e) => e.record.eventTime).sort();
  return {
    account,
    region,
    s3Bucket: trail.S3BucketName,
    s3Object: key,
    hashValue: createHash('sha256').update(text).digest('hex'),
    newestEventTime: times[times.length - 1] as string,
    oldestEventTime: times[0] as string,
  };
}
