/**
 * Tags of parameters: PutParameter's Tags (on create only), AddTagsToResource,
 * RemoveTagsFromResource and ListTagsForResource with ResourceType Parameter and the parameter's
 * name as ResourceId. At most 50 tags per parameter (TooManyTagsError); keys are case-sensitive.
 * Systems Manager's other taggable resources (documents, maintenance windows, …) are not part of
 * Bulwark: those resource types answer NotImplemented.
 */
import { AwsError } from '../../core/aws-error.js';
import { tagRules } from '../shared/tags.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { invalidResourceId, PARAMETER_KIND, ssmScope, tooManyTags, validation, type ParameterRecord } from './common.js';
import { isReadableName } from './names.js';

export const ssmTags = tagRules({
  keyOf: (key) => key,
  // Unconfirmed wording.
  duplicateKey: () => validation('Tag keys must be unique: the request names a tag key more than once.'),
  tooMany: tooManyTags,
  capRequest: true,
});

function parameterName(ctx: RequestContext, input: Record<string, unknown>): string {
  if (input.ResourceType !== 'Parameter') {
    throw new AwsError('NotImplemented', `Bulwark implements ssm:${ctx.operation} for ResourceType Parameter only, not ${String(input.ResourceType)}.`, { status: 501 });
  }
  const name = input.ResourceId as string;
  if (!isReadableName(name)) throw invalidResourceId();
  return name;
}

/** Applies `change` to the parameter's tags in one transaction; InvalidResourceId when it does not exist. */
async function updateTags(ctx: RequestContext, name: string, change: (tags: ParameterRecord['Tags']) => ParameterRecord['Tags']): Promise<void> {
  const scope = ssmScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const stored = await tx.get<ParameterRecord>(scope, PARAMETER_KIND, name);
    if (!stored) throw invalidResourceId();
    await tx.put(scope, PARAMETER_KIND, name, Object.assign({}, stored.value, { Tags: change(stored.value.Tags) }), { expectVersion: stored.version });
  });
}

export const addTagsToResource: OperationHandler = async (ctx, input) => {
  const name = parameterName(ctx, input);
  const added = ssmTags.requestTags(input);
  await updateTags(ctx, name, (tags) => ssmTags.mergeTags(tags, added));
  return {};
};

export const removeTagsFromResource: OperationHandler = async (ctx, input) => {
  const name = parameterName(ctx, input);
  const keys = ((input.TagKeys as unknown[] | undefined) ?? []).filter((k): k is string => typeof k === 'string');
  await updateTags(ctx, name, (tags) => ssmTags.removeTags(tags, keys));
  return {};
};

export const listTagsForResource: OperationHandler = async (ctx, input) => {
  const name = parameterName(ctx, input);
  const stored = await ctx.store.get<ParameterRecord>(ssmScope(ctx), PARAMETER_KIND, name);
  if (!stored) throw invalidResourceId();
  return { TagList: stored.value.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
};
