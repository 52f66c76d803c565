/**
 * RSA signatures over a message digest (KMS MessageType DIGEST), where node's sign/verify would
 * hash again. The EMSA-PKCS1-v1_5 and EMSA-PSS encodings (RFC 8017 §9.2, §9.1; MGF1 with the
 * signature hash, salt length = hash length) are built here and fed to raw RSA
 * (RSA_NO_PADDING). RAW messages go through node's sign/verify instead.
 */
import { constants, createHash, privateEncrypt, publicDecrypt, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { modulusBytes } from './keys.js';

export type HashName = 'sha256' | 'sha384' | 'sha512';

const HASH_BYTES: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

/** DER DigestInfo prefixes (AlgorithmIdentifier with NULL parameters, then the OCTET STRING header). */
const DIGEST_INFO: Record<HashName, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

function emsaPkcs1(hash: HashName, digest: Buffer, k: number): Buffer {
  const t = Buffer.concat([DIGEST_INFO[hash], digest]);
  const ps = Buffer.alloc(k - t.length - 3, 0xff);
  return Buffer.concat([Buffer.from([0, 1]), ps, Buffer.from([0]), t]);
}

function mgf1(hash: HashName, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let i = 0, have = 0; have < length; i++, have += HASH_BYTES[hash]) {
    counter.writeUInt32BE(i);
    blocks.push(createHash(hash).update(seed).update(counter).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const pssHash = (hash: HashName, digest: Buffer, salt: Buffer): Buffer =>
  createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();

/** EMSA-PSS-ENCODE with emBits = modBits − 1, left-padded to k bytes for raw RSA. */
function emsaPss(hash: HashName, digest: Buffer, modBits: number): Buffer {
  const hLen = HASH_BYTES[hash];
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(hLen);
  const h = pssHash(hash, digest, salt);
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  return Buffer.concat([Buffer.alloc(Math.ceil(modBits / 8) - emLen), em]);
}

/** EMSA-PSS-VERIFY on the k-byte result of raw RSA. */
function pssMatches(hash: HashName, digest: Buffer, raw: Buffer, modBits: number): boolean {
  const hLen = HASH_BYTES[hash];
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const lead = raw.length - emLen;
  for (let i = 0; i < lead; i++) if (raw[i] !== 0) return false;
  const em = raw.subarray(lead);
  if (em.length < 2 * hLen + 2 || em[em.length - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  if ((db[0] & ~(0xff >> (8 * emLen - emBits)) & 0xff) !== 0) return false;
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const psLen = emLen - 2 * hLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 1) return false;
  const salt = db.subarray(db.length - hLen);
  return timingSafeEqual(pssHash(hash, digest, salt), h);
}

export function rsaSignDigest(key: KeyObject, pss: boolean, hash: HashName, digest: Buffer): Buffer {
  const k = modulusBytes(key);
  const modBits = key.asymmetricKeyDetails?.modulusLength ?? 8 * k;
  const em = pss ? emsaPss(hash, digest, modBits) : emsaPkcs1(hash, digest, k);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, em);
}

/** False for any mismatch, wrong length or out-of-range signature. */
export function rsaVerifyDigest(key: KeyObject, pss: boolean, hash: HashName, digest: Buffer, signature: Buffer): boolean {
  const k = modulusBytes(key);
  if (signature.length !== k || digest.length !== HASH_BYTES[hash]) return false;
  let raw: Buffer;
  try {
    raw = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  if (raw.length !== k) return false;
  if (pss) return pssMatches(hash, digest, raw, key.asymmetricKeyDetails?.modulusLength ?? 8 * k);
  return timingSafeEqual(raw, emsaPkcs1(hash, digest, k));
}
