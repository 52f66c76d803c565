/** IpAddress, NotIpAddress: IPv4 and IPv6 addresses and CIDR ranges. */
import { INVALID, pair, type OperatorSpec } from './operator.js';

/** An address as eight 16-bit words (IPv4 uses the first two) plus its family. */
export interface IpRange {
  v6: boolean;
  words: number[];
  prefix: number;
}

function parseV4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return [(bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]];
}

function parseV6(s: string): number[] | undefined {
  let tail: number[] = [];
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const total = head.length + rest.length;
  if ((halves.length === 1 && total !== 8) || (halves.length === 2 && total > 7)) return undefined;
  const words: number[] = [];
  for (const g of head) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    words.push(parseInt(g, 16));
  }
  for (let i = total; i < 8; i++) words.push(0);
  for (const g of rest) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    words.push(parseInt(g, 16));
  }
  if (tail.length) { words[6] = tail[0]; words[7] = tail[1]; }
  return words;
}

/** Parse `addr` or `addr/prefix`. */
export function parseIpRange(v: string): IpRange | undefined {
  const t = v.trim();
  const slash = t.indexOf('/');
  const addr = slash === -1 ? t : t.slice(0, slash);
  const v6 = addr.includes(':');
  const words = v6 ? parseV6(addr) : parseV4(addr);
  if (!words) return undefined;
  const max = v6 ? 128 : 32;
  let prefix = max;
  if (slash !== -1) {
    const p = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
    prefix = Number(p);
  }
  return { v6, words, prefix };
}

export function ipInRange(ip: IpRange, range: IpRange): boolean {
  if (ip.v6 !== range.v6) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((ip.words[i] & mask) !== (range.words[i] & mask)) return false;
  }
  return true;
}

export const ipOperators: OperatorSpec<any>[] = pair<IpRange>(
  {
    variables: false,
    wildcards: false,
    compile: (v) => parseIpRange(v) ?? INVALID,
    test: (c, p) => {
      const ip = parseIpRange(c);
      return ip !== undefined && ipInRange(ip, p);
    },
  },
  'IpAddress',
  'NotIpAddress',
);
