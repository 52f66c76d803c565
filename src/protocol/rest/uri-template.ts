import { percentDecode } from './percent.js';

/**
 * An operation's `http.requestUri` (`/{Bucket}/{Key+}?uploads`, `/detector/{DetectorId}`)
 * compiled once: path segments that are literal text, a label, or a greedy label (which spans
 * one or more segments, `/` included), plus the query literals the route requires.
 */
export type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'label'; name: string }
  | { kind: 'greedy'; name: string };

export interface UriTemplate {
  segments: Segment[];
  /** Query names the route requires, with the value they must have (undefined: any value). */
  queryLiterals: [name: string, value: string | undefined][];
  literalCount: number;
  greedyAt: number;
}

export function compileTemplate(requestUri: string): UriTemplate {
  const q = requestUri.indexOf('?');
  const path = q < 0 ? requestUri : requestUri.slice(0, q);
  const query = q < 0 ? '' : requestUri.slice(q + 1);
  const segments: Segment[] = splitPath(path).filter((s) => s !== '').map((text): Segment => {
    const label = /^\{([^}]+?)(\+)?\}$/.exec(text);
    if (!label) return { kind: 'literal', text };
    return { kind: label[2] ? 'greedy' : 'label', name: label[1] };
  });
  const queryLiterals = query.split('&').filter(Boolean).map((part): [string, string | undefined] => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
  });
  return {
    segments,
    queryLiterals,
    literalCount: segments.filter((s) => s.kind === 'literal').length,
    greedyAt: segments.findIndex((s) => s.kind === 'greedy'),
  };
}

/** `/a/b%2Fc/` → ['a', 'b%2Fc', ''] (still encoded, so an encoded `/` stays inside its segment). */
export function splitPath(path: string): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  return trimmed === '' ? [] : trimmed.split('/');
}

/** The decoded label values when the raw path segments fit the template, else undefined. */
export function matchTemplate(t: UriTemplate, raw: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  if (t.greedyAt < 0) {
    // One trailing slash is tolerated: `/bucket/` is the bucket.
    const segs = raw.length === t.segments.length + 1 && raw[raw.length - 1] === '' ? raw.slice(0, -1) : raw;
    if (segs.length !== t.segments.length) return undefined;
    for (let i = 0; i < segs.length; i++) {
      if (!matchSegment(t.segments[i], segs[i], labels)) return undefined;
    }
    return labels;
  }
  const before = t.segments.slice(0, t.greedyAt);
  const after = t.segments.slice(t.greedyAt + 1);
  if (raw.length < before.length + 1 + after.length) return undefined;
  for (let i = 0; i < before.length; i++) {
    if (!matchSegment(before[i], raw[i], labels)) return undefined;
  }
  for (let i = 0; i < after.length; i++) {
    if (!matchSegment(after[i], raw[raw.length - after.length + i], labels)) return undefined;
  }
  const value = percentDecode(raw.slice(before.length, raw.length - after.length).join('/'));
  if (value === '') return undefined;
  labels[(t.segments[t.greedyAt] as { name: string }).name] = value;
  return labels;
}

function matchSegment(segment: Segment, raw: string, labels: Record<string, string>): boolean {
  if (segment.kind === 'literal') return raw === segment.text || percentDecode(raw) === segment.text;
  if (raw === '') return false;
  labels[segment.name] = percentDecode(raw);
  return true;
}
