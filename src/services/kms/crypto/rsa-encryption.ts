/**
 * RSA-OAEP encryption with an RSA KMS key (RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256). The stored
 * material is the PKCS#8 private key; encryption uses its public half.
 *
 * Too-long plaintext is rejected with ValidationException.
 */
import { constants, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { invalidCiphertext, invalidKeyUsage, validation } from './errors.js';
import { isRsaSpec, privateKeyFrom, RSA_BITS } from './keys.js';

const OAEP_HASH: Record<string, { hash: 'sha1' | 'sha256'; bytes: number }> = {
  RSAES_OAEP_SHA_1: { hash: 'sha1', bytes: 20 },
  RSAES_OAEP_SHA_256: { hash: 'sha256', bytes: 32 },
};

function oaep(spec: string, algorithm: string): { hash: 'sha1' | 'sha256'; bytes: number } {
  if (!isRsaSpec(spec)) throw invalidKeyUsage(`${spec} keys cannot be used for RSA encryption.`);
  if (!Object.hasOwn(OAEP_HASH, algorithm)) {
    throw invalidKeyUsage(`The encryption algorithm ${algorithm} is not compatible with ${spec} keys.`);
  }
  return OAEP_HASH[algorithm];
}

/** Max plaintext for RSA encryption: k − 2·hLen − 2 (RSA_2048 214 / 190, RSA_3072 342 / 318, RSA_4096 470 / 446). */
export function rsaMaxPlaintext(spec: string, algorithm: string): number {
  const { bytes } = oaep(spec, algorithm);
  return RSA_BITS[spec] / 8 - 2 * bytes - 2;
}

export function rsaEncrypt(spec: string, material: Buffer, algorithm: string, plaintext: Buffer): Buffer {
  const { hash } = oaep(spec, algorithm);
  const max = rsaMaxPlaintext(spec, algorithm);
  if (plaintext.length > max) {
    throw validation(`Plaintext is ${plaintext.length} bytes; ${algorithm} with ${spec} allows at most ${max}.`);
  }
  const key = createPublicKey(privateKeyFrom(material));
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, plaintext);
}

/** Throws InvalidCiphertextException when the ciphertext does not decrypt under the key. */
export function rsaDecrypt(spec: string, material: Buffer, algorithm: string, ciphertext: Buffer): Buffer {
  const { hash } = oaep(spec, algorithm);
  if (ciphertext.length !== RSA_BITS[spec] / 8) throw invalidCiphertext();
  try {
    return privateDecrypt({ key: privateKeyFrom(material), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, ciphertext);
  } catch {
    throw invalidCiphertext();
  }
}
