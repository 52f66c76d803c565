/**
 * The administrator's side of member accounts: CreateMembers, InviteMembers, GetMembers,
 * ListMembers, DisassociateMembers and DeleteMembers. An account of the administrator's
 * organization, added by the organization's delegated administrator, is a member at once
 * (Enabled; Security Hub enabled in it if it was not — except the management account, which must
 * enable it itself); any other account is Created, then Invited, and Enabled once it accepts
 * (administrator-operations.ts). Per-account problems come back as UnprocessedAccounts.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { membershipOf } from '../organizations/state.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { distinctAccountIds, isAccountId } from '../shared/member-accounts.js';
import { newUuid, type MemberRecord } from './common.js';
import { invalidInput } from './errors.js';
import { callerScope, readHub, requireHub } from './hubs.js';
import { ensureHub, organizationAdminOf } from './organization-admin.js';
import { paginate } from './pagination.js';
import { administratorOf, memberAccounts } from './relationships.js';

interface Unprocessed {
  AccountId: string;
  ProcessingResult: string;
}

// Unconfirmed wording (the processing results and errors of this file).
const INVALID_ACCOUNT = 'Invalid account ID.';
const SELF = 'The administrator account cannot be added as a member.';
const ALREADY_MEMBER = 'The account is already a member of this administrator account.';
const OTHER_ADMINISTRATOR = 'The account is already a member of another administrator account.';
const NOT_MEMBER = 'The account is not a member of this administrator account.';
const MANAGEMENT_WITHOUT_HUB = 'Security Hub must be enabled in the organization management account before it can become a member.';
const ORGANIZATION_MEMBER = 'An organization account cannot be deleted; disassociate it instead.';

async function requireAdministrator(ctx: RequestContext): Promise<Scope> {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  if (await administratorOf(ctx.store, scope)) throw invalidInput('A member account cannot manage member accounts.');
  return scope;
}

const memberOf = (ops: StoreOps, adminScope: Scope, account: string): Promise<MemberRecord | undefined> => memberAccounts.memberOf(ops, adminScope, account);

/** Runs `change` for each account (a transaction each): an invalid id, or the reason `change` returns, makes the account unprocessed. */
async function perAccount<T>(ctx: RequestContext, items: readonly T[], accountOf: (item: T) => unknown, change: (tx: StoreOps, account: string, item: T) => Promise<string | undefined>): Promise<Unprocessed[]> {
  const unprocessed: Unprocessed[] = [];
  for (const item of items) {
    const account = accountOf(item);
    const result = isAccountId(account) ? await ctx.store.transaction((tx) => change(tx, account, item)) : INVALID_ACCOUNT;
    if (result) unprocessed.push({ AccountId: String(account), ProcessingResult: result });
  }
  return unprocessed;
}

export const createMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx);
  const delegated = await organizationAdminOf(ctx.store, ctx.account, ctx.region);
  const ourOrganization = delegated?.admin === ctx.account ? delegated : undefined;
  const details = input.AccountDetails as Array<{ AccountId: string; Email?: string }>;
  const unprocessed = await perAccount(ctx, details, (d) => d.AccountId, async (tx, account, detail) => {
    if (account === ctx.account) return SELF;
    return memberAccounts.addMember(tx, adminScope, account, {
      fields: { ...(detail.Email && { Email: detail.Email }) },
      viaOrganization: async (tx) => ourOrganization !== undefined && (await membershipOf(tx, account))?.organizationId === ourOrganization.organizationId,
      checkOrganizationAccount: async (tx, memberScope) => (account === ourOrganization?.managementAccount && !(await readHub(tx, memberScope)) ? MANAGEMENT_WITHOUT_HUB : undefined),
      enable: ensureHub,
      reasons: { alreadyMember: ALREADY_MEMBER, otherAdministrator: OTHER_ADMINISTRATOR },
    });
  });
  return { UnprocessedAccounts: unprocessed };
};

const accountIds = (input: OperationInput): unknown[] => distinctAccountIds(input.AccountIds);

export const inviteMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx);
  const unprocessed = await perAccount(ctx, accountIds(input), (a) => a, (tx, account) =>
    memberAccounts.invite(tx, adminScope, account, newUuid(), { notMember: NOT_MEMBER, alreadyMember: ALREADY_MEMBER }));
  return { UnprocessedAccounts: unprocessed };
};

const memberOutput = (adminScope: Scope, member: MemberRecord): Record<string, unknown> => ({
  AccountId: member.AccountId,
  ...(member.Email && { Email: member.Email }),
  MasterId: adminScope.account,
  AdministratorId: adminScope.account,
  MemberStatus: member.MemberStatus,
  ...(member.InvitedAt && { InvitedAt: member.InvitedAt }),
  UpdatedAt: member.UpdatedAt,
});

export const getMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx);
  const members: Record<string, unknown>[] = [];
  const unprocessed: Unprocessed[] = [];
  for (const account of accountIds(input)) {
    const member = isAccountId(account) ? await memberOf(ctx.store, adminScope, account) : undefined;
    if (member) members.push(memberOutput(adminScope, member));
    else unprocessed.push({ AccountId: String(account), ProcessingResult: NOT_MEMBER });
  }
  return { Members: members, UnprocessedAccounts: unprocessed };
};

export const listMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx);
  const all = await memberAccounts.membersOf(ctx.store, adminScope);
  const members = input.OnlyAssociated === false ? all : all.filter((m) => m.MemberStatus === 'Enabled');
  const { page, NextToken } = paginate(members, input.MaxResults, input.NextToken, 50);
  return { Members: page.map((m) => memberOutput(adminScope, m)), ...(NextToken && { NextToken }) };
};

/** Ends relationships from the administrator's side: the member becomes `status` (or is deleted). */
async function endRelationships(ctx: RequestContext, input: OperationInput, status: 'Removed' | 'Deleted'): Promise<Unprocessed[]> {
  const adminScope = await requireAdministrator(ctx);
  return perAccount(ctx, accountIds(input), (a) => a, async (tx, account) => {
    const member = await memberOf(tx, adminScope, account);
    if (!member) return NOT_MEMBER;
    if (status === 'Deleted' && member.ViaOrganization) return ORGANIZATION_MEMBER;
    await memberAccounts.endRelationship(tx, adminScope, member, status === 'Deleted' ? undefined : status);
    return undefined;
  });
}

export const disassociateMembers: OperationHandler = async (ctx, input) => {
  await endRelationships(ctx, input, 'Removed');
  return {};
};

export const deleteMembers: OperationHandler = async (ctx, input) => ({ UnprocessedAccounts: await endRelationships(ctx, input, 'Deleted') });
