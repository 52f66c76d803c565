/**
 * AssumeRole: the role's trust policy (evaluated by the policy engine for the caller, with the
 * request's condition keys) decides; the session gets the role's permissions capped by the
 * session policies. The caller's own identity permission for sts:AssumeRole is the authorize
 * step's business, as for any action.
 */
import type { Principal, SessionContext } from '../../accounts/principal.js';
import { issueTemporaryCredentials } from '../../accounts/sessions.js';
import { evaluate, PolicyValidationError, type ContextValue } from '../../iam/policy/index.js';
import type { StoreOps } from '../../store/index.js';
import { findEntity, type EntityRecord } from '../iam/entities.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import {
  accessDenied,
  baseContext,
  callerTags,
  expiry,
  iamScopeOf,
  inheritedTags,
  mfaPresented,
  notAuthorized,
  ONE_HOUR,
  packedPolicySize,
  policyIds,
  sessionPolicies,
  sessionTags,
  tagContext,
  validationError,
  type SessionPolicies,
} from './common.js';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** The role an ARN names, or AccessDenied worded as AWS words it (it never says the role is missing). */
export async function roleFromArn(ops: StoreOps, caller: Principal, roleArn: string, action: string): Promise<{ role: EntityRecord; account: string }> {
  const m = ROLE_ARN.exec(roleArn);
  if (!m) throw validationError('Request ARN is invalid');
  const account = m[1] as string;
  const role = await findEntity(ops, iamScopeOf(account), 'role', m[2] as string);
  if (!role || role.Arn !== roleArn) throw notAuthorized(caller, action, roleArn);
  return { role, account };
}

export interface TrustCheck {
  caller: Principal;
  role: EntityRecord;
  roleAccount: string;
  /** The actions the trust policy must allow (sts:AssumeRole first, then sts:TagSession, sts:SetSourceIdentity). */
  actions: string[];
  context: Record<string, ContextValue | undefined>;
  tags: Record<string, string>;
  now: Date;
}

/** Each action must match an Allow of the trust policy for the caller and no Deny. */
export function checkTrust(t: TrustCheck): void {
  const doc = t.role.AssumeRolePolicyDocument;
  for (const action of t.actions) {
    let allowed = false;
    if (doc !== undefined) {
      try {
        const d = evaluate(
          {
            principal: { arn: t.caller.arn, account: t.caller.account, userId: t.caller.userId, tags: t.tags },
            action,
            resource: t.role.Arn,
            resourceAccount: t.roleAccount,
            context: t.context,
            now: t.now,
          },
          { resource: doc, resourceKind: 'trust', sameAccount: false },
        );
        const trust = d.matched.filter((s) => s.policyKind === 'resource');
        allowed = trust.some((s) => s.effect === 'Allow') && !trust.some((s) => s.effect === 'Deny');
      } catch (err) {
        if (!(err instanceof PolicyValidationError)) throw err;
      }
    }
    if (!allowed) throw notAuthorized(t.caller, action, t.role.Arn);
  }
}

/** DurationSeconds: 900 (the model's minimum) up to the role's maximum; 1 hour in a role chain. */
export function roleDuration(input: OperationInput, role: EntityRecord, chained: boolean): number {
  const requested = input.DurationSeconds as number | undefined;
  if (requested === undefined) return ONE_HOUR;
  if (chained && requested > ONE_HOUR) throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  if (requested > (role.MaxSessionDuration ?? ONE_HOUR)) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  return requested;
}

/** What differs between the ways a role session is issued (AssumeRole, web identity). */
export type RoleSessionOrigin = Pick<SessionContext, 'issuer' | 'mfaAuthenticated' | 'mfaAuthenticatedAt' | 'sourceIdentity' | 'tags' | 'transitiveTagKeys' | 'issuedBy' | 'webIdentity'>;

