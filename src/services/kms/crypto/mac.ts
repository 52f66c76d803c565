/**
 * GenerateMac / VerifyMac for HMAC KMS keys. The MAC algorithm must match the key spec
 * (HMAC_256 ↔ HMAC_SHA_256, …); verification compares in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidKeyUsage } from './errors.js';
import { specInfo } from './key-specs.js';

const HASHES: Record<string, string> = {
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function hashFor(spec: string, algorithm: string): string {
  if (!specInfo(spec)?.macAlgorithms.includes(algorithm)) {
    throw invalidKeyUsage(`The MAC algorithm ${algorithm} is not compatible with ${spec} keys.`);
  }
  return HASHES[algorithm];
}

export function generateMac(spec: string, material: Buffer, algorithm: string, message: Buffer): Buffer {
  return createHmac(hashFor(spec, algorithm), material).update(message).digest();
}

/** Constant-time comparison (timingSafeEqual after the length check). */
export function verifyMac(spec: string, material: Buffer, algorithm: string, message: Buffer, mac: Buffer): boolean {
  const expected = generateMac(spec, material, algorithm, message);
  return mac.length === expected.length && timingSafeEqual(expected, mac);
}
