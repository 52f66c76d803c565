/**
 * Envelope encryption of secret values with Bulwark's own KMS, as AWS documents it ("Secret
 * encryption and decryption in AWS Secrets Manager"):
 *
 *   - every version gets a fresh 256-bit data key; the value is encrypted with it (AES-256-GCM,
 *     bound to the secret's ARN and the version id), the data key is encrypted by the KMS key
 *     (our KMS ciphertext blob) with the encryption context
 *     {"SecretARN": <arn>, "SecretVersionId": <version id>} — nothing is stored in the clear;
 *   - the KMS key is the secret's KmsKeyId (key id, key ARN, alias or alias ARN, resolved in
 *     the secret's account and Region), else the AWS managed key aws/secretsmanager, created on
 *     first use;
 *   - KMS is used on the caller's behalf: writing needs kms:GenerateDataKey, reading kms:Decrypt,
 *     re-encrypting under a new key (UpdateSecret KmsKeyId) kms:Decrypt and kms:Encrypt, each
 *     decided by the key policy and the caller's policies with kms:ViaService =
 *     secretsmanager.<region>.amazonaws.com and kms:CallerAccount (RequestContext.authorizeAlso).
 *     A refusal answers AccessDeniedException "Access to KMS is not allowed", as AWS does; a
 *     disabled, pending-deletion or unknown key answers EncryptionFailure / DecryptionFailure.
 *     Each use is recorded for CloudTrail as the caller's KMS call invoked by Secrets Manager.
 *
 * A value may carry several envelopes of its data key (after a key change, the labelled versions
 * are re-encrypted under the new key and stay readable with the old one); reads try the newest
 * envelope first.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { ContextValue } from '../../iam/policy/index.js';
import type { Scope } from '../../store/index.js';
import { ensureAwsManagedKey } from '../kms/aliases.js';
import { encryptionContextKeys } from '../kms/authorization.js';
import { currentMaterial, findKey, KEY_ARN, materialById, requireUsable, type KeyRecord } from '../kms/common.js';
import { openSymmetric, readBlobHeader, sealSymmetric } from '../kms/crypto/index.js';
import { cachedKey } from '../kms/key-cache.js';
import type { RequestContext } from '../types.js';
import { SERVICE_PRINCIPAL } from './common.js';
import { decryptionFailure, encryptionFailure, kmsAccessDenied } from './errors.js';
import { storable } from './names.js';

/** How ListSecretVersionIds names the AWS managed key aws/secretsmanager. */
export const DEFAULT_KEY_ID = 'DefaultEncryptionKey';

/** The data key encrypted by one KMS key. */
export interface Envelope {
  KeyArn: string;
  /** The key is the AWS managed key aws/secretsmanager. */
  Managed?: boolean;
  /** Base64 of the KMS ciphertext blob of the data key. */
  DataKey: string;
}

/** One version's value at rest. */
export interface SealedValue {
  /** Oldest first. */
  Envelopes: Envelope[];
  /** Base64 of IV ‖ GCM tag ‖ ciphertext. */
  Data: string;
  /** SecretBinary rather than SecretString. */
  Binary?: boolean;
}

/** The KMS key that encrypts new versions. */
export interface WriteKey {
  record: KeyRecord;
  managed: boolean;
}

export const keyIdOf = (envelope: Envelope): string => (envelope.Managed ? DEFAULT_KEY_ID : envelope.KeyArn);

/**
 * The key new versions of a secret in `scope` are encrypted with. Must run outside a store
 * transaction: it may create aws/secretsmanager (its own transaction).
 */
export async function keyForWrites(ctx: RequestContext, scope: Scope, kmsKeyId: string | undefined): Promise<WriteKey> {
  const kctx = ctx.account === scope.account && ctx.region === scope.region ? ctx : Object.assign({}, ctx, { account: scope.account, region: scope.region });
  let record: KeyRecord;
  if (kmsKeyId === undefined || kmsKeyId === '') record = await ensureAwsManagedKey(kctx, 'secretsmanager');
  else {
    if (!storable(kmsKeyId)) throw encryptionFailure();
    try {
      record = (await findKey(ctx.store, kctx, kmsKeyId)).record;
    } catch (err) {
      if (err instanceof AwsError) throw encryptionFailure(err.message);
      throw err;
    }
  }
  return { record, managed: record.KeyManager === 'AWS' };
}

