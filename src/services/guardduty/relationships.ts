/**
 * Administrator and member accounts as the rest of GuardDuty needs them: who administers an
 * account in a Region, which members an administrator has (Enabled = associated: it sees their
 * findings, and its lists and suppression apply to them), and so which scopes' findings a
 * caller sees.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { ADMINISTRATOR_ID, KIND, scopeOf, type AdministratorRecord, type MemberRecord } from './common.js';

/** The account administering `scope`'s account in its Region (relationship Enabled), if any. */
export async function administratorOf(ops: StoreOps, scope: Scope): Promise<string | undefined> {
  const record = (await ops.get<AdministratorRecord>(scope, KIND.administrator, ADMINISTRATOR_ID))?.value;
  return record?.RelationshipStatus === 'Enabled' ? record.AccountId : undefined;
}

export async function membersOf(ops: StoreOps, adminScope: Scope): Promise<MemberRecord[]> {
  return (await ops.list<MemberRecord>(adminScope, KIND.member)).items.map((i) => i.value);
}

/** The associated (Enabled) member accounts of an administrator in its Region. */
export async function enabledMembers(ops: StoreOps, adminScope: Scope): Promise<string[]> {
  return (await membersOf(ops, adminScope)).filter((m) => m.RelationshipStatus === 'Enabled').map((m) => m.AccountId);
}

/** The scopes whose findings the account sees in a Region: its own, and its associated members'. */
export async function visibleScopes(ops: StoreOps, scope: Scope): Promise<Scope[]> {
  return [scope, ...(await enabledMembers(ops, scope)).map((account) => scopeOf(account, scope.region))];
}
