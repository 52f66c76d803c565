import type { ServiceModel, Shape, ShapeRef } from '../models/index.js';

/**
 * Checks a parsed input against the model's constraints the way AWS front ends do: required
 * members, string/list/map length, numeric range, enum and pattern. Returns AWS-worded
 * violations ("Value 'x' at 'userName' failed to satisfy constraint: Member must have length
 * less than or equal to 64"); the protocol wraps them in its own error code.
 */
export function validateInput(model: ServiceModel, shape: Shape, value: Record<string, unknown>, selfValidated?: readonly string[]): string[] {
  const violations: string[] = [];
  // Members the service checks item by item itself get only their list's own length checked here.
  checkStructure(model, shape, value, '', violations, selfValidated && new Set(selfValidated));
  return violations;
}

/** "1 validation error detected: …" / "2 validation errors detected: …; …" as AWS words it. */
export function validationMessage(violations: string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}

const MAX_REPORTED = 10;

function memberPath(prefix: string, name: string): string {
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return prefix ? `${prefix}.${lower}` : lower;
}

function checkStructure(model: ServiceModel, shape: Shape, value: Record<string, unknown>, path: string, out: string[], itemsUnchecked?: ReadonlySet<string>): void {
  const members = shape.members ?? {};
  for (const name of shape.required ?? []) {
    const ref = members[name];
    if (value[name] === undefined || value[name] === null) {
      if (ref?.location === 'uri' || ref?.hostLabel) continue; // the router already demanded it
      out.push(`Value null at '${memberPath(path, name)}' failed to satisfy constraint: Member must not be null`);
    }
  }
  for (const [name, ref] of Object.entries(members)) {
    const v = value[name];
    if (v === undefined || v === null || out.length >= MAX_REPORTED) continue;
    const list = itemsUnchecked?.has(name) ? model.shape(ref.shape) : undefined;
    if (list?.type === 'list' && Array.isArray(v)) checkLength(list, v.length, v, memberPath(path, name), out);
    else checkValue(model, ref, v, memberPath(path, name), out);
  }
}

function checkValue(model: ServiceModel, ref: ShapeRef, value: unknown, path: string, out: string[]): void {
  const shape = model.shape(ref.shape);
  switch (shape.type) {
    case 'structure':
      if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)) {
        checkStructure(model, shape, value as Record<string, unknown>, path, out);
      }
      return;
    case 'list':
      if (Array.isArray(value)) {
        checkLength(shape, value.length, value, path, out);
        value.forEach((item, i) => {
          if (item !== null && item !== undefined && shape.member) checkValue(model, shape.member, item, `${path}.${i + 1}.member`, out);
        });
      }
      return;
    case 'map':
      if (value && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>);
        checkLength(shape, entries.length, value, path, out);
        for (const [k, v] of entries) {
          if (shape.key) checkValue(model, shape.key, k, `${path}.${k}.key`, out);
          if (shape.value && v !== null && v !== undefined) checkValue(model, shape.value, v, `${path}.${k}.value`, out);
        }
      }
      return;
    case 'string':
      if (typeof value === 'string') checkString(shape, value, path, out);
      return;
    case 'blob':
      if (value instanceof Uint8Array) checkLength(shape, value.length, '******', path, out);
      return;
    case 'integer': case 'long': case 'float': case 'double':
      if (typeof value === 'number') checkRange(shape, value, path, out);
      return;
    default:
      return;
  }
}

function describe(value: unknown, shape: Shape): string {
  if (shape.sensitive) return "'******'";
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `'[${value.join(', ')}]'`;
  if (typeof value === 'number') return `'${value}'`;
  return `'${JSON.stringify(value)}'`;
}

function checkString(shape: Shape, value: string, path: string, out: string[]): void {
  const length = [...value].length;
  if (checkLength(shape, length, value, path, out)) return;
  if (shape.enum && !shape.enum.includes(value)) {
    out.push(`Value ${describe(value, shape)} at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    return;
  }
  if (shape.pattern) {
    const re = compilePattern(shape.pattern);
    if (re && !re.test(value)) {
      out.push(`Value ${describe(value, shape)} at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
  }
}

/** Reports a length violation; returns true when one was found. */
function checkLength(shape: Shape, length: number, value: unknown, path: string, out: string[]): boolean {
  if (shape.min !== undefined && length < shape.min) {
    out.push(`Value ${describe(value, shape)} at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`);
    return true;
  }
  if (shape.max !== undefined && length > shape.max) {
    out.push(`Value ${describe(value, shape)} at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`);
    return true;
  }
  return false;
}

function checkRange(shape: Shape, value: number, path: string, out: string[]): void {
  if (shape.min !== undefined && value < shape.min) {
    out.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`);
  } else if (shape.max !== undefined && value > shape.max) {
    out.push(`Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`);
  }
}

const patternCache = new Map<string, RegExp | null>();

/**
 * AWS patterns are Java regular expressions matched against the whole value. Most compile as
 * JavaScript with the `u` flag; the few that do not are skipped rather than guessed at.
 */
export function compilePattern(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re !== undefined) return re;
  re = null;
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${pattern})$`, flags);
      break;
    } catch {
      // try the next dialect
    }
  }
  patternCache.set(pattern, re);
  return re;
}