const contextOf = (arn: string, versionId: string): Record<string, string> => ({ SecretARN: arn, SecretVersionId: versionId });

/** A new version's value, encrypted under `key` (kms:GenerateDataKey on the caller's behalf). */
export async function sealValue(ctx: RequestContext, key: WriteKey, arn: string, versionId: string, plaintext: Buffer, binary: boolean): Promise<SealedValue> {
  const dataKey = randomBytes(32);
  const envelope = await wrapDataKey(ctx, key, arn, versionId, dataKey, 'GenerateDataKey');
  const out: SealedValue = { Envelopes: [envelope], Data: encryptData(dataKey, plaintext, arn, versionId) };
  if (binary) out.Binary = true;
  return out;
}

/** A version's plaintext (kms:Decrypt on the caller's behalf), trying the newest envelope first. */
export async function openValue(ctx: RequestContext, sealed: SealedValue, arn: string, versionId: string): Promise<Buffer> {
  return decryptData(await unwrapAny(ctx, sealed, arn, versionId), sealed.Data, arn, versionId);
}

/**
 * The value with its data key also encrypted under `key` (UpdateSecret's new KmsKeyId):
 * undefined when it already is, or when the caller may not decrypt the data key or encrypt with
 * the new key — AWS then leaves the version as it was.
 */
export async function rewrapValue(ctx: RequestContext, sealed: SealedValue, arn: string, versionId: string, key: WriteKey): Promise<SealedValue | undefined> {
  if (sealed.Envelopes.some((e) => e.KeyArn === key.record.Arn)) return undefined;
  try {
    const dataKey = await unwrapAny(ctx, sealed, arn, versionId);
    const envelope = await wrapDataKey(ctx, key, arn, versionId, dataKey, 'Encrypt');
    return Object.assign({}, sealed, { Envelopes: sealed.Envelopes.concat([envelope]) });
  } catch (err) {
    if (err instanceof AwsError) return undefined;
    throw err;
  }
}

// --- KMS on the caller's behalf --------------------------------------------------------------

async function wrapDataKey(ctx: RequestContext, key: WriteKey, arn: string, versionId: string, dataKey: Buffer, operation: 'GenerateDataKey' | 'Encrypt'): Promise<Envelope> {
  const record = key.record;
  const context = contextOf(arn, versionId);
  await authorizeKms(ctx, operation, record.Arn, context, arn);
  let sealed: Buffer;
  try {
    requireSymmetric(record);
    requireUsable(record);
    const { material, bytes } = currentMaterial(ctx.masterKey, record);
    sealed = sealSymmetric(bytes, { keyArn: record.Arn, materialId: material.id }, dataKey, context);
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    recordKms(ctx, operation, record.Arn, context, err);
    throw encryptionFailure(err.message);
  }
  recordKms(ctx, operation, record.Arn, context);
  const envelope: Envelope = { KeyArn: record.Arn, DataKey: sealed.toString('base64') };
  if (key.managed) envelope.Managed = true;
  return envelope;
}

async function unwrapAny(ctx: RequestContext, sealed: SealedValue, arn: string, versionId: string): Promise<Buffer> {
  let first: unknown;
  for (let i = sealed.Envelopes.length - 1; i >= 0; i--) {
    try {
      return await unwrapDataKey(ctx, sealed.Envelopes[i] as Envelope, arn, versionId);
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      first ??= err;
    }
  }
  throw first ?? decryptionFailure();
}

/**
 * Data keys already decrypted, by their sealed text (as kms/common.ts caches opened key
 * material): a read still needs the caller's kms:Decrypt and a usable key, but not another
 * AES-GCM pass over the envelope.
 */
const openedDataKeys = new Map<string, Buffer>();
const MAX_OPENED = 10_000;

