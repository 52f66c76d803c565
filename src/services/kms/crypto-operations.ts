/**
 * The KMS encryption data plane: Encrypt, Decrypt, ReEncrypt, GenerateDataKey (and
 * WithoutPlaintext), GenerateDataKeyPair (and WithoutPlaintext) and GenerateRandom.
 *
 * Symmetric keys produce Bulwark's own ciphertext blob (crypto/ciphertext.ts), which names the
 * key ARN and the material id, so Decrypt needs no KeyId and rotated keys still decrypt their
 * older ciphertexts. RSA keys produce raw RSA-OAEP ciphertext, interoperable with the public
 * key GetPublicKey returns. Every response's KeyId is the key ARN (the AWS Encryption SDK
 * checks it).
 *
 * LastUsage: recorded at most once per key per minute per process (see `noteUsage`), with an
 * optimistic write that is skipped on a concurrent update, so the hot path stays read-only.
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import { StoreConflictError } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import {
  blobKeyArn,
  currentMaterial,
  customKeyStoresUnsupported,
  dryRunSucceeded,
  findKey,
  incorrectKey,
  invalidCiphertext,
  invalidKeyUsage,
  KEY_KIND,
  materialById,
  requireUsable,
  requireUsage,
  unsupported,
  validation,
  type FoundKey,
  type KeyRecord,
} from './common.js';
import { generateDataKeyPair, KEY_SPECS, openSymmetric, readBlobHeader, rsaDecrypt, rsaEncrypt, rsaMaxPlaintext, sealSymmetric } from './crypto/index.js';
import { checkGrantTokens } from './grants.js';
import { invalidateKeyCache } from './key-cache.js';

const SYMMETRIC = 'SYMMETRIC_DEFAULT';

// --- shared by every data-plane operation ----------------------------------------------------

/** Nitro Enclaves attestation (Recipient) needs an enclave; Bulwark has none. */
export function refuseRecipient(input: OperationInput, operation: string): void {
  if (input.Recipient !== undefined) {
    throw unsupported(`Bulwark does not support the Recipient parameter (AWS Nitro Enclaves attestation documents); kms:${operation} cannot return CiphertextForRecipient.`);
  }
}

/** findKey (aliases allowed) + the state rules + the key usage rule. */
export async function usableKey(ctx: RequestContext, keyId: string, usage: string, operation: string): Promise<FoundKey> {
  const found = await findKey(ctx.store, ctx, keyId);
  requireUsable(found.record);
  requireUsage(found.record, usage, operation);
  return found;
}

