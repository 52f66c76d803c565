/**
 * What every S3 operation shares: the stored bucket, object and multipart-upload records, the
 * global bucket namespace, ARNs, and S3's errors in its own wording (with the fields S3 adds
 * to its error XML: BucketName, Key, Condition …).
 *
 * Store layout — bucket names are global across accounts, as in AWS, so everything lives in one
 * scope (S3_SCOPE); a bucket name never contains `/`, so `<bucket>/` prefixes are exact:
 *   s3:bucket  <bucket>                BucketRecord (owner, region, every bucket configuration)
 *   s3:object  <bucket>/<key>          ObjectEntry (every version of one key, newest first)
 *   s3:upload  <bucket>/<upload id>    UploadRecord (a multipart upload in progress and its parts)
 * Object bytes live in the BlobStore (ctx.blobs), named by each version's BlobId.
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';

export const S3_SCOPE: Scope = { account: 'aws-s3', region: GLOBAL_REGION };
export const BUCKET_KIND = 's3:bucket';
export const OBJECT_KIND = 's3:object';
export const UPLOAD_KIND = 's3:upload';

export interface Tag {
  Key: string;
  Value: string;
}

export interface Grant {
  Grantee: { Type: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail'; ID?: string; URI?: string; DisplayName?: string; EmailAddress?: string };
  Permission: 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface EncryptionRule {
  SSEAlgorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  KMSMasterKeyID?: string;
  BucketKeyEnabled?: boolean;
}

export interface BucketRecord {
  Name: string;
  /** The owning account (12 digits) and its canonical user id. */
  OwnerAccount: string;
  OwnerId: string;
  Region: string;
  CreationDate: string;
  /** Unset (never enabled), Enabled or Suspended. */
  Versioning?: 'Enabled' | 'Suspended';
  MfaDelete?: 'Enabled' | 'Disabled';
  Tags?: Tag[];
  /** The bucket policy text as put. */
  Policy?: string;
  PublicAccessBlock?: PublicAccessBlock;
  /** BucketOwnerEnforced (the default since 2023), BucketOwnerPreferred or ObjectWriter. */
  ObjectOwnership: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
  OwnershipControlsSet?: boolean;
  Acl: Grant[];
  /** Default encryption: SSE-S3 unless configured otherwise (as AWS since 2023). */
  Encryption: EncryptionRule;
  EncryptionSet?: boolean;
  ObjectLockEnabled?: boolean;
  ObjectLockRule?: { Mode: 'GOVERNANCE' | 'COMPLIANCE'; Days?: number; Years?: number };
  Logging?: { TargetBucket: string; TargetPrefix: string };
  /** Other stored configurations (CORS, lifecycle, website, …) as their model documents. */
  Configs?: Record<string, unknown>;
}

export interface ObjectVersion {
  /** 'null' for objects written while versioning was never enabled or is suspended. */
  VersionId: string;
  IsDeleteMarker?: boolean;
  LastModified: string;
  ETag?: string;
  Size?: number;
  BlobId?: string;
  OwnerId: string;
  StorageClass?: string;
  ContentType?: string;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires, WebsiteRedirectLocation. */
  Headers?: Record<string, string>;
  /** User metadata (x-amz-meta-*), lower-cased names. */
  Metadata?: Record<string, string>;
  Tags?: Tag[];
  Acl?: Grant[];
  Checksum?: { Algorithm: string; Value: string; Type: 'FULL_OBJECT' | 'COMPOSITE' };
  /** Multipart objects: the part count (ETag "…-N") and each part's size, for partNumber reads. */
  Parts?: Array<{ Size: number; Checksum?: string }>;
  Sse?: {
    Algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
    KmsKeyArn?: string;
    BucketKeyEnabled?: boolean;
    /** The object's data key: sealed under the master key (SSE-S3) or a KMS ciphertext blob (SSE-KMS), base64. */
    SealedKey: string;
    EncryptionContext?: Record<string, string>;
  };
  Lock?: { Mode?: 'GOVERNANCE' | 'COMPLIANCE'; RetainUntil?: string; LegalHold?: 'ON' | 'OFF' };
}

