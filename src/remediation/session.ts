/**
 * Role sessions for remediation, issued in process as STS would issue them to EventBridge
 * (AssumeRole by events.amazonaws.com): temporary credentials of the assumed role
 * `assumed-role/<role>/bulwark-remediation-<action>`, for an hour, kept and reused until five
 * minutes before they expire. CloudTrail records each call made with them as that session
 * (userIdentity AssumedRole with sessionContext.sessionIssuer the role).
 */
import type { TemporaryCredentials } from '../accounts/sessions.js';
import type { MasterKey } from '../crypto/master-key.js';
import type { EntityRecord } from '../services/iam/entities.js';
import { issueRoleSession } from '../services/sts/assume-role.js';
import type { RequestContext } from '../services/types.js';
import type { Store } from '../store/index.js';
import { SERVICE_PRINCIPAL } from './role.js';

const LIFETIME_MS = 60 * 60 * 1000;
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface RoleSession {
  credentials: TemporaryCredentials;
  roleName: string;
  /** Whether these credentials were kept from an earlier run (and so may have been revoked since). */
  reused: boolean;
}

export class RoleSessions {
  private readonly kept = new Map<string, TemporaryCredentials>();

  constructor(
    private readonly store: Store,
    private readonly masterKey: MasterKey,
  ) {}

  async session(account: string, role: EntityRecord, action: string): Promise<RoleSession> {
    const key = `${account}\u0000${role.Id}\u0000${action}`;
    const kept = this.kept.get(key);
    if (kept && kept.Expiration.getTime() - Date.now() > RENEW_BEFORE_MS) return { credentials: kept, roleName: role.Name, reused: true };
    const credentials = await this.issue(account, role, `bulwark-remediation-${action}`.slice(0, 64));
    this.kept.set(key, credentials);
    return { credentials, roleName: role.Name, reused: false };
  }

  /** Forgets a session whose calls failed to authenticate (revoked, or the store was reset). */
  forget(session: RoleSession): void {
    for (const [key, credentials] of this.kept) if (credentials === session.credentials) this.kept.delete(key);
  }

  /** The session as AssumeRole issues one (STS's own code), asked for by EventBridge, without session policies or tags. */
  private async issue(account: string, role: EntityRecord, sessionName: string): Promise<TemporaryCredentials> {
    const receivedAt = new Date();
    // issueRoleSession reads only the store, the master key and the time from its context.
    const ctx = { store: this.store, masterKey: this.masterKey, receivedAt } as RequestContext;
    const noPolicies = { texts: [], ids: [], arns: [], given: false };
    const origin = { issuer: 'AssumeRole' as const, mfaAuthenticated: false, tags: [], transitiveTagKeys: [], issuedBy: SERVICE_PRINCIPAL };
    const { credentials } = await issueRoleSession(ctx, account, role, sessionName, noPolicies, new Date(receivedAt.getTime() + LIFETIME_MS), origin);
    return credentials as unknown as TemporaryCredentials;
  }
}
