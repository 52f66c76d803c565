/**
 * What Parameter Store tells the authorizer (src/authz/authorizer.ts) about a call:
 *
 *   targets   IAM's parameter ARN template (`…:parameter/${ParameterNameWithoutLeadingSlash}`)
 *             is filled from no input member, so the parameter ARNs come from here: the
 *             parameter a Name names (a selector stripped, an ARN as given), one target per
 *             name of GetParameters / DeleteParameters, the path of GetParametersByPath (a
 *             caller allowed `parameter/a` reads below `/a`, as AWS documents), the ResourceId
 *             of the tagging calls for ResourceType Parameter. Request keys iam-data lists for
 *             the actions: ssm:Overwrite and ssm:Policies (PutParameter), ssm:Recursive
 *             (GetParametersByPath), as the strings "true"/"false" and the policies' text.
 *   resource  a stored parameter's tags as aws:ResourceTag/<key> and ssm:resourceTag/<key>
 *             (iam-data lists both for the parameter resource type; parameters have no
 *             resource policy).
 */
import type { ContextValue } from '../../iam/policy/index.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { parameterArn, ssmScope } from './common.js';
import { parseReference } from './names.js';
import { findCached, type CachedParameter } from './parameter-cache.js';
import { isSecretsReference, referenceName } from './reference-names.js';

const ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/.+$/;

/** The ARN a name (or ARN, with an optional selector) authorizes on. */
function arnOf(ctx: RequestContext, given: string): string {
  if (isSecretsReference(given)) return parameterArn(ssmScope(ctx), referenceName(given));
  if (ARN.test(given)) {
    const colon = given.indexOf(':', given.indexOf(':parameter/') + 11);
    return colon < 0 ? given : given.slice(0, colon);
  }
  const colon = given.indexOf(':');
  return parameterArn(ssmScope(ctx), colon < 0 ? given : given.slice(0, colon));
}

function namesOf(ctx: RequestContext, input: OperationInput): string[] | undefined {
  switch (ctx.operation) {
    case 'GetParameter':
    case 'PutParameter':
    case 'DeleteParameter':
    case 'GetParameterHistory':
    case 'LabelParameterVersion':
    case 'UnlabelParameterVersion':
      return typeof input.Name === 'string' ? [input.Name] : undefined;
    case 'GetParameters':
    case 'DeleteParameters':
      return Array.isArray(input.Names) ? [...new Set(input.Names.filter((n): n is string => typeof n === 'string'))] : undefined;
    case 'GetParametersByPath':
      // `/a/` and `/a` are the same path; the root is `parameter/`.
      return typeof input.Path === 'string' ? [input.Path.length > 1 && input.Path.endsWith('/') ? input.Path.slice(0, -1) : input.Path] : undefined;
    case 'AddTagsToResource':
    case 'RemoveTagsFromResource':
    case 'ListTagsForResource':
      return input.ResourceType === 'Parameter' && typeof input.ResourceId === 'string' ? [input.ResourceId] : undefined;
  }
  return undefined;
}

function requestKeys(ctx: RequestContext, input: OperationInput): Record<string, ContextValue> | undefined {
  if (ctx.operation === 'PutParameter') {
    const keys: Record<string, ContextValue> = { 'ssm:Overwrite': input.Overwrite === true ? 'true' : 'false' };
    if (typeof input.Policies === 'string') keys['ssm:Policies'] = input.Policies;
    return keys;
  }
  if (ctx.operation === 'GetParametersByPath') return { 'ssm:Recursive': input.Recursive === true ? 'true' : 'false' };
  return undefined;
}

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  const names = namesOf(ctx, input);
  if (!names) return generic;
  const action = generic[0]?.action ?? `ssm:${ctx.operation}`;
  const context = requestKeys(ctx, input);
  const out: AuthorizationTarget[] = [];
  for (const name of names) {
    const target: AuthorizationTarget = { action, resource: arnOf(ctx, name) };
    if (context) target.context = context;
    out.push(target);
  }
  return out;
}

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  const scope = { region: m[1] as string, account: m[2] as string };
  const ref = parseReference(scope, arn, false);
  const cached = ref ? await findCached(ctx.store, scope, ref.names) : undefined;
  if (!cached) return undefined;
  cached.access ??= accessOf(cached, arn);
  return cached.access;
}

/** What a parameter brings to every decision on it (cached with the record). */
function accessOf(cached: CachedParameter, arn: string): ResourceAccess {
  const context: Record<string, ContextValue> = {};
  for (const t of cached.record.Tags) {
    context[`aws:ResourceTag/${t.Key}`] = t.Value;
    context[`ssm:resourceTag/${t.Key}`] = t.Value;
  }
  return { arn, context };
}

export const ssmAuthorization: ServiceAuthorization = { targets, resource };
