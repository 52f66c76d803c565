/**
 * The message texts and field builders of auth-errors.ts: AWS's wording for each
 * authentication failure, per protocol family.
 */
import type { AuthFailureDetail } from './auth-failure.js';
import { formatAmzDate } from './sigv4-parse.js';

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const S3_SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
export const INVALID_TOKEN = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN = 'The security token included in the request is expired';
export const EC2_AUTH_FAILURE = 'AWS was not able to validate the provided access credentials';
export const REQUEST_EXPIRED = 'Request has expired.';
export const S3_CREDENTIAL_SHAPE = 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';
export const S3_QUERY_REQUIRED =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.';
export const S3_HEADER_COMPONENTS = 'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.';
export const S3_CONTENT_SHA256_VALUES =
  'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.';
export const ONE_AUTH_MECHANISM =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';
export const EXPIRES_TOO_LARGE = 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds';
export const HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

/** "2015-06-04T22:26:16Z": ISO-8601 without milliseconds, as S3 prints times. */
export const isoSeconds = (date: Date | undefined): string => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '');
export const shift = (date: Date | undefined, ms: number): Date => new Date((date?.getTime() ?? 0) + ms);
export const FIFTEEN_MIN = 15 * 60 * 1000;

/** IncompleteSignature: which parts are missing, worded per form. */
export function missingParts(d: AuthFailureDetail): string {
  const missing = d.missing ?? [];
  if (d.form === 'query') {
    return missing.map((p) => `AWS query-string parameters must include '${p}'.`).join(' ') + ' Re-examine the query-string parameters.';
  }
  const parts = missing.map((p) =>
    p === 'Date' ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." : `Authorization header requires '${p}' parameter.`,
  );
  return parts.join(' ') + ` Authorization=${d.authorization ?? ''}`;
}

/** What AWS answers for an Authorization header it cannot read at all (Basic, Bearer, SigV2...). */
export const unreadableAuthorization = (d: AuthFailureDetail): string =>
  d.form === 'query'
    ? `X-Amz-Algorithm only supports "AWS4-HMAC-SHA256", got '${d.value ?? ''}'.`
    : missingParts({ ...d, missing: ['Credential', 'Signature', 'SignedHeaders', 'Date'] });

/** The SigV4 clock-window message, both directions. */
export function signatureTimeWindow(d: AuthFailureDetail): string {
  const now = d.serverTime ?? new Date();
  const late = (d.requestDate?.getTime() ?? 0) > now.getTime();
  return late
    ? `Signature not yet current: ${d.requestTime} is still later than ${formatAmzDate(shift(now, FIFTEEN_MIN))} (${formatAmzDate(now)} + 15 min.)`
    : `Signature expired: ${d.requestTime} is now earlier than ${formatAmzDate(shift(now, -FIFTEEN_MIN))} (${formatAmzDate(now)} - 15 min.)`;
}

/** Coral services (JSON protocols) show what they signed. */
export function signatureMismatchWithDetails(d: AuthFailureDetail): string {
  if (d.canonicalRequest === undefined || d.stringToSign === undefined) return SIGNATURE_MISMATCH;
  return `${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${d.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${d.stringToSign}'\n`;
}

export const hexBytes = (text: string): string => Array.from(Buffer.from(text, 'utf8'), (b) => b.toString(16).padStart(2, '0')).join(' ');

export function s3SignatureFields(d: AuthFailureDetail): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (d.accessKeyId !== undefined) fields.AWSAccessKeyId = d.accessKeyId;
  if (d.stringToSign !== undefined) fields.StringToSign = d.stringToSign;
  if (d.signatureProvided !== undefined) fields.SignatureProvided = d.signatureProvided;
  if (d.stringToSign !== undefined) fields.StringToSignBytes = hexBytes(d.stringToSign);
  if (d.canonicalRequest !== undefined) {
    fields.CanonicalRequest = d.canonicalRequest;
    fields.CanonicalRequestBytes = hexBytes(d.canonicalRequest);
  }
  return fields;
}

export const malformedValue = (d: AuthFailureDetail): string => {
  switch (d.problem) {
    case 'terminator':
      return `Credential should be scoped with a valid terminator: 'aws4_request', not '${d.value}'. `;
    case 'date':
      return `Date must be in ISO-8601 'basic format'. Got '${d.value}'. See http://en.wikipedia.org/wiki/ISO_8601`;
    case 'signed-headers':
      return `SignedHeaders must be a non-empty, semicolon-separated list of header names, got '${d.value}'.`;
    case 'expires':
      return `X-Amz-Expires must be a non-negative integer number of seconds, got '${d.value}'.`;
    case 'expires-too-large':
      return EXPIRES_TOO_LARGE;
    case 'multiple-auth':
      return ONE_AUTH_MECHANISM;
    case 'content-sha256':
      return S3_CONTENT_SHA256_VALUES;
    case 'chunk-encoding':
      return 'The aws-chunked request body is malformed.';
    default:
      return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${d.value}'`;
  }
};

// ---- scope messages ------------------------------------------------------------------------
export const scopeRegion = (d: AuthFailureDetail): string => `Credential should be scoped to a valid region, not '${d.value}'. `;
export const scopeService = (d: AuthFailureDetail): string => `Credential should be scoped to correct service: '${d.expected}'. `;
export const scopeDate = (d: AuthFailureDetail): string =>
  `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${d.value}' != '${d.expected}', from '${d.requestTime}'.`;
export const s3Malformed = (form: 'header' | 'query', text: string): string =>
  form === 'header' ? `The authorization header is malformed; ${text}` : `Error parsing the X-Amz-Credential parameter; ${text}`;