export interface ObjectEntry {
  Key: string;
  /** Newest first. */
  Versions: ObjectVersion[];
}

export interface UploadPart {
  PartNumber: number;
  ETag: string;
  Size: number;
  BlobId: string;
  LastModified: string;
  Checksum?: string;
}

export interface UploadRecord {
  Bucket: string;
  Key: string;
  UploadId: string;
  Initiated: string;
  InitiatorArn: string;
  OwnerId: string;
  /** What the finished object will carry (content type, metadata, SSE, lock, ACL, tags, checksum algorithm). */
  Template: Partial<ObjectVersion> & { ChecksumAlgorithm?: string; ChecksumType?: string };
  Parts: Record<string, UploadPart>;
}

export const nowIso = (): string => new Date().toISOString();
export const bucketArn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;
export const objectId = (bucket: string, key: string): string => `${bucket}/${key}`;
export const uploadId = (bucket: string, upload: string): string => `${bucket}/${upload}`;

/** A version id as S3 makes them: 32 URL-safe characters. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** The canonical user id of an account: 64 hex characters, stable per account. */
export function canonicalUserId(account: string): string {
  return Buffer.from(`bulwark-canonical-user-${account}`.padEnd(32, '.')).toString('hex').slice(0, 64).padEnd(64, '0');
}

// --- errors ----------------------------------------------------------------------------------

const error = (code: string, message: string, status: number, fields?: Record<string, unknown>, headers?: Record<string, string>): AwsError =>
  new AwsError(code, message, { status, fields, headers });

export const noSuchBucket = (bucket: string): AwsError => error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const noSuchKey = (key: string): AwsError => error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
export const noSuchVersion = (key: string, versionId: string): AwsError =>
  error('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId });
export const noSuchUpload = (upload: string): AwsError =>
  error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: upload });
export const bucketAlreadyExists = (bucket: string): AwsError =>
  error('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: bucket });
export const bucketAlreadyOwnedByYou = (bucket: string): AwsError =>
  error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: bucket });
export const bucketNotEmpty = (bucket: string): AwsError => error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });
export const invalidBucketName = (bucket: string): AwsError => error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
export const invalidArgument = (message: string, name?: string, value?: string): AwsError =>
  error('InvalidArgument', message, 400, name === undefined ? undefined : { ArgumentName: name, ArgumentValue: value ?? '' });
export const invalidRequest = (message: string): AwsError => error('InvalidRequest', message, 400);
export const malformedXml = (): AwsError => error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
export const malformedPolicy = (message: string): AwsError => error('MalformedPolicy', message, 400);
export const accessDenied = (message = 'Access Denied'): AwsError => error('AccessDenied', message, 403);
export const preconditionFailed = (condition: string): AwsError =>
  error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
export const notModified = (): AwsError => error('NotModified', 'Not Modified', 304);
export const invalidRange = (requested: string, size: number): AwsError =>
  error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: requested, ActualObjectSize: String(size) });
export const methodNotAllowed = (headers?: Record<string, string>): AwsError =>
  error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, undefined, headers);
export const notFoundConfig = (code: string, message: string, bucket: string): AwsError => error(code, message, 404, { BucketName: bucket });
export const notImplementedByBulwark = (what: string): AwsError => error('NotImplemented', `Bulwark does not implement ${what} yet.`, 501);

// --- buckets ---------------------------------------------------------------------------------

/** The bucket record, or NoSuchBucket. */
export async function requireBucket(ops: StoreOps, name: string): Promise<BucketRecord> {
  const found = await ops.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, name);
  if (!found) throw noSuchBucket(name);
  return found.value;
}

