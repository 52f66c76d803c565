/**
 * What KMS tells the authorizer (src/authz/authorizer.ts) about a call:
 *
 *   targets   the key each action applies to, by key ARN: an alias resolves to its key (and
 *             sets kms:RequestAlias); Decrypt and ReEncrypt without a KeyId name the key inside
 *             the ciphertext blob; ReEncrypt needs kms:ReEncryptFrom on the source and
 *             kms:ReEncryptTo on the destination (with kms:ReEncryptOnSameKey); Update/DeleteAlias
 *             also act on the alias's current key; each side carries its own encryption context
 *             as kms:EncryptionContext:<key> and kms:EncryptionContextKeys. RetireGrant is
 *             decided by the grant itself (grants.ts), not by policies.
 *   resource  a stored key: its key policy (which must allow, directly or by delegating to the
 *             account — the engine's KMS rule), its tags, the key's own condition keys
 *             (kms:KeySpec, kms:KeyUsage, kms:KeyOrigin, kms:MultiRegion…, kms:ResourceAliases; kms:CallerAccount
 *             rides on every target),
 *             and its grants as a second way to allow.
 */
import type { ContextLayer, ContextValue } from '../../iam/policy/index.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { ALIAS_ARN, ALIAS_KIND, blobKeyArn, KEY_ARN, keyArn, kmsScope, readCacheKey, type AliasRecord } from './common.js';
import { cachedKey, READ_ONLY_OPERATIONS, type CachedKey } from './key-cache.js';
import { readBlobHeader } from './crypto/index.js';
import { grantAllows } from './grants.js';


/** The input member holding the encryption context each operation's action sees. */
const CONTEXT_MEMBER: Record<string, string> = {
  Encrypt: 'EncryptionContext',
  Decrypt: 'EncryptionContext',
  GenerateDataKey: 'EncryptionContext',
  GenerateDataKeyWithoutPlaintext: 'EncryptionContext',
  GenerateDataKeyPair: 'EncryptionContext',
  GenerateDataKeyPairWithoutPlaintext: 'EncryptionContext',
};

/** The encryption context as condition keys. */
export function encryptionContextKeys(context: unknown): Record<string, ContextValue> {
  if (!context || typeof context !== 'object') return {};
  const entries = Object.entries(context as Record<string, string>);
  const out: Record<string, ContextValue> = { 'kms:EncryptionContextKeys': entries.map(([k]) => k) };
  for (const [k, v] of entries) out[`kms:EncryptionContext:${k}`] = v;
  return out;
}

/** The encryption context the condition keys carry (for grant constraints). */
function contextFromKeys(layers: ReadonlyArray<ContextLayer | undefined>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const layer of layers) {
    for (const k in layer) {
      const v = layer[k];
      if (k.startsWith('kms:EncryptionContext:') && typeof v === 'string') (out ??= {})[k.slice('kms:EncryptionContext:'.length)] = v;
    }
  }
  return out;
}

/** A KeyId as given (key id, key ARN, alias name, alias ARN) → the key's ARN, when it resolves. */
async function keyArnOf(ctx: RequestContext, keyId: string): Promise<{ arn: string; alias?: string } | undefined> {
  const scope = kmsScope(ctx);
  const asKey = KEY_ARN.exec(keyId);
  if (asKey) return { arn: keyId };
  const asAlias = ALIAS_ARN.exec(keyId);
  if (asAlias || keyId.startsWith('alias/')) {
    const aliasScope = asAlias ? { region: asAlias[1] as string, account: asAlias[2] as string } : scope;
    const name = asAlias ? (asAlias[3] as string) : keyId;
    const alias = await ctx.store.get<AliasRecord>(aliasScope, ALIAS_KIND, name);
    return alias ? { arn: keyArn(aliasScope, alias.value.TargetKeyId), alias: name } : undefined;
  }
  if (keyId.startsWith('arn:')) return undefined;
  return { arn: keyArn(scope, keyId) };
}

/** The key a call names in `member`, else the one inside its ciphertext blob. */
async function keyTarget(ctx: RequestContext, input: OperationInput, action: string, member: string, blobMember?: string): Promise<AuthorizationTarget | undefined> {
  const given = input[member];
  if (typeof given === 'string') {
    const found = await keyArnOf(ctx, given);
    if (!found) return undefined; // the handler answers NotFoundException
    return { action, resource: found.arn, context: found.alias ? { 'kms:RequestAlias': found.alias } : undefined };
  }
  const blob = blobMember ? input[blobMember] : undefined;
  if (blob instanceof Uint8Array) {
    const header = readBlobHeader(Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength));
    if (header) return { action, resource: blobKeyArn(ctx, header.keyArn) };
  }
  return undefined;
}

const withContext = (target: AuthorizationTarget | undefined, context: unknown): AuthorizationTarget[] => {
  if (!target) return [];
  if (context && typeof context === 'object') target.context = { ...target.context, ...encryptionContextKeys(context) };
  return [target];
};

