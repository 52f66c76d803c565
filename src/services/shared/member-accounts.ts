/**
 * Administrator and member accounts as GuardDuty and Security Hub both keep them (per Region):
 * the administrator's member records, the member's administrator record and the invitations an
 * account received, and the moves between them — create (at once Enabled for an account of the
 * administrator's organization), invite, accept, resign, decline, disassociate, delete.
 *
 * One mechanism, parameterised by what differs between the services: the store kinds, the name
 * of the status field (`RelationshipStatus` in GuardDuty, `MemberStatus` in Security Hub) and,
 * passed by each call, the errors and per-account reasons in the service's own words. Checks
 * that only one service makes stay in that service.
 *
 * Store layout (`<service>` = the kinds passed in):
 *   <member>         <member account>   MemberRecordOf       (in the administrator's scope)
 *   <administrator>  administrator      AdministratorRecordOf (in the member's scope)
 *   <invitation>     <administrator>    InvitationRecordOf   (in the invited account's scope)
 */
import type { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';

export interface RelationshipKinds {
  member: string;
  administrator: string;
  invitation: string;
}

/** Every status a member record takes in either service. */
export type MemberStatus = 'Created' | 'Invited' | 'Enabled' | 'Disabled' | 'Removed' | 'Resigned' | 'Deleted';

export type MemberRecordOf<F extends string, S extends string = MemberStatus> = {
  AccountId: string;
  Email?: string;
  InvitedAt?: string;
  UpdatedAt: string;
  InvitationId?: string;
  /** Added by the delegated administrator of its organization (no invitation needed). */
  ViaOrganization?: boolean;
} & Record<F, S>;

export type AdministratorRecordOf<F extends string> = {
  AccountId: string;
  InvitationId?: string;
  InvitedAt?: string;
} & Record<F, string>;

export type InvitationRecordOf<F extends string> = {
  AccountId: string;
  InvitationId: string;
  InvitedAt: string;
} & Record<F, 'Invited'>;

/** The record key of the member's administrator record. */
export const ADMINISTRATOR_ID = 'administrator';

const nowIso = (): string => new Date().toISOString();

const scopeOf = (account: string, region: string): Scope => ({ account, region });

/** A 12-digit account id. */
export const isAccountId = (value: unknown): value is string => typeof value === 'string' && /^\d{12}$/.test(value);

/** The account ids of a call's `AccountIds`, each once. */
export const distinctAccountIds = (accountIds: unknown): unknown[] => [...new Set((accountIds as unknown[] | undefined) ?? [])];

export class MemberAccounts<F extends string, M extends MemberRecordOf<F, string> = MemberRecordOf<F>> {
  constructor(
    readonly kinds: RelationshipKinds,
    /** The name of the status field of the three records. */
    readonly statusField: F,
  ) {}

  private statusOf(record: object | undefined): unknown {
    return (record as Record<string, unknown> | undefined)?.[this.statusField];
  }

  private withStatus<R extends object>(record: R, status: string, more: object = {}): R {
    return { ...record, [this.statusField]: status, ...more };
  }

  private isActive(member: object): boolean {
    const status = this.statusOf(member);
    return status === 'Enabled' || status === 'Invited';
  }

  /** The member's administrator record, whatever its status. */
  async administratorRecord(ops: StoreOps, scope: Scope): Promise<AdministratorRecordOf<F> | undefined> {
    return (await ops.get<AdministratorRecordOf<F>>(scope, this.kinds.administrator, ADMINISTRATOR_ID))?.value;
  }

  /** The account administering `scope`'s account in its Region (status Enabled), if any. */
  async administratorOf(ops: StoreOps, scope: Scope): Promise<string | undefined> {
    const record = await this.administratorRecord(ops, scope);
    return this.statusOf(record) === 'Enabled' ? record!.AccountId : undefined;
  }

  async memberOf(ops: StoreOps, adminScope: Scope, account: string): Promise<M | undefined> {
    return (await ops.get<M>(adminScope, this.kinds.member, account))?.value;
  }

  async membersOf(ops: StoreOps, adminScope: Scope): Promise<M[]> {
    return (await ops.list<M>(adminScope, this.kinds.member)).items.map((i) => i.value);
  }

  /** The associated (Enabled) member accounts of an administrator in its Region. */
  async enabledMembers(ops: StoreOps, adminScope: Scope): Promise<string[]> {
    return (await this.membersOf(ops, adminScope)).filter((m) => this.statusOf(m) === 'Enabled').map((m) => m.AccountId);
  }

  /** The invitations an account received in a Region. */
  async invitationsOf(ops: StoreOps, scope: Scope): Promise<InvitationRecordOf<F>[]> {
    return (await ops.list<InvitationRecordOf<F>>(scope, this.kinds.invitation)).items.map((i) => i.value);
  }

  /**
   * Adds `account` as a member of the administrator (one transaction): Enabled at once when it is
   * an account of the administrator's organization (`viaOrganization`; the service is enabled in
   * it by `enable`), else Created. Answers the reason it was not added, if so.
   */
  async addMember(
    tx: StoreOps,
    adminScope: Scope,
    account: string,
    options: {
      /** The member record's other fields (its Email). */
      fields: { Email?: string };
      viaOrganization: (tx: StoreOps) => Promise<boolean>;
      /** A last check of an organization account; its reason makes the account unprocessed. */
      checkOrganizationAccount?: (tx: StoreOps, memberScope: Scope) => Promise<string | undefined>;
      enable: (tx: StoreOps, memberScope: Scope) => Promise<unknown>;
      reasons: { alreadyMember: string; otherAdministrator: string };
    },
  ): Promise<string | undefined> {
    const existing = await this.memberOf(tx, adminScope, account);
    if (existing && this.isActive(existing)) return options.reasons.alreadyMember;
    const memberScope = scopeOf(account, adminScope.region);
    const other = await this.administratorOf(tx, memberScope);
    if (other && other !== adminScope.account) return options.reasons.otherAdministrator;
    const viaOrganization = await options.viaOrganization(tx);
    if (viaOrganization && options.checkOrganizationAccount) {
      const refused = await options.checkOrganizationAccount(tx, memberScope);
      if (refused) return refused;
    }
    const member = this.withStatus({ AccountId: account, ...options.fields }, viaOrganization ? 'Enabled' : 'Created', { UpdatedAt: nowIso(), ...(viaOrganization && { ViaOrganization: true }) });
    await tx.put(adminScope, this.kinds.member, account, member);
    if (viaOrganization) {
      await options.enable(tx, memberScope);
      await tx.put(memberScope, this.kinds.administrator, ADMINISTRATOR_ID, this.withStatus({ AccountId: adminScope.account }, 'Enabled'));
    }
    return undefined;
  }

  /** Invites a Created (or former) member: Invited, and an invitation in its scope. Answers the reason it was not, if so. */
  async invite(tx: StoreOps, adminScope: Scope, account: string, invitationId: string, reasons: { notMember: string; alreadyMember: string }): Promise<string | undefined> {
    const member = await this.memberOf(tx, adminScope, account);
    if (!member) return reasons.notMember;
    if (this.isActive(member)) return reasons.alreadyMember;
    const now = nowIso();
    await tx.put(adminScope, this.kinds.member, account, this.withStatus(member, 'Invited', { InvitedAt: now, UpdatedAt: now, InvitationId: invitationId }));
    await tx.put(scopeOf(account, adminScope.region), this.kinds.invitation, adminScope.account, this.withStatus({ AccountId: adminScope.account, InvitationId: invitationId, InvitedAt: now }, 'Invited'));
    return undefined;
  }

  /**
   * Ends a relationship from the administrator's side: its member record becomes `status` (or
   * is deleted when there is none), and the member's administrator record (when it names this
   * administrator) and invitation from it are removed.
   */
  async endRelationship(tx: StoreOps, adminScope: Scope, member: M, status: string | undefined): Promise<void> {
    const account = member.AccountId;
    if (status) await tx.put(adminScope, this.kinds.member, account, this.withStatus(member, status, { UpdatedAt: nowIso() }));
    else await tx.delete(adminScope, this.kinds.member, account);
    const memberScope = scopeOf(account, adminScope.region);
    const administrator = await this.administratorRecord(tx, memberScope);
    if (administrator?.AccountId === adminScope.account) await tx.delete(memberScope, this.kinds.administrator, ADMINISTRATOR_ID);
    await tx.delete(memberScope, this.kinds.invitation, adminScope.account);
  }

  /** The members an administrator had through its organization leave it (its delegation ended). */
  async removeOrganizationMembers(tx: StoreOps, adminScope: Scope): Promise<void> {
    for (const item of (await tx.list<M>(adminScope, this.kinds.member)).items) {
      if (!item.value.ViaOrganization) continue;
      await tx.delete(adminScope, this.kinds.member, item.id);
      await tx.delete(scopeOf(item.id, adminScope.region), this.kinds.administrator, ADMINISTRATOR_ID);
    }
  }

  /** The member accepts the invitation of `administrator` (a store key, or undefined: none) with `invitationId`. */
  async accept(
    ctx: RequestContext,
    administrator: string | undefined,
    invitationId: unknown,
    errors: { invalidInvitation: () => AwsError; alreadyAssociated: () => AwsError },
  ): Promise<void> {
    const scope = scopeOf(ctx.account, ctx.region);
    await ctx.store.transaction(async (tx) => {
      const invitation = administrator === undefined ? undefined : (await tx.get<InvitationRecordOf<F>>(scope, this.kinds.invitation, administrator))?.value;
      if (!invitation || invitation.InvitationId !== invitationId) throw errors.invalidInvitation();
      const current = await this.administratorRecord(tx, scope);
      if (this.statusOf(current) === 'Enabled' && current!.AccountId !== invitation.AccountId) throw errors.alreadyAssociated();
      const adminScope = scopeOf(invitation.AccountId, ctx.region);
      const member = await this.memberOf(tx, adminScope, ctx.account);
      if (member) await tx.put(adminScope, this.kinds.member, ctx.account, this.withStatus(member, 'Enabled', { UpdatedAt: nowIso() }));
      await tx.put(scope, this.kinds.administrator, ADMINISTRATOR_ID, this.withStatus({ AccountId: invitation.AccountId, InvitationId: invitation.InvitationId, InvitedAt: invitation.InvitedAt }, 'Enabled'));
      await tx.delete(scope, this.kinds.invitation, invitation.AccountId);
    });
  }

  /** The member leaves its administrator (Resigned on the administrator's side); an organization account may not. */
  async resign(ctx: RequestContext, errors: { notAssociated: () => AwsError; organizationManaged: () => AwsError }): Promise<void> {
    const scope = scopeOf(ctx.account, ctx.region);
    await ctx.store.transaction(async (tx) => {
      const current = await this.administratorRecord(tx, scope);
      if (!current || this.statusOf(current) !== 'Enabled') throw errors.notAssociated();
      const adminScope = scopeOf(current.AccountId, ctx.region);
      const member = await this.memberOf(tx, adminScope, ctx.account);
      if (member?.ViaOrganization) throw errors.organizationManaged();
      if (member) await tx.put(adminScope, this.kinds.member, ctx.account, this.withStatus(member, 'Resigned', { UpdatedAt: nowIso() }));
      await tx.delete(scope, this.kinds.administrator, ADMINISTRATOR_ID);
    });
  }

  /**
   * Declining or deleting invitations removes them; the administrator's member record shows the
   * refusal as Removed. Each id that names no invitation (or no store key: `keyOf` answers
   * undefined) is reported by `unprocessed`.
   */
  async dropInvitations<U>(ctx: RequestContext, administrators: unknown, keyOf: (value: unknown) => string | undefined, unprocessed: (administrator: unknown) => U): Promise<U[]> {
    const scope = scopeOf(ctx.account, ctx.region);
    const out: U[] = [];
    for (const administrator of (administrators as unknown[] | undefined) ?? []) {
      const key = keyOf(administrator);
      const found = key !== undefined && await ctx.store.transaction(async (tx) => {
        if (!(await tx.get(scope, this.kinds.invitation, key))) return false;
        await tx.delete(scope, this.kinds.invitation, key);
        const adminScope = scopeOf(key, ctx.region);
        const member = await this.memberOf(tx, adminScope, ctx.account);
        if (this.statusOf(member) === 'Invited') await tx.put(adminScope, this.kinds.member, ctx.account, this.withStatus(member!, 'Removed', { UpdatedAt: nowIso() }));
        return true;
      });
      if (!found) out.push(unprocessed(administrator));
    }
    return out;
  }
}

/** The member-account calls both services answer, as their modules name the handlers. */
export interface MemberAccountHandlers {
  createMembers: OperationHandler;
  inviteMembers: OperationHandler;
  getMembers: OperationHandler;
  listMembers: OperationHandler;
  disassociateMembers: OperationHandler;
  deleteMembers: OperationHandler;
  getAdministratorAccount: OperationHandler;
  getMasterAccount: OperationHandler;
  acceptAdministratorInvitation: OperationHandler;
  acceptInvitation: OperationHandler;
  disassociateFromAdministratorAccount: OperationHandler;
  listInvitations: OperationHandler;
  getInvitationsCount: OperationHandler;
  declineInvitations: OperationHandler;
  deleteInvitations: OperationHandler;
}

/** The operation table of the member-account calls (the older "Master" names included). */
export const memberAccountOperations = (h: MemberAccountHandlers): Record<string, OperationHandler> => ({
  CreateMembers: h.createMembers,
  InviteMembers: h.inviteMembers,
  GetMembers: h.getMembers,
  ListMembers: h.listMembers,
  DisassociateMembers: h.disassociateMembers,
  DeleteMembers: h.deleteMembers,
  GetAdministratorAccount: h.getAdministratorAccount,
  GetMasterAccount: h.getMasterAccount,
  AcceptAdministratorInvitation: h.acceptAdministratorInvitation,
  AcceptInvitation: h.acceptInvitation,
  DisassociateFromAdministratorAccount: h.disassociateFromAdministratorAccount,
  DisassociateFromMasterAccount: h.disassociateFromAdministratorAccount,
  ListInvitations: h.listInvitations,
  GetInvitationsCount: h.getInvitationsCount,
  DeclineInvitations: h.declineInvitations,
  DeleteInvitations: h.deleteInvitations,
});
