/** Shared types of the policy engine's public surface. */

/** Where a policy document is used; decides which elements it must and must not have. */
export type PolicyKind = 'identity' | 'resource' | 'scp' | 'rcp' | 'boundary' | 'session' | 'trust';

/** The policy types that can deny a request (explicitly or by lacking an Allow). */
export type DenySource = 'identity' | 'resource' | 'scp' | 'rcp' | 'boundary' | 'session';

export type PrincipalType =
  | 'Account' // the account root user
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'Service'
  | 'Anonymous';

export interface PrincipalInfo {
  /** ARN of the caller: user, assumed-role session, federated user, root, or `*` for anonymous. */
  arn: string;
  /** Defaults to the ARN's account field. */
  account?: string;
  /** Defaults to what the ARN says. */
  type?: PrincipalType;
  /** aws:PrincipalTag/… values (tags of the user or role, plus session tags). */
  tags?: Record<string, string>;
  /** aws:userid. */
  userId?: string;
}

export type ContextValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

export type ContextLayer = Readonly<Record<string, ContextValue | undefined>>;

export interface AuthzRequest {
  principal: string | PrincipalInfo;
  action: string;
  resource: string;
  /** Account owning the resource; defaults to the principal's (same-account request). */
  resourceAccount?: string;
  /**
   * Condition keys (case-insensitive names) to value(s); or layers of them, a later layer's key
   * winning — callers assembling a context from several sources need not merge them (the
   * engine reads the layers only when a condition asks for a key).
   */
  context?: ContextLayer | ReadonlyArray<ContextLayer | undefined>;
  /** Time for aws:CurrentTime / aws:EpochTime when the context has none. */
  now?: Date;
}

export type DecisionValue = 'Allow' | 'ImplicitDeny' | 'ExplicitDeny';

export interface MatchedStatement {
  policyKind: DenySource;
  policyId?: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

export interface Decision {
  decision: DecisionValue;
  /** The policy type the denial is attributed to (AWS names one, in evaluation order). */
  deniedBy?: DenySource;
  /** Every statement that applied to the request, Allow and Deny. */
  matched: MatchedStatement[];
  /** Every policy type whose missing Allow would alone deny the request. */
  missingAllowFrom?: DenySource[];
}
