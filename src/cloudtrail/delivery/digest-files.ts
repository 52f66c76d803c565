/**
 * One digest file ("CloudTrail digest file structure"): the log files delivered for one account
 * and Region since the previous digest file, with their SHA-256 hashes, and the previous digest
 * file's bucket, key, hash and signature (null for the first of a chain). It is signed with the
 * Region's digest key (SHA256withRSA) over the string the AWS CLI's validate-logs verifies:
 *
 *   <digestEndTime>\n<bucket>/<key>\n<hex SHA-256 of the uncompressed digest>\n<previous signature or "null">
 *
 * and the hex signature travels in the object's user metadata (`signature`,
 * `signature-algorithm`). Digest files are gzipped JSON under SSE-S3, whatever the trail's key.
 */
import { createHash, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { MasterKey } from '../../crypto/master-key.js';
import type { TrailRecord } from '../../services/cloudtrail/common.js';
import { signingKey } from '../../services/cloudtrail/digest-keys.js';
import { writeObjectInternally, type InternalWriter } from '../../services/s3/internal-writes.js';
import type { DeliveredLogFile } from './cursor.js';
import type { DigestChain } from './digest-chain.js';
import { digestFileKey } from './object-keys.js';

export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

const isoSeconds = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

export interface DigestRequest {
  trail: TrailRecord;
  account: string;
  region: string;
  files: DeliveredLogFile[];
  previous?: DigestChain;
  start: Date;
  end: Date;
}

/** Writes the digest file; resolves the chain as it stands after it. */
export async function writeDigestFile(writer: InternalWriter & { masterKey: MasterKey }, request: DigestRequest): Promise<DigestChain> {
  const { trail, account, region, files, previous, end } = request;
  const bucket = trail.S3BucketName;
  const key = digestFileKey(trail, account, region, end);
  const signer = await signingKey(writer.store, writer.masterKey, region, end);
  const times = files.flatMap((f) => [f.newestEventTime, f.oldestEventTime]).sort();
  const digest = {
    awsAccountId: account,
    digestStartTime: isoSeconds(request.start),
    digestEndTime: isoSeconds(end),
    digestS3Bucket: bucket,
    digestS3Object: key,
    digestPublicKeyFingerprint: signer.fingerprint,
    digestSignatureAlgorithm: SIGNATURE_ALGORITHM,
    newestEventTime: times.length > 0 ? times[times.length - 1] : null,
    oldestEventTime: times.length > 0 ? times[0] : null,
    previousDigestS3Bucket: previous?.Bucket ?? null,
    previousDigestS3Object: previous?.Key ?? null,
    previousDigestHashValue: previous?.HashValue ?? null,
    previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
    previousDigestSignature: previous?.Signature ?? null,
    logFiles: files.map((f) => ({
      s3Bucket: f.s3Bucket,
      s3Object: f.s3Object,
      hashValue: f.hashValue,
      hashAlgorithm: 'SHA-256',
      newestEventTime: f.newestEventTime,
      oldestEventTime: f.oldestEventTime,
    })),
  };
  const text = Buffer.from(JSON.stringify(digest), 'utf8');
  const hash = createHash('sha256').update(text).digest('hex');
  const toSign = `${digest.digestEndTime}\n${bucket}/${key}\n${hash}\n${previous?.Signature ?? 'null'}`;
  const signature = sign('sha256', Buffer.from(toSign, 'utf8'), signer.privateKey).toString('hex');
  await writeObjectInternally(writer, {
    bucket,
    key,
    body: gzipSync(text),
    contentType: 'application/json',
    contentEncoding: 'gzip',
    metadata: { signature, 'signature-algorithm': SIGNATURE_ALGORITHM },
  });
  return { TrailCreatedAt: trail.CreatedAt, Account: account, Region: region, Bucket: bucket, Key: key, Signature: signature, HashValue: hash, EndTime: end.toISOString() };
}
