/**
 * Reading requestParameters without trusting their shape. AWS writes them in more than one
 * style: EC2 wraps lists as `{"items": [...]}`, S3 keeps XML element names
 * (`PublicAccessBlockConfiguration`), other services use lower camel case; Bulwark's own
 * records use the model's members in lower camel case. These readers accept all of them and
 * return empty values for anything missing or malformed.
 */
import type { TrailEvent } from '../../trail-event.js';

export type Fields = Record<string, unknown>;

const EMPTY: Fields = Object.freeze({}) as Fields;

export function fieldsOf(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : EMPTY;
}

export function requestParameters(event: TrailEvent): Fields {
  return fieldsOf(event.record().requestParameters);
}

/** A member by its name as written (`PublicAccessBlockConfiguration`) or in lower camel case. */
export function member(fields: Fields, name: string): unknown {
  const exact = fields[name];
  if (exact !== undefined) return exact;
  return fields[name.charAt(0).toLowerCase() + name.slice(1)];
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The elements of a list however it was written: an array, EC2's `{items: [...]}`, or one (non-empty) object. */
export function itemsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const fields = fieldsOf(value);
  if (Array.isArray(fields.items)) return fields.items;
  return Object.keys(fields).length === 0 ? [] : [fields];
}

/** The strings of a value that is one string, a list of strings or a list of `{value}` items. */
export function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  const out: string[] = [];
  for (const item of itemsOf(value)) {
    const text = typeof item === 'string' ? item : textOf(fieldsOf(item).value);
    if (text) out.push(text);
  }
  return out;
}

/** True for `true` and "true" (records carry booleans both ways). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** True for `false` and "false". */
export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

