/**
 * Decodes an `aws-chunked` body (S3 streaming uploads) after verifySigV4 has checked the seed
 * signature:
 *
 *   signed:    hex(size);chunk-signature=SIG\r\n DATA \r\n … 0;chunk-signature=SIG\r\n [trailers] \r\n
 *   unsigned:  hex(size)\r\n DATA \r\n … 0\r\n [name:value\r\n]* \r\n
 *
 * Chunk n's signature signs "AWS4-HMAC-SHA256-PAYLOAD\n" + time + scope + signature(n-1) +
 * sha256("") + sha256(DATA), chained from the seed signature; signed trailers end with an
 * `x-amz-trailer-signature` over "AWS4-HMAC-SHA256-TRAILER\n" + time + scope + last chunk
 * signature + sha256("name:value\n"…).
 *
 * One incremental decoder (`ChunkedDecoder`) serves both forms: `decodeAwsChunked` for a body
 * in memory (the payload is compacted into the front of the body itself — never a second
 * buffer), and `awsChunkedStream` for a body streamed to disk, where each chunk's data passes
 * through as it arrives, hashed on the way for its signature.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AuthFailure } from './auth-failure.js';
import { EMPTY_SHA256, hmac, sha256Hex, signatureMatches } from './crypto.js';
import type { StreamingContext } from './types.js';

export interface DecodedAwsChunked {
  /** The object bytes, chunk framing removed. */
  payload: Buffer;
  /** Trailing headers (lower-cased names), e.g. `x-amz-checksum-crc32`; never the trailer signature. */
  trailers: Record<string, string>;
  /** Number of chunks including the final zero-length one. */
  chunks: number;
}

/** Longest chunk header line we accept ("ffffffff;chunk-signature=" + 64 hex is ~90 bytes). */
const MAX_LINE = 4096;
const SIZE = /^[0-9a-fA-F]{1,16}$/;
const CHUNK_SIGNATURE = /^chunk-signature=([0-9a-fA-F]{64})$/;
const TRAILER_SIGNATURE = 'x-amz-trailer-signature';

function framingError(message: string, value?: string): AuthFailure {
  return new AuthFailure('malformed', `aws-chunked body: ${message}`, { problem: 'chunk-encoding', value });
}

type State = 'header' | 'data' | 'data-crlf' | 'trailers' | 'done';

/** The aws-chunked state machine: feed it bytes in any pieces; it emits the payload's bytes. */
export class ChunkedDecoder {
  readonly trailers: Record<string, string> = Object.create(null) as Record<string, string>;
  chunks = 0;
  total = 0;
  private state: State = 'header';
  /** Bytes of an incomplete line (a chunk header, the CRLF after data, or a trailer line). */
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private signature = '';
  private previous: string;
  private hash: Hash | undefined;
  private canonicalTrailers = '';
  private trailerSignature: string | undefined;
  private readonly key: Buffer | undefined;
  private readonly prefix: string;

  constructor(private readonly context: StreamingContext) {
    this.key = context.mode !== 'unsigned-trailer' ? context.signingKey : undefined;
    this.prefix = '\n' + context.requestTime + '\n' + context.scope + '\n';
    this.previous = context.seedSignature;
  }

  /** Decodes `bytes`; `emit` receives each run of payload bytes, in order. */
  feed(bytes: Buffer, emit: (data: Buffer) => void): void {
    let input = bytes;
    while (input.length > 0) {
      switch (this.state) {
        case 'data': {
          const n = Math.min(this.remaining, input.length);
          const data = input.subarray(0, n);
          this.hash?.update(data);
          emit(data);
          this.total += n;
          this.remaining -= n;
          input = input.subarray(n);
          if (this.remaining === 0) {
            this.endChunk(this.hash ? this.hash.digest('hex') : '');
            this.state = 'data-crlf';
          }
          break;
        }
        case 'data-crlf': {
          const have = Buffer.concat([this.pending, input.subarray(0, 2 - this.pending.length)]);
          input = input.subarray(2 - this.pending.length);
          if (have.length < 2) {
            this.pending = have;
            break;
          }
          this.pending = Buffer.alloc(0);
          if (have[0] !== 0x0d || have[1] !== 0x0a) throw framingError('chunk data not followed by CRLF');
          this.state = 'header';
          break;
        }
        case 'header':
        case 'trailers': {
          const eol = input.indexOf('\r\n', 0, 'latin1');
          const joined = this.pending.length > 0 ? Buffer.concat([this.pending, input]) : input;
          const end = this.pending.length > 0 ? joined.indexOf('\r\n', 0, 'latin1') : eol;
          if (end < 0) {
            if (joined.length > MAX_LINE) throw framingError('missing CRLF');
            this.pending = Buffer.from(joined);
            input = Buffer.alloc(0);
            break;
          }
          if (end > MAX_LINE) throw framingError('missing CRLF');
          const line = joined.toString('latin1', 0, end);
          input = joined.subarray(end + 2);
          this.pending = Buffer.alloc(0);
          if (this.state === 'header') this.header(line);
          else this.trailer(line);
          break;
        }
        case 'done':
          throw framingError('data after the final chunk');
      }
    }
  }

