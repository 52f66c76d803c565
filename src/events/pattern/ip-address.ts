/**
 * IP addresses in patterns: `cidr` conditions and exact strings that are addresses. A range is
 * inclusive, IPv4 and IPv6 apart. As EventBridge does, a CIDR range starts at the address as
 * written (not masked) and ends at that address with every host bit set, and the mask must be
 * below 32 (IPv4) or 128 (IPv6). The errors are AWS's reasons.
 */
export interface IpRange {
  v6: boolean;
  low: bigint;
  high: bigint;
}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Looks like an address (EventBridge only then tries to read one). */
export const looksLikeIp = (text: string): boolean => IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);

/** The address as a number, or undefined when `text` is not one. */
export function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  if (IPV4_SHAPE.test(text)) {
    let value = 0n;
    for (const part of text.split('.')) {
      if (part.length > 3) return undefined;
      const n = Number(part);
      if (n > 255) return undefined;
      value = (value << 8n) | BigInt(n);
    }
    return { v6: false, value };
  }
  if (IPV6_SHAPE.test(text)) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { v6: true, value };
  }
  return undefined;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

/** An exact address as a one-address range, when `text` is one. */
export function ipRangeIfAddress(text: string): IpRange | undefined {
  const ip = parseIp(text);
  return ip && { v6: ip.v6, low: ip.value, high: ip.value };
}

/** A `cidr` condition's range; throws the reason AWS gives. */
export function cidrRange(text: string): IpRange {
  // As Java's String.split("/"): trailing empty parts are dropped.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) throw new Error("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d+$/.test(parts[1]!) || Math.abs(Number(parts[1])) > 2147483647) throw new Error('Malformed CIDR, mask bits must be an integer');
  const bits = Number(parts[1]);
  if (bits < 0) throw new Error('Malformed CIDR, mask bits must not be negative');
  const address = parts[0]!;
  const ip = looksLikeIp(address) ? parseIp(address) : undefined;
  if (!ip) throw new Error(looksLikeIp(address) ? `Invalid IP address: ${address}` : `Nonstandard IP address: ${address}`);
  const width = ip.v6 ? 128 : 32;
  if (bits > width - 1) throw new Error(ip.v6 ? 'IPv6 mask bits must be < 128' : 'IPv4 mask bits must be < 32');
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  return { v6: ip.v6, low: ip.value, high: ip.value | hostMask };
}

export function inRange(range: IpRange, ip: { v6: boolean; value: bigint }): boolean {
  return range.v6 === ip.v6 && ip.value >= range.low && ip.value <= range.high;
}
