import { XMLParser } from 'fast-xml-parser';

/** A parsed XML element: its local name, attributes, child elements in order, and its text. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
});

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(raw: RawNode): XmlNode | undefined {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '#text') return undefined;
  const node: XmlNode = { name, attributes: raw[':@'] ?? {}, children: [], text: '' };
  for (const child of (raw[name] as RawNode[]) ?? []) {
    if ('#text' in child) node.text += String(child['#text']);
    else {
      const converted = convert(child);
      if (converted) node.children.push(converted);
    }
  }
  return node;
}

/** Parses a document into its root element; throws on malformed XML. */
export function parseXml(text: string): XmlNode {
  const raw = parser.parse(text, true) as RawNode[];
  const roots = raw.map(convert).filter((n): n is XmlNode => n !== undefined);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;', '\n': '&#xA;' };

const NEEDS_ESCAPE = /[&<>"'\r\n]/;
const ESCAPED_CHARS = /[&<>"'\r\n]/g;

/** Escapes text and attribute values (CR/LF too, so they survive a round trip). */
export function escapeXml(text: string): string {
  // Most values (ids, ARNs, namespaces) need no escaping: test before building a new string.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED_CHARS, (c) => XML_ESCAPES[c]) : text;
}
