/**
 * Reading a list file out of Bulwark's own S3, as GuardDuty reads it with its service-linked
 * role: the object's current version (no request, nothing recorded), its bytes decrypted with
 * the object's data key — sealed under the master key (SSE-S3) or by a KMS key of Bulwark's
 * KMS (SSE-KMS, the key must be enabled). A bucket of another account must let the
 * service-linked role read (s3:GetObject through the bucket policy, decided by the policy
 * engine); ExpectedBucketOwner must match the bucket's owner. 35 MB at most, as AWS allows.
 */
import type { MasterKey } from '../../crypto/master-key.js';
import { compilePolicy, evaluate } from '../../iam/policy/index.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { Store } from '../../store/index.js';
import { KEY_ARN, KEY_KIND, materialById, type KeyRecord } from '../kms/common.js';
import { openSymmetric, readBlobHeader } from '../kms/crypto/index.js';
import { BUCKET_KIND, bucketArn, OBJECT_KIND, objectArn, objectId, S3_SCOPE, type BucketRecord, type ObjectEntry, type ObjectVersion } from '../s3/common.js';
import { sseS3Label } from '../s3/sse.js';
import type { ObjectLocation } from './list-location.js';

/** The service-linked role GuardDuty reads lists with (a session of it is the reader). */
const SERVICE_ROLE_NAME = 'AWSServiceRoleForAmazonGuardDuty';

export const MAX_LIST_BYTES = 35 * 1024 * 1024;

export interface ObjectReader {
  store: Store;
  blobs: BlobStore;
  masterKey: MasterKey;
}

/** Why a list could not be read (the set's Status becomes ERROR). */
export class ListReadError extends Error {}

export async function readListObject(reader: ObjectReader, location: ObjectLocation, account: string, expectedOwner?: string): Promise<string> {
  const bucket = (await reader.store.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, location.bucket))?.value;
  if (!bucket) throw new ListReadError(`The bucket ${location.bucket} does not exist.`);
  if (expectedOwner !== undefined && bucket.OwnerAccount !== expectedOwner) throw new ListReadError(`The bucket ${location.bucket} is not owned by ${expectedOwner}.`);
  if (bucket.OwnerAccount !== account && !policyLetsGuardDutyRead(bucket, location, account)) {
    throw new ListReadError(`The bucket policy of ${location.bucket} does not let GuardDuty read ${location.key}.`);
  }
  const version = (await reader.store.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, objectId(location.bucket, location.key)))?.value?.Versions[0];
  if (!version || version.IsDeleteMarker) throw new ListReadError(`The object ${location.key} does not exist in ${location.bucket}.`);
  if ((version.Size ?? 0) > MAX_LIST_BYTES) throw new ListReadError(`The object ${location.key} is larger than 35 MB.`);
  if (!version.BlobId || (version.Size ?? 0) === 0) return '';
  const key = await dataKey(reader, location, version);
  return (await reader.blobs.readAll(version.BlobId, { key })).toString('utf8');
}

function policyLetsGuardDutyRead(bucket: BucketRecord, location: ObjectLocation, account: string): boolean {
  if (bucket.Policy === undefined) return false;
  try {
    const policy = compilePolicy(bucket.Policy, 'resource', bucketArn(bucket.Name));
    const principal = { arn: `arn:aws:sts::${account}:assumed-role/${SERVICE_ROLE_NAME}/GuardDuty`, type: 'AssumedRole' as const, account };
    const request = { principal, action: 's3:GetObject', resource: objectArn(location.bucket, location.key), resourceAccount: bucket.OwnerAccount };
    return evaluate(request, { resource: policy }).decision === 'Allow';
  } catch {
    return false;
  }
}

async function dataKey(reader: ObjectReader, location: ObjectLocation, version: ObjectVersion): Promise<Buffer | undefined> {
  const sse = version.Sse;
  if (!sse) return undefined;
  if (sse.Algorithm === 'AES256') return reader.masterKey.open(sse.SealedKey, sseS3Label(location.bucket, location.key));
  const blob = Buffer.from(sse.SealedKey, 'base64');
  const header = readBlobHeader(blob);
  const m = header ? KEY_ARN.exec(header.keyArn) : null;
  const record = m ? (await reader.store.get<KeyRecord>({ account: m[2]!, region: m[1]! }, KEY_KIND, m[3]!))?.value : undefined;
  if (!header || !record || record.KeyState !== 'Enabled') throw new ListReadError(`The KMS key of ${location.key} cannot be used to decrypt it.`);
  const material = materialById(reader.masterKey, record, header.materialId);
  if (!material) throw new ListReadError(`The KMS key of ${location.key} cannot be used to decrypt it.`);
  try {
    return openSymmetric(material, blob, sse.EncryptionContext ?? {});
  } catch {
    throw new ListReadError(`The data key of ${location.key} could not be decrypted.`);
  }
}
