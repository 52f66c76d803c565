/**
 * requestParameters and responseElements as CloudTrail writes them: the call's input or
 * output with member names in lower camel case (`UserName` → `userName`, `SSHPublicKey` →
 * `sSHPublicKey`, as AWS does), nested structures, lists and maps alike. What must never reach a
 * log is left out: members the model marks sensitive (plaintexts, passwords, secret values,
 * secret access keys) and binary payloads (object bodies, ciphertexts). Timestamps read as AWS
 * writes them in these records ("Aug 1, 2024, 1:33:28 PM", UTC).
 */
import type { ServiceModel } from '../models/index.js';
import type { Shape, ShapeRef } from '../models/types.js';

const camelNames = new Map<string, string>();

function camel(name: string): string {
  let out = camelNames.get(name);
  if (out === undefined) {
    out = name.charAt(0).toLowerCase() + name.slice(1);
    camelNames.set(name, out);
  }
  return out;
}

/** The value of `ref` as CloudTrail records it; undefined when it must be left out. */
export function recordValue(model: ServiceModel, ref: ShapeRef | undefined, value: unknown): unknown {
  if (value === undefined || value === null || !ref) return undefined;
  const shape = model.shapes[ref.shape];
  if (!shape || shape.sensitive || shape.type === 'blob' || ref.streaming || shape.streaming) return undefined;
  return convert(model, shape, value);
}

function convert(model: ServiceModel, shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case 'structure':
      return typeof value === 'object' && value !== null ? structure(model, shape, value as Record<string, unknown>) : undefined;
    case 'list': {
      if (!Array.isArray(value)) return undefined;
      const out: unknown[] = [];
      for (const item of value) {
        const v = recordValue(model, shape.member, item);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(value)) {
        const v = recordValue(model, shape.value, item);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'timestamp': {
      const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
      return date && Number.isFinite(date.getTime()) ? trailDate(date, model.name === 'iam') : value;
    }
    default:
      return value;
  }
}

function structure(model: ServiceModel, shape: Shape, value: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = recordValue(model, ref, value[name]);
    if (v === undefined) continue;
    out[camel(name)] = v;
    any = true;
  }
  return any ? out : {};
}

/** The whole input or output structure; null when nothing of it is recorded. */
export function recordStructure(model: ServiceModel, ref: ShapeRef | undefined, value: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const out = recordValue(model, ref, value) as Record<string, unknown> | undefined;
  return out && Object.keys(out).length > 0 ? out : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Aug 1, 2024, 1:33:28 PM" in UTC, the form AWS's records carry for timestamps in responses
 * (IAM's records write no comma after the year: "Aug 1, 2024 1:33:28 PM").
 */
export function trailDate(date: Date, noYearComma = false): string {
  const h = date.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}${noYearComma ? '' : ','} ` +
    `${h % 12 === 0 ? 12 : h % 12}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`
  );
}
