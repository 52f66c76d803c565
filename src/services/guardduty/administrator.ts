/**
 * The member's side: GetAdministratorAccount (and the older GetMasterAccount),
 * AcceptAdministratorInvitation (AcceptInvitation), DisassociateFromAdministratorAccount
 * (DisassociateFromMasterAccount), and the invitations an account received: ListInvitations,
 * GetInvitationsCount, DeclineInvitations, DeleteInvitations. Invitations are delivered at
 * once (no email): InviteMembers stores one in the invited account's scope.
 */
import type { Scope } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { ADMINISTRATOR_ID, KIND, nowIso, scopeOf, type AdministratorRecord, type InvitationRecord, type MemberRecord } from './common.js';
import { badRequest, notAssociated, organizationManaged } from './errors.js';
import { callerScope, requireDetector, storeKey } from './lookup.js';
import { paginate } from './pagination.js';

async function administratorRecord(ctx: RequestContext, input: OperationInput): Promise<AdministratorRecord | undefined> {
  await requireDetector(ctx, input.DetectorId);
  return (await ctx.store.get<AdministratorRecord>(callerScope(ctx), KIND.administrator, ADMINISTRATOR_ID))?.value;
}

const administratorOutput = (record: AdministratorRecord | undefined): Record<string, unknown> =>
  record
    ? {
        AccountId: record.AccountId,
        ...(record.InvitationId && { InvitationId: record.InvitationId }),
        RelationshipStatus: record.RelationshipStatus,
        ...(record.InvitedAt && { InvitedAt: record.InvitedAt }),
      }
    : {};

export const getAdministratorAccount: OperationHandler = async (ctx, input) => ({ Administrator: administratorOutput(await administratorRecord(ctx, input)) });
export const getMasterAccount: OperationHandler = async (ctx, input) => ({ Master: administratorOutput(await administratorRecord(ctx, input)) });

async function accept(ctx: RequestContext, input: OperationInput, administrator: unknown): Promise<void> {
  await requireDetector(ctx, input.DetectorId);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const key = storeKey(administrator);
    const invitation = key === undefined ? undefined : (await tx.get<InvitationRecord>(scope, KIND.invitation, key))?.value;
    // Unconfirmed wording (both).
    if (!invitation || invitation.InvitationId !== input.InvitationId) throw badRequest('The request is rejected because the input invitationId is not valid for the given administrator.');
    const current = (await tx.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
    if (current?.RelationshipStatus === 'Enabled' && current.AccountId !== invitation.AccountId) throw badRequest('The request is rejected because the current account is already associated with an administrator account.');
    const adminScope = scopeOf(invitation.AccountId, ctx.region);
    const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
    if (member) await tx.put(adminScope, KIND.member, ctx.account, { ...member, RelationshipStatus: 'Enabled', UpdatedAt: nowIso() } satisfies MemberRecord);
    await tx.put(scope, KIND.administrator, ADMINISTRATOR_ID, {
      AccountId: invitation.AccountId,
      InvitationId: invitation.InvitationId,
      RelationshipStatus: 'Enabled',
      InvitedAt: invitation.InvitedAt,
    } satisfies AdministratorRecord);
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

export const disassociateFromAdministratorAccount: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const current = (await tx.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
    if (!current || current.RelationshipStatus !== 'Enabled') throw notAssociated();
    const adminScope = scopeOf(current.AccountId, ctx.region);
    const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
    if (member?.ViaOrganization) throw organizationManaged();
    if (member) await tx.put(adminScope, KIND.member, ctx.account, { ...member, RelationshipStatus: 'Resigned', UpdatedAt: nowIso() } satisfies MemberRecord);
    await tx.delete(scope, KIND.administrator, ADMINISTRATOR_ID);
  });
  return {};
};

async function invitationsOf(ctx: RequestContext, scope: Scope): Promise<InvitationRecord[]> {
  return (await ctx.store.list<InvitationRecord>(scope, KIND.invitation)).items.map((i) => i.value);
}

export const listInvitations: OperationHandler = async (ctx, input) => {
  const { page, NextToken } = paginate(await invitationsOf(ctx, callerScope(ctx)), input.MaxResults, input.NextToken);
  return { Invitations: page, ...(NextToken && { NextToken }) };
};

export const getInvitationsCount: OperationHandler = async (ctx) => ({ InvitationsCount: (await invitationsOf(ctx, callerScope(ctx))).length });

/** Declining or deleting invitations removes them; the administrator's member record shows the refusal as Removed. */
const dropInvitations: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const unprocessed: Array<{ AccountId: string; Result: string }> = [];
  for (const administrator of (input.AccountIds as string[] | undefined) ?? []) {
    const found = storeKey(administrator) !== undefined && await ctx.store.transaction(async (tx) => {
      if (!(await tx.get(scope, KIND.invitation, administrator))) return false;
      await tx.delete(scope, KIND.invitation, administrator);
      const adminScope = scopeOf(administrator, ctx.region);
      const member = (await tx.get<MemberRecord>(adminScope, KIND.member, ctx.account))?.value;
      if (member?.RelationshipStatus === 'Invited') await tx.put(adminScope, KIND.member, ctx.account, { ...member, RelationshipStatus: 'Removed', UpdatedAt: nowIso() } satisfies MemberRecord);
      return true;
    });
    // Unconfirmed wording.
    if (!found) unprocessed.push({ AccountId: administrator, Result: 'The request is rejected because no invitation from the given account ID was found.' });
  }
  return { UnprocessedAccounts: unprocessed };
};

export const declineInvitations = dropInvitations;
export const deleteInvitations = dropInvitations;
