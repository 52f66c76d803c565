/**
 * `wildcard` values: `*` stands for any run of characters (none included), `\*` for a literal
 * asterisk and `\\` for a literal backslash; two asterisks in a row and any other escape are
 * refused. Positions in the reasons count UTF-8 bytes of the value with its opening quote, as
 * EventBridge reports them.
 */
export function checkWildcard(value: string): void {
  const bytes = Buffer.from(`"${value}"`, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2a && bytes[i + 1] === 0x2a) throw new Error(`Consecutive wildcard characters at pos ${i}`);
    if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next === 0x2a || next === 0x5c) {
        i++;
        continue;
      }
      throw new Error(`Invalid escape character at pos ${i}`);
    }
  }
}

/**
 * A checked wildcard value as a matcher: the literal pieces between asterisks, the first
 * anchored at the start, the last at the end, the others found leftmost in order — linear in
 * the value's length, so no pattern can make matching backtrack.
 */
export function wildcardMatcher(value: string): (text: string) => boolean {
  const pieces = literalPieces(value);
  if (pieces.length === 1) {
    const only = pieces[0]!;
    return (text) => text === only;
  }
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  return (text) => {
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
    let from = first.length;
    const end = text.length - last.length;
    for (const piece of middle) {
      const at = text.indexOf(piece, from);
      if (at < 0 || at + piece.length > end) return false;
      from = at + piece.length;
    }
    return true;
  };
}

/** The value split at its unescaped asterisks, escapes resolved. */
function literalPieces(value: string): string[] {
  const pieces = [''];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') pieces[pieces.length - 1] += value[++i] ?? '';
    else if (c === '*') pieces.push('');
    else pieces[pieces.length - 1] += c;
  }
  return pieces;
}
