/**
 * Turns an AuthFailure into the AwsError a given protocol family returns, with AWS's codes,
 * HTTP statuses and message texts. One table: rows are keyed by reason, optionally narrowed by
 * the failure's problem and form; for each family the most specific row that defines it wins:
 *
 *   `reason:problem@form`  →  `reason:problem`  →  `reason@form`  →  `reason`
 */
import { AwsError } from '../core/aws-error.js';
import type { AuthFailure, AuthFailureDetail } from './auth-failure.js';
import {
  EC2_AUTH_FAILURE,
  EXPIRED_TOKEN,
  EXPIRES_TOO_LARGE,
  HOST_NOT_SIGNED,
  INVALID_TOKEN,
  isoSeconds,
  malformedValue,
  missingParts,
  ONE_AUTH_MECHANISM,
  REQUEST_EXPIRED,
  S3_CONTENT_SHA256_VALUES,
  S3_CREDENTIAL_SHAPE,
  S3_HEADER_COMPONENTS,
  s3Malformed,
  S3_QUERY_REQUIRED,
  s3SignatureFields,
  S3_SIGNATURE_MISMATCH,
  scopeDate,
  scopeRegion,
  scopeService,
  SIGNATURE_MISMATCH,
  signatureMismatchWithDetails,
  signatureTimeWindow,
  unreadableAuthorization,
} from './auth-messages.js';

export type ProtocolFamily = 'query' | 'json' | 'rest-json' | 'rest-xml' | 'ec2';
export const PROTOCOL_FAMILIES: readonly ProtocolFamily[] = ['query', 'json', 'rest-json', 'rest-xml', 'ec2'];

export interface AuthErrorSpec {
  code: string;
  status: number;
  message: (d: AuthFailureDetail) => string;
  fields?: (d: AuthFailureDetail) => Record<string, unknown>;
}
type Row = Partial<Record<ProtocolFamily, AuthErrorSpec>>;

const e = (code: string, status: number, message: string | ((d: AuthFailureDetail) => string), fields?: AuthErrorSpec['fields']): AuthErrorSpec => ({
  code,
  status,
  message: typeof message === 'string' ? () => message : message,
  fields,
});

