/** Permissions boundaries: Put/Delete{User,Role}PermissionsBoundary; the boundary is a managed policy ARN. */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { iamScope, noSuchEntity } from './common.js';
import { ENTITY, requireEntity, saveEntity, type PermissionsBoundary } from './entities.js';
import { findPolicy, savePolicy } from './managed-policies.js';

/**
 * The boundary for a policy ARN, which must name an existing managed policy; counts one more
 * use of the policy as a boundary (call inside the transaction that sets it).
 */
export async function boundaryFor(ops: StoreOps, scope: Scope, arn: string): Promise<PermissionsBoundary> {
  const found = await findPolicy(ops, scope, arn);
  if (!found) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
  await savePolicy(ops, scope, { ...found.record, PermissionsBoundaryUsageCount: found.record.PermissionsBoundaryUsageCount + 1 });
  return { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn };
}

/** Counts one use fewer of the boundary's policy (when a boundary is replaced or removed, or its entity deleted). */
export async function releaseBoundary(ops: StoreOps, scope: Scope, boundary: PermissionsBoundary | undefined): Promise<void> {
  const found = boundary && (await findPolicy(ops, scope, boundary.PermissionsBoundaryArn));
  if (!found) return;
  await savePolicy(ops, scope, { ...found.record, PermissionsBoundaryUsageCount: Math.max(0, found.record.PermissionsBoundaryUsageCount - 1) });
}


export function putPermissionsBoundary(type: 'user' | 'role'): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    await ctx.store.transaction(async (tx) => {
      const entity = await requireEntity(tx, scope, type, input[ENTITY[type].nameField] as string);
      const boundary = await boundaryFor(tx, scope, input.PermissionsBoundary as string);
      await releaseBoundary(tx, scope, entity.PermissionsBoundary);
      await saveEntity(tx, scope, type, { ...entity, PermissionsBoundary: boundary });
    });
    return {};
  };
}

export function deletePermissionsBoundary(type: 'user' | 'role'): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    await ctx.store.transaction(async (tx) => {
      const entity = await requireEntity(tx, scope, type, input[ENTITY[type].nameField] as string);
      const { PermissionsBoundary: removed, ...rest } = entity;
      await releaseBoundary(tx, scope, removed);
      await saveEntity(tx, scope, type, rest);
    });
    return {};
  };
}
