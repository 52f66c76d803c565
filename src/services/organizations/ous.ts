/** Organizational units: Create/Describe/Update/DeleteOrganizationalUnit, ListOrganizationalUnitsForParent. */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import {
  constraintViolation,
  duplicateOrganizationalUnit,
  newOuId,
  organizationalUnitNotEmpty,
  organizationalUnitNotFound,
  ouArn,
  pageOutput,
  paginate,
  requestTags,
} from './common.js';
import { KIND, allAccounts, allOus, attachDefaults, getOu, getRoot, removeAllAttachments, requireManagement, requireParent, type OrgContext, type OuRecord } from './state.js';

/** OUs nest at most five deep under the root. */
export const MAX_OU_DEPTH = 5;

export function ouOutput(ou: OuRecord): Record<string, unknown> {
  return { Id: ou.Id, Arn: ou.Arn, Name: ou.Name };
}

async function requireOu(ops: StoreOps, oc: OrgContext, id: string): Promise<OuRecord> {
  const ou = await getOu(ops, oc, id);
  if (!ou) throw organizationalUnitNotFound();
  return ou;
}

/** How deep an OU with this parent would sit (1 = directly under the root). */
async function depthUnder(ops: StoreOps, oc: OrgContext, parentId: string): Promise<number> {
  let depth = 1;
  let id = parentId;
  while (id !== oc.org.RootId) {
    const ou = await getOu(ops, oc, id);
    if (!ou) break;
    depth++;
    id = ou.ParentId;
  }
  return depth;
}

async function assertNameFree(ops: StoreOps, oc: OrgContext, parentId: string, name: string, except?: string): Promise<void> {
  const siblings = (await allOus(ops, oc)).filter((o) => o.ParentId === parentId && o.Id !== except);
  if (siblings.some((o) => o.Name === name)) throw duplicateOrganizationalUnit();
}

export const createOrganizationalUnit: OperationHandler = async (ctx, input) => {
  const tags = requestTags(input);
  const ou = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const parent = await requireParent(tx, oc, input.ParentId as string);
    const name = input.Name as string;
    await assertNameFree(tx, oc, parent.Id, name);
    if ((await depthUnder(tx, oc, parent.Id)) > MAX_OU_DEPTH) {
      throw constraintViolation('OU_DEPTH_LIMIT_EXCEEDED', 'You attempted to create an OU tree that is too many levels deep.');
    }
    const id = newOuId(oc.org.RootId);
    const ou: OuRecord = { Id: id, Arn: ouArn(oc.org.MasterAccountId, oc.org.Id, id), Name: name, ParentId: parent.Id, Tags: tags };
    await tx.put(oc.scope, KIND.ou, id, ou);
    await attachDefaults(tx, oc, await getRoot(tx, oc), id);
    return ou;
  });
  return { OrganizationalUnit: ouOutput(ou) };
};

export const describeOrganizationalUnit: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  return { OrganizationalUnit: ouOutput(await requireOu(ctx.store, oc, input.OrganizationalUnitId as string)) };
};

export const updateOrganizationalUnit: OperationHandler = async (ctx, input) => {
  const ou = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const ou = await requireOu(tx, oc, input.OrganizationalUnitId as string);
    if (typeof input.Name !== 'string') return ou;
    await assertNameFree(tx, oc, ou.ParentId, input.Name, ou.Id);
    const updated = { ...ou, Name: input.Name };
    await tx.put(oc.scope, KIND.ou, ou.Id, updated);
    return updated;
  });
  return { OrganizationalUnit: ouOutput(ou) };
};

export const deleteOrganizationalUnit: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const ou = await requireOu(tx, oc, input.OrganizationalUnitId as string);
    const hasOus = (await allOus(tx, oc)).some((o) => o.ParentId === ou.Id);
    const hasAccounts = (await allAccounts(tx, oc)).some((a) => a.ParentId === ou.Id);
    if (hasOus || hasAccounts) throw organizationalUnitNotEmpty();
    await removeAllAttachments(tx, oc.scope, ou.Id);
    await tx.delete(oc.scope, KIND.ou, ou.Id);
  });
  return {};
};

export const listOrganizationalUnitsForParent: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const parent = await requireParent(ctx.store, oc, input.ParentId as string);
  const ous = (await allOus(ctx.store, oc)).filter((o) => o.ParentId === parent.Id);
  return pageOutput('OrganizationalUnits', paginate(ous, (o) => o.Id, input), ouOutput);
};