async function unwrapDataKey(ctx: RequestContext, envelope: Envelope, arn: string, versionId: string): Promise<Buffer> {
  const blob = Buffer.from(envelope.DataKey, 'base64');
  const header = readBlobHeader(blob);
  const m = header && KEY_ARN.exec(header.keyArn);
  if (!header || !m) throw decryptionFailure();
  const context = contextOf(arn, versionId);
  const cached = await cachedKey(ctx.store, { region: m[1] as string, account: m[2] as string }, m[3] as string);
  if (!cached) {
    // Unconfirmed wording: KMS's NotFoundException text for the key.
    const missing = new AwsError('NotFoundException', `Key '${header.keyArn}' does not exist`);
    recordKms(ctx, 'Decrypt', header.keyArn, context, missing);
    throw decryptionFailure(missing.message);
  }
  const record = cached.stored.value;
  await authorizeKms(ctx, 'Decrypt', record.Arn, context, arn);
  try {
    requireUsable(record);
    const material = materialById(ctx.masterKey, record, header.materialId);
    if (!material) throw new AwsError('InvalidCiphertextException', '');
    let dataKey = openedDataKeys.get(envelope.DataKey);
    if (!dataKey) {
      dataKey = openSymmetric(material, blob, context);
      if (openedDataKeys.size >= MAX_OPENED) openedDataKeys.clear();
      openedDataKeys.set(envelope.DataKey, dataKey);
    }
    recordKms(ctx, 'Decrypt', record.Arn, context);
    return dataKey;
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    recordKms(ctx, 'Decrypt', record.Arn, context, err);
    throw decryptionFailure(err.message || undefined);
  }
}

function requireSymmetric(record: KeyRecord): void {
  if (record.KeyUsage !== 'ENCRYPT_DECRYPT' || record.KeySpec !== 'SYMMETRIC_DEFAULT') {
    // Unconfirmed wording: Secrets Manager supports only symmetric encryption KMS keys.
    throw new AwsError('InvalidKeyUsageException', `${record.Arn} key usage is ${record.KeyUsage} and key spec ${record.KeySpec}; Secrets Manager supports only symmetric encryption KMS keys.`);
  }
}

/** kms:<operation> as Secrets Manager asks for it on the caller's behalf; a refusal is recorded for CloudTrail and answered as AWS does. */
async function authorizeKms(ctx: RequestContext, operation: string, keyArn: string, context: Record<string, string>, secretArn: string): Promise<void> {
  if (!ctx.authorizeAlso) return;
  const keys: Record<string, ContextValue> = encryptionContextKeys(context);
  keys['kms:ViaService'] = `secretsmanager.${secretArn.split(':')[3]}.amazonaws.com`;
  keys['kms:CallerAccount'] = ctx.principal.account;
  const denial = await ctx.authorizeAlso(`kms:${operation}`, keyArn, keys);
  if (denial === undefined) return;
  recordKms(ctx, operation, keyArn, context, new AwsError('AccessDeniedException', denial));
  throw kmsAccessDenied();
}

/** CloudTrail records KMS's side: the caller's call, invoked by Secrets Manager. */
function recordKms(ctx: RequestContext, operation: string, keyArn: string, context: Record<string, string>, error?: AwsError): void {
  const input: Record<string, unknown> = operation === 'GenerateDataKey'
    ? { KeyId: keyArn, EncryptionContext: context, KeySpec: 'AES_256' }
    : { KeyId: keyArn, EncryptionContext: context, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  (ctx.onBehalf ??= []).push({ service: 'kms', operation, input, invokedBy: SERVICE_PRINCIPAL, resources: [keyArn], error });
}

// --- the value under its data key ------------------------------------------------------------

const IV_BYTES = 12;
const TAG_BYTES = 16;
const aadOf = (arn: string, versionId: string): Buffer => Buffer.from(`secretsmanager:${arn}:${versionId}`, 'utf8');

function encryptData(dataKey: Buffer, plaintext: Buffer, arn: string, versionId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aadOf(arn, versionId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decryptData(dataKey: Buffer, data: string, arn: string, versionId: string): Buffer {
  const raw = Buffer.from(data, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw decryptionFailure();
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(arn, versionId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw decryptionFailure();
  }
}
