/** Tags on users, roles and managed policies: Tag/Untag/List…Tags, one implementation for all. */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput } from '../types.js';
import { iamScope, mergeTags, pageOutput, paginate, removeTags, requestTags, type Tag } from './common.js';
import { ENTITY, requireEntity, saveEntity, type EntityType } from './entities.js';
import { assertCustomerManaged, requirePolicy, savePolicy } from './managed-policies.js';

/** A resource's tags and how to store new ones. */
interface Tagged {
  tags: Tag[];
  save(tags: Tag[]): Promise<void>;
}
type TagTarget = (ops: StoreOps, scope: Scope, input: OperationInput) => Promise<Tagged>;

export function entityTarget(type: EntityType): TagTarget {
  return async (ops, scope, input) => {
    const record = await requireEntity(ops, scope, type, input[ENTITY[type].nameField] as string);
    return { tags: record.Tags ?? [], save: (tags) => saveEntity(ops, scope, type, { ...record, Tags: tags }) };
  };
}

export const policyTarget: TagTarget = async (ops, scope, input) => {
  const policy = await requirePolicy(ops, scope, input.PolicyArn as string);
  return {
    tags: policy.Tags ?? [],
    save: (tags) => {
      assertCustomerManaged(policy, 'tag policies'); // AWS managed policies carry no tags and take none
      return savePolicy(ops, scope, { ...policy, Tags: tags });
    },
  };
};

export function tagResource(target: TagTarget): OperationHandler {
  return async (ctx, input) => {
    const added = requestTags(input);
    await ctx.store.transaction(async (tx) => {
      const found = await target(tx, iamScope(ctx), input);
      await found.save(mergeTags(found.tags, added));
    });
    return {};
  };
}

export function untagResource(target: TagTarget): OperationHandler {
  return async (ctx, input) => {
    await ctx.store.transaction(async (tx) => {
      const found = await target(tx, iamScope(ctx), input);
      await found.save(removeTags(found.tags, input.TagKeys as string[]));
    });
    return {};
  };
}

export function listResourceTags(target: TagTarget): OperationHandler {
  return async (ctx, input) => {
    const { tags } = await target(ctx.store, iamScope(ctx), input);
    // Tags keep their insertion order; the marker is the position.
    const indexed = tags.map((tag, i) => ({ tag, key: String(i).padStart(4, '0') }));
    return pageOutput('Tags', paginate(indexed, (t) => t.key, input), (t) => t.tag);
  };
}
