/** The Action / NotAction element: case-insensitive names with `*` and `?`. */
import { fail } from './errors.js';
import { compileGlob, globMatch, toSentinels, type Glob } from './glob.js';

export interface ActionMatcher {
  any: boolean;
  /** Lower-cased names without wildcards. */
  exact: Set<string>;
  patterns: Glob[];
  /** Lower-cased service prefixes the element can match; null when any service may match. */
  services: Set<string> | null;
}

const ACTION_RE = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?-]*$/;

/** Normalise an element that is a string or a non-empty list of strings. */
export function stringList(v: unknown, field: string): string[] {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) fail(`Syntax errors in policy. ${field} must be a string or a list of strings.`);
  return list as string[];
}

export function compileActions(v: unknown, field: 'Action' | 'NotAction'): ActionMatcher {
  const list = stringList(v, field);
  if (list.length === 0) fail('Policy statement must contain actions.');
  const m: ActionMatcher = { any: false, exact: new Set(), patterns: [], services: new Set() };
  for (const raw of list) {
    if (raw === '*') { m.any = true; m.services = null; continue; }
    if (!ACTION_RE.test(raw)) fail('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    const lower = raw.toLowerCase();
    const service = lower.slice(0, lower.indexOf(':'));
    if (/[*?]/.test(service)) m.services = null;
    else m.services?.add(service);
    if (!/[*?]/.test(lower)) m.exact.add(lower);
    else m.patterns.push(compileGlob(toSentinels(lower)));
  }
  return m;
}

/** `action` must already be lower-cased. */
export function actionMatches(m: ActionMatcher, action: string): boolean {
  if (m.any || m.exact.has(action)) return true;
  for (let i = 0; i < m.patterns.length; i++) if (globMatch(m.patterns[i], action)) return true;
  return false;
}
