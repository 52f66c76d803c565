/** Who is calling: the authenticated identity every request carries past authentication. */
export type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'AWSService' | 'Anonymous';

export interface Principal {
  type: PrincipalType;
  account: string;
  /** arn:aws:iam::123456789012:root, …:user/alice, arn:aws:sts::…:assumed-role/Role/session */
  arn: string;
  /** The unique id AWS reports (account id for root, AIDA… for users, AROA…:session for roles). */
  userId: string;
  accessKeyId?: string;
  /** Present on every principal authenticated by temporary (STS-issued) credentials. */
  sessionContext?: SessionContext;
}

export interface SessionTag {
  Key: string;
  Value: string;
}

/** The STS operation that issued a set of temporary credentials. */
export type SessionIssuer = 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetSessionToken' | 'GetFederationToken';

/**
 * What a temporary session carries for authorization (stored with its credential record, so
 * the authorize step reads it from `ctx.principal.sessionContext`):
 *
 * - AssumeRole / AssumeRoleWithWebIdentity: the role (`roleId`, `roleArn`, `roleName`); the
 *   role's own identity policies and boundary apply, capped by `sessionPolicies`.
 * - GetFederationToken: `parentUserArn`/`parentUserId` (the IAM user, or the root, that asked);
 *   the parent's identity policies apply, capped by `sessionPolicies` (no session policy → the
 *   session may do nothing but call STS, as AWS says).
 * - GetSessionToken: the principal stays the user/root; only `mfaAuthenticated` and times matter.
 */
export interface SessionContext {
  issuer: SessionIssuer;
  /** ISO times. */
  issuedAt: string;
  expiresAt: string;
  /** aws:MultiFactorAuthPresent (true when MFA was given at issue, or inherited in a role chain). */
  mfaAuthenticated: boolean;
  /** When MFA was presented (aws:MultiFactorAuthAge counts from here). */
  mfaAuthenticatedAt?: string;
  roleId?: string;
  roleArn?: string;
  roleName?: string;
  /** RoleSessionName (assumed roles) or Name (federated users). */
  sessionName?: string;
  parentUserArn?: string;
  parentUserId?: string;
  /**
   * Session policies as policy documents (JSON text): the inline `Policy` first, then the
   * default version of each customer managed policy in `sessionPolicyArns`, as read at issue
   * time. Absent/empty list: no session policy (no cap) — except GetFederationToken, where
   * `sessionPolicyArns`/`sessionPolicies` both empty means the session has no permissions.
   */
  sessionPolicies: string[];
  /** One id per `sessionPolicies` entry: `<session arn>#session-policy` for the inline one, else the policy ARN. */
  sessionPolicyIds: string[];
  /** The PolicyArns the caller passed (AWS managed ones `arn:aws:iam::aws:policy/…` have no text here). */
  sessionPolicyArns: string[];
  /** Whether any session policy was passed at all (inline or ARN). */
  hasSessionPolicy: boolean;
  sourceIdentity?: string;
  /** Session tags (aws:PrincipalTag/… — they override the role's tags of the same key). */
  tags: SessionTag[];
  /** Keys of `tags` that pass on to the next session in a role chain. */
  transitiveTagKeys: string[];
  /** ARN of the principal that called STS to get this session. */
  issuedBy: string;
  /** Web identity: the provider (issuer URL without https://), audience and subject. */
  webIdentity?: { provider: string; audience: string; subject: string };
}

export function rootPrincipal(account: string, accessKeyId?: string): Principal {
  return { type: 'Root', account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId };
}
