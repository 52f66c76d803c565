import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import { formatTimestamp, type TimestampFormat } from '../shared/timestamps.js';
import { perShape } from './shape-cache.js';

/**
 * Turns a handler's output (the shared in-memory representation) into the JSON value AWS
 * sends, driven by the model: only modelled members are written (absent and null ones are
 * left out), timestamps become epoch seconds (a handler may return Date, epoch seconds or an
 * ISO string), blobs become base64, non-finite floats the strings "NaN"/"Infinity"/"-Infinity".
 * Each shape compiles once per model into a writer closure.
 */
export type Writer = (value: unknown) => unknown;

/** The writer of a named shape of the model, compiled on first use. */
export const shapeWriter = perShape((model, shapeName): Writer => compileWriter(model, model.shape(shapeName)));

/** The writer of a member: its shape's, unless the member overrides the timestamp format. */
function memberWriter(model: ServiceModel, ref: ShapeRef): Writer {
  if (ref.timestampFormat && model.shape(ref.shape).type === 'timestamp') return timestampWriter(ref.timestampFormat);
  return shapeWriter(model, ref.shape);
}

export function compileWriter(model: ServiceModel, shape: Shape): Writer {
  switch (shape.type) {
    case 'structure':
      return shape.document ? writeDocument : structureWriter(model, shape);
    case 'list':
      return listWriter(model, shape);
    case 'map':
      return mapWriter(model, shape);
    case 'timestamp':
      return timestampWriter(shape.timestampFormat ?? 'unixTimestamp');
    case 'blob':
      return writeBlob;
    case 'integer': case 'long':
      return writeInteger;
    case 'float': case 'double':
      return writeFloat;
    case 'boolean':
      return writeBoolean;
    case 'string':
      return writeString;
    default:
      return writeDocument;
  }
}

function structureWriter(model: ServiceModel, shape: Shape): Writer {
  const entries = Object.entries(shape.members ?? {});
  const writers: (Writer | undefined)[] = new Array(entries.length);
  return (value) => {
    if (value === null || typeof value !== 'object') return {};
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < entries.length; i++) {
      const [name, ref] = entries[i];
      const v = source[name];
      if (v === undefined || v === null) continue;
      const write = (writers[i] ??= memberWriter(model, ref));
      out[name] = write(v);
    }
    return out;
  };
}

function listWriter(model: ServiceModel, shape: Shape): Writer {
  let item: Writer | undefined;
  return (value) => {
    const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : [];
    if (!shape.member) return [];
    item ??= memberWriter(model, shape.member);
    const out: unknown[] = [];
    for (const v of items) if (v !== undefined && v !== null) out.push(item(v));
    return out;
  };
}

function mapWriter(model: ServiceModel, shape: Shape): Writer {
  let item: Writer | undefined;
  return (value) => {
    const out: Record<string, unknown> = {};
    if (value === null || typeof value !== 'object' || !shape.value) return out;
    item ??= memberWriter(model, shape.value);
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) {
      if (v === undefined || v === null) continue;
      const key = String(k);
      const written = item(v);
      if (key === '__proto__') Object.defineProperty(out, key, { value: written, enumerable: true, writable: true, configurable: true });
      else out[key] = written;
    }
    return out;
  };
}

const timestampWriters = new Map<TimestampFormat, Writer>();

function timestampWriter(format: TimestampFormat): Writer {
  let writer = timestampWriters.get(format);
  if (!writer) {
    writer = (value) => formatTimestamp(value, format);
    timestampWriters.set(format, writer);
  }
  return writer;
}

function writeBlob(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('base64');
  return Buffer.from(value as ArrayBuffer).toString('base64');
}

function writeInteger(value: unknown): unknown {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function writeFloat(value: unknown): unknown {
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isFinite(n)) return n;
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

function writeBoolean(value: unknown): unknown {
  return typeof value === 'boolean' ? value : value === 'true' || value === 1;
}

function writeString(value: unknown): unknown {
  return typeof value === 'string' ? value : String(value);
}

/** Documents are any JSON value and are written as the handler gave them. */
function writeDocument(value: unknown): unknown {
  return value;
}
