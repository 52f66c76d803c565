/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}` and the escapes
 * `${*}`, `${?}`, `${$}`. Only Version 2012-10-17 documents substitute them.
 */
import { fail } from './errors.js';
import { toSentinels } from './glob.js';
import type { RequestContext } from './context.js';

export interface VarRef {
  /** Lower-cased context key. */
  key: string;
  fallback?: string;
}

/** Literal chunks (already in sentinel form when wildcards apply) interleaved with variables. */
export type TemplatePart = string | VarRef;

export interface Template {
  parts: TemplatePart[];
}

const VAR_RE = /^\s*([^\s,'}]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Parse `raw`. Returns a plain string (sentinel form if `wildcards`) when it holds no variable,
 * otherwise a Template. With `substitute` false (Version 2008-10-17), `${…}` is literal text.
 */
export function parseTemplate(raw: string, wildcards: boolean, substitute: boolean): string | Template {
  const lit = (t: string) => (wildcards ? toSentinels(t) : t);
  if (!substitute || !raw.includes('${')) return lit(raw);
  const parts: TemplatePart[] = [];
  let buf = '';
  let i = 0;
  let hasVar = false;
  while (i < raw.length) {
    const start = raw.indexOf('${', i);
    if (start === -1) { buf += lit(raw.slice(i)); break; }
    buf += lit(raw.slice(i, start));
    const end = raw.indexOf('}', start + 2);
    if (end === -1) { buf += lit(raw.slice(start)); break; }
    const inner = raw.slice(start + 2, end);
    i = end + 1;
    if (inner === '*' || inner === '?' || inner === '$') { buf += inner; continue; }
    const m = VAR_RE.exec(inner);
    if (!m) fail(`Invalid policy variable: \${${inner}}`);
    if (buf) parts.push(buf);
    buf = '';
    const ref: VarRef = { key: m[1].toLowerCase() };
    if (m[2] !== undefined) ref.fallback = wildcards ? m[2] : m[2];
    parts.push(ref);
    hasVar = true;
  }
  if (buf) parts.push(buf);
  if (!hasVar) return parts.length === 0 ? '' : (parts as string[]).join('');
  return { parts };
}

/** Substitute the variables; undefined when one is missing and has no default. */
export function resolveTemplate(t: Template, ctx: RequestContext): string | undefined {
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') { out += p; continue; }
    const v = ctx.get(p.key);
    if (v !== undefined && v.length === 1) out += v[0];
    else if (p.fallback !== undefined) out += p.fallback;
    else return undefined;
  }
  return out;
}
