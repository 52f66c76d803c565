/**
 * ThreatIntel (../threat-intel.ts) made from lists: threat lists give `lookup` its matches,
 * trusted lists (IPSets) make `trusted` true. A list applies everywhere (offline `bulwark
 * detect`), or to the accounts and Regions it is scoped to (live: a detector's own lists, and an
 * administrator's lists for its members too).
 */
import type { ThreatIntel, ThreatListKind, ThreatMatch } from '../threat-intel.js';
import { CidrSet } from './cidr-set.js';
import { parseList } from './formats.js';
import type { ListedAddress } from './parsed-list.js';

export interface ListScope {
  account: string;
  region: string;
}

interface ListIdentity {
  kind: ThreatListKind;
  /** ThreatListName in findings. */
  name: string;
  /** A trusted IP list (IPSet): no findings for calls from its addresses. */
  trusted?: boolean;
  /** Where the list applies; everywhere when absent. */
  scopes?: readonly ListScope[];
}

export interface ParsedThreatList extends ListIdentity {
  addresses: readonly ListedAddress[];
}

export interface ThreatListText extends ListIdentity {
  /** One of the ThreatIntelSet formats (TXT, STIX, OTX_CSV, ALIEN_VAULT, PROOF_POINT, FIRE_EYE). */
  format: string;
  text: string;
}

interface ThreatSet {
  kind: ThreatListKind;
  name: string;
  blocks: CidrSet<string[]>;
}

interface Group {
  threats: ThreatSet[];
  trusted: Array<CidrSet<true>>;
}

const EVERYWHERE = '*';
const scopeKey = (account: string, region: string): string => `${account}\u0000${region}`;

export function threatIntelFromLists(lists: readonly ThreatListText[]): ThreatIntel {
  return threatIntelFromParsed(lists.map((list) => ({ ...list, addresses: parseList(list.format, list.text).addresses })));
}

export function threatIntelFromParsed(lists: readonly ParsedThreatList[]): ThreatIntel {
  const groups = new Map<string, Group>();
  const groupOf = (key: string): Group => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { threats: [], trusted: [] }));
    return group;
  };
  for (const list of lists) {
    const keys = list.scopes ? list.scopes.map((s) => scopeKey(s.account, s.region)) : [EVERYWHERE];
    if (list.trusted) {
      const blocks = new CidrSet<true>();
      for (const address of list.addresses) blocks.add(address.cidr, true);
      for (const key of keys) groupOf(key).trusted.push(blocks);
    } else {
      const blocks = new CidrSet<string[]>();
      for (const address of list.addresses) blocks.add(address.cidr, address.threatNames ?? []);
      const set: ThreatSet = { kind: list.kind, name: list.name, blocks };
      for (const key of keys) groupOf(key).threats.push(set);
    }
  }
  const everywhere = groups.get(EVERYWHERE);
  const applying = (account: string, region: string): Group[] => {
    const scoped = groups.get(scopeKey(account, region));
    return everywhere && scoped ? [everywhere, scoped] : everywhere ? [everywhere] : scoped ? [scoped] : [];
  };
  return {
    hasLists: groups.size > 0,
    lookup(ip, account, region) {
      const matches: ThreatMatch[] = [];
      for (const group of applying(account, region)) {
        for (const set of group.threats) {
          const threatNames = set.blocks.get(ip);
          if (threatNames !== undefined) matches.push({ kind: set.kind, listName: set.name, threatNames });
        }
      }
      return matches;
    },
    trusted(ip, account, region) {
      for (const group of applying(account, region)) for (const blocks of group.trusted) if (blocks.has(ip)) return true;
      return false;
    },
  };
}
