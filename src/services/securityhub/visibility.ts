/**
 * Whose findings a caller sees from an account and Region: its own and its associated
 * members', in this Region and in the Regions its aggregator links here — wherever Security
 * Hub is enabled.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { scopeOf } from './common.js';
import { linkedRegions } from './aggregation.js';
import { hubOf } from './hubs.js';
import { cachedMembers } from './relationships.js';

export async function visibleScopes(store: StoreOps & object, scope: Scope): Promise<Scope[]> {
  const accounts = [scope.account, ...(await cachedMembers(store, scope))];
  const regions = [scope.region, ...(await linkedRegions(store, scope.account, scope.region))];
  const out: Scope[] = [];
  for (const region of regions) {
    for (const account of accounts) {
      const candidate = scopeOf(account, region);
      if (await hubOf(store, candidate)) out.push(candidate);
    }
  }
  return out;
}
