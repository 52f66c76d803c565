/**
 * STIX: indicators in a STIX 1.x XML package (CybOX Address objects — `Address_Value`, a
 * single address, a block, a `##comma##`-separated list, or an `InclusiveBetween` range — and
 * DomainName objects' `Value`) or in a STIX 2.x JSON bundle (indicator patterns comparing
 * `ipv4-addr:value`, `ipv6-addr:value` or `domain-name:value`). An indicator's title or name
 * becomes the threat name of what it lists.
 */
import { collector, type ListCollector, type ParsedList } from '../parsed-list.js';

export function parseStix(text: string): ParsedList {
  const list = collector();
  if (text.trimStart().startsWith('{')) parseStix2(text, list);
  else parseStix1(text, list);
  return list.result();
}

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const unescapeXml = (s: string): string => s.replace(/&(lt|gt|amp|quot|apos);/g, (e) => XML_ENTITIES[e]!);

/** `<prefix:Address_Value attrs>…</…>` and `<prefix:Value>` inside DomainName objects. */
const ADDRESS_VALUE = /<(?:[\w-]+:)?Address_Value\b([^>]*)>([^<]*)</g;
const DOMAIN_OBJECT = /xsi:type="(?:[\w-]+:)?DomainNameObjectType"[^>]*>\s*<(?:[\w-]+:)?Value\b[^>]*>([^<]*)</g;
const INDICATOR = /<(?:[\w-]+:)?Indicator\b[\s\S]*?<\/(?:[\w-]+:)?Indicator>/g;
const TITLE = /<(?:[\w-]+:)?Title\b[^>]*>([^<]*)</;

function parseStix1(xml: string, list: ListCollector): void {
  const indicators = xml.match(INDICATOR);
  const scopes = indicators && indicators.length > 0 ? indicators : [xml];
  for (const scope of scopes) {
    const title = TITLE.exec(scope)?.[1]?.trim();
    const names = title ? [unescapeXml(title)] : undefined;
    for (const m of scope.matchAll(ADDRESS_VALUE)) {
      const attributes = m[1]!;
      const values = unescapeXml(m[2]!).split('##comma##');
      if (/condition="InclusiveBetween"/.test(attributes) && values.length === 2) list.addRange(values[0]!, values[1]!, names);
      else for (const value of values) list.add(value, names);
    }
    for (const m of scope.matchAll(DOMAIN_OBJECT)) for (const value of unescapeXml(m[1]!).split('##comma##')) list.add(value, names);
  }
}

const PATTERN_VALUE = /\b(?:ipv4-addr|ipv6-addr|domain-name):value\s*=\s*'((?:[^'\\]|\\.)*)'/g;

function parseStix2(text: string, list: ListCollector): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return;
  }
  const objects = Array.isArray((document as { objects?: unknown }).objects) ? ((document as { objects: unknown[] }).objects) : [document];
  for (const object of objects) {
    if (object === null || typeof object !== 'object') continue;
    const { type, pattern, name } = object as { type?: unknown; pattern?: unknown; name?: unknown };
    if (type !== 'indicator' || typeof pattern !== 'string') continue;
    const names = typeof name === 'string' && name !== '' ? [name] : undefined;
    for (const m of pattern.matchAll(PATTERN_VALUE)) list.add(m[1]!.replace(/\\(.)/g, '$1'), names);
  }
}
