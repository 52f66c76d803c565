import type { HttpRequest } from '../../http.js';

/** Test support: query/ec2 HttpRequests built by hand. */
export function formPost(body: string | Buffer, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST', path: '/', rawQuery: '', body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'localhost', ...headers },
    sourceIp: '127.0.0.1', secure: false,
  };
}

export function queryGet(rawQuery: string, path = '/'): HttpRequest {
  return { method: 'GET', path, rawQuery, body: Buffer.alloc(0), headers: { host: 'localhost' }, sourceIp: '127.0.0.1', secure: false };
}

/** Form-encodes parameters the way botocore and the SDKs do (RFC 3986, spaces as %20). */
export function formBody(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
