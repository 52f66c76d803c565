/** IpFilter: an address of the attribute inside Cidr (an address alone is its own /32 or /128). */
import { ipInRange, parseIpRange } from '../../iam/policy/conditions/ip.js';
import { FilterError, objectOf, type Entry } from './entries.js';

export function ipEntry(field: string, filter: unknown): Entry {
  const cidr = objectOf(filter).Cidr;
  const range = typeof cidr === 'string' ? parseIpRange(cidr) : undefined;
  // Unconfirmed wording.
  if (!range) throw new FilterError(`The Cidr of an IP filter for ${field} is not a valid IP address or CIDR block.`);
  return {
    negated: false,
    hit: (value) => {
      const ip = typeof value === 'string' && !value.includes('/') ? parseIpRange(value) : undefined;
      return ip !== undefined && ipInRange(ip, range);
    },
  };
}
