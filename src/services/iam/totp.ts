/**
 * One-time passwords for virtual MFA devices: HOTP (RFC 4226) and TOTP (RFC 6238) over
 * node:crypto, and the Base32 (RFC 4648) text authenticator apps read seeds in. IAM's virtual
 * devices use SHA-1, 30-second steps and 6 digits, the defaults here.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 text without padding (the form IAM returns seeds in). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Bytes of Base32 text (case-insensitive; `=` padding and spaces ignored). */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`invalid base32 character: ${ch}`);
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

export type OtpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** Seconds per step (30). */
  step?: number;
  /** Digits of the code (6). */
  digits?: number;
  algorithm?: OtpAlgorithm;
}

/** HOTP (RFC 4226): the code for one counter value, zero-padded to `digits`. */
export function hotp(secret: Uint8Array, counter: number, digits = 6, algorithm: OtpAlgorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP time step a moment (milliseconds since the epoch) falls in. */
export function timeStep(timeMs: number, step = 30): number {
  return Math.floor(timeMs / 1000 / step);
}

/** TOTP (RFC 6238): the code valid at `timeMs`. */
export function totp(secret: Uint8Array, timeMs: number, options: TotpOptions = {}): string {
  return hotp(secret, timeStep(timeMs, options.step ?? 30), options.digits ?? 6, options.algorithm ?? 'sha1');
}

/** The code of a given time step (SHA-1, 6 digits). */
export function codeAt(secret: Uint8Array, step: number): string {
  return hotp(secret, step);
}
