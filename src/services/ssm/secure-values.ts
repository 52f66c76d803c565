/**
 * SecureString values, encrypted with Bulwark's own KMS as AWS's Parameter Store does — nothing
 * of the value is stored in the clear:
 *
 *   standard tier  the value is encrypted directly under the KMS key (what kms:Encrypt does):
 *                  the stored ciphertext is a KMS ciphertext blob, which KMS Decrypt opens
 *                  with the encryption context {"PARAMETER_ARN": <parameter ARN>}
 *   advanced tier  envelope encryption (kms:GenerateDataKey): the value is sealed with
 *                  AES-256-GCM under a fresh data key, and the data key's KMS ciphertext blob
 *                  is kept beside it:
 *                    "BWP1" ‖ blob length (2 bytes, big-endian) ‖ blob ‖ IV (12) ‖ GCM tag (16) ‖ ciphertext
 *                  the parameter ARN is the GCM AAD
 *
 * Without WithDecryption a read returns the stored ciphertext (base64), as AWS returns the
 * encrypted value; decrypting needs the caller's kms:Decrypt (kms-access.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import { currentMaterial, materialById } from '../kms/common.js';
import { openSymmetric, readBlobHeader, sealSymmetric } from '../kms/crypto/index.js';
import type { RequestContext } from '../types.js';
import type { SealedValue, Tier } from './common.js';
import { authorizeKms, keyForRead, keyForWrite, kmsCall, parameterContext } from './kms-access.js';

const MAGIC = Buffer.from('BWP1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts `value` for the parameter `arn` with the KMS key `keyId` (the AWS managed key when absent). */
export async function sealValue(ctx: RequestContext, value: string, keyId: string | undefined, tier: Tier, arn: string): Promise<SealedValue> {
  const key = await keyForWrite(ctx, keyId);
  const context = parameterContext(arn);
  await authorizeKms(ctx, tier === 'Advanced' ? 'kms:GenerateDataKey' : 'kms:Encrypt', key.Arn, context);
  const { material, bytes } = kmsCall(() => currentMaterial(ctx.masterKey, key));
  const header = { keyArn: key.Arn, materialId: material.id };
  if (tier !== 'Advanced') {
    const blob = sealSymmetric(bytes, header, Buffer.from(value, 'utf8'), context);
    return { Scheme: 'direct', Ciphertext: blob.toString('base64'), KeyArn: key.Arn };
  }
  const dataKey = randomBytes(32);
  const wrapped = sealSymmetric(bytes, header, dataKey, context);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(arn, 'utf8'));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  const envelope = Buffer.concat([MAGIC, length, wrapped, iv, cipher.getAuthTag(), body]);
  return { Scheme: 'envelope', Ciphertext: envelope.toString('base64'), KeyArn: key.Arn };
}

/** The plaintext of a stored value; needs the caller's kms:Decrypt on its key. */
export async function openValue(ctx: RequestContext, sealed: SealedValue, arn: string): Promise<string> {
  const bytes = Buffer.from(sealed.Ciphertext, 'base64');
  const envelope = sealed.Scheme === 'envelope';
  const blob = envelope ? bytes.subarray(MAGIC.length + 2, MAGIC.length + 2 + bytes.readUInt16BE(MAGIC.length)) : bytes;
  const header = readBlobHeader(blob);
  if (!header) throw corrupt();
  const key = await keyForRead(ctx, header.keyArn);
  const context = parameterContext(arn);
  await authorizeKms(ctx, 'kms:Decrypt', key.Arn, context);
  const material = materialById(ctx.masterKey, key, header.materialId);
  if (!material) throw corrupt();
  const opened = kmsCall(() => openSymmetric(material, blob, context));
  if (!envelope) return opened.toString('utf8');
  let at = MAGIC.length + 2 + blob.length;
  const iv = bytes.subarray(at, (at += IV_BYTES));
  const tag = bytes.subarray(at, (at += TAG_BYTES));
  const decipher = createDecipheriv('aes-256-gcm', opened, iv);
  decipher.setAAD(Buffer.from(arn, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(at)), decipher.final()]).toString('utf8');
}

/** A stored value that no longer opens (never expected: the store holds only what sealValue wrote). */
function corrupt(): AwsError {
  return new AwsError('InternalServerError', 'The stored SecureString value cannot be decrypted.', { status: 500 });
}
