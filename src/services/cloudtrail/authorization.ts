/**
 * What CloudTrail tells the authorizer (src/authz/authorizer.ts) about a call:
 *
 *   targets   the trail operations name their trail in `Name` or `TrailName`, which IAM's ARN
 *             template (`…:trail/${TrailName}`) cannot always fill: a name becomes the trail's
 *             ARN (a shadow trail's is its home Region's ARN; a trail that does not exist yet
 *             is named in the caller's account and Region); ListTags names each ARN it lists.
 *   resource  a stored trail: its tags as aws:ResourceTag/<key>.
 */
import type { ContextValue } from '../../iam/policy/index.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { getTrail, trailArn } from './common.js';
import { findTrail } from './trail-lookup.js';
import { parseTrailArn } from './trail-names.js';

const NAMED_BY: Record<string, string> = {
  CreateTrail: 'Name',
  UpdateTrail: 'Name',
  DeleteTrail: 'Name',
  GetTrail: 'Name',
  GetTrailStatus: 'Name',
  StartLogging: 'Name',
  StopLogging: 'Name',
  PutEventSelectors: 'TrailName',
  GetEventSelectors: 'TrailName',
  PutInsightSelectors: 'TrailName',
  GetInsightSelectors: 'TrailName',
};

/**
 * The ARN a trail name or ARN stands for, as far as it can be known before the handler runs;
 * undefined for a value that is neither (the handler refuses it, once the caller may call).
 */
async function arnOf(ctx: RequestContext, value: string): Promise<string | undefined> {
  if (value.startsWith('arn:')) return parseTrailArn(value) ? value : undefined;
  if (ctx.operation === 'CreateTrail') return trailArn(ctx.account, ctx.region, value);
  try {
    return (await findTrail(ctx.store, ctx, value, 'read')).trail.TrailARN;
  } catch {
    return trailArn(ctx.account, ctx.region, value);
  }
}

/** Only trail ARNs go to the authorizer as resources (any other ARN would reach another service's hook). */
const isTrailArn = (value: unknown): value is string => typeof value === 'string' && parseTrailArn(value) !== undefined;

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  const action = generic[0]?.action;
  if (!action) return generic;
  if (ctx.operation === 'ListTags') {
    const ids = (input.ResourceIdList as unknown[] | undefined) ?? [];
    return ids.length > 0 && ids.every(isTrailArn) ? ids.map((resource) => ({ action, resource })) : generic;
  }
  const member = NAMED_BY[ctx.operation];
  const value = member === undefined ? undefined : input[member];
  if (typeof value !== 'string') return generic;
  const resource = await arnOf(ctx, value);
  return resource === undefined ? generic : generic.map((t) => ({ ...t, resource }));
}

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  const parts = parseTrailArn(arn);
  if (!parts) return undefined;
  const found = await getTrail(ctx.store, { account: parts.account, region: parts.region }, parts.name);
  if (!found || found.trail.TrailARN !== arn) return undefined;
  const context: Record<string, ContextValue> = { 'aws:ResourceAccount': found.trail.AccountId };
  for (const tag of found.trail.Tags) context[`aws:ResourceTag/${tag.Key}`] = tag.Value ?? '';
  return { arn, context };
}

export const cloudtrailAuthorization: ServiceAuthorization = { targets, resource };
