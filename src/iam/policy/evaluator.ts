/**
 * AWS's policy evaluation logic: explicit denies anywhere win; then RCPs and SCPs (an Allow
 * at every level of the organization); then, within one account, an Allow from an identity
 * policy (capped by the permissions boundary and session policies) or from a resource policy
 * (not capped when it names the user or the session itself); across accounts, both sides.
 */
import { RequestContext } from './context.js';
import { candidates, compilePolicy, type CompiledPolicy, type PolicyInput } from './document.js';
import { notPrincipalExcludes, principalMatch, type PrincipalMatch } from './principal.js';
import { statementApplies } from './statement.js';
import type { AuthzRequest, Decision, DenySource, MatchedStatement, PolicyKind } from './types.js';

export interface PolicyLevel {
  /** A label (root, OU id, account id); informational. */
  level?: string;
  policies: PolicyInput[];
}

export interface PolicySet {
  identity?: PolicyInput[];
  resource?: PolicyInput;
  permissionsBoundary?: PolicyInput;
  /** Session policies (inline and managed ARNs passed at AssumeRole / GetFederationToken). */
  session?: PolicyInput | PolicyInput[];
  /** SCPs from the root down to the principal's account. */
  scpLevels?: Array<PolicyLevel | PolicyInput[]>;
  /** RCPs from the root down to the resource's account. */
  rcpLevels?: Array<PolicyLevel | PolicyInput[]>;
  /** SCPs never restrict principals of the organization's management account. */
  principalInManagementAccount?: boolean;
  /** RCPs never restrict resources of the organization's management account. */
  resourceInManagementAccount?: boolean;
  /**
   * KMS key policies: the resource policy must allow (identity policies count only through it).
   * Defaults to true for a kms: action on a KMS key ARN.
   */
  resourcePolicyRequired?: boolean;
  /** Overrides the same-account test (principal account = resource account). */
  sameAccount?: boolean;
  /** How an uncompiled `resource` is validated: `trust` for a role's trust policy (AssumeRole). */
  resourceKind?: 'resource' | 'trust';
}

/** What one scan of a policy found. */
interface Scan {
  allow: boolean;
  deny: boolean;
}

const KIND_OF: Record<DenySource, PolicyKind> = {
  identity: 'identity', resource: 'resource', scp: 'scp', rcp: 'rcp', boundary: 'boundary', session: 'session',
};

const KMS_KEY_RE = /^arn:[^:]+:kms:[^:]*:[^:]*:key\//;

function compiled(p: PolicyInput, source: DenySource, kind: PolicyKind = KIND_OF[source]): CompiledPolicy {
  return compilePolicy(p, kind);
}

function record(out: MatchedStatement[], source: DenySource, p: CompiledPolicy, i: number): void {
  const st = p.statements[i];
  const m: MatchedStatement = { policyKind: source, statementIndex: st.index, effect: st.effect };
  if (p.policyId !== undefined) m.policyId = p.policyId;
  if (st.sid !== undefined) m.sid = st.sid;
  out.push(m);
}

/** Scan a principal-less policy (identity, boundary, session, SCP). */
function scan(p: CompiledPolicy, source: DenySource, ctx: RequestContext, acc: Scan, matched: MatchedStatement[]): void {
  const sts = p.statements;
  const idx = candidates(p, ctx.service);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const st = sts[i];
    if (!statementApplies(st, ctx)) continue;
    record(matched, source, p, i);
    if (st.effect === 'Deny') acc.deny = true;
    else acc.allow = true;
  }
}

function levelPolicies(l: PolicyLevel | PolicyInput[]): PolicyInput[] {
  return Array.isArray(l) ? l : l.policies;
}

/** Organization levels: a Deny anywhere, or a level without any Allow. */
function scanLevels(levels: Array<PolicyLevel | PolicyInput[]>, source: DenySource, ctx: RequestContext, matched: MatchedStatement[], usePrincipal: boolean): Scan {
  const out: Scan = { allow: true, deny: false };
  for (const level of levels) {
    const acc: Scan = { allow: false, deny: false };
    for (const p of levelPolicies(level)) {
      const c = compiled(p, source);
      if (usePrincipal) scanResource(c, source, ctx, acc, matched, false);
      else scan(c, source, ctx, acc, matched);
    }
    if (acc.deny) out.deny = true;
    if (!acc.allow) out.allow = false;
  }
  return out;
}

interface ResourceScan extends Scan {
  direct: boolean;
  role: boolean;
  account: boolean;
}

function scanResource(p: CompiledPolicy, source: DenySource, ctx: RequestContext, acc: Scan | ResourceScan, matched: MatchedStatement[], hasBoundary: boolean): void {
  const principal = ctx.principal;
  const sts = p.statements;
  const idx = candidates(p, ctx.service);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const st = sts[i];
    let how: PrincipalMatch | undefined;
    if (st.principal) {
      how = principalMatch(st.principal, principal);
      if (how === undefined) continue;
    } else if (st.notPrincipal) {
      // A Deny with NotPrincipal always applies to a principal that has a permissions boundary.
      const boundaryQuirk = st.effect === 'Deny' && hasBoundary;
      if (!boundaryQuirk && notPrincipalExcludes(st.notPrincipal, principal)) continue;
      how = 'direct';
    } else {
      how = 'direct';
    }
    if (!statementApplies(st, ctx)) continue;
    record(matched, source, p, i);
    if (st.effect === 'Deny') { acc.deny = true; continue; }
    acc.allow = true;
    if ('direct' in acc) {
      if (how === 'direct') acc.direct = true;
      else if (how === 'role') acc.role = true;
      else acc.account = true;
    }
  }
}

