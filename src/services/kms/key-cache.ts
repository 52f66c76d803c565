/**
 * Key records as the authorizer and the cryptographic operations read them on every call,
 * cached in this process with the key policy compiled — a KMS Encrypt would otherwise read
 * and parse the key (and compile its policy) twice per request.
 *
 * Invalidation: every KMS operation that may change a key, alias or grant (everything but the
 * cryptographic, Describe/Get/List operations) and the housekeeping sweep bump a generation
 * counter after they ran, which empties the cache at once — in the sibling worker processes
 * too (core/peers.ts) before the write is answered. Entries also expire after 5 s, so
 * several nodes sharing PostgreSQL see each other's changes within that time — the same bound
 * as the IAM policy cache, and in the spirit of KMS's own eventual consistency.
 */
import { changedState, registerCache } from '../../core/peers.js';
import { compilePolicy, type CompiledPolicy } from '../../iam/policy/index.js';
import type { Scope, StoredItem, StoreOps } from '../../store/index.js';
import type { ResourceAccess } from '../types.js';
import { ALIAS_KIND, KEY_KIND, type AliasRecord, type KeyRecord } from './common.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedKey {
  stored: StoredItem<KeyRecord>;
  /** The key policy, compiled once (undefined when it does not compile: it then allows nothing). */
  policy?: CompiledPolicy;
  /** The key's alias names (kms:ResourceAliases). */
  aliases: string[];
  /** What the authorizer needs of the key, built on first use (authorization.ts). */
  access?: ResourceAccess;
}

interface Entry {
  generation: number;
  expires: number;
  value: CachedKey | undefined;
}

let generation = 0;
const byStore = new WeakMap<StoreOps, Map<string, Entry>>();
registerCache(() => generation++);

/** Empties every cache (after a KMS write), in sibling worker processes too. */
export function invalidateKeyCache(): void {
  generation++;
  changedState();
}

export async function cachedKey(store: StoreOps, scope: Scope, keyId: string): Promise<CachedKey | undefined> {
  let map = byStore.get(store);
  if (!map) byStore.set(store, (map = new Map()));
  const id = `${scope.account}\u0000${scope.region}\u0000${keyId}`;
  const now = Date.now();
  const hit = map.get(id);
  if (hit && hit.generation === generation && hit.expires > now) return hit.value;
  const seen = generation;
  const stored = await store.get<KeyRecord>(scope, KEY_KIND, keyId);
  const value = stored ? { stored, policy: compileKeyPolicy(stored.value), aliases: await aliasesOf(store, scope, keyId) } : undefined;
  if (seen === generation) {
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(id, { generation: seen, expires: now + TTL_MS, value });
  }
  return value;
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
