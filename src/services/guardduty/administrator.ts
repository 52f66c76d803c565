/**
 * The member's side: GetAdministratorAccount (and the older GetMasterAccount),
 * AcceptAdministratorInvitation (AcceptInvitation), DisassociateFromAdministratorAccount
 * (DisassociateFromMasterAccount), and the invitations an account received: ListInvitations,
 * GetInvitationsCount, DeclineInvitations, DeleteInvitations. Invitations are delivered at
 * once (no email): InviteMembers stores one in the invited account's scope.
 */
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import type { AdministratorRecord, InvitationRecord } from './common.js';
import { badRequest, notAssociated, organizationManaged } from './errors.js';
import { callerScope, requireDetector, storeKey } from './lookup.js';
import { paginate } from './pagination.js';
import { memberAccounts } from './relationships.js';

async function administratorRecord(ctx: RequestContext, input: OperationInput): Promise<AdministratorRecord | undefined> {
  await requireDetector(ctx, input.DetectorId);
  return memberAccounts.administratorRecord(ctx.store, callerScope(ctx));
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
  await memberAccounts.accept(ctx, storeKey(administrator), input.InvitationId, {
    // Unconfirmed wording (both).
    invalidInvitation: () => badRequest('The request is rejected because the input invitationId is not valid for the given administrator.'),
    alreadyAssociated: () => badRequest('The request is rejected because the current account is already associated with an administrator account.'),
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
  await memberAccounts.resign(ctx, { notAssociated, organizationManaged });
  return {};
};

const invitationsOf = (ctx: RequestContext): Promise<InvitationRecord[]> => memberAccounts.invitationsOf(ctx.store, callerScope(ctx));

export const listInvitations: OperationHandler = async (ctx, input) => {
  const { page, NextToken } = paginate(await invitationsOf(ctx), input.MaxResults, input.NextToken);
  return { Invitations: page, ...(NextToken && { NextToken }) };
};

export const getInvitationsCount: OperationHandler = async (ctx) => ({ InvitationsCount: (await invitationsOf(ctx)).length });

/** Declining or deleting invitations removes them; the administrator's member record shows the refusal as Removed. */
const dropInvitations: OperationHandler = async (ctx, input) => ({
  UnprocessedAccounts: await memberAccounts.dropInvitations(ctx, input.AccountIds, storeKey, (administrator) => ({
    AccountId: administrator as string,
    // Unconfirmed wording.
    Result: 'The request is rejected because no invitation from the given account ID was found.',
  })),
});

export const declineInvitations = dropInvitations;
export const deleteInvitations = dropInvitations;
