/**
 * AWS Signature Version 4 verification for both forms (Authorization header and presigned
 * query). Checks run cheapest-first: shape, scope, time window, key, session token, signature,
 * then the body hash. Every rejection is an AuthFailure; auth-errors.ts words it per protocol.
 */
import type { HttpRequest } from '../protocol/http.js';
import { AuthFailure, type AuthFailureDetail } from './auth-failure.js';
import { buildCanonicalRequest, buildStringToSign } from './canonical-request.js';
import { hmacPrepared, preparedSigningKey, sha256Hex, signatureMatches } from './crypto.js';
import {
  extractSignatureParts,
  formatAmzDate,
  parseAmzDate,
  parseCredential,
  parseHttpDate,
  parseSignedHeaders,
  TERMINATOR,
  type SignatureParts,
} from './sigv4-parse.js';
import type { Credential, CredentialLookup, StreamingContext, StreamingMode, VerifiedRequest, VerifySigV4Options } from './types.js';

/** AWS accepts requests stamped up to 15 minutes away from its clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** Presigned URLs live at most seven days. */
export const MAX_PRESIGNED_EXPIRES = 604800;
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Signing names whose canonical URI is the path as sent (no normalization, no double encoding). */
const S3_STYLE_SERVICES: ReadonlySet<string> = new Set(['s3', 's3-outposts', 's3express']);

export function isS3StyleService(service: string): boolean {
  return S3_STYLE_SERVICES.has(service);
}

const STREAMING_MODES: ReadonlyMap<string, StreamingMode> = new Map([
  ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'signed'],
  ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'signed-trailer'],
  ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'unsigned-trailer'],
]);
/** SigV4a (ECDSA) streaming payloads: recognised, not supported. */
const SIGV4A_PAYLOADS: ReadonlySet<string> = new Set([
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
]);
const HEX64 = /^[0-9a-fA-F]{64}$/;
const EXPIRES = /^\d{1,9}$/;

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/**
 * Verifies a SigV4-signed request. Resolves with the caller's credential and the signature's
 * facts; rejects with an AuthFailure (and only an AuthFailure, unless `lookup` itself throws).
 */
export async function verifySigV4(req: HttpRequest, lookup: CredentialLookup, options: VerifySigV4Options = {}): Promise<VerifiedRequest> {
  const now = options.now ?? new Date();
  const parts = extractSignatureParts(req);
  const { form } = parts;
  const { accessKeyId, scope } = parseCredential(parts.credential, form);
  // Built only when something fails: the success path allocates as little as possible.
  const base = (): AuthFailureDetail => ({ form, accessKeyId, authorization: parts.authorization });

  const requestDate = parts.httpDate ? parseHttpDate(parts.dateText) : parseAmzDate(parts.dateText);
  if (requestDate === undefined) {
    throw new AuthFailure('malformed', `bad request date '${parts.dateText}'`, { ...base(), problem: 'date', value: parts.dateText });
  }
  const requestTime = parts.httpDate ? formatAmzDate(requestDate) : parts.dateText;
  checkScope(scope, requestTime, options, base);

  const s3Style = S3_STYLE_SERVICES.has(scope.service);
  const signedHeaderNames = parseSignedHeaders(parts.signedHeaders, form);
  if (!signedHeaderNames.includes('host')) {
    throw new AuthFailure('incomplete', "'host' is not a signed header", { ...base(), problem: 'host-not-signed', headers: ['host'] });
  }
  if (s3Style) checkAmzHeadersSigned(req, signedHeaderNames, base);

  const payload = resolvePayloadHash(req, parts, s3Style, base);
  checkTimeWindow(parts, requestDate, now, s3Style, options.maxSkewMs ?? MAX_SKEW_MS, base);

  const found = lookup(accessKeyId);
  let credential: Credential | undefined = isPromise(found) ? await found : found;
  let verified = true;
  if (credential === undefined) {
    credential = options.acceptAnyKey?.(accessKeyId);
    verified = false;
    if (credential === undefined) throw new AuthFailure('unknown-key', `unknown access key ${accessKeyId}`, base());
  }
  const token = parts.token === '' ? undefined : parts.token;
  if (verified) checkSessionToken(credential, token, base);
  if (credential.expiresAt !== undefined && credential.expiresAt.getTime() <= now.getTime()) {
    throw new AuthFailure('token-expired', `credentials of ${accessKeyId} expired at ${credential.expiresAt.toISOString()}`, {
      ...base(),
      token,
      expiresAt: credential.expiresAt,
      serverTime: now,
    });
  }

  const scopeText = `${scope.date}/${scope.region}/${scope.service}/${TERMINATOR}`;
  let key: Buffer | undefined;
  if (verified) {
    const canonicalRequest = buildCanonicalRequest({
      req,
      query: parts.query,
      presigned: form === 'query',
      s3Style,
      signedHeaderNames,
      signedHeadersText: parts.signedHeaders,
      payloadHash: payload.hash,
    });
    const stringToSign = buildStringToSign(requestTime, scopeText, canonicalRequest);
    const prepared = preparedSigningKey(credential.secretAccessKey, scope.date, scope.region, scope.service);
    key = prepared.key;
    if (!signatureMatches(parts.signature, hmacPrepared(prepared, stringToSign))) {
      throw new AuthFailure('signature-mismatch', `signature mismatch for ${accessKeyId}`, {
        ...base(),
        canonicalRequest,
        stringToSign,
        signatureProvided: parts.signature,
      });
    }
  }
  // A streamed body (an S3 upload to disk) is hashed as it streams: see `verifiedBodyStream`.
  if (payload.checkBody && req.bodyStream === undefined) {
    const computed = sha256Hex(req.body);
    if (computed !== payload.hash.toLowerCase()) {
      throw new AuthFailure('content-hash-mismatch', 'x-amz-content-sha256 does not match the body', {
        ...base(),
        clientHash: payload.hash,
        computedHash: computed,
      });
    }
  }

  const result: VerifiedRequest = {
    credential,
    accessKeyId,
    scope,
    signedHeaders: signedHeaderNames,
    presigned: form === 'query',
    payloadHash: payload.hash,
    requestTime: requestDate,
    signatureVerified: verified,
  };
  if (token !== undefined) result.sessionToken = token;
  if (payload.streaming !== undefined) {
    result.streaming = streamingContext(req, payload.streaming, parts.signature, requestTime, scopeText, key);
  }
  return result;
}

