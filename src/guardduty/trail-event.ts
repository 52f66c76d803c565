/**
 * One CloudTrail record as the detectors see it: the few facts every detector reads on every
 * event, and the whole record on demand. Two sources make them: a parsed record (the live
 * event bus, eventFromRecord) and a record's JSON text (offline logs, trail-text.ts, which
 * avoids parsing what no detector reads).
 *
 * Real AWS records vary: any field may be missing, regions and ARNs may be unfamiliar. Nothing
 * here rejects a record; a missing text reads as ''.
 */

/** A CloudTrail record (AWS's schema; any other field is kept as is). */
export type TrailRecord = Record<string, unknown>;

/** Who made the call (from `userIdentity`). */
export interface CallerIdentity {
  /** Root, IAMUser, AssumedRole, FederatedUser, AWSAccount, AWSService, IdentityCenterUser, Unknown, … ('' when absent). */
  type: string;
  principalId: string;
  arn: string;
  accountId: string;
  accessKeyId: string;
  /** The user's name, or the role's name for an assumed role ('' when none). */
  userName: string;
  /** The service that made the call on the principal's behalf (`invokedBy`), '' when none. */
  invokedBy: string;
  /** `sessionContext.attributes.mfaAuthenticated` is "true". */
  mfaAuthenticated: boolean;
  /** The role (or user) a session was issued for (`sessionContext.sessionIssuer.arn`), '' when none. */
  sessionIssuerArn: string;
  /**
   * Names the principal across its sessions and keys, for baselines and aggregation: the
   * session issuer's ARN for a role session, else the ARN, else the account and principal id.
   */
  key: string;
}

export interface TrailEvent {
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  /** The call's error code; undefined for a call that succeeded. */
  readonly errorCode: string | undefined;
  readonly identity: CallerIdentity;
  /** The whole record, parsed at most once. */
  record(): TrailRecord;
  /** `recipientAccountId`, when the event can tell without parsing the whole record. */
  recipientAccountId?(): string | undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The facts detectors read of a record's `userIdentity`. */
export function callerIdentityOf(userIdentity: unknown): CallerIdentity {
  const identity = objectOf(userIdentity);
  const session = objectOf(identity.sessionContext);
  const issuer = objectOf(session.sessionIssuer);
  const attributes = objectOf(session.attributes);
  const type = text(identity.type);
  const arn = text(identity.arn);
  const accountId = text(identity.accountId);
  const principalId = text(identity.principalId);
  const sessionIssuerArn = text(issuer.arn);
  return {
    type,
    principalId,
    arn,
    accountId,
    accessKeyId: text(identity.accessKeyId),
    userName: text(identity.userName) || text(issuer.userName),
    invokedBy: text(identity.invokedBy),
    mfaAuthenticated: text(attributes.mfaAuthenticated) === 'true',
    sessionIssuerArn,
    key: (type === 'AssumedRole' && sessionIssuerArn) || arn || `${accountId}:${principalId || type}`,
  };
}

/** The event of a parsed record. */
export function eventFromRecord(record: TrailRecord): TrailEvent {
  const errorCode = text(record.errorCode);
  return {
    eventTime: text(record.eventTime),
    eventSource: text(record.eventSource),
    eventName: text(record.eventName),
    awsRegion: text(record.awsRegion),
    sourceIPAddress: text(record.sourceIPAddress),
    userAgent: text(record.userAgent),
    errorCode: errorCode || undefined,
    identity: callerIdentityOf(record.userIdentity),
    record: () => record,
  };
}

/** The account a record belongs to: the recipient's, else the caller's. */
export function recipientAccount(event: TrailEvent): string {
  return event.recipientAccountId?.() ?? (text(event.record().recipientAccountId) || event.identity.accountId);
}
