/**
 * The Resource / NotResource element: case-sensitive ARN patterns. `?` is one character; a `*`
 * that ends an ARN part (or sits in the resource part) may span `:` and `/`, a `*` inside one
 * of the first five parts stays within it. Policy variables are substituted at evaluation.
 */
import type { RequestContext } from './context.js';
import { fail } from './errors.js';
import { compileGlob, globMatch, matchSentinels, STAR, STAR_SEG, wildMatch, type Glob } from './glob.js';
import { stringList } from './action.js';
import { parseTemplate, resolveTemplate, type Template } from './variables.js';

/** A fixed pattern, or a template resolved per request (`seg`: it holds segment-bounded stars). */
export type ResourcePattern = { glob: Glob } | { template: Template; seg: boolean };

export interface ResourceMatcher {
  any: boolean;
  patterns: ResourcePattern[];
}

/** Give each `*` of the first five ARN parts its reach; `colons` counts colons seen so far. */
function segmentStars(s: string, colons: { n: number }): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ':') colons.n++;
    if (c === STAR && colons.n < 5 && i + 1 < s.length && s[i + 1] !== ':') out += STAR_SEG;
    else out += c;
  }
  return out;
}

export function compileResources(v: unknown, field: 'Resource' | 'NotResource', substitute: boolean): ResourceMatcher {
  const list = stringList(v, field);
  if (list.length === 0) fail('Policy statement must contain resources.');
  const m: ResourceMatcher = { any: false, patterns: [] };
  for (const raw of list) {
    if (raw === '*') { m.any = true; continue; }
    if (!raw.startsWith('arn:') || raw.split(':').length < 6) fail(`Resource ${raw} must be in ARN format or "*".`);
    const t = parseTemplate(raw, true, substitute);
    const colons = { n: 0 };
    if (typeof t === 'string') { m.patterns.push({ glob: compileGlob(segmentStars(t, colons)) }); continue; }
    const parts = t.parts.map((p) => (typeof p === 'string' ? segmentStars(p, colons) : p));
    m.patterns.push({ template: { parts }, seg: parts.some((x) => typeof x === 'string' && x.includes(STAR_SEG)) });
  }
  return m;
}

export function resourceMatches(m: ResourceMatcher, resource: string, ctx: RequestContext): boolean {
  if (m.any) return true;
  for (let i = 0; i < m.patterns.length; i++) {
    const p = m.patterns[i];
    if ('glob' in p) {
      if (globMatch(p.glob, resource)) return true;
      continue;
    }
    const s = resolveTemplate(p.template, ctx);
    if (s !== undefined && (p.seg ? matchSentinels(s, resource) : wildMatch(s, resource))) return true;
  }
  return false;
}
