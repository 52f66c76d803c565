/**
 * Ed25519ph (RFC 8032 §5.1, HashEdDSA with SHA-512 and an empty context) over a given SHA-512
 * digest. @noble/curves' ed25519ph always hashes the message itself, so this builds an EdDSA
 * instance on the same curve whose prehash is the identity: sign/verify then take PH(M) directly.
 */
import { eddsa } from '@noble/curves/abstract/edwards.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { createHash, type KeyObject } from 'node:crypto';
import { rawPrivate, rawPublic } from './keys.js';

const sha512 = (data: Uint8Array): Uint8Array => createHash('sha512').update(data).digest();

/** RFC 8032 dom2(phflag, context). */
function dom2(data: Uint8Array, context: Uint8Array, phflag: boolean): Uint8Array {
  if (context.length > 255) throw new Error('context too long');
  return Buffer.concat([Buffer.from('SigEd25519 no Ed25519 collisions', 'latin1'), Buffer.from([phflag ? 1 : 0, context.length]), context, data]);
}

/** RFC 8032 §5.1.5 scalar clamping. */
function clamp(bytes: Uint8Array): Uint8Array {
  bytes[0] &= 248;
  bytes[31] &= 127;
  bytes[31] |= 64;
  return bytes;
}

const ed25519phDigest = eddsa(ed25519.Point, sha512, {
  adjustScalarBytes: clamp,
  domain: dom2,
  prehash: (digest: Uint8Array) => digest,
  zip215: false,
});

export const ED25519PH_DIGEST_BYTES = 64;

export function ed25519phSignDigest(privateKey: KeyObject, digest: Buffer): Buffer {
  return Buffer.from(ed25519phDigest.sign(digest, rawPrivate(privateKey)));
}

export function ed25519phVerifyDigest(publicKey: KeyObject, digest: Buffer, signature: Buffer): boolean {
  if (digest.length !== ED25519PH_DIGEST_BYTES || signature.length !== 64) return false;
  try {
    return ed25519phDigest.verify(signature, digest, rawPublic(publicKey), { zip215: false });
  } catch {
    return false;
  }
}
