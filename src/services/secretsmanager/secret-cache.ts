/**
 * Secrets as the authorizer and the read operations see them on every call (GetSecretValue,
 * DescribeSecret …), cached in this process with the resource policy compiled and the sealed
 * values read so far — a GetSecretValue would otherwise read the secret twice (authorizer,
 * handler) and its value once, and compile its policy, per request. Sealed values are
 * ciphertext; nothing in the clear is cached here.
 *
 * Entries are keyed by the SecretId as given (a name, a full or partial ARN) in the caller's
 * account and Region, and also by the secret's ARN, so the authorizer's lookup of the ARN hits
 * the entry the name found. Misses are cached too (until the next write).
 *
 * Invalidation (core/store-cache.ts): every Secrets Manager operation that may write, the
 * housekeeping sweep and a first read of the day (LastAccessedDate) empty it, in sibling
 * worker processes too; entries expire after 5 s for nodes that share PostgreSQL.
 */
import { StoreCache } from '../../core/store-cache.js';
import { compilePolicy, type CompiledPolicy } from '../../iam/policy/index.js';
import type { StoreOps } from '../../store/index.js';
import type { RequestContext, ResourceAccess } from '../types.js';
import { VALUE_KIND, valueId, type FoundSecret } from './common.js';
import type { SealedValue } from './encryption.js';
import { findSecret } from './lookup.js';

export interface CachedSecret {
  found: FoundSecret;
  /** The resource policy, compiled once (null when there is none or it does not compile). */
  policy?: CompiledPolicy | null;
  /** What the authorizer needs of the secret, built on first use (authorization.ts). */
  access?: ResourceAccess;
  /** Sealed values read so far, by version id. */
  values: Map<string, SealedValue>;
}

const cache = new StoreCache<CachedSecret>();

/** Empties every cache (after a Secrets Manager write), in sibling worker processes too. */
export function invalidateSecretCache(): void {
  cache.invalidate();
}

export async function cachedSecret(store: StoreOps, ctx: Pick<RequestContext, 'account' | 'region'>, secretId: string): Promise<CachedSecret | undefined> {
  const scope = `${ctx.account}\u0000${ctx.region}\u0000`;
  return cache.get(
    store,
    scope + secretId,
    async () => {
      const found = await findSecret(store, ctx, secretId);
      return found ? { found, values: new Map() } : undefined;
    },
    (value) => [scope + value.found.record.ARN],
  );
}

/** The secret's resource policy, compiled (null when it has none). */
export function cachedPolicy(cached: CachedSecret): CompiledPolicy | null {
  if (cached.policy !== undefined) return cached.policy;
  const text = cached.found.record.ResourcePolicy;
  let policy: CompiledPolicy | null = null;
  if (text !== undefined) {
    try {
      policy = compilePolicy(text, 'resource', cached.found.record.ARN);
    } catch {
      // Never expected (checked on write); such a policy then grants nothing.
      policy = compilePolicy(ALLOW_NOTHING, 'resource');
    }
  }
  cached.policy = policy;
  return policy;
}

/** A version's sealed value (cached with the secret); undefined when the store has none. */
export async function cachedValue(store: StoreOps, cached: CachedSecret, versionId: string): Promise<SealedValue | undefined> {
  const hit = cached.values.get(versionId);
  if (hit) return hit;
  const { scope, record } = cached.found;
  const stored = await store.get<SealedValue>(scope, VALUE_KIND, valueId(record.Name, versionId));
  if (stored) cached.values.set(versionId, stored.value);
  return stored?.value;
}

const ALLOW_NOTHING = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"none:None","Resource":"*"}]}';