function denied(decision: 'ImplicitDeny' | 'ExplicitDeny', by: DenySource, matched: MatchedStatement[], missing?: DenySource[]): Decision {
  const d: Decision = { decision, deniedBy: by, matched };
  if (missing && missing.length) d.missingAllowFrom = missing;
  return d;
}

/** Decide a request against its policies. */
export function evaluate(request: AuthzRequest | RequestContext, set: PolicySet): Decision {
  const ctx = request instanceof RequestContext ? request : new RequestContext(request);
  const matched: MatchedStatement[] = [];
  const p = ctx.principal;

  const scp: Scan = set.scpLevels && !set.principalInManagementAccount ? scanLevels(set.scpLevels, 'scp', ctx, matched, false) : { allow: true, deny: false };
  const rcp: Scan = set.rcpLevels && !set.resourceInManagementAccount ? scanLevels(set.rcpLevels, 'rcp', ctx, matched, true) : { allow: true, deny: false };

  const hasBoundary = set.permissionsBoundary !== undefined;
  const res: ResourceScan = { allow: false, deny: false, direct: false, role: false, account: false };
  if (set.resource !== undefined) scanResource(compiled(set.resource, 'resource', set.resourceKind), 'resource', ctx, res, matched, hasBoundary);

  const id: Scan = { allow: false, deny: false };
  if (set.identity) for (const pol of set.identity) scan(compiled(pol, 'identity'), 'identity', ctx, id, matched);

  const pb: Scan = { allow: false, deny: false };
  if (hasBoundary) scan(compiled(set.permissionsBoundary!, 'boundary'), 'boundary', ctx, pb, matched);

  const sess: Scan = { allow: false, deny: false };
  const sessions = set.session === undefined ? undefined : Array.isArray(set.session) ? set.session : [set.session];
  if (sessions) for (const pol of sessions) scan(compiled(pol, 'session'), 'session', ctx, sess, matched);

  // 1. Explicit denies, in the order of AWS's evaluation flow chart.
  if (rcp.deny) return denied('ExplicitDeny', 'rcp', matched);
  if (scp.deny) return denied('ExplicitDeny', 'scp', matched);
  if (res.deny) return denied('ExplicitDeny', 'resource', matched);
  if (id.deny) return denied('ExplicitDeny', 'identity', matched);
  if (pb.deny) return denied('ExplicitDeny', 'boundary', matched);
  if (sess.deny) return denied('ExplicitDeny', 'session', matched);

  const isRoot = p.type === 'Account';
  const same = set.sameAccount ?? (!p.account || !ctx.resourceAccount || p.account === ctx.resourceAccount);
  // The root user holds every permission of its own account (only SCPs and resource policies limit it).
  const identityAllow = id.allow || isRoot;
  const boundaryOk = isRoot || !hasBoundary || pb.allow;
  const sessionOk = isRoot || !sessions || sess.allow;

  // 2. Organization guardrails, then the account-level decision.
  const missing: DenySource[] = [];
  if (!rcp.allow) missing.push('rcp');
  if (!scp.allow) missing.push('scp');

  let granted: boolean;
  const required = set.resourcePolicyRequired ?? (ctx.actionLower.startsWith('kms:') && KMS_KEY_RE.test(ctx.resource));
  if (same && !required) {
    const viaEntity = identityAllow || res.role;
    granted = res.direct || (viaEntity && boundaryOk && sessionOk);
    if (!granted) {
      if (!viaEntity) missing.push('identity');
      if (!boundaryOk) missing.push('boundary');
      if (!sessionOk) missing.push('session');
    }
  } else if (same) {  // resource policy required (KMS keys)
    const viaEntity = res.role || (res.account && identityAllow);
    granted = res.direct || (viaEntity && boundaryOk && sessionOk);
    if (!granted) {
      if (!res.allow) missing.push('resource');
      else if (!viaEntity) missing.push('identity');
      if (!boundaryOk) missing.push('boundary');
      if (!sessionOk) missing.push('session');
    }
  } else {
    granted = identityAllow && boundaryOk && sessionOk && res.allow;
    if (!identityAllow) missing.push('identity');
    if (!boundaryOk) missing.push('boundary');
    if (!sessionOk) missing.push('session');
    if (!res.allow) missing.push('resource');
  }
  if (missing.length === 0 && granted) return { decision: 'Allow', matched };
  if (missing.length === 0) missing.push('identity');
  return denied('ImplicitDeny', missing[0], matched, missing);
}

/** Build the per-request context once when one request is evaluated against several policy sets. */
export function prepareRequest(request: AuthzRequest): RequestContext {
  return new RequestContext(request);
}
