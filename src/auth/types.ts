/**
 * Shared types for request authentication (AWS Signature Version 4).
 */

/** A secret we can verify signatures with, as the credential store hands it out. */
export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  /** Set for temporary credentials (STS): requests must carry exactly this token. */
  sessionToken?: string;
  /** The 12-digit account the key belongs to. */
  account: string;
  /** The IAM user / assumed-role ARN the key acts as. */
  principalArn: string;
  /** When temporary credentials stop working. */
  expiresAt?: Date;
}

/** Resolves an access key id to its credential; undefined when the key does not exist. */
export type CredentialLookup = (accessKeyId: string) => Promise<Credential | undefined> | Credential | undefined;

export interface VerifySigV4Options {
  /** The server's clock (tests pin it); defaults to `new Date()`. */
  now?: Date;
  /**
   * Permissive mode: called for keys the lookup does not know. A credential it returns is
   * accepted WITHOUT checking the signature or the session token (its secret is unknown), the
   * way local emulators accept any key; the request must still be well formed and in time.
   */
  acceptAnyKey?: (accessKeyId: string) => Credential | undefined;
  /** When set, the credential scope's region must equal it ('scope-mismatch' otherwise). */
  expectedRegion?: string;
  /** When set, the credential scope's service (signing name) must equal it. */
  expectedService?: string;
  /** Allowed clock difference for the header form; AWS uses 15 minutes. */
  maxSkewMs?: number;
}

/** The credential scope of a SigV4 signature: `date/region/service/aws4_request`. */
export interface CredentialScope {
  /** YYYYMMDD */
  date: string;
  region: string;
  service: string;
}

/** How an aws-chunked body (Content-Encoding: aws-chunked) was declared in x-amz-content-sha256. */
export type StreamingMode =
  /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: every chunk signed, chained from the seed signature. */
  | 'signed'
  /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: signed chunks, then signed trailing headers. */
  | 'signed-trailer'
  /** STREAMING-UNSIGNED-PAYLOAD-TRAILER: plain chunks, then trailing headers (checksums). */
  | 'unsigned-trailer';

/** Everything the aws-chunked decoder needs to verify chunk signatures of one request. */
export interface StreamingContext {
  mode: StreamingMode;
  /** The request's own signature: chunk 1's "previous signature". */
  seedSignature: string;
  /** The ISO-8601 basic request time (YYYYMMDDTHHMMSSZ) used in every chunk string-to-sign. */
  requestTime: string;
  /** `date/region/service/aws4_request` */
  scope: string;
  /** The derived signing key; undefined when the key was accepted unverified (acceptAnyKey). */
  signingKey?: Buffer;
  /** Trailer names announced in `x-amz-trailer` (lower-cased). */
  trailerNames: string[];
  /** `x-amz-decoded-content-length`, when sent. */
  decodedContentLength?: number;
}

/** A successfully authenticated request. */
export interface VerifiedRequest {
  credential: Credential;
  accessKeyId: string;
  scope: CredentialScope;
  /** Signed header names in the order the client listed them. */
  signedHeaders: string[];
  /** True for query-string (presigned URL) authentication. */
  presigned: boolean;
  /** The payload hash the signature covers: a hex digest, UNSIGNED-PAYLOAD or a STREAMING-* value. */
  payloadHash: string;
  /** The request's signing time. */
  requestTime: Date;
  /** False only when the key was let in by `acceptAnyKey` (nothing was cryptographically checked). */
  signatureVerified: boolean;
  /** The session token the request carried, if any. */
  sessionToken?: string;
  /** Set when the body is aws-chunked: hand it to `decodeAwsChunked`. */
  streaming?: StreamingContext;
}
