/**
 * The live ThreatIntel: every ACTIVE ThreatIntelSet and IPSet of every account and Region, each
 * applying to its own account and Region and to the administrator's associated members there
 * (an administrator's lists are imposed on its members). Built from the stored parsed entries
 * and cached (config-cache.ts: rebuilt after any GuardDuty configuration change, and at least
 * every 5 s, so sibling workers and nodes converge).
 *
 * Which intelligence a ThreatIntelSet stands for is Bulwark's convention, by tag: a set tagged
 * `BulwarkThreatList=guardduty` is GuardDuty's own threat intelligence (findings such as
 * `UnauthorizedAccess:IAMUser/MaliciousIPCaller`), `BulwarkThreatList=tor` a list of Tor exit
 * nodes (`…/TorIPCaller`) — Bulwark cannot download either and takes them from lists you
 * supply — and any other set is your own custom list (`…/MaliciousIPCaller.Custom`). IPSets
 * are trusted lists: no findings for calls from their addresses.
 */
import { threatIntelFromParsed, type ParsedThreatList } from '../../guardduty/threat-lists/index.js';
import type { ThreatIntel, ThreatListKind } from '../../guardduty/threat-intel.js';
import type { Store } from '../../store/index.js';
import { KIND, type ListEntries, type ThreatListRecord } from './common.js';
import { cached } from './config-cache.js';
import { visibleScopes } from './relationships.js';

/** The tag naming what a ThreatIntelSet's list is. */
export const THREAT_LIST_TAG = 'BulwarkThreatList';

export function kindOfList(tags: Record<string, string> | undefined): ThreatListKind {
  const value = tags?.[THREAT_LIST_TAG]?.toLowerCase();
  return value === 'guardduty' || value === 'tor' ? value : 'custom';
}

export function liveThreatIntel(store: Store): Promise<ThreatIntel> {
  return cached(store, 'threat-intel', () => buildThreatIntel(store));
}

async function buildThreatIntel(store: Store): Promise<ThreatIntel> {
  const lists: ParsedThreatList[] = [];
  for (const [storeKind, trusted] of [[KIND.threatIntelSet, false], [KIND.ipSet, true]] as const) {
    for (const scope of await store.scopes(storeKind)) {
      const active = (await store.list<ThreatListRecord>(scope, storeKind)).items.map((i) => i.value).filter((l) => l.Status === 'ACTIVE');
      if (active.length === 0) continue;
      const scopes = await visibleScopes(store, scope);
      for (const record of active) {
        const entries = (await store.get<ListEntries>(scope, KIND.listEntries, record.Id))?.value;
        if (!entries) continue;
        lists.push({ kind: trusted ? 'custom' : kindOfList(record.Tags), name: record.Name, trusted, addresses: entries.addresses, scopes });
      }
    }
  }
  return threatIntelFromParsed(lists);
}
