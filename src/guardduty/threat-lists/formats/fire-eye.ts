/**
 * FireEye iSIGHT Threat Intelligence CSV: a header row naming the columns, then one indicator
 * per row. Addresses come from the `ip`, `sourceIp` and `cidr` columns, domains from `domain`
 * and `sourceDomain`; `malwareFamily` and `actor` name the threat.
 */
import { headerColumns, parseCsv } from '../csv.js';
import { collector, type ParsedList } from '../parsed-list.js';

const VALUE_COLUMNS = ['ip', 'sourceip', 'cidr', 'domain', 'sourcedomain'];
const NAME_COLUMNS = ['malwarefamily', 'actor'];

export function parseFireEye(text: string): ParsedList {
  const list = collector();
  const rows = parseCsv(text);
  const header = headerColumns(rows, VALUE_COLUMNS);
  if (!header) {
    // Without the header no column can be told apart: every row is rejected.
    list.reject(rows.length);
    return list.result();
  }
  const at = (row: string[], column: string): string => row[header.get(column) ?? -1] ?? '';
  for (const row of rows.slice(1)) {
    const names = NAME_COLUMNS.map((c) => at(row, c)).filter((n) => n !== '');
    for (const column of VALUE_COLUMNS) {
      const value = at(row, column);
      if (value !== '') list.add(value, names);
    }
  }
  return list.result();
}
