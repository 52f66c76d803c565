/**
 * The userIdentity element of a CloudTrail record, from the authenticated principal — the
 * forms AWS documents ("CloudTrail userIdentity element"): Root, IAMUser, AssumedRole (with
 * sessionContext.sessionIssuer and webIdFederationData), FederatedUser, temporary
 * credentials of a user or root (sessionContext.attributes only), AWSAccount for the account
 * that owns a resource another account used, and anonymous S3 callers.
 */
import type { Principal } from '../accounts/principal.js';

export type UserIdentity = Record<string, unknown>;

export function userIdentity(principal: Principal): UserIdentity {
  if (principal.type === 'Anonymous') return { type: 'AWSAccount', principalId: '', accountId: 'anonymous' };
  const identity: UserIdentity = {
    type: principal.type,
    principalId: principal.userId,
    arn: principal.arn,
    accountId: principal.account,
  };
  if (principal.accessKeyId) identity.accessKeyId = principal.accessKeyId;
  if (principal.type === 'IAMUser') identity.userName = principal.arn.slice(principal.arn.lastIndexOf('/') + 1);
  const session = principal.sessionContext;
  if (session) {
    const context: Record<string, unknown> = {};
    if (session.roleArn && session.roleId) {
      context.sessionIssuer = { type: 'Role', principalId: session.roleId, arn: session.roleArn, accountId: principal.account, userName: session.roleName ?? '' };
    } else if (session.issuer === 'GetFederationToken' && session.parentUserArn) {
      const parentIsRoot = session.parentUserArn.endsWith(':root');
      context.sessionIssuer = {
        type: parentIsRoot ? 'Root' : 'IAMUser',
        principalId: session.parentUserId ?? principal.account,
        arn: session.parentUserArn,
        accountId: principal.account,
        ...(parentIsRoot ? {} : { userName: session.parentUserArn.slice(session.parentUserArn.lastIndexOf('/') + 1) }),
      };
    }
    if (session.issuer === 'AssumeRoleWithWebIdentity' && session.webIdentity) {
      context.webIdFederationData = { federatedProvider: session.webIdentity.provider, attributes: {} };
    } else if (context.sessionIssuer) {
      context.webIdFederationData = {};
    }
    context.attributes = { creationDate: isoSeconds(session.issuedAt), mfaAuthenticated: String(session.mfaAuthenticated) };
    if (session.sourceIdentity) context.sourceIdentity = session.sourceIdentity;
    identity.sessionContext = context;
  }
  return identity;
}

/** The resource owner's copy of a cross-account call names only the calling account. */
export function accountIdentity(principal: Principal): UserIdentity {
  return { type: 'AWSAccount', principalId: principal.userId, accountId: principal.account };
}

/** "2024-08-01T13:33:28Z": CloudTrail's times carry no fraction of a second. */
export function isoSeconds(value: string | Date): string {
  const text = typeof value === 'string' ? value : value.toISOString();
  return text.length === 24 && text.endsWith('Z') ? `${text.slice(0, 19)}Z` : text;
}
