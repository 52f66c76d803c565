/**
 * IP addresses and CIDR blocks as numbers: IPv4 as a 32-bit unsigned number, IPv6 as a 128-bit
 * bigint. Text that is not an address (a domain, garbage) parses to undefined, never throws.
 * Normal forms: `a.b.c.d/len` and the compressed lower-case IPv6 form `x::y/len`.
 */

export interface Cidr {
  version: 4 | 6;
  /** The network address (host bits cleared): a number for IPv4, a bigint for IPv6. */
  network: number | bigint;
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i]!.length > 1 && m[i]!.startsWith('0'))) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

const HEXTET = /^[0-9a-f]{1,4}$/i;

export function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(':') || text.length > 45) return undefined;
  let head = text;
  let tail4: number | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail4 = parseIpv4(text.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of groups) {
    if (!HEXTET.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail4 !== undefined) value = (value & ~0xffffffffn) | BigInt(tail4);
  return value;
}

const V4_BITS = 32;
const V6_BITS = 128;

/** `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or block; the host bits of a block are cleared. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const v4 = parseIpv4(address);
  if (v4 !== undefined) {
    const prefix = prefixText === undefined ? V4_BITS : Number(prefixText);
    if (prefix > V4_BITS) return undefined;
    return { version: 4, network: maskV4(v4, prefix), prefix };
  }
  const v6 = parseIpv6(address);
  if (v6 === undefined) return undefined;
  const prefix = prefixText === undefined ? V6_BITS : Number(prefixText);
  if (prefix > V6_BITS) return undefined;
  return { version: 6, network: maskV6(v6, prefix), prefix };
}

export function maskV4(address: number, prefix: number): number {
  if (prefix === 0) return 0;
  const hostBits = V4_BITS - prefix;
  return Math.floor(address / 2 ** hostBits) * 2 ** hostBits;
}

export function maskV6(address: bigint, prefix: number): bigint {
  const hostBits = BigInt(V6_BITS - prefix);
  return (address >> hostBits) << hostBits;
}

function formatV4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function formatV6(value: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  // The longest run of two or more zero groups becomes `::`.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

export function formatCidr(cidr: Cidr): string {
  const address = cidr.version === 4 ? formatV4(cidr.network as number) : formatV6(cidr.network as bigint);
  return `${address}/${cidr.prefix}`;
}

/**
 * The fewest CIDR blocks covering the inclusive range `first`–`last` (STIX's InclusiveBetween);
 * undefined when the ends are not two addresses of one family in order.
 */
export function rangeToCidrs(first: string, last: string): Cidr[] | undefined {
  const a = parseCidr(first);
  const b = parseCidr(last);
  if (!a || !b || a.version !== b.version || a.prefix !== (a.version === 4 ? V4_BITS : V6_BITS) || b.prefix !== a.prefix) return undefined;
  const bits = a.version === 4 ? V4_BITS : V6_BITS;
  let start = BigInt(a.network);
  const end = BigInt(b.network);
  if (start > end) return undefined;
  const out: Cidr[] = [];
  while (start <= end) {
    let size = 0;
    // Grow the block while it stays aligned and inside the range.
    while (size < bits && (start & ((1n << BigInt(size + 1)) - 1n)) === 0n && start + (1n << BigInt(size + 1)) - 1n <= end) size++;
    out.push({ version: a.version, network: a.version === 4 ? Number(start) : start, prefix: bits - size });
    start += 1n << BigInt(size);
  }
  return out;
}
