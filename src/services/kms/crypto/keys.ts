/**
 * Turning stored asymmetric key material (PKCS#8 DER) into node KeyObjects, and the per-spec
 * facts the other modules need: RSA modulus sizes, elliptic-curve names and hashes.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export const RSA_BITS: Record<string, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

export interface EcCurve {
  /** node's name for the curve (KeyObject.asymmetricKeyDetails.namedCurve). */
  namedCurve: string;
  /** Hash of the spec's ECDSA signing algorithm. */
  hash: 'sha256' | 'sha384' | 'sha512';
}

export const EC_CURVES: Record<string, EcCurve> = {
  ECC_NIST_P256: { namedCurve: 'prime256v1', hash: 'sha256' },
  ECC_NIST_P384: { namedCurve: 'secp384r1', hash: 'sha384' },
  ECC_NIST_P521: { namedCurve: 'secp521r1', hash: 'sha512' },
  ECC_SECG_P256K1: { namedCurve: 'secp256k1', hash: 'sha256' },
};

export const isRsaSpec = (spec: string): boolean => Object.hasOwn(RSA_BITS, spec);
export const isEcSpec = (spec: string): boolean => Object.hasOwn(EC_CURVES, spec);
export const ED25519_SPEC = 'ECC_NIST_EDWARDS25519';

export function privateKeyFrom(material: Buffer): KeyObject {
  return createPrivateKey({ key: material, format: 'der', type: 'pkcs8' });
}

export function publicKeyFrom(material: Buffer): KeyObject {
  return createPublicKey(privateKeyFrom(material));
}

/** RSA modulus length in bytes. */
export function modulusBytes(key: KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

const b64url = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');

/** Raw private scalar / Ed25519 seed (JWK `d`) of a private key. */
export function rawPrivate(key: KeyObject): Buffer {
  return b64url(key.export({ format: 'jwk' }).d);
}

/** Uncompressed SEC1 point (0x04 ‖ x ‖ y) of an EC public key, or the 32-byte Ed25519 key. */
export function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'OKP') return b64url(jwk.x);
  return Buffer.concat([Buffer.from([4]), b64url(jwk.x), b64url(jwk.y)]);
}
