/**
 * Managed policy attachments: Attach/Detach{User,Group,Role}Policy,
 * ListAttached{User,Group,Role}Policies and ListEntitiesForPolicy. An attachment is
 * `<entity id>/<policy arn>` plus its reverse `<policy id>/<entity id>`; the policy's
 * AttachmentCount changes in the same transaction.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { iamScope, limitExceeded, nameKey, noSuchEntity, pageOutput, paginate } from './common.js';
import { ENTITY, CHILD, childId, entityById, listChildren, requireEntity, type EntityRecord, type EntityType } from './entities.js';
import { requirePolicy, savePolicy, type PolicyRecord } from './managed-policies.js';

export const MAX_ATTACHED = 10;

interface Reverse {
  type: EntityType;
}

interface Attachment {
  PolicyName: string;
  PolicyArn: string;
  Path: string;
}

const QUOTA: Record<EntityType, string> = { user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole' };

/**
 * Attaches a managed policy (customer or AWS managed) to an entity: the attachment, its reverse
 * and the policy's AttachmentCount (for an AWS managed policy, counted in this account). Call
 * inside a transaction. Attaching twice changes nothing; LimitExceeded past MAX_ATTACHED.
 */
export async function recordAttachment(ops: StoreOps, scope: Scope, type: EntityType, entity: EntityRecord, policy: PolicyRecord): Promise<void> {
  const id = childId(entity.Id, policy.Arn);
  if (await ops.get(scope, CHILD.attached, id)) return;
  const current = await listChildren(ops, scope, CHILD.attached, entity.Id);
  if (current.length >= MAX_ATTACHED) throw limitExceeded(`Cannot exceed quota for ${QUOTA[type]}: ${MAX_ATTACHED}`);
  await ops.put<Attachment>(scope, CHILD.attached, id, { PolicyName: policy.PolicyName, PolicyArn: policy.Arn, Path: policy.Path });
  await ops.put<Reverse>(scope, CHILD.policyEntities, childId(policy.PolicyId, entity.Id), { type });
  await savePolicy(ops, scope, { ...policy, AttachmentCount: policy.AttachmentCount + 1 });
}

export function attachPolicy(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    await ctx.store.transaction(async (tx) => {
      const entity = await requireEntity(tx, scope, type, input[ENTITY[type].nameField] as string);
      const policy = await requirePolicy(tx, scope, input.PolicyArn as string);
      await recordAttachment(tx, scope, type, entity, policy);
    });
    return {};
  };
}

export function detachPolicy(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    const arn = input.PolicyArn as string;
    await ctx.store.transaction(async (tx) => {
      const entity = await requireEntity(tx, scope, type, input[ENTITY[type].nameField] as string);
      if (!(await tx.delete(scope, CHILD.attached, childId(entity.Id, arn)))) throw noSuchEntity(`Policy ${arn} was not found.`);
      const policy = await requirePolicy(tx, scope, arn);
      await tx.delete(scope, CHILD.policyEntities, childId(policy.PolicyId, entity.Id));
      await savePolicy(tx, scope, { ...policy, AttachmentCount: Math.max(0, policy.AttachmentCount - 1) });
    });
    return {};
  };
}

export function listAttachedPolicies(type: EntityType): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    const entity = await requireEntity(ctx.store, scope, type, input[ENTITY[type].nameField] as string);
    const attached = (await listChildren<Attachment>(ctx.store, scope, CHILD.attached, entity.Id))
      .map((i) => i.value)
      .filter((a) => !input.PathPrefix || a.Path.startsWith(input.PathPrefix as string))
      .sort((a, b) => (nameKey(a.PolicyName) < nameKey(b.PolicyName) ? -1 : 1));
    return pageOutput('AttachedPolicies', paginate(attached, (a) => nameKey(a.PolicyName), input), (a) => ({
      PolicyName: a.PolicyName,
      PolicyArn: a.PolicyArn,
    }));
  };
}

const ENTITY_FILTER: Record<string, EntityType> = { User: 'user', Group: 'group', Role: 'role' };
const LIST_NAME: Record<EntityType, string> = { user: 'PolicyUsers', group: 'PolicyGroups', role: 'PolicyRoles' };
const ID_FIELD: Record<EntityType, string> = { user: 'UserId', group: 'GroupId', role: 'RoleId' };

/** The users, groups and roles a managed policy is attached to (one page across all three). */
export const listEntitiesForPolicy: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const policy = await requirePolicy(ctx.store, scope, input.PolicyArn as string);
  const only = typeof input.EntityFilter === 'string' ? ENTITY_FILTER[input.EntityFilter] : undefined;
  const found: { type: EntityType; record: EntityRecord; key: string }[] = [];
  if (input.EntityFilter === undefined || only) {
    for (const item of await listChildren<Reverse>(ctx.store, scope, CHILD.policyEntities, policy.PolicyId)) {
      const { type } = item.value;
      if (only && only !== type) continue;
      const record = await entityById(ctx.store, scope, type, item.id.slice(policy.PolicyId.length + 1));
      if (!record || (input.PathPrefix && !record.Path.startsWith(input.PathPrefix as string))) continue;
      found.push({ type, record, key: `${type}\u0000${nameKey(record.Name)}` });
    }
  }
  found.sort((a, b) => (a.key < b.key ? -1 : 1));
  const page = paginate(found, (f) => f.key, input);
  const out: Record<string, unknown> = { PolicyGroups: [], PolicyUsers: [], PolicyRoles: [], IsTruncated: page.IsTruncated };
  for (const { type, record } of page.items) {
    (out[LIST_NAME[type]] as unknown[]).push({ [ENTITY[type].nameField]: record.Name, [ID_FIELD[type]]: record.Id });
  }
  if (page.Marker) out.Marker = page.Marker;
  return out;
};
