/**
 * Fresh key material for every supported key spec, and the DER SubjectPublicKeyInfo that
 * GetPublicKey returns for asymmetric specs.
 */
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { unsupported, validation } from './errors.js';
import { specInfo } from './key-specs.js';
import { EC_CURVES, ED25519_SPEC, isEcSpec, isRsaSpec, privateKeyFrom, RSA_BITS } from './keys.js';
import { isMlDsaSpec, ML_DSA_SEED_LENGTH, mlDsaPublicKeyDer } from './ml-dsa.js';

export const HMAC_KEY_BYTES: Record<string, number> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

function checkSupported(spec: string): void {
  const info = specInfo(spec);
  if (!info) throw validation(`Unknown key spec ${spec}.`);
  if (!info.supported) throw unsupported(`Bulwark does not support ${spec} keys.`);
}

/**
 * Fresh key material: 32 random bytes (SYMMETRIC_DEFAULT); HMAC_224/256/384/512 → 28/32/48/64
 * random bytes; RSA/ECC/Ed25519 → PKCS#8 DER private key; ML_DSA_* → the 32-byte seed.
 */
export function generateKeyMaterial(spec: string): Buffer {
  checkSupported(spec);
  if (spec === 'SYMMETRIC_DEFAULT') return randomBytes(32);
  if (Object.hasOwn(HMAC_KEY_BYTES, spec)) return randomBytes(HMAC_KEY_BYTES[spec]);
  if (isMlDsaSpec(spec)) return randomBytes(ML_DSA_SEED_LENGTH);
  return generateAsymmetricPair(spec).privateKeyDer;
}

/** A new RSA / EC / Ed25519 key pair as PKCS#8 and SPKI DER. */
export function generateAsymmetricPair(spec: string): { privateKeyDer: Buffer; publicKeyDer: Buffer } {
  const encoding = { privateKeyEncoding: { format: 'der', type: 'pkcs8' }, publicKeyEncoding: { format: 'der', type: 'spki' } } as const;
  if (isRsaSpec(spec)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: RSA_BITS[spec], publicExponent: 0x10001, ...encoding });
    return { privateKeyDer: privateKey, publicKeyDer: publicKey };
  }
  if (isEcSpec(spec)) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: EC_CURVES[spec].namedCurve, ...encoding });
    return { privateKeyDer: privateKey, publicKeyDer: publicKey };
  }
  if (spec === ED25519_SPEC) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519', encoding);
    return { privateKeyDer: privateKey, publicKeyDer: publicKey };
  }
  throw validation(`${spec} is not an asymmetric key spec.`);
}

/**
 * DER SubjectPublicKeyInfo for an asymmetric spec (what GetPublicKey returns; ML-DSA with the
 * NIST OIDs 2.16.840.1.101.3.4.3.17/18/19 and the raw public key as the BIT STRING).
 */
export function publicKeyDer(spec: string, material: Buffer): Buffer {
  checkSupported(spec);
  if (isMlDsaSpec(spec)) return mlDsaPublicKeyDer(spec, material);
  if (!isRsaSpec(spec) && !isEcSpec(spec) && spec !== ED25519_SPEC) {
    throw unsupported(`${spec} keys have no public key.`);
  }
  return createPublicKey(privateKeyFrom(material)).export({ format: 'der', type: 'spki' });
}
