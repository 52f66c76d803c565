/**
 * The IP lists detectors consult: trusted IPs (GuardDuty IPSets: no finding for calls from
 * them), threat intelligence (ThreatIntelSets, a user's own → `MaliciousIPCaller.Custom`),
 * GuardDuty's own intelligence (`MaliciousIPCaller`) and Tor exit nodes (`TorIPCaller`),
 * which Bulwark cannot download and takes from lists the user supplies.
 */
export type ThreatListKind = 'custom' | 'guardduty' | 'tor';

export interface ThreatMatch {
  kind: ThreatListKind;
  /** The list's name (ThreatListName in the finding). */
  listName: string;
  /** The threat names the list gives the address, if any. */
  threatNames: string[];
}

export interface ThreatIntel {
  /** False when there is no list at all (detectors then skip the lookups). */
  readonly hasLists: boolean;
  /** The lists an address is on, for calls to this account and region. */
  lookup(ip: string, account: string, region: string): ThreatMatch[];
  /** Whether the address is in one of the account's trusted IP lists. */
  trusted(ip: string, account: string, region: string): boolean;
}

export const NO_THREAT_INTEL: ThreatIntel = {
  hasLists: false,
  lookup: () => [],
  trusted: () => false,
};
