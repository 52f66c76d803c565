import type { Shape } from '../../models/index.js';
import { formatTimestamp, parseTimestamp, toDate, type TimestampFormat } from '../shared/timestamps.js';

/**
 * Scalars as query/ec2 text, both ways: request parameters and XML response elements share
 * the spelling (`true`/`false`, decimal numbers, base64 blobs, ISO 8601 timestamps by default).
 */

/** Marks a parameter whose text is not a value of its shape's type. */
export const INVALID = Symbol('invalid');

const INTEGER = /^[+-]?\d{1,20}$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 9223372036854775808; // 2^63, as a double

/** The typed value of parameter text, or INVALID. Strings (and unknown types) pass through. */
export function parseScalarText(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'integer': {
      if (!INTEGER.test(text)) return INVALID;
      const n = Number(text);
      return n >= INT32_MIN && n <= INT32_MAX ? n : INVALID;
    }
    case 'long': {
      if (!INTEGER.test(text)) return INVALID;
      const n = Number(text);
      return n >= -INT64_LIMIT && n < INT64_LIMIT ? n : INVALID;
    }
    case 'float': case 'double':
      return parseFloatText(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : INVALID;
    }
    case 'timestamp': {
      const date = text.trim() === '' ? undefined : parseTimestamp(text);
      return date && !Number.isNaN(date.getTime()) ? date : INVALID;
    }
    case 'blob': {
      const compact = text.replace(/[\r\n]/g, '');
      return BASE64.test(compact) ? Buffer.from(compact, 'base64') : INVALID;
    }
    default:
      return text;
  }
}

function parseFloatText(text: string): number | typeof INVALID {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  if (!FLOAT.test(text)) return INVALID;
  const n = Number(text);
  return Number.isFinite(n) ? n : INVALID;
}

/** The text of a handler's value in a response element; undefined when it cannot be written. */
export function formatScalarText(shape: Shape, value: unknown, format: TimestampFormat = 'iso8601'): string | undefined {
  switch (shape.type) {
    case 'timestamp': {
      if (value === null || value === undefined || value === '') return undefined;
      if (Number.isNaN(toDate(value).getTime())) return undefined;
      return String(formatTimestamp(value, format));
    }
    case 'blob':
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
      return typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : undefined;
    case 'boolean':
      return value === true || value === 'true' ? 'true' : 'false';
    case 'float': case 'double': case 'integer': case 'long': {
      const n = typeof value === 'number' ? value : Number(value);
      if (Number.isNaN(n)) return 'NaN';
      if (n === Infinity) return 'Infinity';
      if (n === -Infinity) return '-Infinity';
      return String(n);
    }
    default:
      return typeof value === 'string' ? value : String(value);
  }
}
