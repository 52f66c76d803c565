/**
 * TagResource, UntagResource and ListTagsForResource on detectors, filters, IP sets, threat
 * intel sets and publishing destinations, named by ARN in the caller's account.
 */
import type { OperationHandler, RequestContext } from '../types.js';
import type { Tags } from './common.js';
import { invalidParameter, noSuchResource } from './errors.js';
import { parseGuardDutyArn, resourceOfArn, type ParsedArn } from './resource-arns.js';

function ownArn(ctx: RequestContext, arn: unknown): ParsedArn {
  const parsed = typeof arn === 'string' ? parseGuardDutyArn(arn) : undefined;
  if (!parsed) throw invalidParameter('resourceArn');
  if (parsed.scope.account !== ctx.account || parsed.scope.region !== ctx.region) throw noSuchResource();
  return parsed;
}

async function retag(ctx: RequestContext, arn: unknown, change: (tags: Tags) => Tags): Promise<void> {
  const parsed = ownArn(ctx, arn);
  await ctx.store.transaction(async (tx) => {
    const found = await resourceOfArn(tx, parsed);
    if (!found) throw noSuchResource();
    await tx.put(parsed.scope, found.kind, found.id, { ...found.record, Tags: change({ ...found.record.Tags }) });
  });
}

export const tagResource: OperationHandler = async (ctx, input) => {
  await retag(ctx, input.ResourceArn, (tags) => ({ ...tags, ...(input.Tags as Tags) }));
  return {};
};

export const untagResource: OperationHandler = async (ctx, input) => {
  const keys = new Set(Array.isArray(input.TagKeys) ? (input.TagKeys as string[]) : []);
  await retag(ctx, input.ResourceArn, (tags) => Object.fromEntries(Object.entries(tags).filter(([k]) => !keys.has(k))));
  return {};
};

export const listTagsForResource: OperationHandler = async (ctx, input) => {
  const found = await resourceOfArn(ctx.store, ownArn(ctx, input.ResourceArn));
  if (!found) throw noSuchResource();
  return { Tags: found.record.Tags ?? {} };
};
