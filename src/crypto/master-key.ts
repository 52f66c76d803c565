/**
 * The Bulwark master key: the one secret kept outside the database. Everything secret that the
 * store holds — KMS key material, and later other services' secrets — is sealed under it with
 * AES-256-GCM, bound to a caller-chosen label (the AAD), so a sealed value copied to another
 * record does not open.
 *
 * Where it comes from, first match wins:
 *   1. `BULWARK_MASTER_KEY` — 32 bytes, base64 (for containers and secrets managers);
 *   2. `--master-key-file` (default `<data-dir>/master.key` unless `--in-memory`) — a file
 *      holding the base64 key; created with mode 0600 when missing; refused when group or others
 *      can read it. Back it up with the data: without it the sealed values are lost;
 *   3. `--in-memory` without either — a random key for the life of the process.
 * The key itself is never logged.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Sealed values start with their format version. */
const FORMAT = 'v1:';

export class MasterKeyError extends Error {}

export class MasterKey {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new MasterKeyError(`the master key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  static random(): MasterKey {
    return new MasterKey(randomBytes(KEY_BYTES));
  }

  /** `v1:` + base64(iv ‖ tag ‖ ciphertext); `label` must be given again to open it. */
  seal(plaintext: Buffer, label: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(label, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return FORMAT + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The plaintext of `seal(…, label)`; throws MasterKeyError when the value or label differ. */
  open(sealed: string, label: string): Buffer {
    if (!sealed.startsWith(FORMAT)) throw new MasterKeyError('not a sealed value');
    const raw = Buffer.from(sealed.slice(FORMAT.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new MasterKeyError('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new MasterKeyError('sealed value does not open under this master key (wrong key or label)');
    }
  }

  /** Never print the key. */
  toJSON(): string {
    return '[MasterKey]';
  }
}

export interface MasterKeySource {
  /** `BULWARK_MASTER_KEY`: base64 of 32 bytes. */
  envValue?: string;
  /** Path of the key file. */
  file?: string;
  /** Without env or file: a random key (in-memory state only). */
  inMemory: boolean;
}

export function loadMasterKey(source: MasterKeySource): MasterKey {
  if (source.envValue) return new MasterKey(decode(source.envValue, 'BULWARK_MASTER_KEY'));
  if (source.file) return fromFile(source.file);
  if (source.inMemory) return MasterKey.random();
  throw new MasterKeyError('no master key: set BULWARK_MASTER_KEY or --master-key-file');
}

function fromFile(file: string): MasterKey {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new MasterKeyError(`the master key file ${file} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  }
  return new MasterKey(decode(readFileSync(file, 'utf8').trim(), file));
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new MasterKeyError(`${where} must hold ${KEY_BYTES} bytes in base64, got ${key.length} bytes`);
  return key;
}
