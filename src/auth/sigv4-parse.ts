/**
 * Pulls the SigV4 parts out of a request: the Authorization header form or the presigned
 * (X-Amz-* query parameter) form, the credential scope and the request time. Every problem is
 * an AuthFailure.
 */
import { AuthFailure } from './auth-failure.js';
import type { HttpRequest } from '../protocol/http.js';
import type { CredentialScope } from './types.js';
import { decodeQueryComponent, splitQuery, type RawQueryParam } from './uri-encoding.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const TERMINATOR = 'aws4_request';

/** The signature parts common to both forms, before any cryptography. */
export interface SignatureParts {
  form: 'header' | 'query';
  credential: string;
  signedHeaders: string;
  signature: string;
  /** The timestamp text as sent (X-Amz-Date value or HTTP Date header). */
  dateText: string;
  /** True when dateText came from the HTTP `Date` header. */
  httpDate: boolean;
  /** Presigned: the raw X-Amz-Expires value, if any. */
  expires?: string;
  /** The session token sent with the request, if any. */
  token?: string;
  /** Presigned: X-Amz-Content-Sha256 from the query, if any. */
  queryContentSha256?: string;
  authorization?: string;
  query: RawQueryParam[];
}

const QUERY_REQUIRED = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'];

/** Finds which form the request uses and extracts its parts; 'missing' when it uses neither. */
export function extractSignatureParts(req: HttpRequest): SignatureParts {
  const authorization = req.headers['authorization'];
  const query = splitQuery(req.rawQuery);
  let presignedParams: Map<string, string> | undefined;
  if (req.rawQuery.includes('X-Amz-') || req.rawQuery.includes('x-amz-')) {
    for (const { name, value } of query) {
      if (name.startsWith('X-Amz-') || name.startsWith('x-amz-')) (presignedParams ??= new Map()).set(name, decodeQueryComponent(value));
    }
  }
  const presigned =
    presignedParams !== undefined &&
    (presignedParams.has('X-Amz-Algorithm') || presignedParams.has('X-Amz-Credential') || presignedParams.has('X-Amz-Signature'));

  if (authorization !== undefined) {
    if (presigned) {
      throw new AuthFailure('malformed', 'both an Authorization header and presigned query parameters', {
        problem: 'multiple-auth',
        form: 'header',
        authorization,
      });
    }
    return parseAuthorizationHeader(authorization, req, query);
  }
  if (presigned && presignedParams) return parsePresigned(presignedParams, query, req.headers['x-amz-security-token']);
  throw new AuthFailure('missing', 'request is not signed');
}

function parseAuthorizationHeader(authorization: string, req: HttpRequest, query: RawQueryParam[]): SignatureParts {
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new AuthFailure('unsupported-algorithm', `unsupported authorization scheme '${algorithm}'`, {
      form: 'header',
      authorization,
      value: algorithm,
    });
  }
  let credential = '';
  let signedHeaders = '';
  let signature = '';
  // The comma-separated components after the scheme, walked with indexOf (no split array).
  let start = space < 0 ? trimmed.length : space + 1;
  while (start < trimmed.length) {
    let end = trimmed.indexOf(',', start);
    if (end < 0) end = trimmed.length;
    const component = trimmed.slice(start, end);
    start = end + 1;
    const eq = component.indexOf('=');
    if (eq < 0) continue;
    const key = component.slice(0, eq).trim();
    const value = component.slice(eq + 1).trim();
    if (key === 'Credential') credential ||= value;
    else if (key === 'SignedHeaders') signedHeaders ||= value;
    else if (key === 'Signature') signature ||= value;
  }
  const amzDate = req.headers['x-amz-date'];
  const httpDate = amzDate === undefined ? req.headers['date'] : undefined;
  const missing: string[] = [];
  if (!credential) missing.push('Credential');
  if (!signature) missing.push('Signature');
  if (!signedHeaders) missing.push('SignedHeaders');
  if (amzDate === undefined && httpDate === undefined) missing.push('Date');
  if (missing.length > 0) {
    throw new AuthFailure('incomplete', `Authorization header lacks ${missing.join(', ')}`, {
      problem: missing.length === 1 && missing[0] === 'Date' ? 'date' : undefined,
      form: 'header',
      authorization,
      missing,
    });
  }
  return {
    form: 'header',
    credential,
    signedHeaders,
    signature,
    dateText: amzDate ?? (httpDate as string),
    httpDate: amzDate === undefined,
    token: req.headers['x-amz-security-token'],
    authorization,
    query,
  };
}

