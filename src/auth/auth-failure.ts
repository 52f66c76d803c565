/**
 * AuthFailure: the one error type SigV4 verification throws. It carries a protocol-neutral
 * `reason` plus the facts a protocol needs to word its error (see auth-errors.ts); it is never
 * sent to a client as-is.
 */

export type AuthFailureReason =
  /** No Authorization header and no X-Amz-* signature query parameters. */
  | 'missing'
  /** Auth present but parts are missing (Credential, SignedHeaders, Signature, a date, host unsigned...). */
  | 'incomplete'
  /** A part is present but unparsable (credential shape, date format, X-Amz-Expires, x-amz-content-sha256...). */
  | 'malformed'
  /** Not AWS4-HMAC-SHA256 (SigV2, SigV4a, Basic, Bearer...). */
  | 'unsupported-algorithm'
  /** The credential scope does not fit: its date is not the request date, or wrong region / service. */
  | 'scope-mismatch'
  /** No such access key. */
  | 'unknown-key'
  /** Session token missing for temporary credentials, different from the issued one, or sent with a long-term key. */
  | 'invalid-token'
  /** The temporary credentials are past their expiry. */
  | 'token-expired'
  /** The signature (or an aws-chunked chunk signature) is wrong. */
  | 'signature-mismatch'
  /** Header form: request time more than 15 minutes away from the server clock. */
  | 'skewed'
  /** Presigned: X-Amz-Date + X-Amz-Expires has passed. */
  | 'expired'
  /** Presigned: X-Amz-Date lies more than 15 minutes in the future. */
  | 'not-yet-valid'
  /** x-amz-content-sha256 is a hex digest that is not the body's SHA-256. */
  | 'content-hash-mismatch';

/** Which sub-case of a reason occurred, where the wording differs (looked up as `reason:problem`). */
export type AuthFailureProblem =
  // incomplete
  | 'date' // no usable X-Amz-Date / Date
  | 'host-not-signed'
  | 'unsigned-headers' // S3: x-amz-* headers present but not signed
  | 'content-sha256' // S3 header form without x-amz-content-sha256 / malformed value
  // malformed
  | 'credential'
  | 'empty-key'
  | 'terminator'
  | 'signed-headers'
  | 'expires'
  | 'expires-too-large'
  | 'multiple-auth'
  | 'chunk-encoding'
  // invalid-token
  | 'token-missing'
  | 'token-mismatch'
  | 'token-unexpected'
  // scope-mismatch
  | 'scope-date'
  | 'scope-region'
  | 'scope-service'
  // signature-mismatch
  | 'chunk-signature'
  | 'trailer-signature';

/** Facts for the error message; every field is optional and only set when relevant. */
export interface AuthFailureDetail {
  problem?: AuthFailureProblem;
  /** Which authentication form was used. */
  form?: 'header' | 'query';
  /** The raw Authorization header (echoed by some messages). */
  authorization?: string;
  /** Names of missing parts: 'Credential' | 'SignedHeaders' | 'Signature' | 'Date' | 'X-Amz-…' query parameters. */
  missing?: string[];
  /** The offending raw value (credential string, date, expires, algorithm, header value...). */
  value?: string;
  /** What the value should have been (expected region / service / terminator / date). */
  expected?: string;
  accessKeyId?: string;
  /** SignatureDoesNotMatch: what we signed and what the client sent. */
  canonicalRequest?: string;
  stringToSign?: string;
  signatureProvided?: string;
  /** The request's timestamp as sent (ISO-8601 basic or HTTP date). */
  requestTime?: string;
  /** The parsed request time. */
  requestDate?: Date;
  serverTime?: Date;
  /** Presigned: the X-Amz-Expires seconds and the resulting expiry instant. */
  expiresSeconds?: number;
  expiresAt?: Date;
  /** content-hash-mismatch: the client's declared hash and ours. */
  clientHash?: string;
  computedHash?: string;
  /** The session token the request carried (S3 echoes it as Token-0). */
  token?: string;
  /** Headers present but unsigned (S3 HeadersNotSigned). */
  headers?: string[];
}

export class AuthFailure extends Error {
  readonly reason: AuthFailureReason;
  readonly detail: AuthFailureDetail;

  constructor(reason: AuthFailureReason, message: string, detail: AuthFailureDetail = {}) {
    super(message);
    this.name = 'AuthFailure';
    this.reason = reason;
    this.detail = detail;
  }
}

export function isAuthFailure(error: unknown): error is AuthFailure {
  return error instanceof AuthFailure;
}
