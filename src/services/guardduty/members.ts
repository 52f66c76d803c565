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
import { ADMINISTRATOR_ID, KIND, newId, nowIso, scopeOf, type AdministratorRecord, type InvitationRecord, type MemberRecord } from './common.js';
import { invalidParameter } from './errors.js';
import { callerScope, requireDetector } from './lookup.js';
import { ensureDetector, organizationAdminOf } from './organization-admin.js';
import { paginate } from './pagination.js';
import { administratorOf } from './relationships.js';

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

const isAccountId = (account: string): boolean => /^\d{12}$/.test(account);

/** The caller's scope, after checking it may administer members (its detector, no administrator of its own). */
async function requireAdministrator(ctx: RequestContext, input: OperationInput): Promise<Scope> {
  await requireDetector(ctx, input.DetectorId);
  return callerScope(ctx);
}

const accountIds = (input: OperationInput): string[] => [...new Set((input.AccountIds as string[] | undefined) ?? [])];

async function memberOf(ops: StoreOps, adminScope: Scope, account: string): Promise<MemberRecord | undefined> {
  return (await ops.get<MemberRecord>(adminScope, KIND.member, account))?.value;
}

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
    const result = await ctx.store.transaction(async (tx) => {
      const existing = await memberOf(tx, adminScope, account);
      if (existing && (existing.RelationshipStatus === 'Enabled' || existing.RelationshipStatus === 'Invited')) return ALREADY_INVITED;
      const memberScope = scopeOf(account, ctx.region);
      const otherAdmin = await administratorOf(tx, memberScope);
      if (otherAdmin && otherAdmin !== ctx.account) return HAS_ANOTHER_ADMINISTRATOR;
      const viaOrganization = ourOrganization !== undefined && (await membershipOf(tx, account))?.organizationId === ourOrganization;
      const now = nowIso();
      const member: MemberRecord = { AccountId: account, Email: detail.Email, RelationshipStatus: viaOrganization ? 'Enabled' : 'Created', UpdatedAt: now, ...(viaOrganization && { ViaOrganization: true }) };
      await tx.put(adminScope, KIND.member, account, member);
      if (viaOrganization) {
        await ensureDetector(tx, memberScope);
        await tx.put(memberScope, KIND.administrator, ADMINISTRATOR_ID, { AccountId: ctx.account, RelationshipStatus: 'Enabled' } satisfies AdministratorRecord);
      }
      return undefined;
    });
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
      const member = await memberOf(tx, adminScope, account);
      if (!member) return NOT_A_MEMBER;
      if (member.RelationshipStatus === 'Enabled' || member.RelationshipStatus === 'Invited') return ALREADY_INVITED;
      const now = nowIso();
      const invitationId = newId();
      await tx.put(adminScope, KIND.member, account, { ...member, RelationshipStatus: 'Invited', InvitedAt: now, UpdatedAt: now, InvitationId: invitationId } satisfies MemberRecord);
      await tx.put(scopeOf(account, ctx.region), KIND.invitation, ctx.account, { AccountId: ctx.account, InvitationId: invitationId, RelationshipStatus: 'Invited', InvitedAt: now } satisfies InvitationRecord);
      return undefined;
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
  const all = (await ctx.store.list<MemberRecord>(adminScope, KIND.member)).items.map((i) => i.value);
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
      if (status) await tx.put(adminScope, KIND.member, account, { ...member, RelationshipStatus: status, UpdatedAt: nowIso() } satisfies MemberRecord);
      else await tx.delete(adminScope, KIND.member, account);
      const memberScope = scopeOf(account, ctx.region);
      const administrator = (await tx.get<AdministratorRecord>(memberScope, KIND.administrator, ADMINISTRATOR_ID))?.value;
      if (administrator?.AccountId === ctx.account) await tx.delete(memberScope, KIND.administrator, ADMINISTRATOR_ID);
      await tx.delete(memberScope, KIND.invitation, ctx.account);
      return true;
    });
    if (!found) unprocessed.push({ AccountId: account, Result: NOT_A_MEMBER });
  }
  return unprocessed;
}

export const disassociateMembers: OperationHandler = async (ctx, input) => ({ UnprocessedAccounts: await endRelationships(ctx, input, 'Removed') });
export const deleteMembers: OperationHandler = async (ctx, input) => ({ UnprocessedAccounts: await endRelationships(ctx, input, undefined) });
