/**
 * Object bytes on disk (S3 objects and parts), beside the metadata store. Each blob is one
 * file written as AWS would want it durable: into a temporary file, fsync'd, renamed into place
 * and the directory fsync'd — a reader sees all of a blob or none of it, and an acknowledged
 * write survives `kill -9`. Bytes stream through in chunks: a blob is never held in memory
 * whole.
 *
 * Encryption at rest: a blob written with a key is stored as AES-256-CTR (16-byte random IV
 * first, then the ciphertext); CTR lets a range read start anywhere. The caller keeps the key
 * (sealed under the master key in the object's metadata).
 *
 * Small blobs (≤ 64 KiB given as one buffer) are kept as rows of the metadata store instead of
 * files, with the same encryption: no file to create, fsync and rename for a 4 KiB object, and
 * the durability of every other record (docs/STORE.md).
 *
 * Blobs and metadata are two stores: callers write the blob first and the metadata after, and
 * delete a blob once no metadata names it. A crash between the two can leave an orphan file
 * (never a dangling reference).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { GLOBAL_REGION, type Scope, type StoreOps } from './store.js';
import { pipeline } from 'node:stream/promises';

export interface BlobInfo {
  id: string;
  /** Plaintext size in bytes. */
  size: number;
  /** Hex MD5 of the plaintext (S3's ETag of a single-part object). */
  md5: string;
}

export interface BlobWriteOptions {
  /** 32 bytes: store the blob encrypted (AES-256-CTR) under this key. */
  key?: Buffer;
  /** Sees every plaintext chunk as it passes (checksums); may throw to abort the write. */
  observe?: (chunk: Buffer) => void;
}

/** Inclusive byte range of the plaintext. */
export interface ByteRange {
  start: number;
  end: number;
}

const IV_BYTES = 16;
/** Ids of blobs kept in the store start with this (file blob ids are bare UUIDs). */
const INLINE_PREFIX = 'i-';
const AES_BLOCK = 16;

/** Where small blobs live in the metadata store. */
const INLINE_SCOPE: Scope = { account: 'blobs', region: GLOBAL_REGION };
const INLINE_KIND = 'blob:inline';
export const INLINE_LIMIT = 64 * 1024;

export class BlobStore {
  private constructor(
    private readonly root: string,
    private readonly temporary: boolean,
    /** Where small blobs go as rows; without it every blob is a file. */
    private readonly rows?: StoreOps,
  ) {}

  /**
   * Blobs under `<dir>`; or, with no dir, in a temporary directory removed by `close()`. With
   * `smallBlobs`, blobs up to INLINE_LIMIT given as one buffer become rows of that store.
   */
  static async open(dir?: string, smallBlobs?: StoreOps): Promise<BlobStore> {
    if (dir) {
      await mkdir(join(dir, 'tmp'), { recursive: true });
      return new BlobStore(dir, false, smallBlobs);
    }
    const root = await mkdtemp(join(tmpdir(), 'bulwark-blobs-'));
    await mkdir(join(root, 'tmp'), { recursive: true });
    return new BlobStore(root, true, smallBlobs);
  }

  /** A temporary store opened synchronously (tests that build a RequestContext by hand); removed at exit. */
  static temporarySync(): BlobStore {
    const root = mkdtempSync(join(tmpdir(), 'bulwark-blobs-'));
    mkdirSync(join(root, 'tmp'), { recursive: true });
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    return new BlobStore(root, true);
  }

