import { Readable } from 'node:stream';

/**
 * The transport-neutral request and response every pipeline step and protocol codec sees.
 * The HTTP listener builds an HttpRequest from node's IncomingMessage; nothing below the
 * server layer touches node:http.
 */
export interface HttpRequest {
  method: string;
  /** The raw path, still percent-encoded, without the query string (e.g. `/my-bucket/a%20b`). */
  path: string;
  /** The raw query string without `?` (still percent-encoded), '' when absent. */
  rawQuery: string;
  /** Lower-cased header names. Repeated headers are joined with ','. */
  headers: Record<string, string>;
  body: Buffer;
  /**
   * A large S3 upload's body, not read yet (then `body` is empty): it streams to disk. The
   * pipeline reads it into `body` for every operation whose input is not a streaming blob.
   */
  bodyStream?: Readable;
  /** The client's address, for aws:SourceIp and CloudTrail. */
  sourceIp: string;
  /** True when the request arrived over TLS. */
  secure: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** A stream (an S3 object read from disk) is piped out; its length must be in `content-length`. */
  body: Buffer | string | Readable;
}

/** True for a streamed body (a node Readable), as opposed to bytes in memory. */
export function isBodyStream(body: unknown): body is Readable {
  return body instanceof Readable;
}

/** Parses a raw query string into ordered [name, value] pairs, decoding `+` as space. */
export function parseQueryString(raw: string): [string, string][] {
  const pairs: [string, string][] = [];
  // An indexOf walk rather than split('&'): no array of parts in between.
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf('&', start);
    if (end < 0) end = raw.length;
    const part = raw.slice(start, end);
    start = end + 1;
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([safeDecode(name), safeDecode(value)]);
  }
  return pairs;
}

/** Percent-decodes (`+` as space); a malformed escape is kept literally instead of throwing. */
export function safeDecode(text: string): string {
  // Most names and values (`Action`, `GetCallerIdentity`, `2011-06-15`) have nothing to decode.
  if (!text.includes('%') && !text.includes('+')) return text;
  const plain = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
