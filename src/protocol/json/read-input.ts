import type { ServiceModel, Shape } from '../../models/index.js';
import { parseTimestamp } from '../shared/timestamps.js';
import { quoteValue, serializationException, typeMismatch } from './errors.js';
import { perShape } from './shape-cache.js';

/**
 * Turns a parsed JSON request body into the shared in-memory input, driven by the model:
 * base64 strings become Buffers, epoch seconds become Dates, nulls and unknown members vanish
 * (AWS ignores members it does not model). Wrong JSON types raise the SerializationException
 * AWS's JSON front end returns (see errors.ts).
 *
 * Each shape is compiled once per model into a reader closure, so a request pays no model
 * lookups: members are found through a prebuilt table.
 */
export type Reader = (value: unknown, depth: number) => unknown;

/** Deeper nesting than any AWS model needs; only recursive shapes can reach it. */
const MAX_DEPTH = 64;

const INT_RANGE = 2 ** 31;
const LONG_RANGE = 2 ** 63;

/**
 * The reader of a named shape of the model, compiled on first use. Compiling never recurses:
 * container readers look their member readers up on first use, which is what lets recursive
 * shapes (SSM's InventoryAggregator) compile.
 */
export const shapeReader = perShape((model, shapeName): Reader => compileReader(model, model.shape(shapeName)));

const EMPTY_STRUCTURE: Shape = { type: 'structure', members: {} };

/** The input of an operation from its parsed JSON body (`{}` for an operation without input). */
export function readInput(model: ServiceModel, inputShape: string | undefined, json: unknown): Record<string, unknown> {
  const reader = inputShape ? shapeReader(model, inputShape) : compileReader(model, EMPTY_STRUCTURE);
  return reader(json, 0) as Record<string, unknown>;
}

function compileReader(model: ServiceModel, shape: Shape): Reader {
  switch (shape.type) {
    case 'structure':
      return shape.document ? readDocument : structureReader(model, shape);
    case 'list':
      return listReader(model, shape);
    case 'map':
      return mapReader(model, shape);
    case 'string':
      return readString;
    case 'boolean':
      return readBoolean;
    case 'integer':
      return (v) => readInteger(v, INT_RANGE, 'an Integer');
    case 'long':
      return (v) => readInteger(v, LONG_RANGE, 'a Long');
    case 'float':
      return (v) => readFloat(v, 'a Float');
    case 'double':
      return (v) => readFloat(v, 'a Double');
    case 'timestamp':
      return readTimestamp;
    case 'blob':
      return readBlob;
    default:
      return readDocument;
  }
}

function structureReader(model: ServiceModel, shape: Shape): Reader {
  // Member readers resolve lazily: a member shape is compiled only when a request sends it.
  const members: Record<string, { name: string; shape: string; reader?: Reader }> = Object.create(null);
  for (const [name, ref] of Object.entries(shape.members ?? {})) members[name] = { name, shape: ref.shape };
  return (value, depth) => {
    if (value === null || typeof value !== 'object') throw serializationException('Expected null');
    if (Array.isArray(value)) throw serializationException('Start of list found where not expected');
    if (depth > MAX_DEPTH) throw serializationException('Request nesting is too deep.');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const member = members[key];
      if (!member) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v === null || v === undefined) continue;
      member.reader ??= shapeReader(model, member.shape);
      out[member.name] = member.reader(v, depth + 1);
    }
    return out;
  };
}

function listReader(model: ServiceModel, shape: Shape): Reader {
  let item: Reader | undefined;
  return (value, depth) => {
    if (!Array.isArray(value)) {
      if (value !== null && typeof value === 'object') {
        throw serializationException('Start of structure or map found where not expected.');
      }
      throw serializationException('Expected list or null');
    }
    if (depth > MAX_DEPTH) throw serializationException('Request nesting is too deep.');
    if (!shape.member) return [];
    item ??= shapeReader(model, shape.member.shape);
    const out: unknown[] = [];
    for (const v of value) if (v !== null) out.push(item(v, depth + 1));
    return out;
  };
}

function mapReader(model: ServiceModel, shape: Shape): Reader {
  let item: Reader | undefined;
  return (value, depth) => {
    if (value === null || typeof value !== 'object') throw serializationException('Expected map or null');
    if (Array.isArray(value)) throw serializationException('Start of list found where not expected');
    if (depth > MAX_DEPTH) throw serializationException('Request nesting is too deep.');
    const out: Record<string, unknown> = {};
    if (!shape.value) return out;
    item ??= shapeReader(model, shape.value.shape);
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === null) continue;
      setKey(out, key, item(v, depth + 1));
    }
    return out;
  };
}

/** Assigns a map entry; a `__proto__` key becomes an ordinary own property, not a prototype. */
function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function readDocument(value: unknown): unknown {
  return value;
}

function readString(value: unknown): unknown {
  if (typeof value === 'string') return value;
  throw typeMismatch(value, 'a String');
}

function readBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  throw typeMismatch(value, 'a Boolean');
}

/**
 * Integers arrive as JSON numbers; a fraction is truncated, as AWS's number reader does. The
 * value must fit the type's two's-complement range [-range, range).
 */
function readInteger(value: unknown, range: number, target: string): unknown {
  if (typeof value !== 'number') throw typeMismatch(value, target);
  const n = Math.trunc(value);
  if (!Number.isFinite(n) || n < -range || n >= range) throw typeMismatch(value, target);
  return n === 0 ? 0 : n; // no -0
}

/** Floats are JSON numbers, or the strings "NaN", "Infinity" and "-Infinity" the SDKs send. */
function readFloat(value: unknown, target: string): unknown {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  throw typeMismatch(value, target);
}

/**
 * Timestamps are epoch seconds (fractions allowed). Leniently, a string holding epoch seconds
 * or an ISO 8601 / HTTP date is accepted too; anything else is a SerializationException.
 */
function readTimestamp(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'string') {
    const date = parseTimestamp(value);
    if (date && !Number.isNaN(date.getTime())) return date;
    if (typeof value === 'string') throw serializationException(`${quoteValue(value)} can not be converted to a Timestamp`);
  }
  throw typeMismatch(value, 'a Timestamp');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Blobs are standard, padded base64 strings. */
function readBlob(value: unknown): unknown {
  if (typeof value !== 'string') throw typeMismatch(value, 'a Blob');
  if (value.length % 4 !== 0) {
    throw serializationException(
      `${quoteValue(value)} can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`,
    );
  }
  if (!BASE64.test(value)) {
    const bad = [...value].find((c, i) => !/[A-Za-z0-9+/=]/.test(c) || (c === '=' && i < value.length - 2)) ?? '=';
    throw serializationException(`${quoteValue(value)} can not be converted to a Blob: Invalid Base64 character: '${bad}'`);
  }
  return Buffer.from(value, 'base64');
}