  /** The end of the body: every check that needs the whole of it. */
  finish(): void {
    // A final CRLF that a client left off is tolerated: the zero-length chunk already ended the data.
    if (this.state === 'trailers' && this.pending.length === 0) this.state = 'done';
    if (this.state !== 'done') {
      throw framingError(this.state === 'data' ? `chunk of ${this.remaining} more bytes overruns the body` : 'missing CRLF');
    }
    if (this.context.mode === 'signed-trailer' && this.key !== undefined) {
      const stringToSign = 'AWS4-HMAC-SHA256-TRAILER' + this.prefix + this.previous + '\n' + sha256Hex(this.canonicalTrailers);
      if (this.trailerSignature === undefined || !signatureMatches(this.trailerSignature, hmac(this.key, stringToSign))) {
        throw new AuthFailure('signature-mismatch', 'trailer signature mismatch', {
          problem: 'trailer-signature',
          stringToSign,
          signatureProvided: this.trailerSignature ?? '',
        });
      }
    }
    for (const name of this.context.trailerNames) {
      if (this.trailers[name] === undefined) throw framingError(`announced trailer ${name} is missing`, name);
    }
    if (this.context.decodedContentLength !== undefined && this.context.decodedContentLength !== this.total) {
      throw framingError(`decoded ${this.total} bytes, x-amz-decoded-content-length says ${this.context.decodedContentLength}`, String(this.total));
    }
  }

  private header(line: string): void {
    const semi = line.indexOf(';');
    const sizeText = semi < 0 ? line : line.slice(0, semi);
    if (!SIZE.test(sizeText)) throw framingError(`bad chunk size '${sizeText}'`, line);
    const size = parseInt(sizeText, 16);
    this.signature = '';
    if (this.context.mode !== 'unsigned-trailer') {
      const m = semi < 0 ? null : CHUNK_SIGNATURE.exec(line.slice(semi + 1));
      if (!m) throw framingError('chunk without chunk-signature', line);
      this.signature = (m[1] as string).toLowerCase();
    }
    this.chunks++;
    if (size === 0) {
      this.endChunk(EMPTY_SHA256);
      this.state = 'trailers';
      return;
    }
    this.remaining = size;
    this.hash = this.key !== undefined ? createHash('sha256') : undefined;
    this.state = 'data';
  }

  /** Checks the chunk's signature (its data hashed as it passed) and chains it. */
  private endChunk(dataHash: string): void {
    if (this.key !== undefined) {
      const stringToSign = 'AWS4-HMAC-SHA256-PAYLOAD' + this.prefix + this.previous + '\n' + EMPTY_SHA256 + '\n' + dataHash;
      if (!signatureMatches(this.signature, hmac(this.key, stringToSign))) {
        throw new AuthFailure('signature-mismatch', `chunk ${this.chunks} signature mismatch`, {
          problem: 'chunk-signature',
          stringToSign,
          signatureProvided: this.signature,
        });
      }
    }
    this.previous = this.signature;
  }

  private trailer(line: string): void {
    if (line === '') {
      this.state = 'done';
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw framingError('bad trailer line', line);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE) {
      this.trailerSignature = value;
      return;
    }
    if (this.context.mode === 'signed') throw framingError('trailer in a body declared without trailers', name);
    this.trailers[name] = value;
    this.canonicalTrailers += name + ':' + value + '\n';
  }
}

export function decodeAwsChunked(body: Buffer, context: StreamingContext): DecodedAwsChunked {
  const decoder = new ChunkedDecoder(context);
  let at = 0;
  // The payload never outruns the framing, so it is compacted into the body's own front.
  decoder.feed(body, (data) => {
    data.copy(body, at);
    at += data.length;
  });
  decoder.finish();
  return { payload: body.subarray(0, at), trailers: { ...decoder.trailers }, chunks: decoder.chunks };
}

/** A streamed body, decoded as it passes; `trailers` are complete once it has ended. */
export interface DecodingStream extends Readable {
  trailers: Record<string, string>;
}

/** Decodes a streamed aws-chunked body; a framing or signature failure becomes `toError(failure)`. */
export function awsChunkedStream(source: Readable, context: StreamingContext, toError: (failure: AuthFailure) => Error): DecodingStream {
  const decoder = new ChunkedDecoder(context);
  const fail = (err: unknown): Error => (err instanceof AuthFailure ? toError(err) : (err as Error));
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        decoder.feed(chunk, (data) => this.push(data));
        done();
      } catch (err) {
        done(fail(err));
      }
    },
    flush(done) {
      try {
        decoder.finish();
        Object.assign(out.trailers, decoder.trailers);
        done();
      } catch (err) {
        done(fail(err));
      }
    },
  }) as unknown as Transform & { trailers: Record<string, string> };
  out.trailers = {};
  source.on('error', (err) => out.destroy(err));
  source.pipe(out);
  return out as unknown as DecodingStream;
}
