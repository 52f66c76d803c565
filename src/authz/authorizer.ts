/**
 * Step 5 of the pipeline: every authenticated call is decided by the IAM policy engine.
 *
 *   requirement = operationRequirements(service, operation, input)    action, resources, tags
 *   policies    = PolicyCache.policiesFor(principal)                  compiled, cached per principal
 *   decision    = evaluate(...) for each resource; the first non-Allow explains the denial
 *
 * Modes: `enforce` answers AccessDenied in the protocol's shape; `soft` logs at warn what would
 * be denied and lets the call through; `off` skips authorization entirely.
 */
import { evaluate, explainDenial, type AuthzRequest, type ContextValue, type PolicySet } from '../iam/policy/index.js';
import { loadServiceModel } from '../models/index.js';
import type { Logger } from '../server/logger.js';
import type { RequestObserver } from '../server/pipeline.js';
import type { Authorizer } from '../server/steps/authorize.js';
import type { RequestContext } from '../services/types.js';
import { accessDenied } from './access-denied.js';
import { operationRequirements, type Requirement } from './operation-requirements.js';
import { PolicyCache, type PrincipalPolicies, type SessionResolver } from './principal-policies.js';

export type EnforcementMode = 'enforce' | 'soft' | 'off';
export const ENFORCEMENT_MODES: readonly EnforcementMode[] = ['enforce', 'soft', 'off'];

export interface AuthorizerOptions {
  mode: EnforcementMode;
  logger: Logger;
  sessions?: SessionResolver;
  /** Cache lifetime of a principal's policy set (default 5 s); IAM writes invalidate at once. */
  ttlMs?: number;
}

export interface AuthorizationService {
  authorize: Authorizer;
  /** Bumps the policy generation after each IAM write has answered (add to the pipeline's observers). */
  observer: RequestObserver;
  cache: PolicyCache;
}

export interface AuthzOutcome {
  allowed: boolean;
  requirement: Requirement;
  /** The AWS wording of the denial ('' when allowed). */
  message: string;
  resource?: string;
}

export function createAuthorization(options: AuthorizerOptions): AuthorizationService {
  const cache = new PolicyCache({ ttlMs: options.ttlMs, sessions: options.sessions });
  const writes = new Set<string>();

  const decide = async (ctx: RequestContext, input: Record<string, unknown>): Promise<AuthzOutcome> => {
    const principal = ctx.principal;
    const found = cache.policiesFor(ctx.store, principal);
    const policies = found instanceof Promise ? await found : found;
    const requirement = await operationRequirements(ctx.service, ctx.operation, input, {
      account: ctx.account,
      region: ctx.region,
      callerName: policies?.userName,
      entityPath: (type, name) => cache.entityPath(ctx.store, ctx.account, type, name),
    });
    if (!policies || policies.unrestricted || requirement.alwaysAllowed) return { allowed: true, requirement, message: '' };
    const context = { ...globalKeys(ctx, policies), ...requirement.context };
    for (const resource of requirement.resources) {
      const request: AuthzRequest = { principal: policies.info, action: requirement.action, resource, context, now: ctx.receivedAt };
      const decision = evaluate(request, setForResource(policies.set, resource, ctx.principal.account));
      if (decision.decision !== 'Allow') return { allowed: false, requirement, resource, message: explainDenial(request, decision) };
    }
    return { allowed: true, requirement, message: '' };
  };

  const authorize: Authorizer = async (ctx, _op, input) => {
    if (options.mode === 'off') return;
    const outcome = await decide(ctx, input);
    if (outcome.allowed || options.mode === 'soft') {
      if ((ctx.service === 'iam' || ctx.service === 'organizations') && outcome.requirement.isWrite) {
        if (writes.size > 10_000) writes.clear(); // requests that never reached an observer
        writes.add(ctx.requestId);
        cache.bump();
      }
    }
    if (outcome.allowed) return;
    if (options.mode === 'soft') {
      options.logger.warn('authorization would deny (soft enforcement)', {
        requestId: ctx.requestId,
        principal: ctx.principal.arn,
        action: outcome.requirement.action,
        resource: outcome.resource,
        message: outcome.message,
      });
      return;
    }
    throw accessDenied(loadServiceModel(ctx.service).metadata.protocol, outcome.message);
  };

  const observer: RequestObserver = ({ ctx }) => {
    if (ctx && writes.delete(ctx.requestId)) cache.bump();
  };

  return { authorize, observer, cache };
}

/** The global condition keys the request context carries (the engine derives the principal's). */
function globalKeys(ctx: RequestContext, policies: PrincipalPolicies): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    'aws:SourceIp': ctx.sourceIp,
    // The listener speaks plain HTTP (node:http); TLS, when used, ends in front of it.
    'aws:SecureTransport': false,
    'aws:RequestedRegion': ctx.region,
    'aws:ViaAWSService': false,
    'aws:PrincipalIsAWSService': false,
  };
  if (ctx.userAgent) keys['aws:UserAgent'] = ctx.userAgent;
  // Known only for temporary credentials (AWS leaves it absent for long-term access keys).
  if (policies.mfaPresent !== undefined) keys['aws:MultiFactorAuthPresent'] = policies.mfaPresent;
  const session = ctx.principal.sessionContext;
  if (session) {
    keys['aws:TokenIssueTime'] = session.issuedAt;
    if (session.mfaAuthenticatedAt) {
      keys['aws:MultiFactorAuthAge'] = Math.max(0, Math.floor((ctx.receivedAt.getTime() - Date.parse(session.mfaAuthenticatedAt)) / 1000));
    }
    if (session.sourceIdentity) keys['aws:SourceIdentity'] = session.sourceIdentity;
  }
  return keys;
}

/**
 * RCPs guard the resources of the organization's accounts: the caller's organization's RCPs
 * do not apply to a resource in another account (that account's own RCPs would; cross-account
 * RCP lookup is not modelled yet).
 */
function setForResource(set: PolicySet, resource: string, principalAccount: string): PolicySet {
  if (!set.rcpLevels) return set;
  const resourceAccount = resource.split(':')[4];
  return resourceAccount && resourceAccount !== principalAccount ? { ...set, rcpLevels: undefined } : set;
}
