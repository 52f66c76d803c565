/**
 * The SigV4 canonical request and string-to-sign, built exactly as AWS specifies:
 *
 *   METHOD \n CanonicalURI \n CanonicalQuery \n (name:value \n)* \n SignedHeaders \n PayloadHash
 *   AWS4-HMAC-SHA256 \n RequestTime \n Scope \n hex(sha256(CanonicalRequest))
 */
import type { HttpRequest } from '../protocol/http.js';
import { sha256Hex } from './crypto.js';
import { canonicalQuery, canonicalUri, type RawQueryParam } from './uri-encoding.js';

/** Header values that need no trimming: no tab/CR/LF, no double space, no edge space. */
const NEEDS_TRIM = /[\t\r\n]| {2}|^ | $/;

/** Trimall: CR/LF become spaces, runs of spaces and tabs collapse to one, ends are trimmed. */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_TRIM.test(value)) return value;
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

export interface CanonicalRequestInput {
  req: HttpRequest;
  query: RawQueryParam[];
  presigned: boolean;
  /** S3-style URI (as sent, no normalization) instead of normalized + double-encoded. */
  s3Style: boolean;
  /** Lower-cased signed header names in the client's order. */
  signedHeaderNames: string[];
  /** The SignedHeaders text exactly as the client sent it. */
  signedHeadersText: string;
  payloadHash: string;
}

export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  const { req, signedHeaderNames } = input;
  let headerBlock = '';
  for (const name of signedHeaderNames) {
    const value: unknown = req.headers[name]; // typeof check: a name like 'constructor' must not reach the prototype
    headerBlock += name + ':' + (typeof value === 'string' ? canonicalHeaderValue(value) : '') + '\n';
  }
  return (
    req.method + '\n' +
    canonicalUri(req.path, input.s3Style) + '\n' +
    canonicalQuery(input.query, input.presigned) + '\n' +
    headerBlock + '\n' +
    input.signedHeadersText + '\n' +
    input.payloadHash
  );
}

export function buildStringToSign(requestTime: string, scope: string, canonicalRequest: string): string {
  return 'AWS4-HMAC-SHA256\n' + requestTime + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
}
