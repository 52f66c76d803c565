/**
 * S3's additional checksums: CRC32, CRC32C, CRC64NVME, SHA1, SHA256 (and SHA512, MD5), each
 * sent base64 of its big-endian digest in `x-amz-checksum-<name>`. Computed while bytes stream
 * into the blob store; a mismatch with what the client sent is BadDigest. Multipart objects
 * carry a COMPOSITE checksum (the checksum of the parts' binary checksums, `…-N`) or a
 * FULL_OBJECT one (CRC types: the CRC of the whole object).
 */
import { Readable } from 'node:stream';
import { createHash, type Hash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { AwsError } from '../../core/aws-error.js';
import type { OperationInput } from '../types.js';
import { invalidRequest } from './common.js';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256', 'SHA512', 'MD5'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** The input/output member carrying an algorithm's value (ChecksumCRC32 …). */
export const memberOf = (algorithm: string): string => `Checksum${algorithm}`;
const isCrc = (algorithm: string): boolean => algorithm.startsWith('CRC');

export interface Digest {
  update(chunk: Buffer): void;
  /** The raw big-endian digest. */
  digest(): Buffer;
}

// --- CRCs (reflected, table driven) ------------------------------------------------------------

function crc32Table(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32C_TABLE = crc32Table(0x82f63b78);

class Crc32 implements Digest {
  private crc = 0;
  update(chunk: Buffer): void {
    this.crc = zlibCrc32(chunk, this.crc);
  }
  digest(): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.crc >>> 0);
    return out;
  }
}

class Crc32c implements Digest {
  private crc = 0xffffffff;
  update(chunk: Buffer): void {
    let c = this.crc;
    for (let i = 0; i < chunk.length; i++) c = CRC32C_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
    this.crc = c;
  }
  digest(): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt32BE((this.crc ^ 0xffffffff) >>> 0);
    return out;
  }
}

/** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones; 64-bit values as two 32-bit halves. */
const CRC64_POLY_HI = 0x9a6c9329;
const CRC64_POLY_LO = 0xac4bc9b5;
const CRC64_HI = new Uint32Array(256);
const CRC64_LO = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const bit = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (bit) {
      hi = (hi ^ CRC64_POLY_HI) >>> 0;
      lo = (lo ^ CRC64_POLY_LO) >>> 0;
    }
  }
  CRC64_HI[n] = hi;
  CRC64_LO[n] = lo;
}

class Crc64Nvme implements Digest {
  private hi = 0xffffffff;
  private lo = 0xffffffff;
  update(chunk: Buffer): void {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < chunk.length; i++) {
      const idx = (lo ^ chunk[i]!) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ CRC64_LO[idx]!;
      hi = (hi >>> 8) ^ CRC64_HI[idx]!;
    }
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
  }
  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}

class Hashed implements Digest {
  private readonly hash: Hash;
  constructor(name: string) {
    this.hash = createHash(name);
  }
  update(chunk: Buffer): void {
    this.hash.update(chunk);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

export function newDigest(algorithm: string): Digest {
  switch (algorithm) {
    case 'CRC32': return new Crc32();
    case 'CRC32C': return new Crc32c();
    case 'CRC64NVME': return new Crc64Nvme();
    case 'SHA1': return new Hashed('sha1');
    case 'SHA256': return new Hashed('sha256');
    case 'SHA512': return new Hashed('sha512');
    case 'MD5': return new Hashed('md5');
    default: throw invalidRequest(`Checksum algorithm ${algorithm} is not supported.`); // Unconfirmed wording
  }
}

export function checksumOf(algorithm: string, data: Buffer): string {
  const d = newDigest(algorithm);
  d.update(data);
  return d.digest().toString('base64');
}

const DIGEST_BYTES: Record<string, number> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32, SHA512: 64, MD5: 16 };

// --- requests ----------------------------------------------------------------------------------

/** What a write request asks of checksums: the algorithm to compute and the value the client sent (if any). */
export interface RequestedChecksum {
  algorithm: string;
  expected?: string;
}

/**
 * The checksum a PutObject/UploadPart carries: one `x-amz-checksum-*` value (validated in form),
 * or only `x-amz-sdk-checksum-algorithm` (computed and returned), or none.
 */
export function requestedChecksum(input: OperationInput): RequestedChecksum | undefined {
  const sent = CHECKSUM_ALGORITHMS.filter((a) => typeof input[memberOf(a)] === 'string');
  if (sent.length > 1) throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const declared = typeof input.ChecksumAlgorithm === 'string' ? input.ChecksumAlgorithm.toUpperCase() : undefined;
  if (sent.length === 1) {
    const algorithm = sent[0]!;
    const value = String(input[memberOf(algorithm)]).trim();
    const raw = /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
    if (!raw || raw.length !== DIGEST_BYTES[algorithm] || raw.toString('base64') !== value) {
      throw invalidRequest(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
    }
    if (declared && declared !== algorithm) {
      // Unconfirmed wording
      throw invalidRequest(`Value for x-amz-sdk-checksum-algorithm header is invalid.`);
    }
    return { algorithm, expected: value };
  }
  if (declared) {
    if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(declared)) throw invalidRequest('Value for x-amz-sdk-checksum-algorithm header is invalid.'); // Unconfirmed wording
    return { algorithm: declared };
  }
  return undefined;
}

export function badDigest(algorithm: string): AwsError {
  // Unconfirmed wording (S3's BadDigest for an additional checksum)
  return new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, { status: 400 });
}