  private path(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a blob id: ${id}`);
    return join(this.root, id.slice(0, 2), id.slice(2, 4), id);
  }

  /** Streams `data` into a new blob; resolves once it is durable. */
  async put(data: Buffer | AsyncIterable<Buffer> | Readable, options: BlobWriteOptions = {}): Promise<BlobInfo> {
    if (this.rows && Buffer.isBuffer(data) && data.length <= INLINE_LIMIT) return this.putRow(this.rows, data, options);
    const id = randomUUID();
    const temp = join(this.root, 'tmp', `${id}.part`);
    const md5 = createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        try {
          options.observe?.(chunk);
        } catch (err) {
          done(err as Error);
          return;
        }
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const source = Buffer.isBuffer(data) ? Readable.from([data]) : Readable.from(data as AsyncIterable<Buffer>);
    const stages: NodeJS.ReadWriteStream[] = [meter];
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    try {
      if (options.key) {
        const iv = randomBytes(IV_BYTES);
        out.write(iv);
        stages.push(createCipheriv('aes-256-ctr', options.key, iv));
      }
      await pipeline([source, ...stages, out] as unknown as [Readable, NodeJS.WritableStream]);
      await fsyncFile(temp);
      const final = this.path(id);
      await mkdir(dirname(final), { recursive: true });
      await rename(temp, final);
      await fsyncFile(dirname(final));
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    return { id, size, md5: md5.digest('hex') };
  }

  private async putRow(rows: StoreOps, data: Buffer, options: BlobWriteOptions): Promise<BlobInfo> {
    options.observe?.(data);
    const id = `${INLINE_PREFIX}${randomUUID()}`;
    let stored = data;
    if (options.key) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-ctr', options.key, iv);
      stored = Buffer.concat([iv, cipher.update(data), cipher.final()]);
    }
    await rows.put(INLINE_SCOPE, INLINE_KIND, id, { data: stored.toString('base64') });
    return { id, size: data.length, md5: createHash('md5').update(data).digest('hex') };
  }

  /** A small blob's plaintext (or a range of it). */
  private async readRow(id: string, options: { key?: Buffer; range?: ByteRange }): Promise<Buffer> {
    const row = await this.rows?.get<{ data: string }>(INLINE_SCOPE, INLINE_KIND, id);
    if (!row) throw Object.assign(new Error(`blob ${id} not found`), { code: 'ENOENT' });
    let bytes = Buffer.from(row.value.data, 'base64');
    if (options.key) {
      const decipher = createDecipheriv('aes-256-ctr', options.key, bytes.subarray(0, IV_BYTES));
      bytes = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES)), decipher.final()]);
    }
    return options.range ? bytes.subarray(options.range.start, options.range.end + 1) : bytes;
  }

  /** A blob's plaintext as bytes when it is small (kept in the store), else as a stream. */
  async body(id: string, options: { key?: Buffer; range?: ByteRange } = {}): Promise<Buffer | Readable> {
    return id.startsWith(INLINE_PREFIX) ? this.readRow(id, options) : this.read(id, options);
  }

  /** The plaintext of a blob (or an inclusive range of it) as a stream. */
  read(id: string, options: { key?: Buffer; range?: ByteRange } = {}): Readable {
    if (id.startsWith(INLINE_PREFIX)) {
      const out = new PassThrough();
      this.readRow(id, options).then((bytes) => out.end(bytes), (err: Error) => out.destroy(err));
      return out;
    }
    const path = this.path(id);
    const range = options.range;
    if (!options.key) return createReadStream(path, range ? { start: range.start, end: range.end } : {});
    const key = options.key;
    const out = new PassThrough();
    void (async () => {
      const file = await open(path, 'r');
      let iv: Buffer;
      try {
        iv = Buffer.alloc(IV_BYTES);
        await file.read(iv, 0, IV_BYTES, 0);
      } finally {
        await file.close();
      }
      const start = range?.start ?? 0;
      const block = Math.floor(start / AES_BLOCK);
      const skip = start - block * AES_BLOCK;
      const decipher = createDecipheriv('aes-256-ctr', key, counterAt(iv, block));
      const raw = createReadStream(path, { start: IV_BYTES + block * AES_BLOCK, end: range ? IV_BYTES + range.end : undefined });
      let toSkip = skip;
      const trim = new Transform({
        transform(chunk: Buffer, _enc, done) {
          if (toSkip === 0) return done(null, chunk);
          const cut = Math.min(toSkip, chunk.length);
          toSkip -= cut;
          done(null, chunk.subarray(cut));
        },
      });
      await pipeline(raw, decipher, trim, out);
    })().catch((err: Error) => out.destroy(err));
    return out;
  }

  /** The whole plaintext in memory (small blobs only: tests, policy documents). */
  async readAll(id: string, options: { key?: Buffer } = {}): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(id, options)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async exists(id: string): Promise<boolean> {
    if (id.startsWith(INLINE_PREFIX)) return (await this.rows?.get(INLINE_SCOPE, INLINE_KIND, id)) !== undefined;
    try {
      await stat(this.path(id));
      return true;
    } catch {
      return false;
    }
  }

  /** Removes a blob; a blob already gone is not an error. */
  async delete(id: string): Promise<void> {
    if (id.startsWith(INLINE_PREFIX)) {
      await this.rows?.delete(INLINE_SCOPE, INLINE_KIND, id);
      return;
    }
    await unlink(this.path(id)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  /** Removes everything (the reset endpoints). */
  async reset(): Promise<void> {
    for (const entry of await import('node:fs/promises').then((fs) => fs.readdir(this.root))) {
      if (entry !== 'tmp') await rm(join(this.root, entry), { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    if (this.temporary) await rm(this.root, { recursive: true, force: true });
  }
}

/** The CTR counter block for AES block number `block` after `iv` (a 128-bit big-endian add). */
function counterAt(iv: Buffer, block: number): Buffer {
  const out = Buffer.from(iv);
  let carry = block;
  for (let i = IV_BYTES - 1; i >= 0 && carry > 0; i--) {
    const sum = out[i]! + (carry % 256);
    out[i] = sum % 256;
    carry = Math.floor(carry / 256) + Math.floor(sum / 256);
  }
  return out;
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
