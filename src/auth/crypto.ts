/**
 * Hashing helpers for SigV4: SHA-256 hex digests, HMAC, the derived signing key (cached in a
 * bounded LRU) and a constant-time signature comparison.
 */
import * as nodeCrypto from 'node:crypto';

/** SHA-256 of the empty string: the payload hash of every bodiless request. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

type OneShotHash = (algorithm: string, data: string | Buffer, encoding: 'hex') => string;
// crypto.hash (Node >= 20.12 / 21.7) skips the Hash object; fall back to createHash elsewhere.
const oneShot = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

export function sha256Hex(data: string | Buffer): string {
  if (typeof data !== 'string' && data.length === 0) return EMPTY_SHA256;
  if (oneShot) return oneShot('sha256', data, 'hex');
  return nodeCrypto.createHash('sha256').update(data).digest('hex');
}

export function hmac(key: Buffer | string, data: string): Buffer {
  return nodeCrypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Bound on cached signing keys (one per secret × day × region × service). */
export const SIGNING_KEY_CACHE_SIZE = 1024;
const signingKeys = new Map<string, Buffer>();
/** The most recently used entry needs no LRU bump (the common case: one busy client). */
let mostRecent = '';

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"),
 * memoised in a least-recently-used map keyed by secret + date + region + service.
 */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  const hit = signingKeys.get(cacheKey);
  if (hit !== undefined) {
    if (cacheKey !== mostRecent) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      signingKeys.delete(cacheKey);
      signingKeys.set(cacheKey, hit);
      mostRecent = cacheKey;
    }
    return hit;
  }
  const kDate = hmac('AWS4' + secret, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  const key = hmac(kService, 'aws4_request');
  if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) {
    const oldest = signingKeys.keys().next().value;
    if (oldest !== undefined) signingKeys.delete(oldest);
  }
  signingKeys.set(cacheKey, key);
  mostRecent = cacheKey;
  return key;
}

/** For tests: how many signing keys are cached. */
export function signingKeyCacheSize(): number {
  return signingKeys.size;
}

export function clearSigningKeyCache(): void {
  signingKeys.clear();
  mostRecent = '';
}

const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/**
 * Compares a client's hex signature with the expected 32-byte HMAC in constant time. A value
 * that is not 64 hex digits cannot match and is rejected without comparing.
 */
export function signatureMatches(provided: string, expected: Buffer): boolean {
  if (!HEX_SIGNATURE.test(provided)) return false;
  const given = Buffer.from(provided, 'hex');
  return given.length === expected.length && nodeCrypto.timingSafeEqual(given, expected);
}
