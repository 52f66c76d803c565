/**
 * The URI pieces of a SigV4 canonical request: RFC 3986 encoding, the canonical URI (S3 style
 * and the double-encoded, normalized style of every other service) and the canonical query.
 */

const HEX = '0123456789ABCDEF';
/** Only RFC 3986 unreserved characters: such text is its own canonical encoding. */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const PATH_PLAIN = /^[A-Za-z0-9\-._~/]*$/;
const PATH_ALREADY_ENCODED = /^(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

function isUnreservedByte(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || // A-Z
    (b >= 0x61 && b <= 0x7a) || // a-z
    (b >= 0x30 && b <= 0x39) || // 0-9
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e // - . _ ~
  );
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Appends the UTF-8 bytes of the code point at text[i]; returns how many UTF-16 units it used. */
function pushUtf8(text: string, i: number, out: number[]): number {
  let cp = text.charCodeAt(i);
  let used = 1;
  if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      used = 2;
    }
  }
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate, as Buffer.from does
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  return used;
}

function encodeBytes(bytes: number[]): string {
  let out = '';
  for (const b of bytes) {
    out += isUnreservedByte(b) ? String.fromCharCode(b) : '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** RFC 3986 percent-encoding of UTF-8 text: everything but A-Z a-z 0-9 - . _ ~ is escaped. */
export function uriEncode(text: string): string {
  if (UNRESERVED_ONLY.test(text)) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) i += pushUtf8(text, i, bytes);
  return encodeBytes(bytes);
}

/** Percent-decodes to bytes; malformed escapes stay literal; `+` is a space when asked. */
function decodeToBytes(text: string, plusAsSpace: boolean): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && i + 2 < text.length) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 3;
        continue;
      }
    }
    if (c === 0x2b && plusAsSpace) {
      bytes.push(0x20);
      i++;
      continue;
    }
    i += pushUtf8(text, i, bytes);
  }
  return bytes;
}

/** Percent-decodes a query component (`+` is a space) to text; malformed escapes stay literal. */
export function decodeQueryComponent(text: string): string {
  if (UNRESERVED_ONLY.test(text)) return text;
  if (!text.includes('+')) {
    try {
      return decodeURIComponent(text);
    } catch {
      // malformed escape or invalid UTF-8: fall through to the lenient decoder
    }
  }
  return Buffer.from(decodeToBytes(text, true)).toString('utf8');
}

/** Unreserved characters and upper-case escapes only... */
const CANONICAL_ESCAPED = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;
/** ...none of which escapes an unreserved character (%41, %7E...), which must appear literally. */
const ESCAPED_UNRESERVED = /%(?:3[0-9]|4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A]|2D|2E|5F|7E)/;

/** Re-encodes an already-encoded component in the one canonical RFC 3986 way. */
function canonicalComponent(raw: string): string {
  if (UNRESERVED_ONLY.test(raw)) return raw;
  if (CANONICAL_ESCAPED.test(raw) && !ESCAPED_UNRESERVED.test(raw)) return raw;
  return encodeBytes(decodeToBytes(raw, true));
}

/**
 * The canonical URI. S3 (and S3 Outposts / Express) signs the path exactly as encoded on the
 * wire, without normalization; we only escape characters a client left unencoded. Every other
 * service removes empty, `.` and `..` segments and URI-encodes each (already encoded) segment
 * a second time.
 */
export function canonicalUri(rawPath: string, s3Style: boolean): string {
  if (rawPath === '') return '/';
  if (s3Style) {
    if (PATH_ALREADY_ENCODED.test(rawPath)) return rawPath;
    const bytes: number[] = [];
    let out = '';
    for (let i = 0; i < rawPath.length; ) {
      const c = rawPath.charCodeAt(i);
      if (c === 0x2f) {
        out += '/';
        i++;
      } else if (c === 0x25 && hexValue(rawPath.charCodeAt(i + 1)) >= 0 && hexValue(rawPath.charCodeAt(i + 2)) >= 0) {
        out += '%' + rawPath[i + 1].toUpperCase() + rawPath[i + 2].toUpperCase();
        i += 3;
      } else {
        bytes.length = 0;
        i += pushUtf8(rawPath, i, bytes);
        out += encodeBytes(bytes);
      }
    }
    return out;
  }
  if (PATH_PLAIN.test(rawPath) && rawPath.charCodeAt(0) === 0x2f && !rawPath.includes('//') && !DOT_SEGMENT.test(rawPath)) {
    return rawPath;
  }
  const kept: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(uriEncode(segment));
  }
  const trailing = kept.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return '/' + kept.join('/') + trailing;
}

/** One `name=value` pair of a raw query string, both still encoded as sent. */
export interface RawQueryParam {
  name: string;
  value: string;
}

export function splitQuery(rawQuery: string): RawQueryParam[] {
  const params: RawQueryParam[] = [];
  if (!rawQuery) return params;
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    params.push(eq < 0 ? { name: part, value: '' } : { name: part.slice(0, eq), value: part.slice(eq + 1) });
  }
  return params;
}

/**
 * The canonical query string: every name and value re-encoded per RFC 3986, sorted by name and
 * then value, `name=value` joined by `&`. Presigned requests leave out X-Amz-Signature.
 */
export function canonicalQuery(params: RawQueryParam[], omitSignature: boolean): string {
  if (params.length === 0) return '';
  const pairs: string[][] = [];
  for (const { name, value } of params) {
    const n = canonicalComponent(name);
    if (omitSignature && n === 'X-Amz-Signature') continue;
    pairs.push([n, canonicalComponent(value)]);
  }
  if (pairs.length > 1) {
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
  let out = '';
  for (let i = 0; i < pairs.length; i++) out += (i ? '&' : '') + pairs[i][0] + '=' + pairs[i][1];
  return out;
}