/** Every target also carries kms:CallerAccount, the caller's account. */
async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  const out = await keyTargets(ctx, input, generic);
  for (const t of out) {
    if (t.context) t.context['kms:CallerAccount'] = ctx.principal.account;
    else t.context = { 'kms:CallerAccount': ctx.principal.account };
  }
  return out;
}

async function keyTargets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  switch (ctx.operation) {
    case 'RetireGrant':
      return [];
    case 'Decrypt':
      return withContext(await keyTarget(ctx, input, 'kms:Decrypt', 'KeyId', 'CiphertextBlob'), input.EncryptionContext);
    case 'ReEncrypt': {
      const from = await keyTarget(ctx, input, 'kms:ReEncryptFrom', 'SourceKeyId', 'CiphertextBlob');
      const to = await keyTarget(ctx, input, 'kms:ReEncryptTo', 'DestinationKeyId');
      const same = { 'kms:ReEncryptOnSameKey': from !== undefined && from.resource === to?.resource };
      return [...withContext(from, input.SourceEncryptionContext), ...withContext(to, input.DestinationEncryptionContext)].map((t) => ({
        ...t,
        context: { ...t.context, ...same },
      }));
    }
    case 'CreateGrant': {
      const target = await keyTarget(ctx, input, 'kms:CreateGrant', 'KeyId');
      const constraints = (input.Constraints ?? {}) as Record<string, unknown>;
      const types = Object.keys(constraints).filter((k) => constraints[k] !== undefined);
      const out = withContext(target, constraints.EncryptionContextEquals ?? constraints.EncryptionContextSubset);
      return out.map((t) => ({ ...t, context: types.length > 0 ? { ...t.context, 'kms:GrantConstraintType': types } : t.context }));
    }
    case 'UpdateAlias':
    case 'DeleteAlias': {
      const out = generic.filter((t) => !t.resource.includes(':key/') && t.resource !== '*');
      const current = typeof input.AliasName === 'string' ? await keyArnOf(ctx, input.AliasName) : undefined;
      if (current) out.push({ action: generic[0]?.action ?? `kms:${ctx.operation}`, resource: current.arn });
      const next = ctx.operation === 'UpdateAlias' && typeof input.TargetKeyId === 'string' ? await keyArnOf(ctx, input.TargetKeyId) : undefined;
      if (next) out.push({ action: `kms:${ctx.operation}`, resource: next.arn });
      return out;
    }
  }
  const member = CONTEXT_MEMBER[ctx.operation];
  const out: AuthorizationTarget[] = [];
  for (const t of generic) {
    const m = KEY_ARN.exec(t.resource);
    if (!m) {
      out.push(t);
      continue;
    }
    const ref = m[3] as string;
    const resolved = ref.startsWith('alias/') || ref.startsWith('arn:') ? await keyArnOf(ctx, ref) : { arn: t.resource };
    if (!resolved) continue; // an unknown alias: the handler answers NotFoundException
    const target: AuthorizationTarget = { action: t.action, resource: resolved.arn };
    if (resolved.alias) target.context = { 'kms:RequestAlias': resolved.alias };
    out.push(...(member ? withContext(target, input[member]) : [target]));
  }
  return out;
}

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  const m = KEY_ARN.exec(arn);
  if (!m) return undefined;
  const scope = { region: m[1] as string, account: m[2] as string };
  const cached = await cachedKey(ctx.store, scope, m[3] as string);
  if (!cached) return undefined;
  // Read-only calls may reuse the record (shared with the cache: nobody may change it in place).
  if (READ_ONLY_OPERATIONS.has(ctx.operation)) (ctx.readCache ??= new Map()).set(readCacheKey(scope, m[3] as string), cached.stored);
  cached.access ??= accessOf(cached);
  return cached.access;
}

/** What a key brings to every decision on it; cached with the key. */
function accessOf(cached: CachedKey): ResourceAccess {
  const key = cached.stored.value;
  const context: Record<string, ContextValue> = {
    'kms:KeySpec': key.KeySpec,
    'kms:KeyUsage': key.KeyUsage,
    'kms:KeyOrigin': key.Origin,
    'kms:MultiRegion': key.MultiRegion,
  };
  if (key.MultiRegionKeyType) context['kms:MultiRegionKeyType'] = key.MultiRegionKeyType;
  if (cached.aliases.length > 0) context['kms:ResourceAliases'] = cached.aliases;
  for (const t of key.Tags) context[`aws:ResourceTag/${t.TagKey}`] = t.TagValue;
  const scope = { region: key.Arn.split(':')[3] as string, account: key.AWSAccountId };
  return {
    arn: key.Arn,
    policy: { document: cached.policy ?? ALLOW_NOTHING, id: `${key.Arn}/default` },
    context,
    grantAllows: (ctx, action, keys) => grantAllows(ctx.store, scope, key.KeyId, ctx.principal.arn, action.slice(action.indexOf(':') + 1), contextFromKeys(keys)),
  };
}

/** Stands in for a stored key policy that does not compile (never expected: it is checked on write). */
const ALLOW_NOTHING = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"none:None","Resource":"*"}]}';

export const kmsAuthorization: ServiceAuthorization = { targets, resource };
