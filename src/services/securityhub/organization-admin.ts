/**
 * The delegated Security Hub administrator of an organization (per Region):
 * EnableOrganizationAdminAccount and DisableOrganizationAdminAccount by the management account
 * (Security Hub is enabled in the administrator if it was not), ListOrganizationAdminAccounts,
 * and the administrator's DescribeOrganizationConfiguration and
 * UpdateOrganizationConfiguration (stored; new organization accounts are not added by
 * themselves — the administrator adds them with CreateMembers). Organization state is read
 * through the Organizations service's own modules.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { loadOrg, membershipOf } from '../organizations/state.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { ADMINISTRATOR_ID, HUB_ID, KIND, ORG_ADMIN_ID, ORG_CONFIGURATION_ID, hubArn, nowIso, scopeOf, type HubRecord, type MemberRecord, type OrgAdminRecord, type OrgConfigurationRecord, type SubscriptionRecord } from './common.js';
import { invalidInput, notManagementAccount, notOrganizationAccount } from './errors.js';
import { callerScope, readHub, requireHub } from './hubs.js';
import { paginate } from './pagination.js';
import { DEFAULT_SUBSCRIPTIONS, productArn, subscriptionArn } from './products.js';

async function requireManagement(ctx: RequestContext, ops: StoreOps): Promise<{ scope: Scope; organizationId: string }> {
  const org = await loadOrg(ops, ctx.account);
  if (!org?.management) throw notManagementAccount();
  return { scope: callerScope(ctx), organizationId: org.org.Id };
}

/** The delegated administrator of an account's organization in a Region, if any. */
export async function organizationAdminOf(ops: StoreOps, account: string, region: string): Promise<{ admin: string; organizationId: string; managementAccount: string } | undefined> {
  const org = await loadOrg(ops, account);
  if (!org) return undefined;
  const record = (await ops.get<OrgAdminRecord>(scopeOf(org.org.MasterAccountId, region), KIND.orgAdmin, ORG_ADMIN_ID))?.value;
  return record ? { admin: record.AccountId, organizationId: org.org.Id, managementAccount: org.org.MasterAccountId } : undefined;
}

/** Security Hub enabled in a scope (with the default integrations) if it was not. */
export async function ensureHub(ops: StoreOps, scope: Scope): Promise<void> {
  if (await readHub(ops, scope)) return;
  await ops.put(scope, KIND.hub, HUB_ID, { HubArn: hubArn(scope), SubscribedAt: nowIso(), AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL', Tags: {} } satisfies HubRecord);
  for (const key of DEFAULT_SUBSCRIPTIONS) {
    await ops.put(scope, KIND.subscription, key, { ProductArn: productArn(scope.region, key, scope.account), ProductSubscriptionArn: subscriptionArn(scope, key) } satisfies SubscriptionRecord);
  }
}

// Unconfirmed wording (the errors of this file).
export const enableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  const admin = input.AdminAccountId as string;
  await ctx.store.transaction(async (tx) => {
    const { scope, organizationId } = await requireManagement(ctx, tx);
    if ((await membershipOf(tx, admin))?.organizationId !== organizationId) throw notOrganizationAccount(admin);
    const current = (await tx.get<OrgAdminRecord>(scope, KIND.orgAdmin, ORG_ADMIN_ID))?.value;
    if (current && current.AccountId !== admin) throw invalidInput(`The organization already has a Security Hub administrator account (${current.AccountId}) in this Region.`);
    await tx.put(scope, KIND.orgAdmin, ORG_ADMIN_ID, { AccountId: admin, Status: 'ENABLED' } satisfies OrgAdminRecord);
    await ensureHub(tx, scopeOf(admin, ctx.region));
  });
  return { AdminAccountId: admin, Feature: input.Feature ?? 'SecurityHub' };
};

export const disableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  const admin = input.AdminAccountId as string;
  await ctx.store.transaction(async (tx) => {
    const { scope } = await requireManagement(ctx, tx);
    const current = (await tx.get<OrgAdminRecord>(scope, KIND.orgAdmin, ORG_ADMIN_ID))?.value;
    if (current?.AccountId !== admin) throw invalidInput(`Account ${admin} is not the Security Hub administrator account of the organization.`);
    await tx.delete(scope, KIND.orgAdmin, ORG_ADMIN_ID);
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

async function requireDelegatedAdmin(ctx: RequestContext): Promise<Scope> {
  await requireHub(ctx);
  const delegated = await organizationAdminOf(ctx.store, ctx.account, ctx.region);
  if (delegated?.admin !== ctx.account) throw invalidInput('The request is only allowed from the Security Hub administrator account of an organization.');
  return callerScope(ctx);
}

const DEFAULT_CONFIGURATION: OrgConfigurationRecord = { AutoEnable: false, AutoEnableStandards: 'DEFAULT' };

export const describeOrganizationConfiguration: OperationHandler = async (ctx) => {
  const scope = await requireDelegatedAdmin(ctx);
  const config = (await ctx.store.get<OrgConfigurationRecord>(scope, KIND.orgConfiguration, ORG_CONFIGURATION_ID))?.value ?? DEFAULT_CONFIGURATION;
  return { ...config, MemberAccountLimitReached: false, OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' } };
};

export const updateOrganizationConfiguration: OperationHandler = async (ctx, input) => {
  const scope = await requireDelegatedAdmin(ctx);
  const config: OrgConfigurationRecord = { AutoEnable: input.AutoEnable === true, AutoEnableStandards: input.AutoEnableStandards === 'NONE' ? 'NONE' : 'DEFAULT' };
  await ctx.store.put(scope, KIND.orgConfiguration, ORG_CONFIGURATION_ID, config);
  return {};
};
