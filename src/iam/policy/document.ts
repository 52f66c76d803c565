/** A whole policy document: parse + validate once, cache the compiled form by text. */
import { LruCache } from './cache.js';
import { fail, PolicyValidationError } from './errors.js';
import { compileStatement, type CompiledStatement } from './statement.js';
import type { PolicyKind } from './types.js';

export interface CompiledPolicy {
  readonly compiled: true;
  kind: PolicyKind;
  version: '2012-10-17' | '2008-10-17';
  /** The document's Id element. */
  id?: string;
  /** Caller's name for the policy (ARN, name), reported in decisions. */
  policyId?: string;
  statements: CompiledStatement[];
  /** Indices of the statements that can apply to an action of a service, in order. */
  byService: Map<string, number[]>;
  /** Indices for services named by no statement (NotAction and wildcard-service statements). */
  fallback: number[];
}

/** The statements worth checking for an action of `service` (lower-cased). */
export function candidates(p: CompiledPolicy, service: string): number[] {
  return p.byService.get(service) ?? p.fallback;
}

function indexByService(statements: CompiledStatement[]): Pick<CompiledPolicy, 'byService' | 'fallback'> {
  const fallback: number[] = [];
  const named = new Map<string, number[]>();
  statements.forEach((st, i) => {
    const services = st.action ? st.action.services : null;
    if (services === null) fallback.push(i);
    else for (const s of services) named.set(s, [...(named.get(s) ?? []), i]);
  });
  const byService = new Map<string, number[]>();
  for (const [s, list] of named) byService.set(s, [...list, ...fallback].sort((a, b) => a - b));
  return { byService, fallback };
}

export type PolicyInput = string | object | CompiledPolicy;

const TOP_FIELDS = new Set(['Version', 'Id', 'Statement']);
const cache = new LruCache<string, CompiledPolicy>(4096);

export function isCompiled(p: unknown): p is CompiledPolicy {
  return typeof p === 'object' && p !== null && (p as { compiled?: unknown }).compiled === true;
}

function build(doc: unknown, kind: PolicyKind): CompiledPolicy {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail('Syntax errors in policy.');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!TOP_FIELDS.has(k)) fail(`Unknown field ${k}`);
  let version: CompiledPolicy['version'] = '2008-10-17';
  if (d.Version !== undefined) {
    if (d.Version !== '2012-10-17' && d.Version !== '2008-10-17') fail('The policy failed legacy parsing');
    version = d.Version;
  }
  if (d.Id !== undefined && typeof d.Id !== 'string') fail('Syntax errors in policy.');
  if (d.Statement === undefined) fail('Missing required field Statement');
  const list = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  const substitute = version === '2012-10-17';
  const statements = list.map((s, i) => compileStatement(s, i, kind, substitute));
  const sids = new Set<string>();
  for (const s of statements) {
    if (s.sid === undefined || s.sid === '') continue;
    if (sids.has(s.sid)) fail('Statement IDs (SID) in a single policy must be unique.');
    sids.add(s.sid);
  }
  const out: CompiledPolicy = { compiled: true, kind, version, statements, ...indexByService(statements) };
  if (typeof d.Id === 'string') out.id = d.Id;
  return out;
}

/**
 * Parse and validate a policy document as IAM does on write; throws PolicyValidationError.
 * Compiled policies are cached by (kind, text): compiling the same text again is a lookup.
 */
export function compilePolicy(input: PolicyInput, kind: PolicyKind, policyId?: string): CompiledPolicy {
  if (isCompiled(input)) return input;
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const key = `${kind}\u0000${policyId ?? ''}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let doc: unknown;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      throw new PolicyValidationError('Syntax errors in policy.');
    }
  } else {
    doc = input;
  }
  const compiled = build(doc, kind);
  if (policyId !== undefined) compiled.policyId = policyId;
  cache.set(key, compiled);
  return compiled;
}

/** Drop every cached compilation (tests; policy stores invalidate by text naturally). */
export function clearPolicyCache(): void {
  cache.clear();
}

export function policyCacheSize(): number {
  return cache.size;
}
