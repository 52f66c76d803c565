/**
 * The administrator's side of member accounts: CreateMembers, InviteMembers, GetMembers,
 * ListMembers, DisassociateMembers and DeleteMembers. An account of the administrator's
 * organization, added by the organization's delegated administrator, is associated at once
 * (Enabled, GuardDuty enabled in it if it was not); any other account is Created, then Invited,
 * and Enabled once it accepts (administrator.ts). Per-account problems come back as
 * UnprocessedAccounts with AWS's reasons.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { membershipOf } from '../organizations/state.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { distinctAccountIds, isAccountId } from '../shared/member-accounts.js';
import { KIND, newId, scopeOf, type MemberRecord } from './common.js';
import { invalidParameter } from './errors.js';
import { callerScope, requireDetector } from './lookup.js';
import { ensureDetector, organizationAdminOf } from './organization-admin.js';
import { paginate } from './pagination.js';
import { administratorOf, memberAccounts } from './relationships.js';

interface Unprocessed {
  AccountId: string;
  Result: string;
}

const ALREADY_INVITED = 'The request is rejected because the current account has already invited or is already the GuardDuty master of the given member account ID.';
const CANNOT_INVITE_ITSELF = 'The request is rejected because the current account cannot invite itself.';
const IS_A_MEMBER = 'The request is rejected because the current account cannot invite other accounts because it is already a member of another master account.';
// Unconfirmed wording (the two below).
const NOT_A_MEMBER = 'The request is rejected because the given account ID is not a member of the current account.';
const HAS_ANOTHER_ADMINISTRATOR = 'The request is rejected because the given account ID is already associated with another administrator account.';
const INVALID_ACCOUNT = 'The request is rejected because the given account ID is not a valid AWS account ID.';

/** The caller's scope, after checking it may administer members (its detector, no administrator of its own). */
async function requireAdministrator(ctx: RequestContext, input: OperationInput): Promise<Scope> {
  await requireDetector(ctx, input.DetectorId);
  return callerScope(ctx);
}

const accountIds = (input: OperationInput): string[] => distinctAccountIds(input.AccountIds) as string[];

const memberOf = (ops: StoreOps, adminScope: Scope, account: string): Promise<MemberRecord | undefined> => memberAccounts.memberOf(ops, adminScope, account);

export const createMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx, input);
  const unprocessed: Unprocessed[] = [];
  if (await administratorOf(ctx.store, adminScope)) {
    for (const detail of input.AccountDetails as Array<{ AccountId: string }>) unprocessed.push({ AccountId: detail.AccountId, Result: IS_A_MEMBER });
    return { UnprocessedAccounts: unprocessed };
  }
  const delegated = await organizationAdminOf(ctx.store, ctx.account, ctx.region);
  const ourOrganization = delegated?.admin === ctx.account ? delegated.organizationId : undefined;
  for (const detail of input.AccountDetails as Array<{ AccountId: string; Email: string }>) {
    const account = detail.AccountId;
    if (!isAccountId(account)) {
      unprocessed.push({ AccountId: account, Result: INVALID_ACCOUNT });
      continue;
    }
    if (account === ctx.account) {
      unprocessed.push({ AccountId: account, Result: CANNOT_INVITE_ITSELF });
      continue;
    }
    const result = await ctx.store.transaction((tx) => memberAccounts.addMember(tx, adminScope, account, {
      fields: { Email: detail.Email },
      viaOrganization: async (tx) => ourOrganization !== undefined && (await membershipOf(tx, account))?.organizationId === ourOrganization,
      enable: ensureDetector,
      reasons: { alreadyMember: ALREADY_INVITED, otherAdministrator: HAS_ANOTHER_ADMINISTRATOR },
    }));
    if (result) unprocessed.push({ AccountId: account, Result: result });
  }
  return { UnprocessedAccounts: unprocessed };
};

export const inviteMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx, input);
  const unprocessed: Unprocessed[] = [];
  for (const account of accountIds(input)) {
    const result = await ctx.store.transaction(async (tx) => {
      if (!isAccountId(account)) return INVALID_ACCOUNT;
      if (account === ctx.account) return CANNOT_INVITE_ITSELF;
      return memberAccounts.invite(tx, adminScope, account, newId(), { notMember: NOT_A_MEMBER, alreadyMember: ALREADY_INVITED });
    });
    if (result) unprocessed.push({ AccountId: account, Result: result });
  }
  return { UnprocessedAccounts: unprocessed };
};

async function memberOutput(ops: StoreOps, adminScope: Scope, member: MemberRecord): Promise<Record<string, unknown>> {
  const detector = (await ops.list<{ DetectorId: string }>(scopeOf(member.AccountId, adminScope.region), KIND.detector, { limit: 1 })).items[0]?.value;
  return {
    AccountId: member.AccountId,
    ...(detector && { DetectorId: detector.DetectorId }),
    MasterId: adminScope.account,
    AdministratorId: adminScope.account,
    Email: member.Email,
    RelationshipStatus: member.RelationshipStatus,
    ...(member.InvitedAt && { InvitedAt: member.InvitedAt }),
    UpdatedAt: member.UpdatedAt,
  };
}

export const getMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx, input);
  const members: Array<Record<string, unknown>> = [];
  const unprocessed: Unprocessed[] = [];
  for (const account of accountIds(input)) {
    const member = isAccountId(account) ? await memberOf(ctx.store, adminScope, account) : undefined;
    if (member) members.push(await memberOutput(ctx.store, adminScope, member));
    else unprocessed.push({ AccountId: account, Result: NOT_A_MEMBER });
  }
  return { Members: members, UnprocessedAccounts: unprocessed };
};

export const listMembers: OperationHandler = async (ctx, input) => {
  const adminScope = await requireAdministrator(ctx, input);
  const only = input.OnlyAssociated ?? 'true';
  if (only !== 'true' && only !== 'false') throw invalidParameter('onlyAssociated');
  const all = await memberAccounts.membersOf(ctx.store, adminScope);
  const members = only === 'true' ? all.filter((m) => m.RelationshipStatus === 'Enabled') : all;
  const { page, NextToken } = paginate(members, input.MaxResults, input.NextToken);
  const out = [];
  for (const member of page) out.push(await memberOutput(ctx.store, adminScope, member));
  return { Members: out, ...(NextToken && { NextToken }) };
};

/** Ends the relationship on both sides: the member record becomes `status` (or is deleted), the member's side is cleared. */
async function endRelationships(ctx: RequestContext, input: OperationInput, status: 'Removed' | undefined): Promise<Unprocessed[]> {
  const adminScope = await requireAdministrator(ctx, input);
  const unprocessed: Unprocessed[] = [];
  for (const account of accountIds(input)) {
    const found = isAccountId(account) && await ctx.store.transaction(async (tx) => {
      const member = await memberOf(tx, adminScope, account);
      if (!member) return false;
      await memberAccounts.endRelationship(tx, adminScope, member, status);
      return true;
    });
    if (!found) unprocessed.push({ AccountId: account, Result: NOT_A_MEMBER });
  }
  return unprocessed;
}

export const disassociateMembers: OperationHandler = async (ctx, input) => ({ UnprocessedAccounts: await endRelationships(ctx, input, 'Removed') });
export const deleteMembers: OperationHandler = async (ctx, input) => ({ UnprocessedAccounts: await endRelationships(ctx, input, undefined) });
