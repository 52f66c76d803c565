/**
 * Hashing helpers for SigV4: SHA-256 hex digests, HMAC, the derived signing key (cached in a
 * bounded LRU) and a constant-time signature comparison.
 */
import * as nodeCrypto from 'node:crypto';

/** SHA-256 of the empty string: the payload hash of every bodiless request. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

type OneShotHash = (algorithm: string, data: string | Buffer, encoding: 'hex' | 'latin1') => string;
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

/** SHA-256's block size: HMAC pads its key to one block. */
const BLOCK_BYTES = 64;

/**
 * A key for repeated HMAC-SHA256 with its two padded key blocks (key XOR ipad, key XOR opad)
 * computed once, as RFC 2104 allows: HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)).
 * Signing with it costs two one-shot SHA-256 digests instead of a new Hmac object, which
 * costs more to set up than the hashing itself. Keys must be at most one block (a derived
 * SigV4 signing key is 32 bytes).
 */
export interface PreparedHmacKey {
  key: Buffer;
  innerPad: Buffer;
  outerPad: Buffer;
}

export function prepareHmacKey(key: Buffer): PreparedHmacKey {
  if (key.length > BLOCK_BYTES) throw new RangeError('prepareHmacKey: key longer than one SHA-256 block');
  const innerPad = Buffer.alloc(BLOCK_BYTES, 0x36);
  const outerPad = Buffer.alloc(BLOCK_BYTES, 0x5c);
  for (let i = 0; i < key.length; i++) {
    innerPad[i] ^= key[i];
    outerPad[i] ^= key[i];
  }
  return { key, innerPad, outerPad };
}

/** HMAC-SHA256(prepared.key, data) with data as UTF-8: the same bytes as `hmac(prepared.key, data)`. */
export function hmacPrepared(prepared: PreparedHmacKey, data: string): Buffer {
  if (!oneShot) return hmac(prepared.key, data);
  const length = Buffer.byteLength(data, 'utf8');
  const inner = Buffer.allocUnsafe(BLOCK_BYTES + length);
  prepared.innerPad.copy(inner, 0);
  inner.write(data, BLOCK_BYTES, length, 'utf8');
  // 'latin1' carries the raw digest bytes in a string (one char per byte): the cheapest output form.
  const outer = Buffer.allocUnsafe(BLOCK_BYTES + 32);
  prepared.outerPad.copy(outer, 0);
  outer.write(oneShot('sha256', inner, 'latin1'), BLOCK_BYTES, 32, 'latin1');
  return Buffer.from(oneShot('sha256', outer, 'latin1'), 'latin1');
}

/** Bound on cached signing keys (one per secret × day × region × service). */
export const SIGNING_KEY_CACHE_SIZE = 1024;
const signingKeys = new Map<string, PreparedHmacKey>();

/**
 * The most recently used entry, recognised without building its cache key and needing no LRU
 * bump: the common case of one busy client.
 */
let recent: { secret: string; date: string; region: string; service: string; key: PreparedHmacKey } | undefined;

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"),
 * memoised in a least-recently-used map keyed by secret + date + region + service.
 */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return preparedSigningKey(secret, date, region, service).key;
}

/** The signing key of `signingKey`, prepared for `hmacPrepared`. */
export function preparedSigningKey(secret: string, date: string, region: string, service: string): PreparedHmacKey {
  if (recent !== undefined && recent.date === date && recent.region === region && recent.service === service && recent.secret === secret) {
    return recent.key;
  }
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  let key = signingKeys.get(cacheKey);
  if (key !== undefined) {
    // Re-insert to mark it most recently used (Map keeps insertion order).
    signingKeys.delete(cacheKey);
    signingKeys.set(cacheKey, key);
  } else {
    const kDate = hmac('AWS4' + secret, date);
    const kRegion = hmac(kDate, region);
    const kService = hmac(kRegion, service);
    key = prepareHmacKey(hmac(kService, 'aws4_request'));
    if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) {
      const oldest = signingKeys.keys().next().value;
      if (oldest !== undefined) signingKeys.delete(oldest);
    }
    signingKeys.set(cacheKey, key);
  }
  recent = { secret, date, region, service, key };
  return key;
}

/** For tests: how many signing keys are cached. */
export function signingKeyCacheSize(): number {
  return signingKeys.size;
}

export function clearSigningKeyCache(): void {
  signingKeys.clear();
  recent = undefined;
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
