/**
 * What Secrets Manager tells the authorizer (src/authz/authorizer.ts) about a call:
 *
 *   targets   the secret's real ARN: IAM's template `…:secret:${SecretId}` filled from a name
 *             or a partial ARN is not the secret's ARN (which ends in six random characters),
 *             so the SecretId is resolved (secret-cache.ts); a SecretId naming nothing keeps the
 *             template's ARN (the handler then answers ResourceNotFoundException to a caller
 *             allowed that far). CreateSecret is authorized on the ARN the new secret will have,
 *             chosen here and left for the handler (create.ts NEW_ARN). Each target carries
 *             secretsmanager:SecretId (the ARN), secretsmanager:KmsKeyArn,
 *             secretsmanager:AddReplicaRegions and UntagResource's aws:TagKeys; the keys read
 *             straight from the input are data in src/authz/condition-keys.ts.
 *   resource  a stored secret: its resource policy, weighed by the engine with the caller's
 *             policies (same account: either may allow; another account: both must), its tags
 *             as aws:ResourceTag/… and secretsmanager:ResourceTag/…, and
 *             secretsmanager:SecretPrimaryRegion, …:resource/AllowRotationLambdaArn,
 *             …:resource/Type.
 */
import { AwsError } from '../../core/aws-error.js';
import type { ContextValue } from '../../iam/policy/index.js';
import { findKey } from '../kms/common.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { newSecretArn, SECRET_ARN } from './common.js';
import { NEW_ARN } from './create.js';
import { storable } from './names.js';
import { cachedPolicy, cachedSecret, type CachedSecret } from './secret-cache.js';

/** Condition keys computed from the input (beyond condition-keys.ts's plain members). */
async function requestKeys(ctx: RequestContext, input: OperationInput, arn: string): Promise<Record<string, ContextValue>> {
  const keys: Record<string, ContextValue> = { 'secretsmanager:SecretId': arn };
  if (typeof input.KmsKeyId === 'string' && input.KmsKeyId !== '' && storable(input.KmsKeyId) && (ctx.operation === 'CreateSecret' || ctx.operation === 'UpdateSecret')) {
    try {
      keys['secretsmanager:KmsKeyArn'] = (await findKey(ctx.store, ctx, input.KmsKeyId)).record.Arn;
    } catch (err) {
      if (!(err instanceof AwsError)) throw err; // an unknown key: the handler answers for it
    }
  }
  if (Array.isArray(input.AddReplicaRegions)) {
    keys['secretsmanager:AddReplicaRegions'] = (input.AddReplicaRegions as Array<{ Region?: unknown }>).map((r) => r?.Region).filter((r): r is string => typeof r === 'string');
  }
  if (ctx.operation === 'UntagResource' && Array.isArray(input.TagKeys)) keys['aws:TagKeys'] = (input.TagKeys as unknown[]).filter((k): k is string => typeof k === 'string');
  return keys;
}

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  let arn: string | undefined;
  if (ctx.operation === 'CreateSecret') {
    if (typeof input.Name !== 'string') return generic;
    arn = newSecretArn({ account: ctx.account, region: ctx.region }, input.Name);
    (ctx.readCache ??= new Map()).set(NEW_ARN, arn);
  } else if (typeof input.SecretId === 'string') {
    arn = (await cachedSecret(ctx.store, ctx, input.SecretId))?.found.record.ARN;
  } else {
    return generic;
  }
  const out: AuthorizationTarget[] = [];
  for (const t of generic) {
    const resource = arn !== undefined && t.resource !== '*' ? arn : t.resource;
    out.push({ action: t.action, resource, context: await requestKeys(ctx, input, resource) });
  }
  return out;
}

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  if (ctx.operation === 'CreateSecret' || !SECRET_ARN.test(arn)) return undefined;
  const cached = await cachedSecret(ctx.store, ctx, arn);
  if (!cached) return undefined;
  cached.access ??= accessOf(cached);
  return cached.access;
}

/** What a secret brings to every decision on it; cached with the secret. */
function accessOf(cached: CachedSecret): ResourceAccess {
  const record = cached.found.record;
  const context: Record<string, ContextValue> = {};
  for (const t of record.Tags ?? []) {
    context[`aws:ResourceTag/${t.Key}`] = t.Value;
    context[`secretsmanager:ResourceTag/${t.Key}`] = t.Value;
  }
  if (record.PrimaryRegion) context['secretsmanager:SecretPrimaryRegion'] = record.PrimaryRegion;
  if (record.RotationLambdaARN) context['secretsmanager:resource/AllowRotationLambdaArn'] = record.RotationLambdaARN;
  if (record.Type) context['secretsmanager:resource/Type'] = record.Type;
  const policy = cachedPolicy(cached);
  return { arn: record.ARN, account: cached.found.scope.account, policy: policy ? { document: policy, id: record.ARN } : undefined, context };
}

export const secretsManagerAuthorization: ServiceAuthorization = { targets, resource };
