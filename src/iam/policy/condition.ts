/**
 * The Condition element: parsing into compiled blocks, and the generic semantics shared by all
 * operator families — negation, `…IfExists`, the `ForAnyValue:`/`ForAllValues:` set qualifiers,
 * several policy values (OR), several keys and operators (AND) and missing keys.
 */
import { findOperator, INVALID, type OperatorSpec } from './conditions/index.js';
import type { RequestContext } from './context.js';
import { fail } from './errors.js';
import { parseTemplate, resolveTemplate, type Template } from './variables.js';

export type Qualifier = 'none' | 'any' | 'all';

/** A policy value: precompiled, or a template compiled after substitution. */
type CompiledValue = { fixed: unknown } | { template: Template };

export interface CompiledCondition {
  operator: OperatorSpec;
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operatorText: string;
  qualifier: Qualifier;
  ifExists: boolean;
  /** Lower-cased context key. */
  key: string;
  values: CompiledValue[];
  /** The compiled values when none holds a variable (the common, allocation-free case). */
  fixed?: unknown[];
}

function parseOperator(text: string): { op: OperatorSpec; qualifier: Qualifier; ifExists: boolean } {
  let name = text;
  let qualifier: Qualifier = 'none';
  const colon = name.indexOf(':');
  if (colon !== -1) {
    const q = name.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') qualifier = 'all';
    else if (q === 'foranyvalue') qualifier = 'any';
    else fail(`Invalid Condition type : ${text}`);
    name = name.slice(colon + 1);
  }
  let ifExists = false;
  if (name.length > 8 && name.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    name = name.slice(0, -8);
  }
  const op = findOperator(name);
  if (!op || (op.presence && (ifExists || qualifier !== 'none'))) fail(`Invalid Condition type : ${text}`);
  return { op, qualifier, ifExists };
}

function scalar(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(`Syntax errors in policy. Condition ${where} must be a string, number, boolean or a list of them.`);
}

export function compileConditions(raw: unknown, substitute: boolean): CompiledCondition[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('Syntax errors in policy. Condition must be an object.');
  const out: CompiledCondition[] = [];
  for (const [opText, block] of Object.entries(raw as Record<string, unknown>)) {
    const { op, qualifier, ifExists } = parseOperator(opText);
    if (block === null || typeof block !== 'object' || Array.isArray(block)) fail(`Syntax errors in policy. Condition ${opText} must map keys to values.`);
    for (const [key, rawValues] of Object.entries(block as Record<string, unknown>)) {
      if (key.trim() === '') fail(`Syntax errors in policy. Empty condition key under ${opText}.`);
      const list = Array.isArray(rawValues) ? rawValues : [rawValues];
      const values: CompiledValue[] = [];
      for (const rv of list) {
        const s = scalar(rv, `${opText}/${key}`);
        const t = parseTemplate(s, op.wildcards, substitute && op.variables);
        if (typeof t !== 'string') { values.push({ template: t }); continue; }
        const c = op.compile(t);
        if (c === INVALID) fail(`Invalid value for condition ${opText}: ${key}: ${JSON.stringify(s)}`);
        values.push({ fixed: c });
      }
      const fixed = values.every((v) => 'fixed' in v) ? values.map((v) => (v as { fixed: unknown }).fixed) : undefined;
      out.push({ operator: op, operatorText: opText, qualifier, ifExists, key: key.toLowerCase(), values, fixed });
    }
  }
  return out;
}

/** Policy values after substitution; undefined if a variable could not be resolved. */
function resolveValues(c: CompiledCondition, ctx: RequestContext): unknown[] | undefined {
  const out: unknown[] = new Array(c.values.length);
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    if ('fixed' in v) { out[i] = v.fixed; continue; }
    const s = resolveTemplate(v.template, ctx);
    if (s === undefined) return undefined;
    const compiled = c.operator.compile(s);
    if (compiled === INVALID) return undefined;
    out[i] = compiled;
  }
  return out;
}

function anyValueMatches(op: OperatorSpec, ctxValue: string, values: unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (op.test(ctxValue, values[i])) return true;
  return false;
}

/** Whether one compiled condition holds for the request. */
export function conditionHolds(c: CompiledCondition, ctx: RequestContext): boolean {
  const op = c.operator;
  const present = ctx.get(c.key);
  if (op.presence) {
    // Null: several values are ORed; `true` means "absent".
    for (const v of c.values) if ((v as { fixed: boolean }).fixed === (present === undefined)) return true;
    return false;
  }
  if (present === undefined) {
    if (c.ifExists) return true;
    if (c.qualifier === 'all') return true;
    if (c.qualifier === 'any') return false;
    return op.negated;
  }
  const values = c.fixed ?? resolveValues(c, ctx);
  if (values === undefined) return false;
  const neg = op.negated;
  if (c.qualifier === 'none') {
    for (let i = 0; i < present.length; i++) if (anyValueMatches(op, present[i], values)) return !neg;
    return neg;
  }
  if (c.qualifier === 'any') {
    for (let i = 0; i < present.length; i++) if (anyValueMatches(op, present[i], values) !== neg) return true;
    return false;
  }
  for (let i = 0; i < present.length; i++) if (anyValueMatches(op, present[i], values) === neg) return false;
  return true;
}

/** All conditions of a statement (AND). */
export function conditionsHold(list: CompiledCondition[], ctx: RequestContext): boolean {
  for (let i = 0; i < list.length; i++) if (!conditionHolds(list[i], ctx)) return false;
  return true;
}
