/**
 * Imported key material (GetParametersForImport / ImportKeyMaterial): RSA wrapping key pairs,
 * unwrapping the encrypted material with each wrapping algorithm, and checking that the
 * plaintext material fits the key spec.
 *
 * Errors: undecryptable material → InvalidCiphertextException; bytes that are not key material
 * of any sort for the spec (wrong length, not PKCS#8) → ValidationException; a well-formed key of
 * the wrong type, curve or size → IncorrectKeyMaterialException; SM2 → UnsupportedOperationException.
 */
import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto';
import { invalidCiphertext, kmsError, unsupported, validation } from './errors.js';
import { specInfo } from './key-specs.js';
import { EC_CURVES, ED25519_SPEC, isEcSpec, isRsaSpec, modulusBytes, privateKeyFrom, RSA_BITS } from './keys.js';
import { isMlDsaSpec, mlDsaSeedFromImport } from './ml-dsa.js';

export type WrappingKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';

export function generateWrappingKey(spec: WrappingKeySpec): { privateKeyDer: Buffer; publicKeyDer: Buffer } {
  if (!isRsaSpec(spec)) throw validation(`Value '${spec}' at 'wrappingKeySpec' failed to satisfy constraint: Member must satisfy enum value set.`);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: RSA_BITS[spec],
    publicExponent: 0x10001,
    privateKeyEncoding: { format: 'der', type: 'pkcs8' },
    publicKeyEncoding: { format: 'der', type: 'spki' },
  });
  return { privateKeyDer: privateKey, publicKeyDer: publicKey };
}

const ALGORITHMS: Record<string, { hash: 'sha1' | 'sha256'; aesWrap: boolean }> = {
  RSAES_OAEP_SHA_1: { hash: 'sha1', aesWrap: false },
  RSAES_OAEP_SHA_256: { hash: 'sha256', aesWrap: false },
  RSA_AES_KEY_WRAP_SHA_1: { hash: 'sha1', aesWrap: true },
  RSA_AES_KEY_WRAP_SHA_256: { hash: 'sha256', aesWrap: true },
};

/** RFC 5649 alternative initial value for AES Key Wrap with Padding. */
const KWP_IV = Buffer.from('a65959a6', 'hex');

function oaepDecrypt(key: KeyObject, hash: 'sha1' | 'sha256', data: Buffer): Buffer {
  return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data);
}

/**
 * RSAES_OAEP_SHA_1 / _SHA_256: RSA-OAEP of the material. RSA_AES_KEY_WRAP_SHA_1 / _SHA_256: an
 * RSA-OAEP-wrapped ephemeral AES-256 key (the first modulus-length bytes) followed by the
 * material wrapped with AES Key Wrap with Padding (RFC 5649). InvalidCiphertextException on failure.
 */
export function unwrapKeyMaterial(algorithm: string, wrappingPrivateKeyDer: Buffer, encrypted: Buffer): Buffer {
  if (!Object.hasOwn(ALGORITHMS, algorithm)) {
    throw validation(`Value '${algorithm}' at 'wrappingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set.`);
  }
  const { hash, aesWrap } = ALGORITHMS[algorithm];
  const key = privateKeyFrom(wrappingPrivateKeyDer);
  const k = modulusBytes(key);
  try {
    if (!aesWrap) {
      if (encrypted.length !== k) throw invalidCiphertext();
      return oaepDecrypt(key, hash, encrypted);
    }
    if (encrypted.length <= k) throw invalidCiphertext();
    const aesKey = oaepDecrypt(key, hash, encrypted.subarray(0, k));
    if (aesKey.length !== 32) throw invalidCiphertext();
    const decipher = createDecipheriv('id-aes256-wrap-pad', aesKey, KWP_IV);
    return Buffer.concat([decipher.update(encrypted.subarray(k)), decipher.final()]);
  } catch {
    throw invalidCiphertext();
  }
}

/** Imported HMAC key lengths AWS accepts, in bytes. */
const HMAC_RANGES: Record<string, [number, number]> = {
  HMAC_224: [28, 64],
  HMAC_256: [32, 64],
  HMAC_384: [48, 128],
  HMAC_512: [64, 128],
};

const incorrect = (message: string) => kmsError('IncorrectKeyMaterialException', message);

/** The asymmetric key type/size/curve `key` must have for `spec`; a message when it does not. */
function mismatch(spec: string, key: KeyObject): string | undefined {
  const type = key.asymmetricKeyType;
  if (isRsaSpec(spec)) {
    if (type !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== RSA_BITS[spec]) return `The key material is not an ${spec} private key.`;
  } else if (isEcSpec(spec)) {
    if (type !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== EC_CURVES[spec].namedCurve) return `The key material is not an ${spec} private key.`;
  } else if (spec === ED25519_SPEC) {
    if (type !== 'ed25519') return 'The key material is not an Ed25519 private key.';
  }
  return undefined;
}

/**
 * Checks imported material fits the key spec (32 bytes for SYMMETRIC_DEFAULT, the HMAC length
 * ranges, PKCS#8 DER of the right key type/curve/size for asymmetric specs, ML-DSA seed or
 * seed-bearing PKCS#8) and returns it normalised (asymmetric → PKCS#8 DER, ML-DSA → seed).
 */
export function checkImportedMaterial(spec: string, material: Buffer): Buffer {
  const info = specInfo(spec);
  if (!info) throw validation(`Unknown key spec ${spec}.`);
  if (!info.supported) throw unsupported(`Bulwark does not support importing ${spec} key material.`);
  if (spec === 'SYMMETRIC_DEFAULT') {
    if (material.length !== 32) throw validation('Imported symmetric key material must be 256 bits (32 bytes).');
    return Buffer.from(material);
  }
  if (Object.hasOwn(HMAC_RANGES, spec)) {
    const [min, max] = HMAC_RANGES[spec];
    if (material.length < min || material.length > max) throw validation(`Imported ${spec} key material must be ${min} to ${max} bytes.`);
    return Buffer.from(material);
  }
  if (isMlDsaSpec(spec)) {
    const seed = mlDsaSeedFromImport(spec, material);
    if (!seed) throw validation(`Imported ${spec} key material must be a 32-byte seed or a PKCS#8 private key holding the seed.`);
    return seed;
  }
  let key: KeyObject;
  try {
    key = privateKeyFrom(material);
  } catch {
    throw validation('Imported asymmetric key material must be a DER-encoded PKCS#8 private key.');
  }
  const problem = mismatch(spec, key);
  if (problem) throw incorrect(problem);
  return key.export({ format: 'der', type: 'pkcs8' });
}
