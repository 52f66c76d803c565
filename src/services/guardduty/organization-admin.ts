/**
 * The delegated GuardDuty administrator of an organization (per Region): the management
 * account enables one (EnableOrganizationAdminAccount, an account of its organization; GuardDuty
 * is enabled in it if it was not), lists it and disables it. The administrator then adds the
 * organization's accounts as members without invitations (members.ts). Organization state is
 * read through the Organizations service's own modules.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { loadOrg, membershipOf } from '../organizations/state.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { ADMINISTRATOR_ID, KIND, ORG_ADMIN_ID, scopeOf, type MemberRecord, type OrgAdminRecord } from './common.js';
import { newDetector } from './detectors.js';
import { adminAlreadyEnabled, notManagementAccount, notOrganizationMember } from './errors.js';
import { detectorOf } from './lookup.js';
import { paginate } from './pagination.js';

async function requireManagement(ctx: RequestContext, ops: StoreOps): Promise<{ scope: Scope; organizationId: string }> {
  const org = await loadOrg(ops, ctx.account);
  if (!org?.management) throw notManagementAccount();
  return { scope: scopeOf(ctx.account, ctx.region), organizationId: org.org.Id };
}

/** The delegated administrator of the account's organization in a Region, if any. */
export async function organizationAdminOf(ops: StoreOps, account: string, region: string): Promise<{ admin: string; organizationId: string } | undefined> {
  const org = await loadOrg(ops, account);
  if (!org) return undefined;
  const record = (await ops.get<OrgAdminRecord>(scopeOf(org.org.MasterAccountId, region), KIND.orgAdmin, ORG_ADMIN_ID))?.value;
  return record ? { admin: record.AdminAccountId, organizationId: org.org.Id } : undefined;
}

/** GuardDuty enabled in an account's Region: its detector, created when it has none. */
export async function ensureDetector(ops: StoreOps, scope: Scope): Promise<string> {
  const existing = await detectorOf(ops, scope);
  if (existing) return existing.DetectorId;
  const detector = newDetector({ Enable: true });
  await ops.put(scope, KIND.detector, detector.DetectorId, detector);
  return detector.DetectorId;
}

export const enableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  const admin = input.AdminAccountId as string;
  await ctx.store.transaction(async (tx) => {
    const { scope, organizationId } = await requireManagement(ctx, tx);
    if ((await membershipOf(tx, admin))?.organizationId !== organizationId) throw notOrganizationMember(admin);
    const current = (await tx.get<OrgAdminRecord>(scope, KIND.orgAdmin, ORG_ADMIN_ID))?.value;
    if (current && current.AdminAccountId !== admin) throw adminAlreadyEnabled(current.AdminAccountId);
    await tx.put(scope, KIND.orgAdmin, ORG_ADMIN_ID, { AdminAccountId: admin, AdminStatus: 'ENABLED' } satisfies OrgAdminRecord);
    await ensureDetector(tx, scopeOf(admin, ctx.region));
  });
  return {};
};

export const disableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  const admin = input.AdminAccountId as string;
  await ctx.store.transaction(async (tx) => {
    const { scope } = await requireManagement(ctx, tx);
    const current = (await tx.get<OrgAdminRecord>(scope, KIND.orgAdmin, ORG_ADMIN_ID))?.value;
    if (current?.AdminAccountId !== admin) throw notOrganizationMember(admin);
    await tx.delete(scope, KIND.orgAdmin, ORG_ADMIN_ID);
    // The organization's members leave the administrator with it.
    const adminScope = scopeOf(admin, ctx.region);
    for (const item of (await tx.list<MemberRecord>(adminScope, KIND.member)).items) {
      if (!item.value.ViaOrganization) continue;
      await tx.delete(adminScope, KIND.member, item.id);
      await tx.delete(scopeOf(item.id, ctx.region), KIND.administrator, ADMINISTRATOR_ID);
    }
  });
  return {};
};

export const listOrganizationAdminAccounts: OperationHandler = async (ctx, input) => {
  const { scope } = await requireManagement(ctx, ctx.store);
  const record = (await ctx.store.get<OrgAdminRecord>(scope, KIND.orgAdmin, ORG_ADMIN_ID))?.value;
  const { page, NextToken } = paginate(record ? [record] : [], input.MaxResults, input.NextToken);
  return { AdminAccounts: page, ...(NextToken && { NextToken }) };
};
