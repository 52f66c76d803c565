/**
 * Administrator and member accounts as the rest of Security Hub needs them (per Region): who
 * administers an account, which members an administrator has (Enabled = associated: it sees
 * their findings, and its automation rules apply to them). The mechanism is shared with
 * GuardDuty (../shared/member-accounts.ts).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { MemberAccounts } from '../shared/member-accounts.js';
import { KIND, scopeOf, type MemberRecord } from './common.js';
import { cached } from './config-cache.js';

/** Security Hub's member accounts: its store kinds, the status in `MemberStatus`. */
export const memberAccounts = new MemberAccounts<'MemberStatus', MemberRecord>(
  { member: KIND.member, administrator: KIND.administrator, invitation: KIND.invitation },
  'MemberStatus',
);

/** The account administering `scope`'s account in its Region (association Enabled), if any. */
export const administratorOf = (ops: StoreOps, scope: Scope): Promise<string | undefined> => memberAccounts.administratorOf(ops, scope);

export const enabledMembers = (ops: StoreOps, adminScope: Scope): Promise<string[]> => memberAccounts.enabledMembers(ops, adminScope);

/** Cached: the associated members of an administrator in a Region. */
export function cachedMembers(store: StoreOps & object, adminScope: Scope): Promise<string[]> {
  return cached(store, `members\u0000${adminScope.account}\u0000${adminScope.region}`, () => enabledMembers(store, adminScope));
}

/** Cached: the account whose automation rules apply to `scope`'s findings (its administrator, else itself). */
export function rulesOwner(store: StoreOps & object, scope: Scope): Promise<Scope> {
  return cached(store, `rules-owner\u0000${scope.account}\u0000${scope.region}`, async () => {
    const administrator = await administratorOf(store, scope);
    return administrator ? scopeOf(administrator, scope.region) : scope;
  });
}
