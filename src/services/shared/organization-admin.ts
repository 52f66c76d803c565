/**
 * The delegated administrator of an organization for a service (per Region), as GuardDuty and
 * Security Hub both keep it: the management account enables one (an account of its
 * organization; the service is enabled in it if it was not), lists it and disables it — the
 * members the administrator had through the organization then leave it. Organization state is
 * read through the Organizations service's own modules.
 *
 * Parameterised by what differs: the store kind and the stored (and listed) record's shape,
 * the errors in the service's words, and how the service is enabled in an account.
 *
 * Store layout: <orgAdmin kind>  admin  R (in the management account's scope)
 */
import type { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import { loadOrg, membershipOf } from '../organizations/state.js';
import type { OperationInput, RequestContext } from '../types.js';
import type { MemberAccounts } from './member-accounts.js';

export const ORG_ADMIN_ID = 'admin';

export interface OrganizationAdminConfig<R> {
  kind: string;
  /** The record stored for (and listed as) the delegated administrator `admin`. */
  record: (admin: string) => R;
  adminOf: (record: R) => string;
  /** The service enabled in an account and Region if it was not. */
  enable: (ops: StoreOps, scope: Scope) => Promise<unknown>;
  members: Pick<MemberAccounts<string>, 'removeOrganizationMembers'>;
  paginate: (items: readonly R[], maxResults: unknown, nextToken: unknown) => { page: R[]; NextToken?: string };
  errors: {
    notManagementAccount: () => AwsError;
    notOrganizationAccount: (account: string) => AwsError;
    alreadyEnabled: (current: string) => AwsError;
    notAdministrator: (account: string) => AwsError;
  };
}

const scopeOf = (account: string, region: string): Scope => ({ account, region });

export class OrganizationAdmin<R> {
  constructor(readonly config: OrganizationAdminConfig<R>) {}

  private async requireManagement(ctx: RequestContext, ops: StoreOps): Promise<{ scope: Scope; organizationId: string }> {
    const org = await loadOrg(ops, ctx.account);
    if (!org?.management) throw this.config.errors.notManagementAccount();
    return { scope: scopeOf(ctx.account, ctx.region), organizationId: org.org.Id };
  }

  private async current(ops: StoreOps, managementScope: Scope): Promise<R | undefined> {
    return (await ops.get<R>(managementScope, this.config.kind, ORG_ADMIN_ID))?.value;
  }

  /** The delegated administrator of an account's organization in a Region, if any. */
  async of(ops: StoreOps, account: string, region: string): Promise<{ admin: string; organizationId: string; managementAccount: string } | undefined> {
    const org = await loadOrg(ops, account);
    if (!org) return undefined;
    const record = await this.current(ops, scopeOf(org.org.MasterAccountId, region));
    return record ? { admin: this.config.adminOf(record), organizationId: org.org.Id, managementAccount: org.org.MasterAccountId } : undefined;
  }

  /** EnableOrganizationAdminAccount (the caller answers the output). */
  async enable(ctx: RequestContext, admin: string): Promise<void> {
    const { errors } = this.config;
    await ctx.store.transaction(async (tx) => {
      const { scope, organizationId } = await this.requireManagement(ctx, tx);
      if ((await membershipOf(tx, admin))?.organizationId !== organizationId) throw errors.notOrganizationAccount(admin);
      const current = await this.current(tx, scope);
      if (current && this.config.adminOf(current) !== admin) throw errors.alreadyEnabled(this.config.adminOf(current));
      await tx.put(scope, this.config.kind, ORG_ADMIN_ID, this.config.record(admin));
      await this.config.enable(tx, scopeOf(admin, ctx.region));
    });
  }

  /** DisableOrganizationAdminAccount: the organization's members leave the administrator with it. */
  async disable(ctx: RequestContext, admin: string): Promise<void> {
    await ctx.store.transaction(async (tx) => {
      const { scope } = await this.requireManagement(ctx, tx);
      const current = await this.current(tx, scope);
      if ((current === undefined ? undefined : this.config.adminOf(current)) !== admin) throw this.config.errors.notAdministrator(admin);
      await tx.delete(scope, this.config.kind, ORG_ADMIN_ID);
      await this.config.members.removeOrganizationMembers(tx, scopeOf(admin, ctx.region));
    });
  }

  /** ListOrganizationAdminAccounts. */
  async list(ctx: RequestContext, input: OperationInput): Promise<{ AdminAccounts: R[]; NextToken?: string }> {
    const { scope } = await this.requireManagement(ctx, ctx.store);
    const record = await this.current(ctx.store, scope);
    const { page, NextToken } = this.config.paginate(record ? [record] : [], input.MaxResults, input.NextToken);
    return { AdminAccounts: page, ...(NextToken && { NextToken }) };
  }
}
