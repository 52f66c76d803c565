/**
 * The list formats GuardDuty accepts for ThreatIntelSets and IPSets (the API's
 * ThreatIntelSetFormat / IpSetFormat) and the parser of each.
 */
import { parseAlienVault } from './formats/alien-vault.js';
import { parseFireEye } from './formats/fire-eye.js';
import { parseOtxCsv } from './formats/otx-csv.js';
import { parseProofPoint } from './formats/proof-point.js';
import { parseStix } from './formats/stix.js';
import { parseTxt } from './formats/txt.js';
import type { ParsedList } from './parsed-list.js';

export const LIST_FORMATS = ['TXT', 'STIX', 'OTX_CSV', 'ALIEN_VAULT', 'PROOF_POINT', 'FIRE_EYE'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

const PARSERS: Record<ListFormat, (text: string) => ParsedList> = {
  TXT: parseTxt,
  STIX: parseStix,
  OTX_CSV: parseOtxCsv,
  ALIEN_VAULT: parseAlienVault,
  PROOF_POINT: parseProofPoint,
  FIRE_EYE: parseFireEye,
};

export const isListFormat = (format: string): format is ListFormat => Object.hasOwn(PARSERS, format);

/** The list's addresses and domains; an unknown format is read as TXT. */
export function parseList(format: string, text: string): ParsedList {
  return (isListFormat(format) ? PARSERS[format] : parseTxt)(text);
}
