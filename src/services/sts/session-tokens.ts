/**
 * GetSessionToken and GetFederationToken: temporary credentials for an IAM user (or the root
 * user) from its long-term keys. Neither may be called with temporary credentials.
 */
import type { SessionContext } from '../../accounts/principal.js';
import { issueTemporaryCredentials, isTemporary } from '../../accounts/sessions.js';
import type { OperationHandler } from '../types.js';
import { accessDenied, expiry, mfaPresented, ONE_HOUR, packedPolicySize, policyIds, sessionPolicies, sessionTags } from './common.js';

/** Both default to 12 hours; the model bounds them to 900..129600; the root user gets at most one hour. */
const DEFAULT_DURATION = 43200;

function duration(requested: number | undefined, root: boolean): number {
  const d = requested ?? DEFAULT_DURATION;
  return root ? Math.min(d, ONE_HOUR) : d;
}

export const getSessionToken: OperationHandler = async (ctx, input) => {
  const caller = ctx.principal;
  if (isTemporary(caller)) throw accessDenied('Cannot call GetSessionToken with session credentials');
  if (caller.type !== 'IAMUser' && caller.type !== 'Root') throw accessDenied(`User: ${caller.arn} is not authorized to perform: sts:GetSessionToken`);
  const mfa = await mfaPresented(ctx, input);
  const expiresAt = expiry(ctx, duration(input.DurationSeconds as number | undefined, caller.type === 'Root'));
  const session: SessionContext = {
    issuer: 'GetSessionToken',
    issuedAt: ctx.receivedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    mfaAuthenticated: mfa,
    mfaAuthenticatedAt: mfa ? ctx.receivedAt.toISOString() : undefined,
    sessionPolicies: [],
    sessionPolicyIds: [],
    sessionPolicyArns: [],
    hasSessionPolicy: false,
    tags: [],
    transitiveTagKeys: [],
    issuedBy: caller.arn,
  };
  // The principal stays the user (or root): same ARN, same policies, now with MFA context.
  const credentials = await issueTemporaryCredentials(ctx.store, ctx.masterKey, { type: caller.type, account: caller.account, arn: caller.arn, userId: caller.userId, sessionContext: session }, expiresAt);
  return { Credentials: credentials };
};

export const getFederationToken: OperationHandler = async (ctx, input) => {
  const caller = ctx.principal;
  if (isTemporary(caller)) throw accessDenied('Cannot call GetFederationToken with session credentials');
  if (caller.type !== 'IAMUser' && caller.type !== 'Root') throw accessDenied(`User: ${caller.arn} is not authorized to perform: sts:GetFederationToken`);
  const name = input.Name as string;
  const policies = await sessionPolicies(ctx.store, caller.account, input);
  const tags = sessionTags(input);
  const packed = policies.given || tags.tags.length > 0 ? packedPolicySize(policies, tags) : undefined;
  const expiresAt = expiry(ctx, duration(input.DurationSeconds as number | undefined, caller.type === 'Root'));
  const arn = `arn:aws:sts::${caller.account}:federated-user/${name}`;
  const userId = `${caller.account}:${name}`;
  const session: SessionContext = {
    issuer: 'GetFederationToken',
    issuedAt: ctx.receivedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    mfaAuthenticated: false,
    sessionName: name,
    parentUserArn: caller.arn,
    parentUserId: caller.userId,
    sessionPolicies: policies.texts,
    sessionPolicyIds: policyIds(policies, arn),
    sessionPolicyArns: policies.arns,
    hasSessionPolicy: policies.given,
    tags: tags.tags,
    transitiveTagKeys: [],
    issuedBy: caller.arn,
  };
  const credentials = await issueTemporaryCredentials(ctx.store, ctx.masterKey, { type: 'FederatedUser', account: caller.account, arn, userId, sessionContext: session }, expiresAt);
  return { Credentials: credentials, FederatedUser: { FederatedUserId: userId, Arn: arn }, PackedPolicySize: packed };
};
