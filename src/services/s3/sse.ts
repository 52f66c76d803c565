/**
 * Server-side encryption of objects at rest: every object's bytes are stored under its own
 * random 32-byte data key (ctx.blobs AES-256-CTR); what differs is how that data key is kept:
 *
 *   SSE-S3  (AES256)        sealed under Bulwark's master key, bound to `s3:<bucket>/<key>`
 *   SSE-KMS (aws:kms, aws:kms:dsse)
 *                           a KMS ciphertext blob of Bulwark's own KMS (the key named by
 *                           SSEKMSKeyId — key id, key ARN, alias or alias ARN — else the bucket
 *                           default's key, else the AWS managed key alias/aws/s3, created on
 *                           first use), with the encryption context
 *                           {"aws:s3:arn": <object ARN, or the bucket ARN with an S3 Bucket Key>}
 *                           plus the caller's x-amz-server-side-encryption-context
 *   SSE-C                   NotImplemented
 *
 * As in AWS, S3 uses the KMS key on the caller's behalf: writing needs kms:GenerateDataKey and
 * reading the bytes needs kms:Decrypt, each allowed to the caller by the key policy (and the
 * caller's identity policies) with kms:ViaService = s3.<region>.amazonaws.com and
 * kms:CallerAccount — decided through RequestContext.authorizeAlso. A denial is S3's
 * AccessDenied in KMS's wording; a disabled or pending-deletion key surfaces as KMS's error
 * with S3's `KMS.` prefix.
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { ContextValue } from '../../iam/policy/index.js';
import { ensureAwsManagedKey } from '../kms/aliases.js';
import { encryptionContextKeys } from '../kms/authorization.js';
import { currentMaterial, findKey, materialById, requireUsable, type KeyRecord } from '../kms/common.js';
import { openSymmetric, readBlobHeader, sealSymmetric } from '../kms/crypto/index.js';
import type { OperationInput, RequestContext } from '../types.js';
import { accessDenied, bucketArn, invalidArgument, notImplementedByBulwark, objectArn, type BucketRecord, type ObjectVersion } from './common.js';

export interface ObjectEncryption {
  /** What the version records (algorithm, KMS key, sealed data key …); undefined = unencrypted. */
  sse?: ObjectVersion['Sse'];
  /** The plaintext data key to hand to ctx.blobs.put({ key }). */
  key?: Buffer;
}

type Algorithm = NonNullable<ObjectVersion['Sse']>['Algorithm'];

const ALGORITHMS: ReadonlySet<string> = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/** The master-key label of an SSE-S3 data key. */
export const sseS3Label = (bucket: string, key: string): string => `s3:${bucket}/${key}`;

