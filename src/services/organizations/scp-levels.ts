/** The read the authorize step needs: the SCP and RCP texts that govern an account. */
import type { StoreOps } from '../../store/index.js';
import { attachmentsOf, findPolicy, getAccount, getOu, getRoot, isEnabled, loadOrg, type OrgContext } from './state.js';

export interface OrganizationPolicyLevels {
  /** The account is the organization's management account (SCPs and RCPs do not restrict it). */
  managementAccount: boolean;
  /**
   * One entry per level from the root down: the root, each OU on the path, the account itself.
   * Each entry holds the document texts of the SCPs attached at that level. An action is allowed
   * only if every level allows it. Empty (no levels) when SCPs are not enabled in the root.
   */
  scpLevels: string[][];
  /** The same for RCPs; empty when RCPs are not enabled. */
  rcpLevels: string[][];
}

async function levelTexts(ops: StoreOps, oc: OrgContext, targetIds: string[], type: string): Promise<string[][]> {
  const levels: string[][] = [];
  for (const id of targetIds) {
    const texts: string[] = [];
    for (const a of await attachmentsOf(ops, oc.scope, id, type)) {
      const policy = await findPolicy(ops, oc, a.PolicyId);
      if (policy) texts.push(policy.Content);
    }
    levels.push(texts);
  }
  return levels;
}

/**
 * The SCP/RCP texts attached at each level from the root down to the account, or undefined
 * when the account is in no organization.
 */
export async function scpLevelsFor(store: StoreOps, accountId: string): Promise<OrganizationPolicyLevels | undefined> {
  const oc = await loadOrg(store, accountId);
  if (!oc) return undefined;
  const account = await getAccount(store, oc, accountId);
  if (!account) return undefined;
  const path: string[] = [account.Id];
  let parent = account.ParentId;
  for (let guard = 0; parent !== oc.org.RootId && guard < 10; guard++) {
    const ou = await getOu(store, oc, parent);
    if (!ou) break;
    path.unshift(ou.Id);
    parent = ou.ParentId;
  }
  path.unshift(oc.org.RootId);
  const root = await getRoot(store, oc);
  return {
    managementAccount: oc.management,
    scpLevels: isEnabled(root, 'SERVICE_CONTROL_POLICY') ? await levelTexts(store, oc, path, 'SERVICE_CONTROL_POLICY') : [],
    rcpLevels: isEnabled(root, 'RESOURCE_CONTROL_POLICY') ? await levelTexts(store, oc, path, 'RESOURCE_CONTROL_POLICY') : [],
  };
}
