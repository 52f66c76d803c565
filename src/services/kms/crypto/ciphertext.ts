/**
 * Bulwark's own versioned symmetric ciphertext blob (what Encrypt returns for
 * SYMMETRIC_DEFAULT keys):
 *
 *   version (1 byte, 0x01)
 *   key ARN       (2-byte big-endian length + UTF-8)
 *   material id   (2-byte big-endian length + UTF-8)
 *   IV (12 bytes) ‖ GCM tag (16 bytes) ‖ AES-256-GCM ciphertext
 *
 * The header bytes followed by the canonical encryption context are the GCM AAD, so changing
 * the ARN, the material id or the context makes decryption fail.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { invalidCiphertext, validation } from './errors.js';
import { encodeEncryptionContext } from './encryption-context.js';

export { encodeEncryptionContext } from './encryption-context.js';

export interface BlobHeader {
  keyArn: string;
  materialId: string;
}

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_FIELD = 0xffff;

function field(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length === 0 || bytes.length > MAX_FIELD) throw validation('Invalid ciphertext header field length.');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function encodeHeader(header: BlobHeader): Buffer {
  return Buffer.concat([Buffer.from([VERSION]), field(header.keyArn), field(header.materialId)]);
}

/** Reads one length-prefixed UTF-8 field; undefined unless it is in bounds and valid UTF-8. */
function readField(blob: Buffer, offset: number): { value: string; end: number } | undefined {
  if (offset + 2 > blob.length) return undefined;
  const len = blob.readUInt16BE(offset);
  const end = offset + 2 + len;
  if (len === 0 || end > blob.length) return undefined;
  const bytes = blob.subarray(offset + 2, end);
  const value = bytes.toString('utf8');
  if (!Buffer.from(value, 'utf8').equals(bytes)) return undefined;
  return { value, end };
}

interface ParsedBlob {
  header: BlobHeader;
  headerBytes: Buffer;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

function parse(blob: Buffer): ParsedBlob | undefined {
  if (!Buffer.isBuffer(blob) || blob.length < 1 || blob[0] !== VERSION) return undefined;
  const arn = readField(blob, 1);
  if (!arn) return undefined;
  const material = readField(blob, arn.end);
  if (!material) return undefined;
  const headerEnd = material.end;
  if (blob.length < headerEnd + IV_BYTES + TAG_BYTES) return undefined;
  return {
    header: { keyArn: arn.value, materialId: material.value },
    headerBytes: blob.subarray(0, headerEnd),
    iv: blob.subarray(headerEnd, headerEnd + IV_BYTES),
    tag: blob.subarray(headerEnd + IV_BYTES, headerEnd + IV_BYTES + TAG_BYTES),
    body: blob.subarray(headerEnd + IV_BYTES + TAG_BYTES),
  };
}

/**
 * AES-256-GCM, random 12-byte IV; the header (version byte, key ARN, material id, each
 * length-prefixed) is authenticated together with the canonical encryption context as AAD.
 */
export function sealSymmetric(material: Buffer, header: BlobHeader, plaintext: Buffer, context?: Record<string, string>): Buffer {
  const headerBytes = cachedHeader(header);
  const out = Buffer.allocUnsafe(headerBytes.length + IV_BYTES + TAG_BYTES + plaintext.length);
  headerBytes.copy(out, 0);
  const ivAt = headerBytes.length;
  const iv = nextIv(out, ivAt);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(isEmpty(context) ? Buffer.concat([headerBytes, EMPTY_CONTEXT]) : Buffer.concat([headerBytes, encodeEncryptionContext(context)]));
  const body = cipher.update(plaintext);
  const rest = cipher.final();
  body.copy(out, ivAt + IV_BYTES + TAG_BYTES);
  rest.copy(out, ivAt + IV_BYTES + TAG_BYTES + body.length);
  cipher.getAuthTag().copy(out, ivAt + IV_BYTES);
  return out;
}

const EMPTY_CONTEXT = encodeEncryptionContext(undefined);

function isEmpty(context: Record<string, string> | undefined): boolean {
  if (!context) return true;
  for (const _ in context) return false;
  return true;
}

/** Encoded headers by key ARN and material id: the same few keys encrypt again and again. */
const headers = new Map<string, Buffer>();
const MAX_HEADERS = 4096;

function cachedHeader(header: BlobHeader): Buffer {
  const key = `${header.keyArn}\u0000${header.materialId}`;
  let bytes = headers.get(key);
  if (!bytes) {
    bytes = encodeHeader(header);
    if (headers.size >= MAX_HEADERS) headers.clear();
    headers.set(key, bytes);
  }
  return bytes;
}

/**
 * A fresh random IV written into `out` at `at` (and returned as a view of it). IVs come from a
 * pool filled by the CSPRNG 4 KB at a time — one syscall per ~340 encryptions instead of one
 * per call; each pool byte is used once.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

function nextIv(out: Buffer, at: number): Buffer {
  if (poolAt + IV_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  pool.copy(out, at, poolAt, poolAt + IV_BYTES);
  pool.fill(0, poolAt, poolAt + IV_BYTES);
  poolAt += IV_BYTES;
  return out.subarray(at, at + IV_BYTES);
}

/** The header of one of our blobs, or undefined when the bytes are not a well-formed blob. */
export function readBlobHeader(blob: Buffer): BlobHeader | undefined {
  return parse(blob)?.header;
}

/** Decrypts; throws InvalidCiphertextException (message '') when the tag, context or bytes do not match. */
export function openSymmetric(material: Buffer, blob: Buffer, context?: Record<string, string>): Buffer {
  const parsed = parse(blob);
  if (!parsed) throw invalidCiphertext();
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([parsed.headerBytes, encodeEncryptionContext(context)]));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    throw invalidCiphertext();
  }
}
