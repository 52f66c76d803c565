import type { ServiceModel } from '../../models/index.js';
import { setOwn } from './own-property.js';
import { formatText, joinHeaderList, parseText, splitHeaderList, timestampFormatFor, type TextLocation } from './scalar-text.js';
import type { MemberPlan, StructurePlan } from './structure-plan.js';

/**
 * Reads and writes the members bound to the HTTP message itself (labels, query, headers,
 * status code), as opposed to the body. A value that does not fit its shape is reported to
 * `bad` (which throws the protocol's own error).
 */
export interface BoundSources {
  labels: Record<string, string>;
  query: Map<string, string[]>;
  headers: Record<string, string>;
  /** Query names the route's requestUri carries itself (never part of a query map member). */
  queryLiterals: Set<string>;
}

export type BadValue = (location: TextLocation, wire: string, text: string, reason: string) => never;

export function readBoundMembers(model: ServiceModel, plan: StructurePlan, src: BoundSources, bad: BadValue): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of plan.labels) {
    const text = src.labels[m.wire];
    if (text !== undefined) out[m.name] = readText(m, text, 'uri', bad);
  }
  for (const m of plan.query) {
    const values = src.query.get(m.wire);
    if (!values) continue;
    if (m.shape.type === 'list') {
      const item = memberOf(model, m);
      out[m.name] = values.map((v) => readText(item, v, 'querystring', bad));
    } else {
      out[m.name] = readText(m, values[0], 'querystring', bad);
    }
  }
  if (plan.queryMap) out[plan.queryMap.name] = readQueryMap(model, plan, plan.queryMap, src, bad);
  for (const m of plan.headers) {
    const text = src.headers[m.wire];
    if (text === undefined) continue;
    if (m.shape.type === 'list') {
      const item = memberOf(model, m);
      const dates = item.shape.type === 'timestamp' && timestampFormatFor(item.ref, item.shape, 'rfc822') === 'rfc822';
      out[m.name] = text.trim() === '' ? [] : splitHeaderList(text, dates).map((v) => readText(item, v, 'header', bad));
    } else {
      out[m.name] = readText(m, text, 'header', bad);
    }
  }
  for (const m of plan.prefixHeaders) {
    const map: Record<string, unknown> = {};
    const value = valueOf(model, m);
    for (const [name, text] of Object.entries(src.headers)) {
      if (name.startsWith(m.wire) && name.length > m.wire.length) setOwn(map, name.slice(m.wire.length), readText(value, text, 'header', bad));
    }
    if (Object.keys(map).length > 0) out[m.name] = map;
  }
  return out;
}

function readQueryMap(model: ServiceModel, plan: StructurePlan, m: MemberPlan, src: BoundSources, bad: BadValue): Record<string, unknown> | undefined {
  const claimed = new Set(plan.query.map((q) => q.wire));
  const value = valueOf(model, m);
  const out: Record<string, unknown> = {};
  for (const [name, values] of src.query) {
    if (claimed.has(name) || src.queryLiterals.has(name)) continue;
    if (value.shape.type === 'list') {
      const item = memberOf(model, value);
      setOwn(out, name, values.map((v) => readText(item, v, 'querystring', bad)));
    } else {
      setOwn(out, name, readText(value, values[0], 'querystring', bad));
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readText(m: MemberPlan, text: string, location: TextLocation, bad: BadValue): unknown {
  try {
    return parseText(m.ref, m.shape, text, location);
  } catch (err) {
    return bad(location, m.wire, text, (err as Error).message);
  }
}

function memberOf(model: ServiceModel, m: MemberPlan): MemberPlan {
  const ref = m.shape.member ?? { shape: 'String' };
  return { name: m.name, ref, shape: m.shape.member ? model.shape(ref.shape) : { type: 'string' }, wire: m.wire };
}

function valueOf(model: ServiceModel, m: MemberPlan): MemberPlan {
  const ref = m.shape.value ?? { shape: 'String' };
  return { name: m.name, ref, shape: m.shape.value ? model.shape(ref.shape) : { type: 'string' }, wire: m.wire };
}

/** The headers and status code an output's bound members ask for (lower-cased header names). */
export function writeBoundMembers(model: ServiceModel, plan: StructurePlan, output: Record<string, unknown>): { headers: Record<string, string>; status?: number } {
  const headers: Record<string, string> = {};
  for (const m of plan.headers) {
    const v = output[m.name];
    if (v === undefined || v === null) continue;
    if (m.shape.type === 'list' && Array.isArray(v)) {
      const item = memberOf(model, m);
      const dates = item.shape.type === 'timestamp' && timestampFormatFor(item.ref, item.shape, 'rfc822') === 'rfc822';
      headers[m.wire] = headerSafe(joinHeaderList(v.filter((x) => x !== undefined && x !== null).map((x) => formatText(item.ref, item.shape, x, 'header')), dates));
    } else {
      headers[m.wire] = headerSafe(formatText(m.ref, m.shape, v, 'header'));
    }
  }
  for (const m of plan.prefixHeaders) {
    const map = output[m.name];
    if (!map || typeof map !== 'object') continue;
    const value = valueOf(model, m);
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
      if (v !== undefined && v !== null) headers[`${m.wire}${k}`.toLowerCase()] = headerSafe(formatText(value.ref, value.shape, v, 'header'));
    }
  }
  const status = plan.statusCode ? output[plan.statusCode.name] : undefined;
  return { headers, status: typeof status === 'number' ? status : undefined };
}

/**
 * A header value HTTP can carry. Text beyond printable ASCII (non-ASCII metadata, line breaks)
 * is sent as an RFC 2047 encoded word, `=?UTF-8?B?…?=`, as S3 does for user metadata.
 */
export function headerSafe(value: string): string {
  return /^[\t\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
