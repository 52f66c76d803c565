/** Roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy, DeleteRole. */
import type { OperationHandler } from '../types.js';
import { deleteConflict, iamScope, nameKey, outputTags, pageOutput, paginate, requestTags, toDate } from './common.js';
import { boundaryFor, releaseBoundary } from './boundaries.js';
import { CHILD, createEntity, hasChildren, deleteEntity, listEntities, requireEntity, saveEntity, type EntityRecord } from './entities.js';
import { ROLE_INSTANCE_PROFILES } from './instance-profiles.js';
import { encodeDocument, validatePolicyDocument } from './policy-document.js';

const DEFAULT_MAX_SESSION = 3600;

export function roleOutput(r: EntityRecord, full = true): Record<string, unknown> {
  return {
    Path: r.Path,
    RoleName: r.Name,
    RoleId: r.Id,
    Arn: r.Arn,
    CreateDate: toDate(r.CreateDate),
    AssumeRolePolicyDocument: r.AssumeRolePolicyDocument === undefined ? undefined : encodeDocument(r.AssumeRolePolicyDocument),
    Description: r.Description,
    MaxSessionDuration: r.MaxSessionDuration ?? DEFAULT_MAX_SESSION,
    // ListRoles leaves out boundaries, tags and last use, as AWS does.
    PermissionsBoundary: full ? r.PermissionsBoundary : undefined,
    Tags: full ? outputTags(r.Tags) : undefined,
    RoleLastUsed: full ? {} : undefined,
  };
}

export const createRole: OperationHandler = async (ctx, input) => {
  const document = input.AssumeRolePolicyDocument as string;
  validatePolicyDocument(document, 'trust');
  const tags = requestTags(input);
  const role = await ctx.store.transaction(async (tx) =>
    createEntity(ctx, tx, 'role', {
      Name: input.RoleName as string,
      Path: input.Path as string | undefined,
      AssumeRolePolicyDocument: document,
      Description: input.Description as string | undefined,
      MaxSessionDuration: (input.MaxSessionDuration as number | undefined) ?? DEFAULT_MAX_SESSION,
      Tags: tags,
      PermissionsBoundary: input.PermissionsBoundary ? await boundaryFor(tx, iamScope(ctx), input.PermissionsBoundary as string) : undefined,
    }),
  );
  const out = roleOutput(role);
  delete out.RoleLastUsed;
  return { Role: out };
};

export const getRole: OperationHandler = async (ctx, input) => ({
  Role: roleOutput(await requireEntity(ctx.store, iamScope(ctx), 'role', input.RoleName as string)),
});

export const listRoles: OperationHandler = async (ctx, input) => {
  const roles = await listEntities(ctx.store, iamScope(ctx), 'role', input.PathPrefix as string | undefined);
  return pageOutput('Roles', paginate(roles, (r) => nameKey(r.Name), input), (r) => roleOutput(r, false));
};

/** Applies `change` to the named role inside a transaction; resolves the updated record. */
async function changeRole(ctx: Parameters<OperationHandler>[0], name: string, change: (r: EntityRecord) => EntityRecord): Promise<EntityRecord> {
  const scope = iamScope(ctx);
  return ctx.store.transaction(async (tx) => {
    const updated = change(await requireEntity(tx, scope, 'role', name));
    await saveEntity(tx, scope, 'role', updated);
    return updated;
  });
}

export const updateRole: OperationHandler = async (ctx, input) => {
  await changeRole(ctx, input.RoleName as string, (r) => ({
    ...r,
    Description: input.Description === undefined ? r.Description : (input.Description as string),
    MaxSessionDuration: (input.MaxSessionDuration as number | undefined) ?? r.MaxSessionDuration,
  }));
  return {};
};

export const updateRoleDescription: OperationHandler = async (ctx, input) => {
  const role = await changeRole(ctx, input.RoleName as string, (r) => ({ ...r, Description: input.Description as string }));
  return { Role: roleOutput(role) };
};

export const updateAssumeRolePolicy: OperationHandler = async (ctx, input) => {
  const document = input.PolicyDocument as string;
  validatePolicyDocument(document, 'trust');
  await changeRole(ctx, input.RoleName as string, (r) => ({ ...r, AssumeRolePolicyDocument: document }));
  return {};
};

export const deleteRole: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const role = await requireEntity(tx, scope, 'role', input.RoleName as string);
    const has = (kind: string) => hasChildren(tx, scope, kind, role.Id);
    if (await has(CHILD.inline)) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (await has(CHILD.attached)) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (await has(ROLE_INSTANCE_PROFILES)) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    await releaseBoundary(tx, scope, role.PermissionsBoundary);
    await deleteEntity(tx, scope, 'role', role);
  });
  return {};
};
