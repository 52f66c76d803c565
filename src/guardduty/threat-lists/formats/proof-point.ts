/**
 * Proofpoint ET Intelligence feed (CSV): `ip, category, score, first_seen, last_seen, ports`
 * for the IP reputation list and `domain, category, score, …` for the domain list; an optional
 * header row names the columns. The first column is the address or domain.
 */
import { parseCsv } from '../csv.js';
import { collector, type ParsedList } from '../parsed-list.js';

const HEADER_FIRST = new Set(['ip', 'domain', 'ip_address', 'ipaddress']);

export function parseProofPoint(text: string): ParsedList {
  const list = collector();
  const rows = parseCsv(text);
  const body = rows.length > 0 && HEADER_FIRST.has((rows[0]![0] ?? '').toLowerCase()) ? rows.slice(1) : rows;
  for (const row of body) list.add(row[0] ?? '');
  return list.result();
}
