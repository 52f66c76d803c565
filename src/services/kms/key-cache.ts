/**
 * Key records as the authorizer and the cryptographic operations read them on every call,
 * cached in this process with the key policy compiled — a KMS Encrypt would otherwise read
 * and parse the key (and compile its policy) twice per request.
 *
 * Invalidation (core/store-cache.ts): every KMS operation that may change a key, alias or grant
 * (everything but the cryptographic, Describe/Get/List operations) and the housekeeping sweep
 * empty it after they ran, in sibling worker processes too; entries expire after 5 s for nodes
 * sharing PostgreSQL — in the spirit of KMS's own eventual consistency.
 */
import { StoreCache } from '../../core/store-cache.js';
import { compilePolicy, type CompiledPolicy } from '../../iam/policy/index.js';
import type { Scope, StoredItem, StoreOps } from '../../store/index.js';
import type { ResourceAccess } from '../types.js';
import { ALIAS_KIND, KEY_KIND, type AliasRecord, type KeyRecord } from './common.js';

export interface CachedKey {
  stored: StoredItem<KeyRecord>;
  /** The key policy, compiled once (undefined when it does not compile: it then allows nothing). */
  policy?: CompiledPolicy;
  /** The key's alias names (kms:ResourceAliases). */
  aliases: string[];
  /** What the authorizer needs of the key, built on first use (authorization.ts). */
  access?: ResourceAccess;
}

const cache = new StoreCache<CachedKey>();

/** Empties every cache (after a KMS write), in sibling worker processes too. */
export function invalidateKeyCache(): void {
  cache.invalidate();
}

export async function cachedKey(store: StoreOps, scope: Scope, keyId: string): Promise<CachedKey | undefined> {
  return cache.get(store, `${scope.account}\u0000${scope.region}\u0000${keyId}`, async () => {
    const stored = await store.get<KeyRecord>(scope, KEY_KIND, keyId);
    return stored ? { stored, policy: compileKeyPolicy(stored.value), aliases: await aliasesOf(store, scope, keyId) } : undefined;
  });
}

/** The aliases that point at a key (one list of the scope's aliases, cached with the key). */
async function aliasesOf(store: StoreOps, scope: Scope, keyId: string): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.list<AliasRecord>(scope, ALIAS_KIND, { after, limit: 1000 });
    for (const item of page.items) if (item.value.TargetKeyId === keyId) out.push(item.value.AliasName);
    after = page.next;
  } while (after !== undefined);
  return out;
}

function compileKeyPolicy(record: KeyRecord): CompiledPolicy | undefined {
  try {
    return compilePolicy(record.Policy, 'resource', `${record.Arn}/default`);
  } catch {
    return undefined;
  }
}

/** The operations that never change a key, alias or grant record (they do not invalidate). */
export const READ_ONLY_OPERATIONS: ReadonlySet<string> = new Set([
  'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateRandom', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
  'GetPublicKey', 'DescribeKey', 'DescribeCustomKeyStores', 'GetKeyPolicy', 'GetKeyRotationStatus', 'GetKeyLastUsage',
  'ListAliases', 'ListGrants', 'ListKeyPolicies', 'ListKeyRotations', 'ListKeys', 'ListResourceTags', 'ListRetirableGrants',
]);
