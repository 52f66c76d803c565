/**
 * What a threat list or trusted IP list holds once parsed, whatever its format: address blocks
 * in normal form with the threat names the list gives them, and domains (kept, though only
 * addresses matter for CloudTrail detection). `collector()` classifies raw tokens into it.
 */
import { formatCidr, parseCidr, rangeToCidrs } from './ip-address.js';

export interface ListedAddress {
  /** `a.b.c.d/len` or an IPv6 block, host bits cleared. */
  cidr: string;
  threatNames?: string[];
}

export interface ParsedList {
  addresses: ListedAddress[];
  domains: string[];
  /** Entries that were neither an address, a block nor a domain. */
  rejected: number;
}

const DOMAIN = /^(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z][a-z0-9-]{0,62}\.?$/i;

export interface ListCollector {
  /** An address, block or domain (anything else counts as rejected). */
  add(token: string, threatNames?: string[]): void;
  /** An inclusive address range, as the blocks covering it. */
  addRange(first: string, last: string, threatNames?: string[]): void;
  /** Entries the format's parser could not read at all. */
  reject(count: number): void;
  result(): ParsedList;
}

export function collector(): ListCollector {
  const addresses: ListedAddress[] = [];
  const domains: string[] = [];
  let rejected = 0;
  const listed = (cidr: string, threatNames: string[] | undefined): ListedAddress =>
    threatNames && threatNames.length > 0 ? { cidr, threatNames } : { cidr };
  return {
    add(token, threatNames) {
      const text = token.trim();
      if (text === '') return;
      const cidr = parseCidr(text);
      if (cidr) addresses.push(listed(formatCidr(cidr), threatNames));
      else if (DOMAIN.test(text)) domains.push(text.toLowerCase().replace(/\.$/, ''));
      else rejected++;
    },
    addRange(first, last, threatNames) {
      const blocks = rangeToCidrs(first.trim(), last.trim());
      if (!blocks) rejected++;
      else for (const block of blocks) addresses.push(listed(formatCidr(block), threatNames));
    },
    reject(count) {
      rejected += count;
    },
    result: () => ({ addresses, domains, rejected }),
  };
}

/** Non-empty, non-comment lines (`#` or `//` first), trimmed. */
export function contentLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#') && !line.startsWith('//')) out.push(line);
  }
  return out;
}
