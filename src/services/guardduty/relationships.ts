/**
 * Administrator and member accounts as the rest of GuardDuty needs them: who administers an
 * account in a Region, which members an administrator has (Enabled = associated: it sees their
 * findings, and its lists and suppression apply to them), and so which scopes' findings a
 * caller sees. The mechanism is shared with Security Hub (../shared/member-accounts.ts).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { MemberAccounts } from '../shared/member-accounts.js';
import { KIND, scopeOf, type MemberRecord } from './common.js';

/** GuardDuty's member accounts: its store kinds, the status in `RelationshipStatus`. */
export const memberAccounts = new MemberAccounts<'RelationshipStatus', MemberRecord>(
  { member: KIND.member, administrator: KIND.administrator, invitation: KIND.invitation },
  'RelationshipStatus',
);

/** The account administering `scope`'s account in its Region (relationship Enabled), if any. */
export const administratorOf = (ops: StoreOps, scope: Scope): Promise<string | undefined> => memberAccounts.administratorOf(ops, scope);

/** The associated (Enabled) member accounts of an administrator in its Region. */
export const enabledMembers = (ops: StoreOps, adminScope: Scope): Promise<string[]> => memberAccounts.enabledMembers(ops, adminScope);

/** The scopes whose findings the account sees in a Region: its own, and its associated members'. */
export async function visibleScopes(ops: StoreOps, scope: Scope): Promise<Scope[]> {
  return [scope, ...(await enabledMembers(ops, scope)).map((account) => scopeOf(account, scope.region))];
}
