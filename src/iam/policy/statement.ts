/** One Statement: parsed, validated for its policy kind, and matched against a request. */
import { actionMatches, compileActions, type ActionMatcher } from './action.js';
import { compileConditions, conditionsHold, type CompiledCondition } from './condition.js';
import type { RequestContext } from './context.js';
import { parseEffect, type Effect } from './effect.js';
import { fail } from './errors.js';
import { compilePrincipal, type PrincipalMatcher } from './principal.js';
import { compileResources, resourceMatches, type ResourceMatcher } from './resource.js';
import type { PolicyKind } from './types.js';

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: Effect;
  action?: ActionMatcher;
  notAction?: ActionMatcher;
  resource?: ResourceMatcher;
  notResource?: ResourceMatcher;
  principal?: PrincipalMatcher;
  notPrincipal?: PrincipalMatcher;
  conditions: CompiledCondition[];
}

const FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const WITH_PRINCIPAL = new Set<PolicyKind>(['resource', 'trust', 'rcp']);
const ALNUM_SID = new Set<PolicyKind>(['identity', 'boundary', 'session', 'trust']);

function exclusive(s: Record<string, unknown>, a: string, b: string): void {
  if (s[a] !== undefined && s[b] !== undefined) fail(`Syntax errors in policy. A statement cannot have both ${a} and ${b}.`);
}

export function compileStatement(raw: unknown, index: number, kind: PolicyKind, substitute: boolean): CompiledStatement {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('Syntax errors in policy.');
  const s = raw as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!FIELDS.has(k)) fail(`Unknown field ${k}`);
  const out: CompiledStatement = { index, effect: parseEffect(s.Effect), conditions: [] };
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== 'string') fail('Syntax errors in policy. Sid must be a string.');
    if (ALNUM_SID.has(kind) && !/^[0-9A-Za-z]*$/.test(s.Sid)) {
      fail('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*');
    }
    out.sid = s.Sid;
  }
  exclusive(s, 'Action', 'NotAction');
  exclusive(s, 'Resource', 'NotResource');
  exclusive(s, 'Principal', 'NotPrincipal');

  if (s.Action !== undefined) out.action = compileActions(s.Action, 'Action');
  else if (s.NotAction !== undefined) out.notAction = compileActions(s.NotAction, 'NotAction');
  else fail('Policy statement must contain actions.');

  const hasPrincipal = s.Principal !== undefined || s.NotPrincipal !== undefined;
  if (WITH_PRINCIPAL.has(kind)) {
    if (!hasPrincipal) fail('Missing required field Principal');
    if (s.Principal !== undefined) out.principal = compilePrincipal(s.Principal, 'Principal');
    else out.notPrincipal = compilePrincipal(s.NotPrincipal, 'NotPrincipal');
    if (kind === 'rcp' && (!out.principal || !out.principal.wildcard)) fail('Invalid principal in policy: a resource control policy must use "Principal": "*"');
  } else if (hasPrincipal) {
    fail('Policy document should not specify a principal.');
  }

  const hasResource = s.Resource !== undefined || s.NotResource !== undefined;
  if (kind === 'trust') {
    if (s.Resource !== undefined) fail('Has prohibited field Resource');
    if (s.NotResource !== undefined) fail('Has prohibited field NotResource');
  } else if (s.Resource !== undefined) {
    out.resource = compileResources(s.Resource, 'Resource', substitute);
  } else if (s.NotResource !== undefined) {
    out.notResource = compileResources(s.NotResource, 'NotResource', substitute);
  } else if (kind !== 'scp' && !hasResource) {
    fail('Policy statement must contain resources.');
  }

  if (s.Condition !== undefined) out.conditions = compileConditions(s.Condition, substitute);
  return out;
}

/** Action, resource and conditions (the principal is checked by the caller). */
export function statementApplies(st: CompiledStatement, ctx: RequestContext): boolean {
  if (st.action ? !actionMatches(st.action, ctx.actionLower) : actionMatches(st.notAction!, ctx.actionLower)) return false;
  if (st.resource) {
    if (!resourceMatches(st.resource, ctx.resource, ctx)) return false;
  } else if (st.notResource) {
    if (resourceMatches(st.notResource, ctx.resource, ctx)) return false;
  }
  return st.conditions.length === 0 || conditionsHold(st.conditions, ctx);
}
