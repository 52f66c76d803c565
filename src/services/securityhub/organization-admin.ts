/**
 * The delegated Security Hub administrator of an organization (per Region):
 * EnableOrganizationAdminAccount and DisableOrganizationAdminAccount by the management account
 * (Security Hub is enabled in the administrator if it was not), ListOrganizationAdminAccounts,
 * and the administrator's DescribeOrganizationConfiguration and
 * UpdateOrganizationConfiguration (stored; new organization accounts are not added by
 * themselves — the administrator adds them with CreateMembers). Organization state is read
 * through the Organizations service's own modules; the delegation itself is shared with GuardDuty
 * (../shared/organization-admin.ts).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { OrganizationAdmin } from '../shared/organization-admin.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { HUB_ID, KIND, ORG_CONFIGURATION_ID, hubArn, nowIso, type HubRecord, type OrgAdminRecord, type OrgConfigurationRecord, type SubscriptionRecord } from './common.js';
import { invalidInput, notManagementAccount, notOrganizationAccount } from './errors.js';
import { callerScope, readHub, requireHub } from './hubs.js';
import { paginate } from './pagination.js';
import { DEFAULT_SUBSCRIPTIONS, productArn, subscriptionArn } from './products.js';
import { memberAccounts } from './relationships.js';

/** Security Hub enabled in a scope (with the default integrations) if it was not. */
export async function ensureHub(ops: StoreOps, scope: Scope): Promise<void> {
  if (await readHub(ops, scope)) return;
  await ops.put(scope, KIND.hub, HUB_ID, { HubArn: hubArn(scope), SubscribedAt: nowIso(), AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL', Tags: {} } satisfies HubRecord);
  for (const key of DEFAULT_SUBSCRIPTIONS) {
    await ops.put(scope, KIND.subscription, key, { ProductArn: productArn(scope.region, key, scope.account), ProductSubscriptionArn: subscriptionArn(scope, key) } satisfies SubscriptionRecord);
  }
}

// Unconfirmed wording (the errors of this file).
const organizationAdmin = new OrganizationAdmin<OrgAdminRecord>({
  kind: KIND.orgAdmin,
  record: (admin) => ({ AccountId: admin, Status: 'ENABLED' }),
  adminOf: (record) => record.AccountId,
  enable: ensureHub,
  members: memberAccounts,
  paginate: (items, maxResults, nextToken) => paginate(items, maxResults, nextToken),
  errors: {
    notManagementAccount,
    notOrganizationAccount,
    alreadyEnabled: (current) => invalidInput(`The organization already has a Security Hub administrator account (${current}) in this Region.`),
    notAdministrator: (admin) => invalidInput(`Account ${admin} is not the Security Hub administrator account of the organization.`),
  },
});

/** The delegated administrator of an account's organization in a Region, if any. */
export const organizationAdminOf = (ops: StoreOps, account: string, region: string): Promise<{ admin: string; organizationId: string; managementAccount: string } | undefined> =>
  organizationAdmin.of(ops, account, region);

export const enableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  const admin = input.AdminAccountId as string;
  await organizationAdmin.enable(ctx, admin);
  return { AdminAccountId: admin, Feature: input.Feature ?? 'SecurityHub' };
};

export const disableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  await organizationAdmin.disable(ctx, input.AdminAccountId as string);
  return {};
};

export const listOrganizationAdminAccounts: OperationHandler = async (ctx, input) => organizationAdmin.list(ctx, input);

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
