import type { MasterKey } from '../crypto/master-key.js';
import { GLOBAL_REGION, type Scope, type Store } from '../store/index.js';
import { rootPrincipal, type Principal } from './principal.js';

/** A secret key pair and whom it authenticates. Secrets never leave this module in logs. */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ISO time after which temporary credentials stop working. */
  expiration?: string;
  principal: Principal;
  status?: 'Active' | 'Inactive';
  /** When, where and for which service the key last signed a request (IAM user keys). */
  lastUsed?: { date: string; serviceName: string; region: string };
}

/**
 * An access key record as the store holds it: the secret access key and the session token are
 * sealed under the master key (label `auth:<access key id>`), never stored in the clear.
 */
export interface StoredAccessKey extends Omit<AccessKeyRecord, 'secretAccessKey' | 'sessionToken'> {
  sealedSecret: string;
  sealedSessionToken?: string;
}

export function sealAccessKey(masterKey: MasterKey, record: AccessKeyRecord): StoredAccessKey {
  const { secretAccessKey, sessionToken, ...rest } = record;
  const label = `auth:${record.accessKeyId}`;
  const stored: StoredAccessKey = { ...rest, sealedSecret: masterKey.seal(Buffer.from(secretAccessKey, 'utf8'), label) };
  if (sessionToken !== undefined) stored.sealedSessionToken = masterKey.seal(Buffer.from(sessionToken, 'utf8'), `${label}:token`);
  return stored;
}

function openAccessKey(masterKey: MasterKey, stored: StoredAccessKey): AccessKeyRecord {
  // Written by a version before sealing (0.1 development data): read as it is.
  if (typeof (stored as Partial<AccessKeyRecord>).secretAccessKey === 'string') return stored as unknown as AccessKeyRecord;
  const { sealedSecret, sealedSessionToken, ...rest } = stored;
  const label = `auth:${stored.accessKeyId}`;
  const record: AccessKeyRecord = { ...rest, secretAccessKey: masterKey.open(sealedSecret, label).toString('utf8') };
  if (sealedSessionToken !== undefined) record.sessionToken = masterKey.open(sealedSessionToken, `${label}:token`).toString('utf8');
  return record;
}

/** A key's last use is written at most this often (AWS itself reports it with hours of lag). */
export const LAST_USED_INTERVAL_MS = 60_000;

/** Where access keys live in the store: one global namespace, as in AWS (key ids are unique). */
export const ACCESS_KEY_SCOPE: Scope = { account: 'aws', region: GLOBAL_REGION };
export const ACCESS_KEY_KIND = 'auth:access-key';

export interface CredentialDirectoryOptions {
  accountId: string;
  root: { accessKeyId: string; secretAccessKey: string };
  acceptAnyKey: boolean;
  /** How long a stored key stays cached (default 1 s): the bound on another node's change. */
  cacheMs?: number;
  /** A counter bumped by every IAM write in this process; a change empties the cache at once. */
  generation?: () => number;
}

interface CachedKey {
  record: AccessKeyRecord;
  generation: number;
  expires: number;
}

const MAX_CACHED = 10_000;

/**
 * Finds the credential behind an access key id: the configured root key of the default
 * account (in memory), else keys IAM and STS issued (in the store). With --accept-any-key an
 * unknown key is the root of the default account, or of the account a 12-digit key names.
 */
export class CredentialDirectory {
  private readonly roots = new Map<string, AccessKeyRecord>();
  private readonly lastUseWrites = new Map<string, number>();
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly store: Store,
    private readonly masterKey: MasterKey,
    private readonly options: CredentialDirectoryOptions,
  ) {
    const { accessKeyId, secretAccessKey } = options.root;
    this.roots.set(accessKeyId, { accessKeyId, secretAccessKey, principal: rootPrincipal(options.accountId, accessKeyId), status: 'Active' });
  }

  get defaultAccount(): string {
    return this.options.accountId;
  }

  /**
   * The active key record of an access key id. Stored keys are cached briefly: IAM writes in
   * this process (deactivating or deleting a key) empty the cache at once through
   * `generation`; another node's change is seen within `cacheMs`. Unknown keys are not cached.
   */
  async lookup(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const root = this.roots.get(accessKeyId);
    if (root) return root;
    const generation = this.options.generation?.() ?? 0;
    const now = Date.now();
    const hit = this.cache.get(accessKeyId);
    if (hit && hit.generation === generation && hit.expires > now) return hit.record;
    const stored = await this.store.get<StoredAccessKey>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, accessKeyId);
    if (!stored || stored.value.status === 'Inactive') {
      this.cache.delete(accessKeyId);
      return undefined;
    }
    const record = openAccessKey(this.masterKey, stored.value);
    // The caller's identity names the key it signed with (CloudTrail's userIdentity.accessKeyId).
    record.principal.accessKeyId ??= record.accessKeyId;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(accessKeyId, { record, generation, expires: now + (this.options.cacheMs ?? 1000) });
    return record;
  }

  /**
   * Records that an IAM user's key signed a request (GetAccessKeyLastUsed, the credential
   * report). Throttled per key and written in the background: authentication never waits
   * for it, and a failed write only loses one last-use stamp.
   */
  noteUse(record: AccessKeyRecord, region: string, serviceName: string, now = Date.now()): void {
    if (record.principal.type !== 'IAMUser') return;
    const last = this.lastUseWrites.get(record.accessKeyId);
    if (last !== undefined && now - last < LAST_USED_INTERVAL_MS) return;
    if (this.lastUseWrites.size > 100_000) this.lastUseWrites.clear();
    this.lastUseWrites.set(record.accessKeyId, now);
    const lastUsed = { date: new Date(now).toISOString(), serviceName, region };
    void this.store
      .transaction(async (tx) => {
        const stored = await tx.get<StoredAccessKey>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, record.accessKeyId);
        if (stored) await tx.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, record.accessKeyId, { ...stored.value, lastUsed });
      })
      .catch(() => this.lastUseWrites.delete(record.accessKeyId));
  }

  /** The identity an unknown key gets under --accept-any-key, or undefined when that is off. */
  anyKeyPrincipal(accessKeyId: string): Principal | undefined {
    if (!this.options.acceptAnyKey) return undefined;
    const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.options.accountId;
    return rootPrincipal(account, accessKeyId);
  }
}
