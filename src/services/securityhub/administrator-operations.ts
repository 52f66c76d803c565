/**
 * The member's side: GetAdministratorAccount (and the older GetMasterAccount),
 * AcceptAdministratorInvitation (AcceptInvitation), DisassociateFromAdministratorAccount
 * (DisassociateFromMasterAccount) and the invitations an account received: ListInvitations,
 * GetInvitationsCount, DeclineInvitations, DeleteInvitations. Invitations arrive at once (no
 * email): InviteMembers stores one in the invited account's scope.
 */
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { ADMINISTRATOR_ID, KIND, nowIso, scopeOf, storeKey, type AdministratorRecord, type InvitationRecord, type MemberRecord } from './common.js';
import { invalidInput, notFound } from './errors.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';

async function administratorRecord(ctx: RequestContext): Promise<AdministratorRecord | undefined> {
  await requireHub(ctx);
  return (await ctx.store.get<AdministratorRecord>(callerScope(ctx), KIND.administrator, ADMINISTRATOR_ID))?.value;
}

export const getAdministratorAccount: OperationHandler = async (ctx) => {
  const record = await administratorRecord(ctx);
  return record ? { Administrator: record } : {};
};

export const getMasterAccount: OperationHandler = async (ctx) => {
  const record = await administratorRecord(ctx);
  return record ? { Master: record } : {};
};

// Unconfirmed wording (the errors of this file).
async function accept(ctx: RequestContext, input: OperationInput, administrator: unknown): Promise<void> {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const key = storeKey(administrator);
    const invitation = key === undefined ? undefined : (await tx.get<InvitationRecord>(scope, KIND.invitation, key))?.value;
    if (!invitation || invitation.InvitationId !== input.InvitationId) throw notFound('The invitation was not found for the given administrator account and invitation ID.');
    const current = (await tx.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
    if (current?.MemberStatus === 'Enabled' && current.AccountId !== invitation.AccountId) throw invalidInput('This account is already associated with another administrator account.');
    const adminScope = scopeOf(invitation.AccountId, ctx.region);
    const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
    if (member) await tx.put(adminScope, KIND.member, ctx.account, { ...member, MemberStatus: 'Enabled', UpdatedAt: nowIso() } satisfies MemberRecord);
    await tx.put(scope, KIND.administrator, ADMINISTRATOR_ID, { AccountId: invitation.AccountId, InvitationId: invitation.InvitationId, InvitedAt: invitation.InvitedAt, MemberStatus: 'Enabled' } satisfies AdministratorRecord);
    await tx.delete(scope, KIND.invitation, invitation.AccountId);
  });
}

export const acceptAdministratorInvitation: OperationHandler = async (ctx, input) => {
  await accept(ctx, input, input.AdministratorId);
  return {};
};

export const acceptInvitation: OperationHandler = async (ctx, input) => {
  await accept(ctx, input, input.MasterId);
  return {};
};

export const disassociateFromAdministratorAccount: OperationHandler = async (ctx) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const current = (await tx.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
    if (!current || current.MemberStatus !== 'Enabled') throw notFound('This account is not associated with an administrator account.');
    const adminScope = scopeOf(current.AccountId, ctx.region);
    const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
    if (member?.ViaOrganization) throw invalidInput('An organization account cannot disassociate itself; its administrator account can disassociate it.');
    if (member) await tx.put(adminScope, KIND.member, ctx.account, { ...member, MemberStatus: 'Resigned', UpdatedAt: nowIso() } satisfies MemberRecord);
    await tx.delete(scope, KIND.administrator, ADMINISTRATOR_ID);
  });
  return {};
};

async function invitationsOf(ctx: RequestContext): Promise<InvitationRecord[]> {
  return (await ctx.store.list<InvitationRecord>(callerScope(ctx), KIND.invitation)).items.map((i) => i.value);
}

export const listInvitations: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const { page, NextToken } = paginate(await invitationsOf(ctx), input.MaxResults, input.NextToken, 50);
  return { Invitations: page, ...(NextToken && { NextToken }) };
};

export const getInvitationsCount: OperationHandler = async (ctx) => {
  await requireHub(ctx);
  return { InvitationsCount: (await invitationsOf(ctx)).length };
};

/** Declining or deleting invitations removes them; the administrator's member record shows the refusal as Removed. */
const dropInvitations: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const unprocessed: Array<{ AccountId: string; ProcessingResult: string }> = [];
  for (const administrator of (input.AccountIds as unknown[] | undefined) ?? []) {
    const key = storeKey(administrator);
    const found = key !== undefined && await ctx.store.transaction(async (tx) => {
      if (!(await tx.get(scope, KIND.invitation, key))) return false;
      await tx.delete(scope, KIND.invitation, key);
      const adminScope = scopeOf(key, ctx.region);
      const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
      if (member?.MemberStatus === 'Invited') await tx.put(adminScope, KIND.member, ctx.account, { ...member, MemberStatus: 'Removed', UpdatedAt: nowIso() } satisfies MemberRecord);
      return true;
    });
    if (!found) unprocessed.push({ AccountId: String(administrator), ProcessingResult: 'No invitation from this account was found.' });
  }
  return { UnprocessedAccounts: unprocessed };
};

export const declineInvitations = dropInvitations;
export const deleteInvitations = dropInvitations;
