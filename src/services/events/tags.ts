/**
 * Tags of event buses and rules (TagResource, UntagResource, ListTagsForResource and the Tags
 * of CreateEventBus and PutRule): at most 50, keys compared exactly, a key given twice refused.
 */
import { AwsError } from '../../core/aws-error.js';
import { DEFAULT_BUS, KIND, parseEventsArn, ruleId, type BusRecord, type RuleRecord, type Tag } from '../../events/store/records.js';
import { tagRules } from '../shared/tags.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { busNotFound, notFound, ruleNotFound, validation } from './errors.js';
import { findBus, findRule, iso } from './lookup.js';

export const tags = tagRules({
  keyOf: (key) => key,
  duplicateKey: () => validation('Invalid parameter: Duplicated keys are not allowed.'),
  // Unconfirmed wording.
  tooMany: () => new AwsError('LimitExceededException', 'The number of tags exceeds the maximum of 50.', { status: 400 }),
  capRequest: true,
});

type Tagged = { kind: 'bus'; record: BusRecord } | { kind: 'rule'; record: RuleRecord };

/** The bus or rule an ARN names (of the caller's account and Region). */
async function taggedResource(ctx: RequestContext, arn: unknown): Promise<Tagged> {
  const parsed = typeof arn === 'string' ? parseEventsArn(arn) : undefined;
  const scope = { account: ctx.account, region: ctx.region };
  const sameScope = parsed !== undefined && parsed.scope.account === ctx.account && parsed.scope.region === ctx.region;
  if (sameScope && parsed.type === 'event-bus') {
    const bus = await findBus(ctx.store, scope, parsed.rest);
    if (bus) return { kind: 'bus', record: bus };
    throw busNotFound(parsed.rest);
  }
  if (sameScope && parsed.type === 'rule') {
    const slash = parsed.rest.lastIndexOf('/');
    const bus = slash < 0 ? DEFAULT_BUS : parsed.rest.slice(0, slash);
    const name = parsed.rest.slice(slash + 1);
    const rule = await findRule(ctx.store, scope, bus, name);
    if (rule) return { kind: 'rule', record: rule };
    throw ruleNotFound(name, bus);
  }
  // Unconfirmed wording.
  throw notFound(`Resource ${String(arn)} not found.`);
}

async function saveTags(ctx: RequestContext, target: Tagged, next: Tag[]): Promise<void> {
  const scope = { account: ctx.account, region: ctx.region };
  if (target.kind === 'bus') {
    const bus = target.record;
    const stamp = bus.CreationTime ? {} : { CreationTime: iso(), LastModifiedTime: iso() };
    await ctx.store.put(scope, KIND.bus, bus.Name, { ...bus, ...stamp, Tags: next });
  } else {
    const rule = target.record;
    await ctx.store.put(scope, KIND.rule, ruleId(rule.EventBusName, rule.Name), { ...rule, Tags: next });
  }
}

export const tagResource: OperationHandler = async (ctx, input) => {
  const added = tags.requestTags(input);
  for (const t of added) {
    // Unconfirmed wording.
    if (t.Key.toLowerCase().startsWith('aws:')) throw validation(`Invalid tag key ${t.Key}: the aws: prefix is reserved for AWS use.`);
  }
  const target = await taggedResource(ctx, input.ResourceARN);
  await saveTags(ctx, target, tags.mergeTags(target.record.Tags ?? [], added));
  return {};
};

export const untagResource: OperationHandler = async (ctx, input) => {
  const target = await taggedResource(ctx, input.ResourceARN);
  await saveTags(ctx, target, tags.removeTags(target.record.Tags ?? [], (input.TagKeys as string[] | undefined) ?? []));
  return {};
};

export const listTagsForResource: OperationHandler = async (ctx, input) => {
  const target = await taggedResource(ctx, input.ResourceARN);
  return { Tags: target.record.Tags ?? [] };
};
