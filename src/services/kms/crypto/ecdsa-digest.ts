/**
 * ECDSA over a message digest (KMS MessageType DIGEST) with @noble/curves, which can sign a
 * given digest without hashing it again (node's sign always hashes). Signatures are DER-encoded
 * like AWS's; verification accepts high-S signatures, as OpenSSL and KMS do.
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { KeyObject } from 'node:crypto';
import { rawPrivate, rawPublic } from './keys.js';

const CURVES = { ECC_NIST_P256: p256, ECC_NIST_P384: p384, ECC_NIST_P521: p521, ECC_SECG_P256K1: secp256k1 } as const;

function curve(spec: string): (typeof CURVES)[keyof typeof CURVES] {
  return CURVES[spec as keyof typeof CURVES];
}

export function ecdsaSignDigest(spec: string, privateKey: KeyObject, digest: Buffer): Buffer {
  const scalar = rawPrivate(privateKey);
  return Buffer.from(curve(spec).sign(digest, scalar, { prehash: false, format: 'der', lowS: false }));
}

export function ecdsaVerifyDigest(spec: string, publicKey: KeyObject, digest: Buffer, signature: Buffer): boolean {
  try {
    return curve(spec).verify(signature, digest, rawPublic(publicKey), { prehash: false, format: 'der', lowS: false });
  } catch {
    return false;
  }
}