/** AWS's text for an algorithm the key spec does not offer (seen in real InvalidKeyUsageException answers). */
export function incompatibleAlgorithm(algorithm: string, spec: string): AwsError {
  return invalidKeyUsage(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
}

export function dryRun(input: OperationInput): void {
  if (input.DryRun === true) throw dryRunSucceeded();
}

const lastNoted = new Map<string, number>();
const USAGE_INTERVAL_MS = 60_000;

/**
 * Records LastUsage on the key at most once a minute per key (per process): a store write on
 * every Encrypt would halve throughput. The write expects the version we read; a concurrent
 * update (DisableKey, rotation …) wins and this note is simply skipped.
 */
export async function noteUsage(ctx: RequestContext, found: FoundKey, operation: string): Promise<void> {
  const now = ctx.receivedAt.getTime();
  const last = lastNoted.get(found.record.Arn);
  if (last !== undefined && now - last < USAGE_INTERVAL_MS) return;
  lastNoted.set(found.record.Arn, now);
  if (lastNoted.size > 100_000) lastNoted.clear();
  const record: KeyRecord = { ...found.record, LastUsage: { operation, at: ctx.receivedAt.toISOString() } };
  try {
    await ctx.store.put(found.scope, KEY_KIND, record.KeyId, record, { expectVersion: found.version });
    invalidateKeyCache();
  } catch (err) {
    if (!(err instanceof StoreConflictError)) throw err;
  }
}

function contextOf(value: unknown): Record<string, string> | undefined {
  return value && typeof value === 'object' && Object.keys(value).length > 0 ? (value as Record<string, string>) : undefined;
}

function asBuffer(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
}

function isSymmetric(record: KeyRecord): boolean {
  return record.KeySpec === SYMMETRIC;
}

/** The encryption algorithm for this key: SYMMETRIC_DEFAULT by default; it must be one of the key's. */
function encryptionAlgorithm(record: KeyRecord, requested: unknown): string {
  const algorithm = typeof requested === 'string' ? requested : SYMMETRIC;
  const info = Object.hasOwn(KEY_SPECS, record.KeySpec) ? KEY_SPECS[record.KeySpec] : undefined;
  if (!info?.encryptionAlgorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, record.KeySpec);
  return algorithm;
}

function refuseAsymmetricContext(record: KeyRecord, context: Record<string, string> | undefined): void {
  if (context && !isSymmetric(record)) {
    // Unconfirmed wording: AWS refuses an encryption context with asymmetric keys.
    throw validation(`EncryptionContext is not supported with asymmetric KMS keys (${record.Arn} has key spec ${record.KeySpec}).`);
  }
}

/** RSA-OAEP's plaintext limit, checked before DryRun answers. */
function checkPlaintextSize(record: KeyRecord, algorithm: string, plaintext: Buffer): void {
  if (isSymmetric(record)) return;
  const max = rsaMaxPlaintext(record.KeySpec, algorithm);
  if (plaintext.length > max) {
    // Unconfirmed wording.
    throw validation(`Plaintext is ${plaintext.length} bytes; ${algorithm} with ${record.KeySpec} allows at most ${max}.`);
  }
}

interface Encrypted {
  blob: Buffer;
  algorithm: string;
  materialId?: string;
}

/** Encrypts under an already checked key. */
function encryptWith(ctx: RequestContext, record: KeyRecord, algorithm: string, plaintext: Buffer, context: Record<string, string> | undefined): Encrypted {
  const { material, bytes } = currentMaterial(ctx.masterKey, record);
  if (isSymmetric(record)) {
    return { blob: sealSymmetric(bytes, { keyArn: record.Arn, materialId: material.id }, plaintext, context), algorithm, materialId: material.id };
  }
  return { blob: rsaEncrypt(record.KeySpec, bytes, algorithm, plaintext), algorithm };
}

/** Checks an encryption key and its algorithm/context (Encrypt, ReEncrypt's destination). */
async function encryptionKey(ctx: RequestContext, keyId: string, requestedAlgorithm: unknown, context: Record<string, string> | undefined, operation: string): Promise<{ found: FoundKey; algorithm: string }> {
  const found = await usableKey(ctx, keyId, 'ENCRYPT_DECRYPT', operation);
  const algorithm = encryptionAlgorithm(found.record, requestedAlgorithm);
  refuseAsymmetricContext(found.record, context);
  return { found, algorithm };
}

interface Decrypted {
  found: FoundKey;
  plaintext?: Buffer;
  algorithm: string;
  materialId?: string;
}

interface DecryptRequest {
  blob: Buffer | undefined;
  keyId: string | undefined;
  context: Record<string, string> | undefined;
  algorithm: unknown;
  /** DryRun with IGNORE_CIPHERTEXT: check the key and permissions only. */
  ignoreCiphertext: boolean;
}

/**
 * Decrypts (Decrypt, ReEncrypt's source). Symmetric: the key comes from the blob's header;
 * a KeyId, when given, must name that same key (IncorrectKeyException). RSA: KeyId and the
 * algorithm are required.
 */
async function decryptWith(ctx: RequestContext, request: DecryptRequest, operation: string): Promise<Decrypted> {
  const { blob, keyId, context } = request;
  let named: FoundKey | undefined;
  if (keyId !== undefined) {
    named = await usableKey(ctx, keyId, 'ENCRYPT_DECRYPT', operation);
    const algorithm = encryptionAlgorithm(named.record, request.algorithm);
    refuseAsymmetricContext(named.record, context);
    if (!isSymmetric(named.record)) {
      if (request.ignoreCiphertext || !blob) return { found: named, algorithm };
      const { bytes } = currentMaterial(ctx.masterKey, named.record);
      return { found: named, algorithm, plaintext: rsaDecrypt(named.record.KeySpec, bytes, algorithm, blob) };
    }
    if (request.ignoreCiphertext) return { found: named, algorithm };
  } else if (request.algorithm !== undefined && request.algorithm !== SYMMETRIC) {
    // Unconfirmed wording: asymmetric ciphertext carries no key id, so AWS needs the KeyId.
    throw validation('KeyId is required to decrypt ciphertext with an asymmetric KMS key (EncryptionAlgorithm ' + String(request.algorithm) + ').');
  }
  const header = blob ? readBlobHeader(blob) : undefined;
  if (!header || !blob) throw invalidCiphertext();
  let owner: FoundKey;
  const headerArn = blobKeyArn(ctx, header.keyArn);
  if (named && named.record.Arn === headerArn) owner = named;
  else {
    if (named) throw incorrectKey();
    try {
      owner = await findKey(ctx.store, ctx, headerArn, { allowAlias: false });
    } catch (err) {
      // A blob naming another region's key (or no key at all): not a ciphertext of this KMS.
      if (err instanceof AwsError && err.code === 'InvalidArnException') throw invalidCiphertext();
      throw err;
    }
    requireUsable(owner.record);
    requireUsage(owner.record, 'ENCRYPT_DECRYPT', operation);
    if (!isSymmetric(owner.record)) throw invalidCiphertext();
  }
  const material = materialById(ctx.masterKey, owner.record, header.materialId);
  if (!material) throw invalidCiphertext();
  return { found: owner, algorithm: SYMMETRIC, plaintext: openSymmetric(material, blob, context), materialId: header.materialId };
}

function ignoresCiphertext(input: OperationInput): boolean {
  return input.DryRun === true && Array.isArray(input.DryRunModifiers) && input.DryRunModifiers.includes('IGNORE_CIPHERTEXT');
}

function requireCiphertext(input: OperationInput, member: string, ignore: boolean): Buffer | undefined {
  if (input[member] === undefined) {
    if (ignore) return undefined;
    throw validation(`1 validation error detected: Value null at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return asBuffer(input[member]);
}

// --- operations ------------------------------------------------------------------------------

export const encrypt: OperationHandler = async (ctx, input) => {
  checkGrantTokens(input.GrantTokens);
  const context = contextOf(input.EncryptionContext);
  const { found, algorithm } = await encryptionKey(ctx, input.KeyId as string, input.EncryptionAlgorithm, context, 'Encrypt');
  const plaintext = asBuffer(input.Plaintext);
  checkPlaintextSize(found.record, algorithm, plaintext);
  dryRun(input);
  const out = encryptWith(ctx, found.record, algorithm, plaintext, context);
  await noteUsage(ctx, found, 'Encrypt');
  return { CiphertextBlob: out.blob, KeyId: found.record.Arn, EncryptionAlgorithm: out.algorithm };
};

export const decrypt: OperationHandler = async (ctx, input) => {
  refuseRecipient(input, 'Decrypt');
  checkGrantTokens(input.GrantTokens);
  const ignore = ignoresCiphertext(input);
  const blob = requireCiphertext(input, 'CiphertextBlob', ignore);
  if (ignore && input.KeyId === undefined) {
    // Unconfirmed wording: without the ciphertext, the KMS key must be named.
    throw validation('KeyId is required when DryRunModifiers contains IGNORE_CIPHERTEXT.');
  }
  const result = await decryptWith(
    ctx,
    { blob, keyId: input.KeyId as string | undefined, context: contextOf(input.EncryptionContext), algorithm: input.EncryptionAlgorithm, ignoreCiphertext: ignore },
    'Decrypt',
  );
  dryRun(input);
  await noteUsage(ctx, result.found, 'Decrypt');
  const out: Record<string, unknown> = { KeyId: result.found.record.Arn, Plaintext: result.plaintext, EncryptionAlgorithm: result.algorithm };
  if (result.materialId) out.KeyMaterialId = result.materialId;
  return out;
};

export const reEncrypt: OperationHandler = async (ctx, input) => {
  checkGrantTokens(input.GrantTokens);
  const ignore = ignoresCiphertext(input);
  const blob = requireCiphertext(input, 'CiphertextBlob', ignore);
  if (ignore && input.SourceKeyId === undefined) throw validation('SourceKeyId is required when DryRunModifiers contains IGNORE_CIPHERTEXT.'); // Unconfirmed wording
  const source = await decryptWith(
    ctx,
    {
      blob,
      keyId: input.SourceKeyId as string | undefined,
      context: contextOf(input.SourceEncryptionContext),
      algorithm: input.SourceEncryptionAlgorithm,
      ignoreCiphertext: ignore,
    },
    'ReEncrypt',
  );
  const destinationContext = contextOf(input.DestinationEncryptionContext);
  const { found, algorithm } = await encryptionKey(ctx, input.DestinationKeyId as string, input.DestinationEncryptionAlgorithm, destinationContext, 'ReEncrypt');
  if (source.plaintext) checkPlaintextSize(found.record, algorithm, source.plaintext);
  dryRun(input);
  const plaintext = source.plaintext as Buffer;
  const out = encryptWith(ctx, found.record, algorithm, plaintext, destinationContext);
  await noteUsage(ctx, source.found, 'ReEncrypt');
  if (found.record.Arn !== source.found.record.Arn) await noteUsage(ctx, found, 'ReEncrypt');
  const response: Record<string, unknown> = {
    CiphertextBlob: out.blob,
    SourceKeyId: source.found.record.Arn,
    KeyId: found.record.Arn,
    SourceEncryptionAlgorithm: source.algorithm,
    DestinationEncryptionAlgorithm: out.algorithm,
  };
  if (source.materialId) response.SourceKeyMaterialId = source.materialId;
  if (out.materialId) response.DestinationKeyMaterialId = out.materialId;
  return response;
};

/** GenerateDataKey* need a symmetric encryption key. */
async function dataKeyKey(ctx: RequestContext, input: OperationInput, operation: string): Promise<FoundKey> {
  checkGrantTokens(input.GrantTokens);
  const found = await usableKey(ctx, input.KeyId as string, 'ENCRYPT_DECRYPT', operation);
  if (!isSymmetric(found.record)) throw incompatibleAlgorithm(SYMMETRIC, found.record.KeySpec);
  return found;
}

function dataKeyLength(input: OperationInput): number {
  const spec = input.KeySpec;
  const count = input.NumberOfBytes;
  if ((spec === undefined) === (count === undefined)) {
    // Unconfirmed wording: exactly one of KeySpec and NumberOfBytes.
    throw validation('Please specify either number of bytes or key spec.');
  }
  if (spec !== undefined) return spec === 'AES_128' ? 16 : 32;
  return count as number;
}

async function generateDataKeyCommon(ctx: RequestContext, input: OperationInput, operation: string): Promise<Record<string, unknown>> {
  const found = await dataKeyKey(ctx, input, operation);
  const length = dataKeyLength(input);
  dryRun(input);
  const plaintext = randomBytes(length);
  const out = encryptWith(ctx, found.record, SYMMETRIC, plaintext, contextOf(input.EncryptionContext));
  await noteUsage(ctx, found, operation);
  return { CiphertextBlob: out.blob, Plaintext: plaintext, KeyId: found.record.Arn, KeyMaterialId: out.materialId };
}

export const generateDataKey: OperationHandler = async (ctx, input) => {
  refuseRecipient(input, 'GenerateDataKey');
  return generateDataKeyCommon(ctx, input, 'GenerateDataKey');
};

export const generateDataKeyWithoutPlaintext: OperationHandler = async (ctx, input) => {
  const out = await generateDataKeyCommon(ctx, input, 'GenerateDataKeyWithoutPlaintext');
  delete out.Plaintext;
  return out;
};

async function generateDataKeyPairCommon(ctx: RequestContext, input: OperationInput, operation: string): Promise<Record<string, unknown>> {
  const found = await dataKeyKey(ctx, input, operation);
  const pairSpec = input.KeyPairSpec as string;
  if (pairSpec === 'SM2') throw unsupported('Bulwark does not support SM2 data key pairs.');
  dryRun(input);
  const pair = generateDataKeyPair(pairSpec);
  const out = encryptWith(ctx, found.record, SYMMETRIC, pair.privateKeyDer, contextOf(input.EncryptionContext));
  await noteUsage(ctx, found, operation);
  return {
    PrivateKeyCiphertextBlob: out.blob,
    PrivateKeyPlaintext: pair.privateKeyDer,
    PublicKey: pair.publicKeyDer,
    KeyId: found.record.Arn,
    KeyPairSpec: pairSpec,
    KeyMaterialId: out.materialId,
  };
}

export const generateDataKeyPairOperation: OperationHandler = async (ctx, input) => {
  refuseRecipient(input, 'GenerateDataKeyPair');
  return generateDataKeyPairCommon(ctx, input, 'GenerateDataKeyPair');
};

export const generateDataKeyPairWithoutPlaintext: OperationHandler = async (ctx, input) => {
  const out = await generateDataKeyPairCommon(ctx, input, 'GenerateDataKeyPairWithoutPlaintext');
  delete out.PrivateKeyPlaintext;
  return out;
};

export const generateRandom: OperationHandler = (_ctx, input) => {
  if (input.CustomKeyStoreId !== undefined) throw customKeyStoresUnsupported('GenerateRandom');
  refuseRecipient(input, 'GenerateRandom');
  if (input.NumberOfBytes === undefined) {
    // Unconfirmed: AWS needs the length; the model leaves it optional.
    throw validation("1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null");
  }
  return { Plaintext: randomBytes(input.NumberOfBytes as number) };
};
