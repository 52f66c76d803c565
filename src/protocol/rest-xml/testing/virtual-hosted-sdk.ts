import * as s3 from '@aws-sdk/client-s3';
import type { HttpRequest } from '../../http.js';

/**
 * The request the real SDK v3 S3 client sends in virtual-hosted style (no forcePathStyle)
 * against a given endpoint: the bucket moves into the Host. The shared harness always uses
 * path style, so this small variant captures the other addressing.
 */
class Captured extends Error {
  constructor(readonly request: HttpRequest) {
    super('captured');
  }
}

interface SdkRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function rawQuery(query: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === null || v === undefined) parts.push(encode(k));
    else for (const item of Array.isArray(v) ? v : [v]) parts.push(`${encode(k)}=${encode(item)}`);
  }
  return parts.join('&');
}

export async function sdkVirtualHostedRequest(operation: string, input: Record<string, unknown>, endpoint: string): Promise<HttpRequest> {
  const client = new s3.S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: false,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    requestHandler: {
      async handle(req: SdkRequest) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = String(v);
        headers.host ??= req.port ? `${req.hostname}:${req.port}` : req.hostname;
        const body = req.body instanceof Uint8Array ? Buffer.from(req.body) : typeof req.body === 'string' ? Buffer.from(req.body) : Buffer.alloc(0);
        throw new Captured({ method: req.method, path: req.path, rawQuery: rawQuery(req.query), headers, body, sourceIp: '127.0.0.1', secure: false });
      },
    } as never,
  });
  const Command = (s3 as unknown as Record<string, new (input: unknown) => never>)[`${operation}Command`];
  try {
    await client.send(new Command(input));
  } catch (err) {
    if (err instanceof Captured) return err.request;
    throw err;
  } finally {
    client.destroy();
  }
  throw new Error('the SDK sent no request');
}
