/**
 * Comma-separated rows as the threat feed formats write them (RFC 4180 quoting: a field in
 * double quotes may hold commas, newlines and doubled quotes). Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0]!.trim() !== '') rows.push(row.map((f) => f.trim()));
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** The header row's column positions by lower-cased name, when the first row is a header (has a column named in `names`). */
export function headerColumns(rows: string[][], names: readonly string[]): Map<string, number> | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const columns = new Map(first.map((name, i) => [name.toLowerCase().replace(/\s+/g, ''), i] as const));
  return names.some((n) => columns.has(n.toLowerCase())) ? columns : undefined;
}
