import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse } from '../../src/protocol/http.js';

/**
 * Drives the real AWS SDK for JavaScript v3 without a network: a request handler that
 * captures the HTTP request the SDK serialized, and one that hands the SDK an HTTP response
 * we serialized. The SDK is the oracle of every protocol conformance test.
 */
const PACKAGES: Record<string, string> = {
  sts: '@aws-sdk/client-sts',
  iam: '@aws-sdk/client-iam',
  kms: '@aws-sdk/client-kms',
  secretsmanager: '@aws-sdk/client-secrets-manager',
  cloudtrail: '@aws-sdk/client-cloudtrail',
  guardduty: '@aws-sdk/client-guardduty',
  securityhub: '@aws-sdk/client-securityhub',
  s3: '@aws-sdk/client-s3',
};

export const SDK_SERVICES = Object.keys(PACKAGES);

type AnyModule = Record<string, any>;
const modules = new Map<string, AnyModule>();

async function sdkModule(service: string): Promise<AnyModule> {
  let mod = modules.get(service);
  if (!mod) {
    const name = PACKAGES[service];
    if (!name) throw new Error(`no SDK v3 package mapped for ${service}`);
    mod = (await import(name)) as AnyModule;
    modules.set(service, mod);
  }
  return mod;
}

/** True when the SDK client has a command for this operation (SDK and botocore versions differ). */
export async function sdkHasOperation(service: string, operation: string): Promise<boolean> {
  return typeof (await sdkModule(service))[`${operation}Command`] === 'function';
}

export const TEST_ENDPOINT = 'http://127.0.0.1:4566';

interface SdkHttpRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof Readable || (typeof body === 'object' && Symbol.asyncIterator in (body as object))) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new Error(`unsupported SDK body type ${typeof body}`);
}

/** Encodes the SDK's query record the way its node handler does (RFC 3986). */
function rawQuery(query: SdkHttpRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    const key = encodeRfc3986(k);
    if (v === null || v === undefined) parts.push(key);
    else for (const item of Array.isArray(v) ? v : [v]) parts.push(`${key}=${encodeRfc3986(item)}`);
  }
  return parts.join('&');
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function lowerHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

class Captured extends Error {
  constructor(readonly request: HttpRequest) {
    super('captured');
  }
}

/** How a client is set up: the test endpoint and (for S3) path-style addressing, unless told otherwise. */
export interface ClientOptions {
  endpoint?: string;
  /** false: S3 virtual-hosted style, the bucket in the Host. */
  forcePathStyle?: boolean;
}

function clientConfig(handler: { handle: (req: SdkHttpRequest) => Promise<unknown> }, options: ClientOptions): Record<string, unknown> {
  return {
    region: 'us-east-1',
    endpoint: options.endpoint ?? TEST_ENDPOINT,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: options.forcePathStyle ?? true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    requestHandler: handler,
  };
}

async function makeClient(service: string, handler: { handle: (req: SdkHttpRequest) => Promise<unknown> }, options: ClientOptions = {}): Promise<any> {
  const mod = await sdkModule(service);
  const clientName = Object.keys(mod).find((k) => k.endsWith('Client') && !k.startsWith('__'));
  if (!clientName) throw new Error(`no client class in ${PACKAGES[service]}`);
  return new mod[clientName](clientConfig(handler, options));
}

/** The HTTP request the SDK sends for `operation` with `input`, as Bulwark's HttpRequest. */
export async function sdkRequest(service: string, operation: string, input: Record<string, unknown>, options: ClientOptions = {}): Promise<HttpRequest> {
  const mod = await sdkModule(service);
  const client = await makeClient(service, {
    async handle(req: SdkHttpRequest) {
      const headers = lowerHeaders(req.headers);
      headers.host ??= req.port ? `${req.hostname}:${req.port}` : req.hostname;
      throw new Captured({
        method: req.method,
        path: req.path,
        rawQuery: rawQuery(req.query),
        headers,
        body: await bodyBytes(req.body),
        sourceIp: '127.0.0.1',
        secure: false,
      });
    },
  }, options);
  try {
    await client.send(new mod[`${operation}Command`](input));
  } catch (err) {
    if (err instanceof Captured) return err.request;
    throw err;
  } finally {
    client.destroy();
  }
  throw new Error('the SDK sent no request');
}

/** What the SDK makes of our HTTP response to `operation` (output, or the error it throws). */
export async function sdkResponse(
  service: string,
  operation: string,
  input: Record<string, unknown>,
  response: HttpResponse,
): Promise<{ output?: Record<string, unknown>; error?: any }> {
  const mod = await sdkModule(service);
  const client = await makeClient(service, {
    async handle() {
      const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
      return { response: { statusCode: response.status, headers: response.headers, body: Readable.from([body]) } };
    },
  });
  try {
    const output = (await client.send(new mod[`${operation}Command`](input))) as Record<string, unknown>;
    delete output.$metadata;
    return { output };
  } catch (error) {
    return { error };
  } finally {
    client.destroy();
  }
}

/** Reads a streaming blob the SDK returns (S3 GetObject Body and the like) into bytes. */
export async function drainStreams(value: Record<string, unknown>): Promise<Record<string, unknown>> {
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && typeof (v as any).transformToByteArray === 'function') {
      value[k] = await (v as any).transformToByteArray();
    }
  }
  return value;
}
