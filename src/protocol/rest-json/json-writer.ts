import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import { formatTimestamp } from '../shared/timestamps.js';
import { timestampFormatFor } from '../rest/scalar-text.js';
import { setOwn } from '../rest/own-property.js';

/**
 * The in-memory output → a JSON-ready value, by shape: members under their JSON name,
 * timestamps as epoch seconds unless the model names another format, blobs base64, absent
 * members left out. Handlers may return Date, epoch seconds or ISO strings for timestamps.
 */
export function writeJsonMembers(model: ServiceModel, members: Iterable<[string, ShapeRef]>, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of members) {
    const v = value[name];
    if (v !== undefined && v !== null) out[ref.locationName ?? name] = writeJsonValue(model, ref, v);
  }
  return out;
}

const entries = new WeakMap<object, [string, ShapeRef][]>();

/** A structure's [name, ref] pairs, built once per shape. */
export function memberEntries(shape: Shape): [string, ShapeRef][] {
  let list = entries.get(shape);
  if (!list) {
    list = Object.entries(shape.members ?? {});
    entries.set(shape, list);
  }
  return list;
}

export function writeJsonValue(model: ServiceModel, ref: ShapeRef, value: unknown): unknown {
  const shape = model.shape(ref.shape);
  switch (shape.type) {
    case 'structure':
      if (shape.document || typeof value !== 'object') return value;
      return writeJsonMembers(model, memberEntries(shape), value as Record<string, unknown>);
    case 'list':
      if (!Array.isArray(value)) return value;
      return value.filter((item) => item !== undefined && item !== null).map((item) => writeJsonValue(model, shape.member!, item));
    case 'map': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined && v !== null) setOwn(out, k, writeJsonValue(model, shape.value!, v));
      }
      return out;
    }
    default:
      return writeScalar(ref, shape, value);
  }
}

function writeScalar(ref: ShapeRef, shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case 'timestamp':
      return formatTimestamp(value, timestampFormatFor(ref, shape, 'unixTimestamp'));
    case 'blob':
      return (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value as Uint8Array)).toString('base64');
    case 'float': case 'double':
      if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
      return value;
    default:
      return value;
  }
}
