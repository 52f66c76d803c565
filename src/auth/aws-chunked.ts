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
 */
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

function readLine(body: Buffer, pos: number): { line: string; next: number } {
  const end = body.indexOf('\r\n', pos, 'latin1');
  if (end < 0 || end - pos > MAX_LINE) throw framingError('missing CRLF');
  return { line: body.toString('latin1', pos, end), next: end + 2 };
}

export function decodeAwsChunked(body: Buffer, context: StreamingContext): DecodedAwsChunked {
  const signedChunks = context.mode !== 'unsigned-trailer';
  const key = signedChunks ? context.signingKey : undefined;
  const prefix = '\n' + context.requestTime + '\n' + context.scope + '\n';
  // The payload is compacted into the front of the body itself (it is never longer than the
  // framed body): a decoded 8 MiB part costs no second buffer.
  let total = 0;
  let previous = context.seedSignature;
  let chunks = 0;
  let pos = 0;

  for (;;) {
    const { line, next } = readLine(body, pos);
    const semi = line.indexOf(';');
    const sizeText = semi < 0 ? line : line.slice(0, semi);
    if (!SIZE.test(sizeText)) throw framingError(`bad chunk size '${sizeText}'`, line);
    const size = parseInt(sizeText, 16);
    let signature = '';
    if (signedChunks) {
      const m = semi < 0 ? null : CHUNK_SIGNATURE.exec(line.slice(semi + 1));
      if (!m) throw framingError('chunk without chunk-signature', line);
      signature = m[1].toLowerCase();
    }
    const dataEnd = next + size;
    if (dataEnd > body.length) throw framingError(`chunk of ${size} bytes overruns the body`);
    const data = body.subarray(next, dataEnd);
    chunks++;
    if (key !== undefined) {
      const stringToSign = 'AWS4-HMAC-SHA256-PAYLOAD' + prefix + previous + '\n' + EMPTY_SHA256 + '\n' + sha256Hex(data);
      if (!signatureMatches(signature, hmac(key, stringToSign))) {
        throw new AuthFailure('signature-mismatch', `chunk ${chunks} signature mismatch`, {
          problem: 'chunk-signature',
          stringToSign,
          signatureProvided: signature,
        });
      }
    }
    previous = signature;
    pos = dataEnd;
    if (size === 0) break;
    data.copy(body, total);
    total += size;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw framingError('chunk data not followed by CRLF');
    pos += 2;
  }

  const trailers = readTrailers(body, pos, context, previous, key);
  for (const name of context.trailerNames) {
    if (trailers[name] === undefined) throw framingError(`announced trailer ${name} is missing`, name);
  }
  if (context.decodedContentLength !== undefined && context.decodedContentLength !== total) {
    throw framingError(`decoded ${total} bytes, x-amz-decoded-content-length says ${context.decodedContentLength}`, String(total));
  }
  return { payload: body.subarray(0, total), trailers, chunks };
}

function readTrailers(body: Buffer, start: number, context: StreamingContext, lastSignature: string, key: Buffer | undefined): Record<string, string> {
  const trailers: Record<string, string> = Object.create(null) as Record<string, string>;
  let canonical = '';
  let trailerSignature: string | undefined;
  let pos = start;
  // A final CRLF that a client left off is tolerated: the zero-length chunk already ended the data.
  while (pos < body.length) {
    const { line, next } = readLine(body, pos);
    pos = next;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw framingError('bad trailer line', line);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE) {
      trailerSignature = value;
      continue;
    }
    if (context.mode === 'signed') throw framingError('trailer in a body declared without trailers', name);
    trailers[name] = value;
    canonical += name + ':' + value + '\n';
  }
  if (pos !== body.length) throw framingError('data after the final chunk');
  if (context.mode === 'signed-trailer' && key !== undefined) {
    const stringToSign = 'AWS4-HMAC-SHA256-TRAILER\n' + context.requestTime + '\n' + context.scope + '\n' + lastSignature + '\n' + sha256Hex(canonical);
    if (trailerSignature === undefined || !signatureMatches(trailerSignature, hmac(key, stringToSign))) {
      throw new AuthFailure('signature-mismatch', 'trailer signature mismatch', {
        problem: 'trailer-signature',
        stringToSign,
        signatureProvided: trailerSignature ?? '',
      });
    }
  }
  return { ...trailers };
}
