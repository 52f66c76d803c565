/**
 * Threat lists and trusted IP lists: the six formats GuardDuty reads (formats.ts), parsed into
 * address blocks and domains (parsed-list.ts), matched by a CIDR set (cidr-set.ts) and offered
 * to detectors as ThreatIntel (threat-intel.ts). Pure: no store, no S3; the live path
 * (services/guardduty) and the offline `bulwark detect` both build on it.
 */
export { CidrSet } from './cidr-set.js';
export { isListFormat, LIST_FORMATS, parseList, type ListFormat } from './formats.js';
export type { ListedAddress, ParsedList } from './parsed-list.js';
export { threatIntelFromLists, threatIntelFromParsed, type ListScope, type ParsedThreatList, type ThreatListText } from './threat-intel.js';