function parsePresigned(params: Map<string, string>, query: RawQueryParam[], headerToken: string | undefined): SignatureParts {
  const algorithm = params.get('X-Amz-Algorithm');
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    throw new AuthFailure('unsupported-algorithm', `unsupported X-Amz-Algorithm '${algorithm}'`, {
      form: 'query',
      value: algorithm,
    });
  }
  const missing = QUERY_REQUIRED.filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw new AuthFailure('incomplete', `presigned request lacks ${missing.join(', ')}`, { form: 'query', missing });
  }
  return {
    form: 'query',
    credential: params.get('X-Amz-Credential') as string,
    signedHeaders: params.get('X-Amz-SignedHeaders') as string,
    signature: params.get('X-Amz-Signature') as string,
    dateText: params.get('X-Amz-Date') as string,
    httpDate: false,
    expires: params.get('X-Amz-Expires') || undefined,
    token: params.get('X-Amz-Security-Token') ?? headerToken,
    queryContentSha256: params.get('X-Amz-Content-Sha256') ?? params.get('x-amz-content-sha256'),
    query,
  };
}

/** `AKID/YYYYMMDD/region/service/aws4_request` → access key and scope. */
export function parseCredential(credential: string, form: 'header' | 'query'): { accessKeyId: string; scope: CredentialScope } {
  const parts = credential.split('/');
  if (parts.length !== 5 || !/^\d{8}$/.test(parts[1]) || !parts[2] || !parts[3]) {
    if (parts.length === 5 && parts[0] === '') {
      throw new AuthFailure('malformed', 'empty access key in credential', { problem: 'empty-key', form, value: credential });
    }
    throw new AuthFailure('malformed', `malformed credential '${credential}'`, { problem: 'credential', form, value: credential });
  }
  if (parts[0] === '') {
    throw new AuthFailure('malformed', 'empty access key in credential', { problem: 'empty-key', form, value: credential });
  }
  if (parts[4] !== TERMINATOR) {
    throw new AuthFailure('malformed', `credential terminator '${parts[4]}'`, {
      problem: 'terminator',
      form,
      value: parts[4],
      expected: TERMINATOR,
      accessKeyId: parts[0],
    });
  }
  return { accessKeyId: parts[0], scope: { date: parts[1], region: parts[2], service: parts[3] } };
}

/** Signed header names, lower-cased; empty names are malformed. */
export function parseSignedHeaders(signedHeaders: string, form: 'header' | 'query'): string[] {
  const names = signedHeaders.split(';');
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === '' || name.trim() !== name) {
      throw new AuthFailure('malformed', `bad SignedHeaders '${signedHeaders}'`, { problem: 'signed-headers', form, value: signedHeaders });
    }
    names[i] = name.toLowerCase();
  }
  return names;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'); undefined unless it is a real instant. */
let lastDateText = '';
let lastDateMs = 0;

export function parseAmzDate(text: string): Date | undefined {
  // Requests signed in the same second share the text: remember the last one parsed.
  if (text === lastDateText) return new Date(lastDateMs);
  const m = AMZ_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject field overflow (month 13, Feb 30, 25:00...) instead of letting Date roll it over.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getUTCHours() !== h || date.getUTCMinutes() !== mi || date.getUTCSeconds() !== s) {
    return undefined;
  }
  lastDateText = text;
  lastDateMs = date.getTime();
  return date;
}

/** An HTTP `Date` header (RFC 7231 IMF-fixdate and the obsolete forms Date.parse knows). */
export function parseHttpDate(text: string): Date | undefined {
  if (!/^[A-Za-z]{3},? /.test(text.trim())) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** Formats an instant as ISO-8601 basic: 20130524T000000Z. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
