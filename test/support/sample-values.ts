import type { ServiceModel, Shape, ShapeRef } from '../../src/models/index.js';

/**
 * Builds a deterministic, type-correct sample value for any model shape, in the in-memory
 * representation both the SDK v3 and Bulwark's codecs use: strings, numbers, booleans, Date
 * (whole seconds), Uint8Array for blobs, arrays, plain objects for maps and structures.
 * Conformance tests feed these through the real SDK and through our codecs and compare.
 */
export interface SampleOptions {
  /** Seed that varies strings and numbers between calls. */
  seed?: number;
  /** How deep nested structures are filled (deeper members are left out). */
  maxDepth?: number;
  /** Members to leave out, by name, at any depth (e.g. host-bound or SDK-computed ones). */
  skipMembers?: Set<string>;
  /** Leave out members bound to HTTP locations (header/querystring/uri) — for output samples. */
  onlyBody?: boolean;
}

export function sampleValue(model: ServiceModel, ref: ShapeRef | Shape, options: SampleOptions = {}, depth = 0): unknown {
  const shape = 'shape' in ref ? model.shape(ref.shape) : ref;
  const seed = (options.seed ?? 1) + depth;
  const maxDepth = options.maxDepth ?? 4;
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      // A union needs one member set even past maxDepth (an empty union is invalid on the wire).
      if (depth > maxDepth && !shape.union) return out;
      const members = Object.entries(shape.members ?? {}).filter(([name, m]) => {
        if (options.skipMembers?.has(name)) return false;
        if (m.eventstream || model.shape(m.shape).eventstream) return false;
        if (options.onlyBody && depth === 0 && m.location && m.location !== 'statusCode') return false;
        return true;
      });
      if (shape.union) {
        const pool = depth > maxDepth ? members.filter(([, m]) => isScalar(model.shape(m.shape))) : members;
        const [name, m] = pool[seed % Math.max(1, pool.length)] ?? [];
        if (name && m) out[name] = sampleValue(model, m, options, depth + 1);
        return out;
      }
      for (const [name, m] of members) {
        if (m.location === 'statusCode') continue;
        const required = shape.required?.includes(name);
        if (depth > 0 && !required && depth >= maxDepth) continue;
        out[name] = sampleValue(model, m, options, depth + 1);
      }
      return out;
    }
    case 'list': {
      if (depth > maxDepth || !shape.member) return [];
      const n = Math.max(shape.min ?? 0, 2);
      return Array.from({ length: n }, (_, i) => sampleValue(model, shape.member!, { ...options, seed: seed + i + 1 }, depth + 1));
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      if (depth > maxDepth || !shape.value) return out;
      for (let i = 0; i < 2; i++) {
        const key = shape.key ? String(sampleValue(model, shape.key, { ...options, seed: seed + i + 7 }, depth + 1)) : `key${i}`;
        out[key] = sampleValue(model, shape.value, { ...options, seed: seed + i + 3 }, depth + 1);
      }
      return out;
    }
    case 'string':
      if (shape.enum?.length) return shape.enum[seed % shape.enum.length];
      return sampleString(shape, seed);
    case 'integer': case 'long':
      return clamp(shape, 3 + (seed % 5));
    case 'float': case 'double':
      return clamp(shape, 1.5 + (seed % 3));
    case 'boolean':
      return seed % 2 === 0;
    case 'timestamp':
      return new Date(Date.UTC(2024, 0, 15, 10, 30, seed % 60));
    case 'blob':
      return new Uint8Array([1, 2, 3, (seed * 7) & 0xff, 0xfe]);
    default:
      if ((shape as Shape).document) return { doc: 'value', n: seed };
      return undefined;
  }
}

/** A sample as the json protocol writes it by default: Dates as epoch seconds, bytes as base64. */
export function jsonWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonWire(v)]));
  return value;
}

function isScalar(shape: Shape): boolean {
  return shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';
}

function clamp(shape: Shape, n: number): number {
  if (shape.min !== undefined && n < shape.min) n = shape.min;
  if (shape.max !== undefined && n > shape.max) n = shape.max;
  return n;
}

/** Letters and digits only, within the model's length limits: safe in paths, headers, XML and JSON. */
function sampleString(shape: Shape, seed: number): string {
  const base = `val${seed}x`;
  const min = shape.min ?? 1;
  const max = shape.max ?? 64;
  let s = base;
  while (s.length < min) s += 'y';
  if (s.length > max) s = s.slice(0, Math.max(max, 1));
  return s;
}