function checkScope(scope: { date: string; region: string; service: string }, requestTime: string, options: VerifySigV4Options, base: () => AuthFailureDetail): void {
  const day = requestTime.slice(0, 8);
  if (scope.date !== day) {
    throw new AuthFailure('scope-mismatch', `credential date ${scope.date} is not the request date ${day}`, {
      ...base(),
      problem: 'scope-date',
      value: scope.date,
      expected: day,
      requestTime,
    });
  }
  if (options.expectedRegion !== undefined && scope.region !== options.expectedRegion) {
    throw new AuthFailure('scope-mismatch', `credential region ${scope.region}, expected ${options.expectedRegion}`, {
      ...base(),
      problem: 'scope-region',
      value: scope.region,
      expected: options.expectedRegion,
    });
  }
  if (options.expectedService !== undefined && scope.service !== options.expectedService) {
    throw new AuthFailure('scope-mismatch', `credential service ${scope.service}, expected ${options.expectedService}`, {
      ...base(),
      problem: 'scope-service',
      value: scope.service,
      expected: options.expectedService,
    });
  }
}

/** S3 refuses x-amz-* headers that the signature does not cover. */
function checkAmzHeadersSigned(req: HttpRequest, signed: string[], base: () => AuthFailureDetail): void {
  let unsigned: string[] | undefined;
  for (const name in req.headers) {
    if (name.startsWith('x-amz-') && !signed.includes(name)) (unsigned ??= []).push(name);
  }
  if (unsigned !== undefined) {
    throw new AuthFailure('incomplete', `unsigned headers: ${unsigned.join(', ')}`, { ...base(), problem: 'unsigned-headers', headers: unsigned });
  }
}

interface PayloadDecision {
  hash: string;
  /** The hash is a client-declared digest we must compare with the body. */
  checkBody: boolean;
  streaming?: StreamingMode;
}

