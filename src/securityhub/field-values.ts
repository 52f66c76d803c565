/**
 * The values of a filter attribute on one finding, normalized for comparison: strings as
 * strings, numbers as numbers, dates as epoch milliseconds, maps as objects of strings, IP
 * addresses as text, booleans as booleans (a finding without `Sample` is not a sample). Always
 * a list — empty when the finding lacks the attribute — so one comparison serves single and
 * multi-valued attributes alike.
 */
import { filterField, type FieldKind } from './filter-fields.js';

export type Values = readonly unknown[];

const NONE: Values = Object.freeze([]);
const FALSE: Values = Object.freeze([false]);

type Segment = { name: string; each: boolean };
const compiled = new Map<string, Segment[]>();

function segments(path: string): Segment[] {
  let found = compiled.get(path);
  if (!found) {
    found = path.split('.').map((part) => (part.endsWith('[]') ? { name: part.slice(0, -2), each: true } : { name: part, each: false }));
    compiled.set(path, found);
  }
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every value at `path` in `root` (lists walked, missing parts skipped). */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const { name, each } of segments(path)) {
    const next: unknown[] = [];
    for (const item of current) {
      if (!isObject(item) || !Object.hasOwn(item, name)) continue;
      const value = item[name];
      if (each) {
        if (Array.isArray(value)) for (const v of value) if (v !== undefined && v !== null) next.push(v);
      } else if (value !== undefined && value !== null) next.push(value);
    }
    current = next;
    if (current.length === 0) return current;
  }
  return current;
}

/** An ASFF timestamp as epoch milliseconds; NaN when it is not one. */
export function timeOf(value: unknown): number {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? Date.parse(value) : NaN;
}

function normalized(kind: FieldKind, raw: unknown[]): Values {
  switch (kind) {
    case 'string': case 'ip': case 'keyword':
      return raw.filter((v) => typeof v === 'string');
    case 'number':
      return raw.filter((v) => typeof v === 'number');
    case 'date':
      return raw.map(timeOf).filter((t) => !Number.isNaN(t));
    case 'map':
      return raw.filter(isObject);
    case 'boolean': {
      const found = raw.find((v) => typeof v === 'boolean');
      return found === undefined ? FALSE : [found];
    }
  }
}

/** The normalized values of the filter attribute `field` (a known name) on `finding`. */
export function fieldValues(field: string, finding: object): Values {
  const known = filterField(field);
  if (!known) return NONE;
  const raw = known.paths.length === 1 ? valuesAt(finding, known.paths[0]!) : known.paths.flatMap((p) => valuesAt(finding, p));
  const values = normalized(known.kind, raw);
  return values.length === 0 ? NONE : values;
}
