/**
 * List semantics shared by both backends: ids sort in ascending UTF-8 byte order (which is
 * Unicode code point order; SQLite's BINARY collation and PostgreSQL's "C" collation both
 * compare bytes). A prefix becomes a half-open range [prefix, prefixUpperBound(prefix)), so
 * no LIKE pattern is involved and `%`/`_` in ids are ordinary characters.
 */
import { checkText } from './keys.js';
import type { ListOptions, ListPage, StoredItem } from './store.js';

/**
 * The smallest string greater than every string that starts with `prefix`, in code point
 * order; undefined when none exists (the prefix is empty or all U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (char) => char.codePointAt(0) as number);
  while (points.length > 0) {
    const last = points.pop() as number;
    if (last < 0x10ffff) {
      // Surrogate code points cannot appear in a well-formed string: skip over them.
      return String.fromCodePoint(...points, last === 0xd7ff ? 0xe000 : last + 1);
    }
  }
  return undefined;
}

/** The id range and row count one list call fetches; every field is optional. */
export interface ListBounds {
  /** id > after */
  after?: string;
  /** id >= from */
  from?: string;
  /** id < before */
  before?: string;
  /** Rows to fetch: the limit plus one, to learn whether another page follows. */
  fetch?: number;
}

export function listBounds(options: ListOptions = {}): ListBounds {
  const { prefix, after, limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new RangeError(`list limit must be a positive integer, got ${limit}`);
  }
  for (const [name, value] of [['prefix', prefix], ['after', after]] as const) {
    if (value !== undefined) checkText(name, value);
  }
  return {
    after,
    from: prefix || undefined,
    before: prefix ? prefixUpperBound(prefix) : undefined,
    fetch: limit === undefined ? undefined : limit + 1,
  };
}

/** Cuts the fetched rows (up to limit + 1) down to one page and its continuation id. */
export function toPage<T>(items: StoredItem<T>[], limit?: number): ListPage<T> {
  if (limit === undefined || items.length <= limit) return { items };
  const page = items.slice(0, limit);
  return { items: page, next: page[page.length - 1].id };
}