/** The encryption a new object gets: from its request (x-amz-server-side-encryption …) or the bucket default. */
export async function encryptionFor(ctx: RequestContext, bucket: BucketRecord, key: string, input: OperationInput): Promise<ObjectEncryption> {
  if (input.SSECustomerAlgorithm !== undefined || input.SSECustomerKey !== undefined || input.SSECustomerKeyMD5 !== undefined) {
    throw notImplementedByBulwark('SSE-C (customer-provided keys)');
  }
  const requested = typeof input.ServerSideEncryption === 'string' ? input.ServerSideEncryption : undefined;
  if (requested !== undefined && !ALGORITHMS.has(requested)) {
    // Unconfirmed wording.
    throw invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', requested);
  }
  const kmsRequested = requested === 'aws:kms' || requested === 'aws:kms:dsse';
  if (!kmsRequested && (input.SSEKMSKeyId !== undefined || input.SSEKMSEncryptionContext !== undefined)) {
    throw invalidArgument(
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
      'x-amz-server-side-encryption',
      requested ?? 'null',
    );
  }
  const rule = bucket.Encryption ?? { SSEAlgorithm: 'AES256' };
  const algorithm = (requested ?? rule.SSEAlgorithm) as Algorithm;
  const dataKey = randomBytes(32);
  if (algorithm === 'AES256') {
    return { key: dataKey, sse: { Algorithm: 'AES256', SealedKey: ctx.masterKey.seal(dataKey, sseS3Label(bucket.Name, key)) } };
  }
  // SSE-KMS: the request's key, else the bucket default's (only when the default is KMS too).
  const fromRule = requested === undefined || rule.SSEAlgorithm !== 'AES256' ? rule.KMSMasterKeyID : undefined;
  const keyId = typeof input.SSEKMSKeyId === 'string' && input.SSEKMSKeyId !== '' ? input.SSEKMSKeyId : fromRule;
  const bucketKey = typeof input.BucketKeyEnabled === 'boolean' ? input.BucketKeyEnabled : requested === undefined || requested === rule.SSEAlgorithm ? rule.BucketKeyEnabled === true : false;
  const record = await kmsKeyFor(ctx, bucket, keyId);
  const context: Record<string, string> = { ...callerContext(input.SSEKMSEncryptionContext), 'aws:s3:arn': bucketKey ? bucketArn(bucket.Name) : objectArn(bucket.Name, key) };
  await authorizeKms(ctx, bucket, 'kms:GenerateDataKey', record.Arn, context);
  const { material, bytes } = kmsCall(() => currentMaterial(ctx.masterKey, record));
  const blob = sealSymmetric(bytes, { keyArn: record.Arn, materialId: material.id }, dataKey, context);
  return {
    key: dataKey,
    sse: {
      Algorithm: algorithm,
      KmsKeyArn: record.Arn,
      ...(bucketKey ? { BucketKeyEnabled: true } : {}),
      SealedKey: blob.toString('base64'),
      EncryptionContext: context,
    },
  };
}

/** The data key to read a version's bytes (SSE-KMS needs the caller's kms:Decrypt); undefined when unencrypted. */
export async function decryptionKey(ctx: RequestContext, bucket: BucketRecord, key: string, version: ObjectVersion): Promise<Buffer | undefined> {
  const sse = version.Sse;
  if (!sse) return undefined;
  if (sse.Algorithm === 'AES256') return ctx.masterKey.open(sse.SealedKey, sseS3Label(bucket.Name, key));
  const blob = Buffer.from(sse.SealedKey, 'base64');
  const header = readBlobHeader(blob);
  if (!header) throw new AwsError('InternalError', 'We encountered an internal error. Please try again.', { status: 500 });
  const record = await kmsCallAsync(async () => (await findKey(ctx.store, kmsContext(ctx, header.keyArn), header.keyArn, { allowAlias: false })).record);
  kmsCall(() => requireUsable(record));
  const context = sse.EncryptionContext ?? {};
  await authorizeKms(ctx, bucket, 'kms:Decrypt', record.Arn, context);
  const material = materialById(ctx.masterKey, record, header.materialId);
  if (!material) throw kmsError('InvalidCiphertextException', '');
  return kmsCall(() => openSymmetric(material, blob, context));
}

/** The SSE output members of a version (ServerSideEncryption, SSEKMSKeyId, BucketKeyEnabled). */
export function sseOutput(version: ObjectVersion): Record<string, unknown> {
  const sse = version.Sse;
  if (!sse) return {};
  const out: Record<string, unknown> = { ServerSideEncryption: sse.Algorithm };
  if (sse.KmsKeyArn) out.SSEKMSKeyId = sse.KmsKeyArn;
  if (sse.BucketKeyEnabled) out.BucketKeyEnabled = true;
  const context = sse.EncryptionContext;
  if (context && Object.keys(context).length > 1) out.SSEKMSEncryptionContext = Buffer.from(JSON.stringify(context)).toString('base64');
  return out;
}

// --- KMS on the caller's behalf ----------------------------------------------------------------

