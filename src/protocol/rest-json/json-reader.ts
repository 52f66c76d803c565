import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import { setOwn } from '../rest/own-property.js';
import { validDate } from '../rest/scalar-text.js';
import type { MemberPlan } from '../rest/structure-plan.js';

/**
 * A parsed rest-json body → the in-memory input, by shape. Members are keyed by their JSON name
 * (the member's locationName, else its name: GuardDuty writes `detectorId` for DetectorId).
 * Timestamps are epoch seconds (or a date string), blobs base64. A value of the wrong JSON
 * type throws JsonTypeError with the wording of AWS's JSON front ends.
 */
export class JsonTypeError extends Error {}

type MemberTable = Map<string, { name: string; ref: ShapeRef }>;
const tables = new WeakMap<object, MemberTable>();

function tableFor(key: object, entries: () => [string, ShapeRef][]): MemberTable {
  let table = tables.get(key);
  if (!table) {
    table = new Map(entries().map(([name, ref]) => [ref.locationName ?? name, { name, ref }]));
    tables.set(key, table);
  }
  return table;
}

/** The body members of a top-level input from its JSON object. */
export function readJsonDocument(model: ServiceModel, members: MemberPlan[], json: unknown): Record<string, unknown> {
  if (json === null) return {};
  expectObject(json);
  return readStructure(model, tableFor(members, () => members.map((m) => [m.name, m.ref])), json as Record<string, unknown>);
}

export function readJsonValue(model: ServiceModel, ref: ShapeRef, value: unknown): unknown {
  const shape = model.shape(ref.shape);
  switch (shape.type) {
    case 'structure':
      if (shape.document) return value;
      expectObject(value);
      return readStructure(model, tableFor(shape, () => Object.entries(shape.members ?? {})), value as Record<string, unknown>);
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(value, 'a list');
      const out: unknown[] = [];
      for (const item of value) if (item !== null) out.push(readJsonValue(model, shape.member!, item));
      return out;
    }
    case 'map': {
      expectObject(value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== null) setOwn(out, k, readJsonValue(model, shape.value!, v));
      }
      return out;
    }
    default:
      return readScalar(shape, value);
  }
}

function readStructure(model: ServiceModel, table: MemberTable, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    const member = table.get(key);
    if (member && v !== null && v !== undefined) out[member.name] = readJsonValue(model, member.ref, v);
  }
  return out;
}

function readScalar(shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw mismatch(value, 'a String');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(value, 'a Boolean');
      return value;
    case 'integer': case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(value, shape.type === 'long' ? 'a Long' : 'an Integer');
      return value;
    case 'float': case 'double':
      if (typeof value === 'number') return value;
      if (value === 'NaN') return NaN;
      if (value === 'Infinity') return Infinity;
      if (value === '-Infinity') return -Infinity;
      throw mismatch(value, shape.type === 'float' ? 'a Float' : 'a Double');
    case 'timestamp': {
      const date = typeof value === 'number' || typeof value === 'string' ? validDate(value) : undefined;
      if (!date) throw mismatch(value, 'a Date');
      return date;
    }
    case 'blob': {
      if (typeof value !== 'string') throw mismatch(value, 'a Blob');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
        throw new JsonTypeError(`'${value.length > 64 ? `${value.slice(0, 61)}...` : value}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`);
      }
      return Buffer.from(value, 'base64');
    }
    default:
      return value;
  }
}

function expectObject(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw Array.isArray(value) ? new JsonTypeError('Start of list found where not expected') : new JsonTypeError('Expected map or null');
  }
}

function tokenName(value: unknown): string {
  switch (typeof value) {
    case 'string': return 'STRING_VALUE';
    case 'number': return 'NUMBER_VALUE';
    case 'boolean': return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
    default: return 'VALUE';
  }
}

function mismatch(value: unknown, target: string): JsonTypeError {
  if (Array.isArray(value)) return new JsonTypeError('Start of list found where not expected');
  if (value !== null && typeof value === 'object') return new JsonTypeError('Start of structure or map found where not expected.');
  return new JsonTypeError(`${tokenName(value)} can not be converted to ${target}`);
}
