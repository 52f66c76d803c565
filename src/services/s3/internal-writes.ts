/**
 * Objects that AWS services write into a customer's bucket on their own (S3 server access logs,
 * CloudTrail log and digest files): written as S3 writes any object — a blob, then the key's
 * ObjectEntry in one transaction (a new version when versioning is Enabled, else the `null`
 * version replacing the previous one, whose blob is deleted after the commit) — but without a
 * request, so nothing records or authorizes the write itself; the writing service checks what
 * AWS checks (a bucket policy, a key policy) before calling this.
 *
 * Encryption is real, as for PutObject (sse.ts): SSE-S3 seals the object's data key under the
 * master key; SSE-KMS encrypts it with a Bulwark KMS key's current material under the given
 * encryption context, so a later GetObject needs the reader's kms:Decrypt on that key with that
 * context. The object belongs to the bucket owner (bucket-owner-full-control).
 */
import { randomBytes } from 'node:crypto';
import type { MasterKey } from '../../crypto/master-key.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { Store } from '../../store/index.js';
import { currentMaterial, KEY_ARN, KEY_KIND, requireUsable, type KeyRecord } from '../kms/common.js';
import { sealSymmetric } from '../kms/crypto/index.js';
import { BUCKET_KIND, newVersionId, OBJECT_KIND, objectId, S3_SCOPE, type BucketRecord, type ObjectEntry, type ObjectVersion } from './common.js';
import { sseS3Label } from './sse.js';

export interface InternalWriter {
  store: Store;
  blobs: BlobStore;
  masterKey: MasterKey;
}

export type InternalEncryption = { kind: 'SSE-S3' } | { kind: 'SSE-KMS'; keyArn: string; context: Record<string, string> };

export interface InternalObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType?: string;
  contentEncoding?: string;
  /** User metadata (x-amz-meta-*); names are stored lower-cased, as S3 does. */
  metadata?: Record<string, string>;
  /** SSE-S3 when absent. */
  encryption?: InternalEncryption;
}

export interface WrittenObject {
  versionId: string;
  etag: string;
}

/** Thrown when the object cannot be written (no such bucket, an unusable KMS key); the caller records it as a delivery error. */
export class InternalWriteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InternalWriteError';
  }
}

export async function writeObjectInternally(writer: InternalWriter, object: InternalObject): Promise<WrittenObject> {
  const { store, blobs } = writer;
  if (!(await store.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, object.bucket))) throw new InternalWriteError('NoSuchBucket', `The bucket ${object.bucket} does not exist.`);
  const dataKey = randomBytes(32);
  const sse = await sealDataKey(writer, object, dataKey);
  const info = await blobs.put(object.body, { key: dataKey });
  const metadata = lowerCased(object.metadata);
  let replaced: string | undefined;
  let version: ObjectVersion | undefined;
  try {
    version = await store.transaction(async (tx) => {
      const bucket = (await tx.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, object.bucket))?.value;
      if (!bucket) throw new InternalWriteError('NoSuchBucket', `The bucket ${object.bucket} does not exist.`);
      const written: ObjectVersion = {
        VersionId: bucket.Versioning === 'Enabled' ? newVersionId() : 'null',
        LastModified: new Date().toISOString(),
        ETag: `"${info.md5}"`,
        Size: info.size,
        BlobId: info.id,
        OwnerId: bucket.OwnerId,
        StorageClass: 'STANDARD',
        ContentType: object.contentType ?? 'binary/octet-stream',
        ...(object.contentEncoding ? { Headers: { ContentEncoding: object.contentEncoding } } : {}),
        ...(metadata ? { Metadata: metadata } : {}),
        Sse: sse,
      };
      const id = objectId(object.bucket, object.key);
      const entry = (await tx.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, id))?.value;
      replaced = undefined;
      const others = (entry?.Versions ?? []).filter((v) => {
        if (v.VersionId !== written.VersionId) return true;
        replaced = v.BlobId;
        return false;
      });
      await tx.put(S3_SCOPE, OBJECT_KIND, id, { Key: object.key, Versions: [written, ...others] } satisfies ObjectEntry);
      return written;
    });
  } catch (err) {
    await blobs.delete(info.id).catch(() => undefined);
    throw err;
  }
  if (replaced) await blobs.delete(replaced).catch(() => undefined);
  return { versionId: version.VersionId, etag: version.ETag as string };
}

/** The version's Sse record: the data key sealed under the master key, or encrypted by the KMS key. */
async function sealDataKey(writer: InternalWriter, object: InternalObject, dataKey: Buffer): Promise<NonNullable<ObjectVersion['Sse']>> {
  const encryption = object.encryption ?? { kind: 'SSE-S3' };
  if (encryption.kind === 'SSE-S3') return { Algorithm: 'AES256', SealedKey: writer.masterKey.seal(dataKey, sseS3Label(object.bucket, object.key)) };
  const record = await usableKey(writer.store, encryption.keyArn);
  const { material, bytes } = currentMaterial(writer.masterKey, record);
  const blob = sealSymmetric(bytes, { keyArn: record.Arn, materialId: material.id }, dataKey, encryption.context);
  return { Algorithm: 'aws:kms', KmsKeyArn: record.Arn, SealedKey: blob.toString('base64'), EncryptionContext: { ...encryption.context } };
}

/** A symmetric encryption key that exists and is enabled, by key ARN. */
export async function usableKey(store: Store, keyArn: string): Promise<KeyRecord> {
  const m = KEY_ARN.exec(keyArn);
  const record = m ? (await store.get<KeyRecord>({ account: m[2] as string, region: m[1] as string }, KEY_KIND, m[3] as string))?.value : undefined;
  if (!record) throw new InternalWriteError('KMS.NotFoundException', `Key '${keyArn}' does not exist`);
  try {
    requireUsable(record);
  } catch (err) {
    throw new InternalWriteError(`KMS.${(err as { code?: string }).code ?? 'KMSInvalidStateException'}`, (err as Error).message);
  }
  if (record.KeySpec !== 'SYMMETRIC_DEFAULT' || record.KeyUsage !== 'ENCRYPT_DECRYPT') {
    throw new InternalWriteError('KMS.InvalidKeyUsageException', `${record.Arn} is not a symmetric encryption key.`);
  }
  return record;
}

function lowerCased(metadata: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!metadata) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) out[name.toLowerCase()] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}
