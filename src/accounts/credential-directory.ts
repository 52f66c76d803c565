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
}

/** Where access keys live in the store: one global namespace, as in AWS (key ids are unique). */
export const ACCESS_KEY_SCOPE: Scope = { account: 'aws', region: GLOBAL_REGION };
export const ACCESS_KEY_KIND = 'auth:access-key';

export interface CredentialDirectoryOptions {
  accountId: string;
  root: { accessKeyId: string; secretAccessKey: string };
  acceptAnyKey: boolean;
}

/**
 * Finds the credential behind an access key id: the configured root key of the default
 * account (in memory), else keys IAM and STS issued (in the store). With --accept-any-key an
 * unknown key is the root of the default account, or of the account a 12-digit key names.
 */
export class CredentialDirectory {
  private readonly roots = new Map<string, AccessKeyRecord>();

  constructor(private readonly store: Store, private readonly options: CredentialDirectoryOptions) {
    const { accessKeyId, secretAccessKey } = options.root;
    this.roots.set(accessKeyId, { accessKeyId, secretAccessKey, principal: rootPrincipal(options.accountId, accessKeyId), status: 'Active' });
  }

  get defaultAccount(): string {
    return this.options.accountId;
  }

  async lookup(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const root = this.roots.get(accessKeyId);
    if (root) return root;
    const stored = await this.store.get<AccessKeyRecord>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, accessKeyId);
    if (!stored || stored.value.status === 'Inactive') return undefined;
    return stored.value;
  }

  /** The identity an unknown key gets under --accept-any-key, or undefined when that is off. */
  anyKeyPrincipal(accessKeyId: string): Principal | undefined {
    if (!this.options.acceptAnyKey) return undefined;
    const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.options.accountId;
    return rootPrincipal(account, accessKeyId);
  }
}
