/**
 * Open Threat Exchange (OTX) CSV: rows of `Indicator type, Indicator, Description` (a header
 * row of those names may come first). IPv4, IPv6 and CIDR indicators are addresses, domain and
 * hostname indicators domains; other types (URL, file hashes, …) are left out. The description
 * becomes the threat name.
 */
import { headerColumns, parseCsv } from '../csv.js';
import { collector, type ParsedList } from '../parsed-list.js';

const ADDRESS_TYPES = new Set(['ipv4', 'ipv6', 'cidr', 'domain', 'hostname']);

export function parseOtxCsv(text: string): ParsedList {
  const list = collector();
  const rows = parseCsv(text);
  const header = headerColumns(rows, ['indicatortype', 'indicator']);
  const typeAt = header?.get('indicatortype') ?? 0;
  const valueAt = header?.get('indicator') ?? 1;
  const descriptionAt = header?.get('description') ?? 2;
  for (const row of header ? rows.slice(1) : rows) {
    const type = (row[typeAt] ?? '').toLowerCase();
    if (!ADDRESS_TYPES.has(type)) continue;
    const description = row[descriptionAt];
    list.add(row[valueAt] ?? '', description ? [description] : undefined);
  }
  return list.result();
}
