/**
 * Administrator and member accounts as the rest of Security Hub needs them (per Region): who
 * administers an account, which members an administrator has (Enabled = associated: it sees
 * their findings, and its automation rules apply to them).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { ADMINISTRATOR_ID, KIND, scopeOf, type AdministratorRecord, type MemberRecord } from './common.js';
import { cached } from './config-cache.js';

/** The account administering `scope`'s account in its Region (association Enabled), if any. */
export async function administratorOf(ops: StoreOps, scope: Scope): Promise<string | undefined> {
  const record = (await ops.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
  return record?.MemberStatus === 'Enabled' ? record.AccountId : undefined;
}

export async function membersOf(ops: StoreOps, adminScope: Scope): Promise<MemberRecord[]> {
  return (await ops.list<MemberRecord>(adminScope, KIND.member)).items.map((i) => i.value);
}

export async function enabledMembers(ops: StoreOps, adminScope: Scope): Promise<string[]> {
  return (await membersOf(ops, adminScope)).filter((m) => m.MemberStatus === 'Enabled').map((m) => m.AccountId);
}

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