export async function saveBucket(ops: StoreOps, bucket: BucketRecord): Promise<void> {
  await ops.put(S3_SCOPE, BUCKET_KIND, bucket.Name, bucket);
}

/** The caller's canonical user id (the owner of what it creates). */
export function callerCanonicalId(ctx: RequestContext): string {
  return canonicalUserId(ctx.principal.account);
}

/**
 * The bucket and object records one request reads, kept for the rest of that request
 * (RequestContext.readCache): the authorizer and the handler read them once between them.
 * For reads outside a transaction only — a transaction reads its own, fresh.
 */
export async function bucketForRequest(ctx: RequestContext, name: string): Promise<BucketRecord | undefined> {
  const cacheKey = `s3:bucket:${name}`;
  const cached = ctx.readCache?.get(cacheKey) as BucketRecord | undefined;
  if (cached) return cached;
  const found = (await ctx.store.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, name))?.value;
  if (found) (ctx.readCache ??= new Map()).set(cacheKey, found);
  return found;
}

export async function requireBucketForRequest(ctx: RequestContext, name: string): Promise<BucketRecord> {
  const bucket = await bucketForRequest(ctx, name);
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}

export async function objectForRequest(ctx: RequestContext, bucket: string, key: string): Promise<ObjectEntry | undefined> {
  const cacheKey = `s3:object:${objectId(bucket, key)}`;
  if (ctx.readCache?.has(cacheKey)) return ctx.readCache.get(cacheKey) as ObjectEntry | undefined;
  const found = await findObject(ctx.store, bucket, key);
  (ctx.readCache ??= new Map()).set(cacheKey, found);
  return found;
}

export async function findObject(ops: StoreOps, bucket: string, key: string): Promise<ObjectEntry | undefined> {
  return (await ops.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, objectId(bucket, key)))?.value;
}

/**
 * The version a read names: the given VersionId, or the newest. NoSuchKey when the key is absent
 * or (without a VersionId) its newest version is a delete marker — S3 then adds
 * `x-amz-delete-marker: true`; NoSuchVersion for an unknown id.
 */
export function pickVersion(entry: ObjectEntry | undefined, key: string, versionId?: string): ObjectVersion {
  if (versionId !== undefined) {
    const v = entry?.Versions.find((x) => x.VersionId === versionId);
    if (!v) throw versionId === 'null' ? noSuchKey(key) : noSuchVersion(key, versionId);
    if (v.IsDeleteMarker) throw methodNotAllowed({ 'x-amz-delete-marker': 'true', 'x-amz-version-id': v.VersionId });
    return v;
  }
  const latest = entry?.Versions[0];
  if (!latest) throw noSuchKey(key);
  if (latest.IsDeleteMarker) {
    const err = noSuchKey(key);
    err.headers['x-amz-delete-marker'] = 'true';
    err.headers['x-amz-version-id'] = latest.VersionId;
    throw err;
  }
  return latest;
}

/**
 * Every S3 request's bucket and key, before anything reads the store with them: a NUL, another
 * control character or an unpaired surrogate cannot name a bucket (InvalidBucketName), and a
 * key with NUL or an unpaired surrogate cannot be stored (InvalidURI, as S3 answers a URI it
 * cannot parse).
 */
const hasControlCharacter = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkS3Input(_operation: string, input: Record<string, unknown>): void {
  const bucket = input.Bucket;
  if (typeof bucket === 'string' && (bucket.length > 255 || hasControlCharacter(bucket) || LONE_SURROGATE.test(bucket))) throw invalidBucketName(bucket);
  for (const member of ['Key', 'Prefix', 'Delimiter', 'StartAfter', 'Marker', 'KeyMarker']) {
    const value = input[member];
    if (typeof value === 'string' && (value.includes('\u0000') || LONE_SURROGATE.test(value))) {
      throw error('InvalidURI', "Couldn't parse the specified URI.", 400);
    }
  }
}
