/**
 * Test support (not used at run time): signs requests with the AWS SDK's own signer
 * (@smithy/signature-v4 + @aws-crypto/sha256-js) so tests can check our verifier against it,
 * and converts the signed request into Bulwark's HttpRequest.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest as SmithyRequest, HttpResponse } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '../protocol/http.js';
import type { Credential } from './types.js';

export const ACCOUNT = '123456789012';

export const USER: Credential = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  account: ACCOUNT,
  principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
};

export const SESSION: Credential = {
  accessKeyId: 'ASIAIOSFODNN7SESSION',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEBYaDH+session/token+with/base64==',
  account: ACCOUNT,
  principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/session`,
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

/** Temporary credentials that expired before the examples' date. */
export const EXPIRED_SESSION: Credential = {
  accessKeyId: 'ASIAEXPIREDSESSION01',
  secretAccessKey: 'expiredSecretKeyEXAMPLEKEYexpiredSecret',
  sessionToken: 'FwoGZXIvYXdzEBYaDExpired==',
  account: ACCOUNT,
  principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/old`,
  expiresAt: new Date('2013-05-23T00:00:00Z'),
};

export const CREDENTIALS: Credential[] = [USER, SESSION, EXPIRED_SESSION];
export const lookup = (id: string): Credential | undefined => CREDENTIALS.find((c) => c.accessKeyId === id);
export const asyncLookup = async (id: string): Promise<Credential | undefined> => lookup(id);

/** 2013-05-24T00:00:00Z, the date of AWS's documented examples. */
export const T0 = new Date('2013-05-24T00:00:00Z');

export interface SignSpec {
  service: string;
  region?: string;
  method?: string;
  /** The path exactly as it goes on the wire (already percent-encoded). */
  path?: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  credential?: Pick<Credential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  date?: Date;
  /**
   * Presign (query form) instead of an Authorization header. For S3 the payload hash is
   * UNSIGNED-PAYLOAD, sent as X-Amz-Content-Sha256 like the SDK's S3 presigner ('query', the
   * default) or left out of the URL like botocore ('none').
   */
  presign?: { expiresIn: number; s3ContentSha256?: 'query' | 'none' };
  /** The signer's applyChecksum: add x-amz-content-sha256 (S3 always does). */
  applyChecksum?: boolean;
  /** Leave headers out of the signature (the SDK's unsignableHeaders). */
  unsignableHeaders?: string[];
}

/** RFC 3986 encoding the way the SDK builds query strings. */
export function sdkEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function buildRawQuery(query: Record<string, string | string[] | null | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) parts.push(sdkEncode(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${sdkEncode(key)}=${sdkEncode(v)}`);
  }
  return parts.join('&');
}

const S3_STYLE = new Set(['s3', 's3-outposts', 's3express']);

/** Signs with the SDK signer and returns the request as Bulwark's server would see it. */
export async function signWithSdk(spec: SignSpec): Promise<HttpRequest> {
  const s3 = S3_STYLE.has(spec.service);
  const credential = spec.credential ?? USER;
  const signer = new SignatureV4({
    service: spec.service,
    region: spec.region ?? 'us-east-1',
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
    sha256: Sha256,
    uriEscapePath: !s3,
    applyChecksum: spec.applyChecksum ?? s3,
  });
  const body = spec.body === undefined ? undefined : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body, 'utf8');
  const request = new SmithyRequest({
    method: spec.method ?? 'GET',
    protocol: 'https:',
    hostname: 'bulwark.local',
    path: spec.path ?? '/',
    query: (spec.query ?? {}) as Record<string, string | string[]>,
    headers: { host: 'bulwark.local', ...(spec.headers ?? {}) },
    body,
  });
  const date = spec.date ?? T0;
  const unsignableHeaders = new Set(spec.unsignableHeaders ?? []);
  if (!spec.presign) return toBulwarkRequest((await signer.sign(request, { signingDate: date, unsignableHeaders })) as SmithyRequest, body);
  const hideHash = s3 && spec.presign.s3ContentSha256 === 'none';
  if (s3) request.headers[hideHash ? 'x-amz-content-sha256' : 'X-Amz-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
  if (hideHash) unsignableHeaders.add('x-amz-content-sha256');
  const presigned = (await signer.presign(request, {
    signingDate: date,
    expiresIn: spec.presign.expiresIn,
    unsignableHeaders,
    unhoistableHeaders: hideHash ? new Set(['x-amz-content-sha256']) : undefined,
  })) as SmithyRequest;
  if (hideHash) delete presigned.headers['x-amz-content-sha256'];
  return toBulwarkRequest(presigned, body);
}

export function toBulwarkRequest(signed: Pick<SmithyRequest, 'method' | 'path' | 'query' | 'headers'>, body?: Buffer): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value); // the HTTP client drops unset headers
  }
  return {
    method: signed.method,
    path: signed.path,
    rawQuery: buildRawQuery((signed.query ?? {}) as Record<string, string | string[] | null>),
    headers,
    body: body ?? Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    secure: true,
  };
}

/** A copy of a request with some fields replaced (headers merged). */
export function alter(req: HttpRequest, change: Partial<Omit<HttpRequest, 'headers'>> & { headers?: Record<string, string | undefined> }): HttpRequest {
  const headers = { ...req.headers };
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...req, ...change, headers };
}

/** Reads whatever body the SDK put on a request (string, bytes or a stream). */
async function readSdkBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * A request handler for real AWS SDK clients that records each request (as Bulwark's
 * HttpRequest) instead of sending it, and answers an empty 200.
 */
export function capturingHandler(captured: HttpRequest[]) {
  return {
    async handle(request: SmithyRequest) {
      captured.push(toBulwarkRequest(request, await readSdkBody(request.body)));
      const { Readable } = await import('node:stream');
      return { response: new HttpResponse({ statusCode: 200, headers: { etag: '"0"' }, body: Readable.from([]) }) };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
  };
}
