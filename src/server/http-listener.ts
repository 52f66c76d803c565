import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isBodyStream, type HttpRequest, type HttpResponse } from '../protocol/http.js';

/** The largest request body Bulwark buffers (S3 single PUTs are limited to 5 GiB; we stop far lower). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

export type RequestHandler = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * node:http ⇄ HttpRequest/HttpResponse. The only module that touches node's HTTP objects:
 * it reads the whole body (or, where `streamBody` says so, hands it on as a stream — large S3
 * uploads go to disk without being held in memory), lower-cases headers, and writes the response.
 */
export function createHttpListener(handle: RequestHandler, onError: (err: unknown) => void, streamBody?: (head: HttpRequest) => boolean): Server {
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 70_000, requestTimeout: 300_000 }, (incoming, outgoing) => {
    readRequest(incoming, streamBody)
      .then((req) => (req ? handle(req) : tooLarge()))
      .then((res) => writeResponse(outgoing, res, incoming.method === 'HEAD'))
      .catch((err: unknown) => {
        onError(err);
        if (!outgoing.headersSent) writeResponse(outgoing, { status: 400, headers: {}, body: '' }, true);
        else outgoing.destroy();
      });
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy(err);
  });
  return server;
}

function tooLarge(): HttpResponse {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>';
  return { status: 400, headers: { 'content-type': 'application/xml', connection: 'close' }, body };
}

function readHead(incoming: IncomingMessage): HttpRequest {
  const url = incoming.url ?? '/';
  const q = url.indexOf('?');
  // No prototype: a header named `constructor` or `__proto__` is just a header.
  const headers = Object.create(null) as Record<string, string>;
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    // One lookup instead of `in` then a read; the same answer, as every own value is a string.
    const value = utf8Header(raw[i + 1]);
    const seen = headers[name];
    headers[name] = seen === undefined ? value : `${seen},${value}`;
  }
  return {
    method: incoming.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers,
    body: EMPTY,
    sourceIp: normalizeIp(incoming.socket.remoteAddress ?? '127.0.0.1'),
    secure: false,
  };
}

const EMPTY = Buffer.alloc(0);

function readRequest(incoming: IncomingMessage, streamBody?: (head: HttpRequest) => boolean): Promise<HttpRequest | undefined> {
  const head = readHead(incoming);
  if (streamBody?.(head)) return Promise.resolve({ ...head, bodyStream: incoming });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    // With a declared length the body is copied into one buffer as it arrives: each chunk is
    // garbage at once, so an 8 MiB upload part costs 8 MiB, not twice that.
    const declared = Number(incoming.headers['content-length']);
    const whole = Number.isSafeInteger(declared) && declared > 64 * 1024 && declared <= MAX_BODY_BYTES ? Buffer.allocUnsafe(declared) : undefined;
    incoming.on('data', (chunk: Buffer) => {
      if (size + chunk.length > MAX_BODY_BYTES) overflow = true;
      else if (whole && size + chunk.length <= whole.length) chunk.copy(whole, size);
      else chunks.push(chunk);
      size += chunk.length;
    });
    incoming.on('error', reject);
    incoming.on('end', () => {
      if (overflow) return resolve(undefined);
      head.body = bodyOf(whole, chunks, size);
      resolve(head);
    });
  });
}

/** The request body: the pre-sized buffer when the body matched its declared length. */
function bodyOf(whole: Buffer | undefined, chunks: Buffer[], size: number): Buffer {
  if (whole && chunks.length === 0) return size === whole.length ? whole : whole.subarray(0, size);
  const parts = whole ? [whole.subarray(0, Math.min(size, whole.length)), ...chunks] : chunks;
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/**
 * Node reads header bytes as latin1; a client that sent UTF-8 (S3 user metadata `héllo`) signed
 * the UTF-8 text, so a value with bytes ≥ 0x80 that is valid UTF-8 is read as UTF-8.
 */
function utf8Header(value: string): string {
  if (!/[\x80-\xff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : value;
}

function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

function writeResponse(outgoing: ServerResponse, res: HttpResponse, head: boolean): void {
  // A string body goes out in one write with the headers (a Buffer takes a separate writev).
  const body = res.body;
  const headers: Record<string, string | number> = res.headers;
  if (isBodyStream(body)) {
    // An object read from disk: piped with backpressure, never held in memory whole.
    outgoing.writeHead(res.status, headers);
    if (head) {
      body.destroy();
      outgoing.end();
      return;
    }
    pipeline(body, outgoing).catch(() => outgoing.destroy());
    return;
  }
  if (!('content-length' in headers)) headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  outgoing.writeHead(res.status, headers);
  outgoing.end(head ? undefined : body);
}