function resolvePayloadHash(req: HttpRequest, parts: SignatureParts, s3Style: boolean, base: () => AuthFailureDetail): PayloadDecision {
  const declared = req.headers['x-amz-content-sha256'] ?? (parts.form === 'query' ? parts.queryContentSha256 : undefined);
  if (declared === undefined) {
    if (s3Style) {
      if (parts.form === 'query') return { hash: UNSIGNED_PAYLOAD, checkBody: false };
      throw new AuthFailure('incomplete', 'missing x-amz-content-sha256', { ...base(), problem: 'content-sha256', missing: ['x-amz-content-sha256'] });
    }
    return { hash: sha256Hex(req.body), checkBody: false };
  }
  if (HEX64.test(declared)) return { hash: declared, checkBody: true };
  if (declared === UNSIGNED_PAYLOAD) return { hash: declared, checkBody: false };
  const streaming = STREAMING_MODES.get(declared);
  if (streaming !== undefined) return { hash: declared, checkBody: false, streaming };
  if (SIGV4A_PAYLOADS.has(declared)) {
    throw new AuthFailure('unsupported-algorithm', `SigV4a payload ${declared}`, { ...base(), problem: 'content-sha256', value: declared });
  }
  throw new AuthFailure('malformed', `bad x-amz-content-sha256 '${declared}'`, { ...base(), problem: 'content-sha256', value: declared });
}

function checkTimeWindow(parts: SignatureParts, requestDate: Date, now: Date, s3Style: boolean, maxSkewMs: number, base: () => AuthFailureDetail): void {
  const t = requestDate.getTime();
  const nowMs = now.getTime();
  const timing = (): AuthFailureDetail => ({ ...base(), requestTime: parts.dateText, requestDate, serverTime: now });
  if (parts.form === 'header' || (parts.expires === undefined && !s3Style)) {
    if (Math.abs(nowMs - t) > maxSkewMs) {
      throw new AuthFailure('skewed', `request time ${parts.dateText} is more than ${maxSkewMs / 60000} min from ${now.toISOString()}`, timing());
    }
    return;
  }
  if (parts.expires === undefined) {
    throw new AuthFailure('incomplete', 'presigned request lacks X-Amz-Expires', { ...base(), missing: ['X-Amz-Expires'] });
  }
  if (!EXPIRES.test(parts.expires)) {
    throw new AuthFailure('malformed', `bad X-Amz-Expires '${parts.expires}'`, { ...base(), problem: 'expires', value: parts.expires });
  }
  const expires = Number(parts.expires);
  if (expires > MAX_PRESIGNED_EXPIRES) {
    throw new AuthFailure('malformed', `X-Amz-Expires ${expires} exceeds ${MAX_PRESIGNED_EXPIRES}`, {
      ...base(),
      problem: 'expires-too-large',
      value: parts.expires,
    });
  }
  const expiresAt = new Date(t + expires * 1000);
  if (t - nowMs > maxSkewMs) {
    throw new AuthFailure('not-yet-valid', `presigned request dated ${parts.dateText} is in the future`, { ...timing(), expiresSeconds: expires, expiresAt });
  }
  if (nowMs > expiresAt.getTime()) {
    throw new AuthFailure('expired', `presigned request expired at ${expiresAt.toISOString()}`, { ...timing(), expiresSeconds: expires, expiresAt });
  }
}

function checkSessionToken(credential: Credential, token: string | undefined, base: () => AuthFailureDetail): void {
  const issued = credential.sessionToken;
  if (issued !== undefined && issued !== '') {
    if (token === undefined) throw new AuthFailure('invalid-token', 'temporary credentials used without their session token', { ...base(), problem: 'token-missing' });
    if (token !== issued) throw new AuthFailure('invalid-token', 'session token does not belong to the access key', { ...base(), problem: 'token-mismatch', token });
  } else if (token !== undefined) {
    throw new AuthFailure('invalid-token', 'session token sent with a long-term access key', { ...base(), problem: 'token-unexpected', token });
  }
}

function streamingContext(req: HttpRequest, mode: StreamingMode, seedSignature: string, requestTime: string, scope: string, key: Buffer | undefined): StreamingContext {
  const trailer = req.headers['x-amz-trailer'];
  const decoded = req.headers['x-amz-decoded-content-length'];
  const context: StreamingContext = {
    mode,
    seedSignature: seedSignature.toLowerCase(),
    requestTime,
    scope,
    trailerNames: trailer ? trailer.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean) : [],
  };
  if (key !== undefined) context.signingKey = key;
  if (decoded !== undefined && /^\d{1,15}$/.test(decoded.trim())) context.decodedContentLength = Number(decoded.trim());
  return context;
}

