/** Inline policies: Put/Get/List/Delete {User,Group,Role}Policy, one implementation per verb. */
import type { OperationHandler } from '../types.js';
import { iamScope, noSuchEntity, pageOutput, paginate } from './common.js';
import { ENTITY, CHILD, childId, listChildren, requireEntity, type EntityType } from './entities.js';
import { encodeDocument, policySize, validatePolicyDocument } from './policy-document.js';

interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: string;
}


function noSuchPolicy(type: EntityType, name: string): Error {
  return noSuchEntity(`The ${type} policy with name ${name} cannot be found.`);
}

export function putInlinePolicy(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    const policyName = input.PolicyName as string;
    const document = input.PolicyDocument as string;
    await ctx.store.transaction(async (tx) => {
      const entity = await requireEntity(tx, scope, type, input[ENTITY[type].nameField] as string);
      // The size quota covers all of the entity's inline policies together.
      const others = (await listChildren<InlinePolicy>(tx, scope, CHILD.inline, entity.Id)).filter((p) => p.value.PolicyName !== policyName);
      const otherSize = others.reduce((n, p) => n + policySize(p.value.PolicyDocument), 0);
      validatePolicyDocument(document, type, { entityName: entity.Name, otherSize });
      await tx.put<InlinePolicy>(scope, CHILD.inline, childId(entity.Id, policyName), { PolicyName: policyName, PolicyDocument: document });
    });
    return {};
  };
}

export function getInlinePolicy(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    const entity = await requireEntity(ctx.store, scope, type, input[ENTITY[type].nameField] as string);
    const policy = await ctx.store.get<InlinePolicy>(scope, CHILD.inline, childId(entity.Id, input.PolicyName as string));
    if (!policy) throw noSuchPolicy(type, input.PolicyName as string);
    return { [ENTITY[type].nameField]: entity.Name, PolicyName: policy.value.PolicyName, PolicyDocument: encodeDocument(policy.value.PolicyDocument) };
  };
}

export function listInlinePolicies(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    const entity = await requireEntity(ctx.store, scope, type, input[ENTITY[type].nameField] as string);
    const names = (await listChildren<InlinePolicy>(ctx.store, scope, CHILD.inline, entity.Id)).map((p) => p.value.PolicyName).sort();
    return pageOutput('PolicyNames', paginate(names, (n) => n, input), (n) => n);
  };
}

export function deleteInlinePolicy(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    const entity = await requireEntity(ctx.store, scope, type, input[ENTITY[type].nameField] as string);
    if (!(await ctx.store.delete(scope, CHILD.inline, childId(entity.Id, input.PolicyName as string)))) {
      throw noSuchPolicy(type, input.PolicyName as string);
    }
    return {};
  };
}