/** Issues a role session's temporary credentials: the assumed-role principal with its session context. */
export async function issueRoleSession(
  ctx: RequestContext,
  account: string,
  role: EntityRecord,
  sessionName: string,
  policies: SessionPolicies,
  expiresAt: Date,
  origin: RoleSessionOrigin,
): Promise<{ credentials: Record<string, unknown>; userId: string; arn: string }> {
  const arn = assumedRoleArn(account, role, sessionName);
  const session: SessionContext = {
    ...origin,
    issuedAt: ctx.receivedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    roleId: role.Id,
    roleArn: role.Arn,
    roleName: role.Name,
    sessionName,
    sessionPolicies: policies.texts,
    sessionPolicyIds: policyIds(policies, arn),
    sessionPolicyArns: policies.arns,
    hasSessionPolicy: policies.given,
  };
  const userId = `${role.Id}:${sessionName}`;
  const credentials = await issueTemporaryCredentials(ctx.store, ctx.masterKey, { type: 'AssumedRole', account, arn, userId, sessionContext: session }, expiresAt);
  return { credentials: credentials as unknown as Record<string, unknown>, userId, arn };
}

export function assumedRoleArn(account: string, role: EntityRecord, sessionName: string): string {
  return `arn:aws:sts::${account}:assumed-role/${role.Name}/${sessionName}`;
}

export const assumeRole: OperationHandler = async (ctx: RequestContext, input) => {
  const caller = ctx.principal;
  const roleArn = input.RoleArn as string;
  const sessionName = input.RoleSessionName as string;
  if (caller.type === 'Root') throw accessDenied('Roles may not be assumed by root accounts.');
  const { role, account } = await roleFromArn(ctx.store, caller, roleArn, 'sts:AssumeRole');

  const chained = caller.sessionContext !== undefined;
  const duration = roleDuration(input, role, chained);
  const mfaNow = await mfaPresented(ctx, input);
  const tags = sessionTags(input, inheritedTags(caller));
  const policies = await sessionPolicies(ctx.store, account, input);
  const requestedSourceIdentity = input.SourceIdentity as string | undefined;
  const inheritedSourceIdentity = caller.sessionContext?.sourceIdentity;
  if (requestedSourceIdentity !== undefined && inheritedSourceIdentity !== undefined && requestedSourceIdentity !== inheritedSourceIdentity) {
    throw accessDenied('SourceIdentity cannot be changed once set in a role chain.');
  }
  const sourceIdentity = requestedSourceIdentity ?? inheritedSourceIdentity;

  const actions = ['sts:AssumeRole'];
  if (tags.tags.length > 0) actions.push('sts:TagSession');
  if (requestedSourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const context: Record<string, ContextValue | undefined> = {
    ...baseContext(ctx, mfaNow),
    ...tagContext(tags.tags),
    'sts:RoleSessionName': sessionName,
    'sts:ExternalId': input.ExternalId as string | undefined,
    'sts:SourceIdentity': requestedSourceIdentity,
    'sts:TransitiveTagKeys': tags.transitiveTagKeys.length > 0 ? tags.transitiveTagKeys : undefined,
  };
  checkTrust({ caller, role, roleAccount: account, actions, context, tags: await callerTags(ctx.store, caller), now: ctx.receivedAt });

  const packed = policies.given || tags.tags.length > 0 ? packedPolicySize(policies, tags) : undefined;
  const expiresAt = expiry(ctx, duration);
  const mfa = mfaNow || caller.sessionContext?.mfaAuthenticated === true;
  const { credentials, userId, arn } = await issueRoleSession(ctx, account, role, sessionName, policies, expiresAt, {
    issuer: 'AssumeRole',
    mfaAuthenticated: mfa,
    mfaAuthenticatedAt: mfaNow ? ctx.receivedAt.toISOString() : caller.sessionContext?.mfaAuthenticatedAt,
    sourceIdentity,
    tags: tags.tags,
    transitiveTagKeys: tags.transitiveTagKeys,
    issuedBy: caller.arn,
  });
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    PackedPolicySize: packed,
    SourceIdentity: sourceIdentity,
  };
};