export function contentMd5Mismatch(): AwsError {
  return new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', { status: 400 });
}

/** The raw MD5 a Content-MD5 header names; InvalidDigest when it is not base64 of 16 bytes. */
export function parseContentMd5(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const raw = /^[A-Za-z0-9+/]*={0,2}$/.test(value.trim()) ? Buffer.from(value.trim(), 'base64') : Buffer.alloc(0);
  if (raw.length !== 16) throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', { status: 400 });
  return raw.toString('hex');
}

/** The output members of a stored checksum (ChecksumCRC32 …, ChecksumType). */
export function checksumOutput(checksum: { Algorithm: string; Value: string; Type: string } | undefined): Record<string, unknown> {
  if (!checksum) return {};
  return { [memberOf(checksum.Algorithm)]: checksum.Value, ChecksumType: checksum.Type };
}

/** The checksum of checksums a COMPOSITE multipart checksum is: over the parts' raw digests, then `-N`. */
export function compositeChecksum(algorithm: string, partValues: string[]): string {
  const d = newDigest(algorithm);
  for (const v of partValues) d.update(Buffer.from(v, 'base64'));
  return `${d.digest().toString('base64')}-${partValues.length}`;
}

/** The checksum type a multipart upload gets by default: FULL_OBJECT for CRC64NVME, COMPOSITE otherwise. */
export function defaultChecksumType(algorithm: string): 'FULL_OBJECT' | 'COMPOSITE' {
  return algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE';
}

export function validChecksumType(algorithm: string, type: string): boolean {
  if (type === 'FULL_OBJECT') return isCrc(algorithm);
  if (type === 'COMPOSITE') return algorithm !== 'CRC64NVME';
  return false;
}

/**
 * After a streamed aws-chunked body has ended: the checksum its trailer carried
 * (`x-amz-checksum-*`, read like the header form), else what the request's headers asked.
 */
export function afterTrailers(requested: RequestedChecksum | undefined, body: unknown): RequestedChecksum | undefined {
  const trailers = (body as { trailers?: Record<string, string> } | undefined)?.trailers;
  if (!trailers) return requested;
  const fromTrailer: OperationInput = {};
  for (const a of CHECKSUM_ALGORITHMS) {
    const value = trailers[`x-amz-checksum-${a.toLowerCase()}`];
    if (value !== undefined) fromTrailer[memberOf(a)] = value;
  }
  if (Object.keys(fromTrailer).length === 0) return requested;
  if (requested) fromTrailer.ChecksumAlgorithm = requested.algorithm;
  return requestedChecksum(fromTrailer);
}

/** A write's body as the handler gets it: bytes in memory, or a stream going to disk. */
export function bodyOf(input: OperationInput): Buffer | Readable {
  const body = input.Body;
  return Buffer.isBuffer(body) || body instanceof Readable ? body : Buffer.alloc(0);
}

/** Operations that check their own (possibly streamed) body's digests: object and part uploads. */
const CHECK_THEIR_OWN = new Set(['PutObject', 'UploadPart']);

/**
 * A request body in memory (DeleteObjects, PutBucketPolicy, PutObjectLockConfiguration …)
 * against its Content-MD5 and x-amz-checksum-* headers — read from the headers themselves, as
 * not every operation models them: BadDigest when they do not match.
 */
export function checkBodyDigests(operation: string, raw: { headers: Record<string, string>; body: Buffer }): void {
  if (CHECK_THEIR_OWN.has(operation)) return;
  const md5 = parseContentMd5(raw.headers['content-md5']);
  if (md5 !== undefined && md5 !== createHash('md5').update(raw.body).digest('hex')) throw contentMd5Mismatch();
  const sent: OperationInput = {};
  for (const a of CHECKSUM_ALGORITHMS) {
    const value = raw.headers[`x-amz-checksum-${a.toLowerCase()}`];
    if (value !== undefined) sent[memberOf(a)] = value;
  }
  if (MUST_HAVE_DIGEST.has(operation) && md5 === undefined && Object.keys(sent).length === 0) {
    throw invalidRequest('Missing required header for this request: Content-MD5 OR x-amz-checksum-*'); // Unconfirmed wording
  }
  const requested = requestedChecksum(sent);
  if (requested?.expected !== undefined && requested.expected !== checksumOf(requested.algorithm, raw.body)) throw badDigest(requested.algorithm);
}

/** Operations S3 refuses without a Content-MD5 or x-amz-checksum-* header. */
const MUST_HAVE_DIGEST = new Set(['DeleteObjects']);
