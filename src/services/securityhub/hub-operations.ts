/**
 * EnableSecurityHub (EnableDefaultStandards is accepted; Bulwark runs no standards),
 * DescribeHub, UpdateSecurityHubConfiguration and DisableSecurityHub. Enabling subscribes the
 * hub to the default integrations (GuardDuty, Security Hub). Disabling is refused to an
 * administrator with members; it ends the account's own association with an administrator.
 * Findings, insights and rules stay stored (AWS deletes them after 90 days) and come back if
 * the hub is enabled again.
 */
import type { OperationHandler } from '../types.js';
import { ADMINISTRATOR_ID, HUB_ID, KIND, hubArn, nowIso, scopeOf, type AdministratorRecord, type HubRecord, type MemberRecord, type SubscriptionRecord, type Tags } from './common.js';
import { administratorCannotDisable, alreadySubscribed, invalidInput, notSubscribed, resourceNotFound } from './errors.js';
import { callerScope, readHub, requireHub } from './hubs.js';
import { DEFAULT_SUBSCRIPTIONS, productArn, subscriptionArn } from './products.js';
import { organizationAdminOf } from './organization-admin.js';
import { enabledMembers } from './relationships.js';

export const enableSecurityHub: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    if (await readHub(tx, scope)) throw alreadySubscribed(ctx.account);
    const hub: HubRecord = {
      HubArn: hubArn(scope),
      SubscribedAt: nowIso(),
      AutoEnableControls: true,
      ControlFindingGenerator: input.ControlFindingGenerator === 'STANDARD_CONTROL' ? 'STANDARD_CONTROL' : 'SECURITY_CONTROL',
      Tags: { ...(input.Tags as Tags | undefined) },
    };
    await tx.put(scope, KIND.hub, HUB_ID, hub);
    for (const key of DEFAULT_SUBSCRIPTIONS) {
      await tx.put(scope, KIND.subscription, key, { ProductArn: productArn(ctx.region, key, ctx.account), ProductSubscriptionArn: subscriptionArn(scope, key) } satisfies SubscriptionRecord);
    }
  });
  return {};
};

export const describeHub: OperationHandler = async (ctx, input) => {
  const hub = await requireHub(ctx);
  // Unconfirmed wording.
  if (input.HubArn !== undefined && input.HubArn !== hub.HubArn) {
    if (!/^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:hub\/default$/.test(String(input.HubArn))) throw invalidInput(`Invalid HubArn: ${String(input.HubArn)}`);
    throw resourceNotFound('Hub', String(input.HubArn));
  }
  return { HubArn: hub.HubArn, SubscribedAt: hub.SubscribedAt, AutoEnableControls: hub.AutoEnableControls, ControlFindingGenerator: hub.ControlFindingGenerator };
};

export const updateSecurityHubConfiguration: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const hub = await readHub(tx, scope);
    if (!hub) throw notSubscribed(ctx.account);
    const next: HubRecord = { ...hub };
    if (typeof input.AutoEnableControls === 'boolean') next.AutoEnableControls = input.AutoEnableControls;
    if (input.ControlFindingGenerator === 'STANDARD_CONTROL' || input.ControlFindingGenerator === 'SECURITY_CONTROL') next.ControlFindingGenerator = input.ControlFindingGenerator;
    await tx.put(scope, KIND.hub, HUB_ID, next);
  });
  return {};
};

export const disableSecurityHub: OperationHandler = async (ctx) => {
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    if (!(await readHub(tx, scope))) throw notSubscribed(ctx.account);
    if ((await enabledMembers(tx, scope)).length > 0 || (await organizationAdminOf(tx, ctx.account, ctx.region))?.admin === ctx.account) throw administratorCannotDisable();
    const administrator = (await tx.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
    if (administrator) {
      const adminScope = scopeOf(administrator.AccountId, ctx.region);
      const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
      if (member) await tx.put(adminScope, KIND.member, ctx.account, { ...member, MemberStatus: 'Removed', UpdatedAt: nowIso() } satisfies MemberRecord);
      await tx.delete(scope, KIND.administrator, ADMINISTRATOR_ID);
    }
    for (const item of (await tx.list(scope, KIND.subscription)).items) await tx.delete(scope, KIND.subscription, item.id);
    await tx.delete(scope, KIND.hub, HUB_ID);
  });
  return {};
};
