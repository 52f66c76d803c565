/**
 * Percent-decoding that never throws: `%XX` escapes become bytes, everything else its UTF-8
 * bytes, and the result is read as UTF-8 (an invalid sequence becomes U+FFFD, a malformed
 * escape stays literal). Paths keep `+`; query strings read it as a space.
 */
export function percentDecode(text: string, plusAsSpace = false): string {
  if (plusAsSpace && text.includes('+')) text = text.replace(/\+/g, ' ');
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return lenientDecode(text);
  }
}

function lenientDecode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The query string as name → values, in order, `+` read as a space. */
export function parseQuery(raw: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  if (!raw) return params;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = percentDecode(eq < 0 ? part : part.slice(0, eq), true);
    const value = eq < 0 ? '' : percentDecode(part.slice(eq + 1), true);
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}