// S3 names the part it could not parse by form: header → AuthorizationHeaderMalformed, query → AuthorizationQueryParametersError.
const s3Region = (form: 'header' | 'query') =>
  e(form === 'header' ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError', 400, (d) => s3Malformed(form, `the region '${d.value}' is wrong; expecting '${d.expected}'`), (d) => ({ Region: d.expected }));
const s3Service = (form: 'header' | 'query') =>
  e(form === 'header' ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError', 400, (d) => s3Malformed(form, `incorrect service "${d.value}". This endpoint belongs to "${d.expected}".`));
const s3ScopeDate = (form: 'header' | 'query') =>
  e(form === 'header' ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError', 400, (d) =>
    s3Malformed(form, `Invalid credential date "${d.value}". This date is not the same as X-Amz-Date: "${d.expected}".`),
  );
const s3Credential = (form: 'header' | 'query', text: string) =>
  e(form === 'header' ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError', 400, () => s3Malformed(form, text));

// ---- the table -----------------------------------------------------------------------------
const INCOMPLETE = e('IncompleteSignature', 400, missingParts);
const SKEW = { query: e('SignatureDoesNotMatch', 403, signatureTimeWindow), json: e('InvalidSignatureException', 400, signatureTimeWindow), 'rest-json': e('InvalidSignatureException', 403, signatureTimeWindow), ec2: e('RequestExpired', 400, REQUEST_EXPIRED) } satisfies Row;

export const AUTH_ERROR_TABLE: Readonly<Record<string, Row>> = {
  missing: {
    query: e('MissingAuthenticationToken', 403, 'Request is missing Authentication Token'),
    json: e('MissingAuthenticationTokenException', 400, 'Missing Authentication Token'),
    'rest-json': e('MissingAuthenticationTokenException', 403, 'Missing Authentication Token'),
    'rest-xml': e('AccessDenied', 403, 'Access Denied'),
    ec2: e('MissingAuthenticationToken', 401, 'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.'),
  },
  incomplete: {
    query: INCOMPLETE,
    json: e('IncompleteSignatureException', 400, missingParts),
    'rest-json': e('IncompleteSignatureException', 403, missingParts),
    ec2: INCOMPLETE,
    'rest-xml': e('AuthorizationHeaderMalformed', 400, S3_HEADER_COMPONENTS),
  },
  'incomplete@query': { 'rest-xml': e('AuthorizationQueryParametersError', 400, S3_QUERY_REQUIRED) },
  'incomplete:date': { 'rest-xml': e('AccessDenied', 403, 'AWS authentication requires a valid Date or x-amz-date header') },
  'incomplete:host-not-signed': {
    query: e('IncompleteSignature', 400, HOST_NOT_SIGNED),
    json: e('IncompleteSignatureException', 400, HOST_NOT_SIGNED),
    'rest-json': e('IncompleteSignatureException', 403, HOST_NOT_SIGNED),
    ec2: e('IncompleteSignature', 400, HOST_NOT_SIGNED),
    'rest-xml': e('AccessDenied', 403, 'There were headers present in the request which were not signed', (d) => ({ HeadersNotSigned: (d.headers ?? []).join(', ') })),
  },
  'incomplete:unsigned-headers': {
    'rest-xml': e('AccessDenied', 403, 'There were headers present in the request which were not signed', (d) => ({ HeadersNotSigned: (d.headers ?? []).join(', ') })),
  },
  'incomplete:content-sha256': { 'rest-xml': e('InvalidRequest', 400, 'Missing required header for this request: x-amz-content-sha256') },
  malformed: {
    query: e('IncompleteSignature', 400, malformedValue),
    json: e('IncompleteSignatureException', 400, malformedValue),
    'rest-json': e('IncompleteSignatureException', 403, malformedValue),
    ec2: e('IncompleteSignature', 400, malformedValue),
    'rest-xml': e('AuthorizationHeaderMalformed', 400, S3_HEADER_COMPONENTS),
  },
  'malformed@query': { 'rest-xml': e('AuthorizationQueryParametersError', 400, S3_QUERY_REQUIRED) },
  'malformed:credential@header': { 'rest-xml': s3Credential('header', S3_CREDENTIAL_SHAPE) },
  'malformed:credential@query': { 'rest-xml': s3Credential('query', S3_CREDENTIAL_SHAPE) },
  'malformed:empty-key@header': { 'rest-xml': s3Credential('header', 'a non-empty Access Key (AKID) must be provided in the credential.') },
  'malformed:empty-key@query': { 'rest-xml': s3Credential('query', 'a non-empty Access Key (AKID) must be provided in the credential.') },
  'malformed:terminator@header': { 'rest-xml': e('AuthorizationHeaderMalformed', 400, (d) => s3Malformed('header', `incorrect terminal "${d.value}". This endpoint uses "aws4_request".`)) },
  'malformed:terminator@query': { 'rest-xml': e('AuthorizationQueryParametersError', 400, (d) => s3Malformed('query', `incorrect terminal "${d.value}". This endpoint uses "aws4_request".`)) },
  'malformed:date@header': { 'rest-xml': e('AccessDenied', 403, 'AWS authentication requires a valid Date or x-amz-date header') },
  'malformed:date@query': { 'rest-xml': e('AuthorizationQueryParametersError', 400, 'X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"') },
  'malformed:expires': {
    'rest-xml': e('AuthorizationQueryParametersError', 400, (d) => (/^-\d+$/.test(d.value ?? '') ? 'X-Amz-Expires must be non-negative' : 'X-Amz-Expires should be a number')),
  },
  'malformed:expires-too-large': { 'rest-xml': e('AuthorizationQueryParametersError', 400, EXPIRES_TOO_LARGE) },
  'malformed:multiple-auth': {
    'rest-xml': e('InvalidArgument', 400, ONE_AUTH_MECHANISM, (d) => ({ ArgumentName: 'Authorization', ArgumentValue: d.authorization ?? '' })),
  },
  'malformed:content-sha256': {
    'rest-xml': e('InvalidArgument', 400, S3_CONTENT_SHA256_VALUES, (d) => ({ ArgumentName: 'x-amz-content-sha256', ArgumentValue: d.value ?? '' })),
  },
  'malformed:chunk-encoding': {
    'rest-xml': e('IncompleteBody', 400, 'You did not provide the number of bytes specified by the Content-Length HTTP header'),
  },
  'unsupported-algorithm': {
    query: e('IncompleteSignature', 400, unreadableAuthorization),
    json: e('IncompleteSignatureException', 400, unreadableAuthorization),
    'rest-json': e('IncompleteSignatureException', 403, unreadableAuthorization),
    ec2: e('AuthFailure', 401, EC2_AUTH_FAILURE),
    'rest-xml': e('InvalidArgument', 400, 'Unsupported Authorization Type', (d) => ({ ArgumentName: 'Authorization', ArgumentValue: d.authorization ?? d.value ?? '' })),
  },
  'unsupported-algorithm@query': {
    'rest-xml': e('AuthorizationQueryParametersError', 400, 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"'),
  },
  'unsupported-algorithm:content-sha256': {
    'rest-xml': e('NotImplemented', 501, 'A header you provided implies functionality that is not implemented', () => ({ Header: 'x-amz-content-sha256' })),
  },
  'scope-mismatch': {
    query: e('SignatureDoesNotMatch', 403, scopeDate),
    json: e('InvalidSignatureException', 400, scopeDate),
    'rest-json': e('InvalidSignatureException', 403, scopeDate),
    ec2: e('AuthFailure', 401, EC2_AUTH_FAILURE),
    'rest-xml': s3ScopeDate('header'),
  },
  'scope-mismatch@query': { 'rest-xml': s3ScopeDate('query') },
  'scope-mismatch:scope-region': {
    query: e('SignatureDoesNotMatch', 403, scopeRegion),
    json: e('InvalidSignatureException', 400, scopeRegion),
    'rest-json': e('InvalidSignatureException', 403, scopeRegion),
    'rest-xml': s3Region('header'),
  },
  'scope-mismatch:scope-region@query': { 'rest-xml': s3Region('query') },
  'scope-mismatch:scope-service': {
    query: e('SignatureDoesNotMatch', 403, scopeService),
    json: e('InvalidSignatureException', 400, scopeService),
    'rest-json': e('InvalidSignatureException', 403, scopeService),
    'rest-xml': s3Service('header'),
  },
  'scope-mismatch:scope-service@query': { 'rest-xml': s3Service('query') },
  'unknown-key': {
    query: e('InvalidClientTokenId', 403, INVALID_TOKEN),
    json: e('UnrecognizedClientException', 400, INVALID_TOKEN),
    'rest-json': e('UnrecognizedClientException', 403, INVALID_TOKEN),
    ec2: e('AuthFailure', 401, EC2_AUTH_FAILURE),
    'rest-xml': e('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.', (d) => ({ AWSAccessKeyId: d.accessKeyId })),
  },
  'invalid-token': {
    query: e('InvalidClientTokenId', 403, INVALID_TOKEN),
    json: e('UnrecognizedClientException', 400, INVALID_TOKEN),
    'rest-json': e('UnrecognizedClientException', 403, INVALID_TOKEN),
    ec2: e('AuthFailure', 401, EC2_AUTH_FAILURE),
    'rest-xml': e('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.', (d) => ({ 'Token-0': d.token })),
  },
  'invalid-token:token-missing': {
    'rest-xml': e('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.', (d) => ({ AWSAccessKeyId: d.accessKeyId })),
  },
  'token-expired': {
    query: e('ExpiredToken', 403, EXPIRED_TOKEN),
    json: e('ExpiredTokenException', 400, EXPIRED_TOKEN),
    'rest-json': e('ExpiredTokenException', 403, EXPIRED_TOKEN),
    ec2: e('RequestExpired', 400, REQUEST_EXPIRED),
    'rest-xml': e('ExpiredToken', 400, 'The provided token has expired.', (d) => (d.token === undefined ? {} : { 'Token-0': d.token })),
  },
  'signature-mismatch': {
    query: e('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH),
    json: e('InvalidSignatureException', 400, signatureMismatchWithDetails),
    'rest-json': e('InvalidSignatureException', 403, signatureMismatchWithDetails),
    ec2: e('AuthFailure', 401, EC2_AUTH_FAILURE),
    'rest-xml': e('SignatureDoesNotMatch', 403, S3_SIGNATURE_MISMATCH, s3SignatureFields),
  },
  skewed: {
    ...SKEW,
    'rest-xml': e('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.', (d) => ({
      RequestTime: d.requestTime,
      ServerTime: isoSeconds(d.serverTime),
      MaxAllowedSkewMilliseconds: 900000,
    })),
  },
  'not-yet-valid': {
    ...SKEW,
    'rest-xml': e('AccessDenied', 403, 'Request is not yet valid', (d) => ({
      'X-Amz-Date': d.requestDate?.getTime(),
      Expires: isoSeconds(d.expiresAt),
      ServerTime: isoSeconds(d.serverTime),
    })),
  },
  expired: {
    query: e('RequestExpired', 400, REQUEST_EXPIRED),
    json: e('RequestExpired', 400, REQUEST_EXPIRED),
    'rest-json': e('RequestExpired', 400, REQUEST_EXPIRED),
    ec2: e('RequestExpired', 400, REQUEST_EXPIRED),
    'rest-xml': e('AccessDenied', 403, 'Request has expired', (d) => ({
      'X-Amz-Expires': d.expiresSeconds,
      Expires: isoSeconds(d.expiresAt),
      ServerTime: isoSeconds(d.serverTime),
    })),
  },
  'content-hash-mismatch': {
    query: e('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH),
    json: e('InvalidSignatureException', 400, SIGNATURE_MISMATCH),
    'rest-json': e('InvalidSignatureException', 403, SIGNATURE_MISMATCH),
    ec2: e('AuthFailure', 401, EC2_AUTH_FAILURE),
    'rest-xml': e('XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed.", (d) => ({
      ClientComputedContentSHA256: d.clientHash,
      S3ComputedContentSHA256: d.computedHash,
    })),
  },
};

/** The table row chosen for a failure and family (exported for tests and docs). */
export function authErrorSpec(failure: Pick<AuthFailure, 'reason' | 'detail'>, family: ProtocolFamily): AuthErrorSpec {
  const { reason } = failure;
  const { problem, form } = failure.detail;
  const keys = [
    problem && form ? `${reason}:${problem}@${form}` : undefined,
    problem ? `${reason}:${problem}` : undefined,
    form ? `${reason}@${form}` : undefined,
    reason,
  ];
  for (const key of keys) {
    const spec = key === undefined ? undefined : AUTH_ERROR_TABLE[key]?.[family];
    if (spec !== undefined) return spec;
  }
  throw new Error(`no auth error mapping for ${reason} (${family})`);
}

/** The AWS error a client of `family` receives for this authentication failure. */
export function authErrorFor(failure: AuthFailure, family: ProtocolFamily): AwsError {
  const spec = authErrorSpec(failure, family);
  const fields = spec.fields?.(failure.detail);
  return new AwsError(spec.code, spec.message(failure.detail), fields ? { status: spec.status, fields } : { status: spec.status });
}
