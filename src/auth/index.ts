/**
 * Request authentication: AWS Signature Version 4 verification (header and presigned forms),
 * aws-chunked body decoding, and the per-protocol AWS errors for failures.
 */
export type { Credential, CredentialLookup, CredentialScope, StreamingContext, StreamingMode, VerifiedRequest, VerifySigV4Options } from './types.js';
export { AuthFailure, isAuthFailure, type AuthFailureDetail, type AuthFailureProblem, type AuthFailureReason } from './auth-failure.js';
export { verifySigV4, isS3StyleService, MAX_PRESIGNED_EXPIRES, MAX_SKEW_MS, UNSIGNED_PAYLOAD } from './sigv4.js';
export { decodeAwsChunked, type DecodedAwsChunked, type DecodingStream } from './aws-chunked.js';
export { verifiedBodyStream } from './body-stream.js';
export { authErrorFor, authErrorSpec, AUTH_ERROR_TABLE, PROTOCOL_FAMILIES, type AuthErrorSpec, type ProtocolFamily } from './auth-errors.js';
export { buildCanonicalRequest, buildStringToSign, canonicalHeaderValue, type CanonicalRequestInput } from './canonical-request.js';
export { canonicalQuery, canonicalUri, decodeQueryComponent, splitQuery, uriEncode, type RawQueryParam } from './uri-encoding.js';
export { extractSignatureParts, formatAmzDate, parseAmzDate, parseCredential, parseHttpDate, parseSignedHeaders, type SignatureParts } from './sigv4-parse.js';
export { clearSigningKeyCache, EMPTY_SHA256, hmac, sha256Hex, signatureMatches, signingKey, signingKeyCacheSize, SIGNING_KEY_CACHE_SIZE } from './crypto.js';