/** The KMS key an SSE-KMS write uses: the one named, else the AWS managed key aws/s3 of the bucket's region. */
async function kmsKeyFor(ctx: RequestContext, bucket: BucketRecord, keyId: string | undefined): Promise<KeyRecord> {
  const kctx: RequestContext = bucket.Region === ctx.region ? ctx : { ...ctx, region: bucket.Region };
  let record: KeyRecord;
  if (keyId === undefined) record = await ensureAwsManagedKey(kctx, 's3');
  else {
    try {
      record = (await findKey(ctx.store, kmsContext(kctx, keyId), keyId)).record;
    } catch (err) {
      // S3's wording for a key KMS does not know (or cannot parse): "Invalid keyId <as given>".
      if (err instanceof AwsError && (err.code === 'NotFoundException' || err.code === 'InvalidArnException')) throw kmsError('NotFoundException', `Invalid keyId ${keyId}`);
      throw translate(err);
    }
  }
  kmsCall(() => requireUsable(record));
  if (record.KeyUsage !== 'ENCRYPT_DECRYPT' || record.KeySpec !== 'SYMMETRIC_DEFAULT') {
    // Unconfirmed wording: S3 accepts only symmetric encryption keys.
    throw invalidArgument(`The KMS key ${record.Arn} is not a symmetric encryption key; SSE-KMS supports only symmetric encryption KMS keys.`, 'x-amz-server-side-encryption-aws-kms-key-id', keyId ?? record.Arn);
  }
  return record;
}

/** The context findKey resolves a key ARN in: the ARN's own region (KMS refuses another region's ARN). */
function kmsContext(ctx: RequestContext, keyId: string): RequestContext {
  const region = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/.exec(keyId)?.[1];
  return region && region !== ctx.region ? { ...ctx, region } : ctx;
}

/** kms:GenerateDataKey / kms:Decrypt as S3 asks for them on the caller's behalf. */
async function authorizeKms(ctx: RequestContext, bucket: BucketRecord, action: string, keyArn: string, context: Record<string, string>): Promise<void> {
  if (!ctx.authorizeAlso) return;
  const keys: Record<string, ContextValue> = {
    ...encryptionContextKeys(context),
    'kms:ViaService': `s3.${bucket.Region}.amazonaws.com`,
    'kms:CallerAccount': ctx.principal.account,
  };
  const denial = await ctx.authorizeAlso(action, keyArn, keys);
  const error = denial === undefined ? undefined : accessDenied(denial);
  // CloudTrail records KMS's side: the caller's call, invoked by S3.
  const input = action === 'kms:Decrypt' ? { KeyId: keyArn, EncryptionContext: context, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } : { KeyId: keyArn, EncryptionContext: context, KeySpec: 'AES_256' };
  (ctx.onBehalf ??= []).push({ service: 'kms', operation: action.slice('kms:'.length), input, invokedBy: 's3.amazonaws.com', resources: [keyArn], error: error && kmsAccessDenied(denial!) });
  if (error) throw error;
}

/** KMS's own answer to the refused side call (as CloudTrail records it for the KMS event). */
function kmsAccessDenied(message: string): AwsError {
  return new AwsError('AccessDenied', message, { status: 400 });
}

/** x-amz-server-side-encryption-context: base64 of a JSON object of strings. */
export function callerContext(value: unknown): Record<string, string> {
  if (value === undefined || value === '') return {};
  const bad = (): AwsError =>
    // Unconfirmed wording.
    invalidArgument('The header \'x-amz-server-side-encryption-context\' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map', 'x-amz-server-side-encryption-context', String(value));
  if (typeof value !== 'string') throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string') throw bad();
    if (k.toLowerCase().startsWith('aws:')) {
      // Unconfirmed wording: the aws: prefix is reserved for S3's own context entry.
      throw invalidArgument('Encryption context keys cannot start with the reserved prefix aws:', 'x-amz-server-side-encryption-context', String(value));
    }
    out[k] = v;
  }
  return out;
}

/** KMS's errors as S3 answers them: the KMS code with a `KMS.` prefix, HTTP 400, KMS's message. */
function kmsError(code: string, message: string): AwsError {
  // Unconfirmed wording: S3 relays KMS's code (KMS.DisabledException, KMS.KMSInvalidStateException, KMS.NotFoundException …) and message.
  return new AwsError(`KMS.${code}`, message, { status: 400 });
}

function translate(err: unknown): unknown {
  if (err instanceof AwsError && !err.code.startsWith('KMS.') && err.code !== 'AccessDenied') return kmsError(err.code, err.message);
  return err;
}

function kmsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw translate(err);
  }
}

async function kmsCallAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw translate(err);
  }
}
