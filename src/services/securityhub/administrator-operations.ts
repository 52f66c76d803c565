/**
 * The member's side: GetAdministratorAccount (and the older GetMasterAccount),
 * AcceptAdministratorInvitation (AcceptInvitation), DisassociateFromAdministratorAccount
 * (DisassociateFromMasterAccount) and the invitations an account received: ListInvitations,
 * GetInvitationsCount, DeclineInvitations, DeleteInvitations. Invitations arrive at once (no
 * email): InviteMembers stores one in the invited account's scope.
 */
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { storeKey, type AdministratorRecord, type InvitationRecord } from './common.js';
import { invalidInput, notFound } from './errors.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';
import { memberAccounts } from './relationships.js';

async function administratorRecord(ctx: RequestContext): Promise<AdministratorRecord | undefined> {
  await requireHub(ctx);
  return memberAccounts.administratorRecord(ctx.store, callerScope(ctx));
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
  await memberAccounts.accept(ctx, storeKey(administrator), input.InvitationId, {
    invalidInvitation: () => notFound('The invitation was not found for the given administrator account and invitation ID.'),
    alreadyAssociated: () => invalidInput('This account is already associated with another administrator account.'),
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
  await memberAccounts.resign(ctx, {
    notAssociated: () => notFound('This account is not associated with an administrator account.'),
    organizationManaged: () => invalidInput('An organization account cannot disassociate itself; its administrator account can disassociate it.'),
  });
  return {};
};

const invitationsOf = (ctx: RequestContext): Promise<InvitationRecord[]> => memberAccounts.invitationsOf(ctx.store, callerScope(ctx));

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
const dropInvitations: OperationHandler = async (ctx, input) => ({
  UnprocessedAccounts: await memberAccounts.dropInvitations(ctx, input.AccountIds, storeKey, (administrator) => ({ AccountId: String(administrator), ProcessingResult: 'No invitation from this account was found.' })),
});

export const declineInvitations = dropInvitations;
export const deleteInvitations = dropInvitations;
