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
import type { Scope, Store } from '../../store/index.js';
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

/**
 * The last ThreatIntel built per store and what it was built from. The cache entry above is
 * reloaded after every configuration change and every 5 s; parsing 250,000 addresses again
 * each time would be waste, so a reload that finds the same active lists (ids, store versions,
 * scopes) keeps the ThreatIntel it has.
 */
const lastBuilt = new WeakMap<Store, { fingerprint: string; intel: ThreatIntel }>();

interface ActiveList {
  record: ThreatListRecord;
  scope: Scope;
  version: number;
  trusted: boolean;
  appliesTo: Scope[];
}

async function activeLists(store: Store): Promise<ActiveList[]> {
  const out: ActiveList[] = [];
  for (const [storeKind, trusted] of [[KIND.threatIntelSet, false], [KIND.ipSet, true]] as const) {
    for (const scope of await store.scopes(storeKind)) {
      const active = (await store.list<ThreatListRecord>(scope, storeKind)).items.filter((i) => i.value.Status === 'ACTIVE');
      if (active.length === 0) continue;
      const appliesTo = await visibleScopes(store, scope);
      for (const item of active) out.push({ record: item.value, scope, version: item.version, trusted, appliesTo });
    }
  }
  return out;
}

async function buildThreatIntel(store: Store): Promise<ThreatIntel> {
  const active = await activeLists(store);
  const fingerprint = JSON.stringify(active.map((l) => [l.scope, l.record.Id, l.version, l.appliesTo]));
  const last = lastBuilt.get(store);
  if (last?.fingerprint === fingerprint) return last.intel;
  const lists: ParsedThreatList[] = [];
  for (const { record, scope, trusted, appliesTo } of active) {
    const entries = (await store.get<ListEntries>(scope, KIND.listEntries, record.Id))?.value;
    if (!entries) continue;
    lists.push({ kind: trusted ? 'custom' : kindOfList(record.Tags), name: record.Name, trusted, addresses: entries.addresses, scopes: appliesTo });
  }
  const intel = threatIntelFromParsed(lists);
  lastBuilt.set(store, { fingerprint, intel });
  return intel;
}
