import type { Shape, ShapeRef } from '../../models/index.js';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from '../shared/timestamps.js';

/**
 * Scalars as text in a URI label, a query parameter or a header, and (read only) in an element
 * or attribute of a rest-xml body. Timestamps default to iso8601 in labels and query strings
 * and to the HTTP date (rfc822) in headers, unless the member or shape names a format (any of
 * the three is accepted when reading); blobs are base64; a `jsonvalue` string in a header is
 * base64 of its JSON text; booleans are `true`/`false` (in any case outside XML).
 */
export type TextLocation = 'uri' | 'querystring' | 'header';
/** Where text is read from: an HTTP location, or an XML body (whose base64 may be wrapped over lines). */
export type TextSource = TextLocation | 'xml';

export class BadText extends Error {}

export function timestampFormatFor(ref: ShapeRef, shape: Shape, fallback: TimestampFormat): TimestampFormat {
  return ref.timestampFormat ?? shape.timestampFormat ?? fallback;
}

const INTEGER = /^[+-]?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Reads one scalar; throws BadText (with a short reason) when the text does not fit the shape. */
export function parseText(ref: ShapeRef, shape: Shape, text: string, location: TextSource): unknown {
  switch (shape.type) {
    case 'integer': case 'long': {
      const t = text.trim();
      if (!INTEGER.test(t)) throw new BadText(`not an integer`);
      const n = Number(t);
      if (!Number.isSafeInteger(n)) throw new BadText(`out of range`);
      return n;
    }
    case 'float': case 'double': {
      const t = text.trim();
      if (t === 'NaN') return NaN;
      if (t === 'Infinity') return Infinity;
      if (t === '-Infinity') return -Infinity;
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) throw new BadText(`not a number`);
      return n;
    }
    case 'boolean': {
      const t = location === 'xml' ? text.trim() : text.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      throw new BadText(`not a boolean`);
    }
    case 'timestamp': {
      const date = validDate(text);
      if (!date) throw new BadText(`not a timestamp`);
      return date;
    }
    case 'blob':
      return decodeBase64(location === 'xml' ? text.replace(/\s+/g, '') : text.trim());
    default:
      if (ref.jsonvalue && location === 'header') return decodeBase64(text.trim()).toString('utf8');
      return text;
  }
}

/** A timestamp in any of the three formats, or undefined (also for dates out of Date's range). */
export function validDate(text: string | number): Date | undefined {
  const date = parseTimestamp(text);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

export function decodeBase64(text: string): Buffer {
  if (!BASE64.test(text)) throw new BadText('not valid base64');
  return Buffer.from(text, 'base64');
}

/** Writes one scalar (headers and query strings of responses and of hand-built requests). */
export function formatText(ref: ShapeRef, shape: Shape, value: unknown, location: TextLocation): string {
  switch (shape.type) {
    case 'timestamp':
      return String(formatTimestamp(value, timestampFormatFor(ref, shape, location === 'header' ? 'rfc822' : 'iso8601')));
    case 'blob':
      return Buffer.from(value as Uint8Array | string).toString('base64');
    case 'float': case 'double':
      return typeof value === 'number' && !Number.isFinite(value) ? (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity') : String(value);
    default:
      if (ref.jsonvalue && location === 'header') {
        return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');
      }
      return String(value);
  }
}

/**
 * Splits a list header the way the SDKs write one: `a, b, "c,d"` (quoted items may hold commas
 * and `\"`); HTTP dates, which hold a comma themselves, pair up.
 */
export function splitHeaderList(text: string, httpDates: boolean): string[] {
  if (httpDates) {
    const parts = text.split(',');
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push(`${parts[i]},${parts[i + 1] ?? ''}`.trim());
    return out;
  }
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let item = '';
    if (text[i] === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) item += text[i] === '\\' && i + 1 < text.length ? text[++i] : text[i];
      const comma = text.indexOf(',', i);
      i = comma < 0 ? text.length + 1 : comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      item = (comma < 0 ? text.slice(i) : text.slice(i, comma)).trim();
      i = comma < 0 ? text.length + 1 : comma + 1;
    }
    out.push(item);
  }
  return out;
}

/** Joins list items into one header, quoting items that hold a comma or a quote. */
export function joinHeaderList(items: string[], httpDates: boolean): string {
  return items.map((item) => (!httpDates && /[",]/.test(item) ? `"${item.replace(/(["\\])/g, '\\$1')}"` : item)).join(', ');
}
