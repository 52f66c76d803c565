import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import { escapeXml as escapeAll } from '../shared/xml.js';
import { formatTimestamp } from '../shared/timestamps.js';
import { timestampFormatFor } from '../rest/scalar-text.js';
import { listItemName, mapNames, structureMembers, type XmlMember } from './xml-names.js';

/**
 * The in-memory output → rest-xml, by shape: members as elements under their locationName,
 * `xmlAttribute` members as attributes, lists wrapped (items named `member` unless the model
 * says otherwise) or flattened, maps as `entry`/`key`/`value`, timestamps iso8601 unless the
 * model names another format, blobs base64, absent members left out, namespaces where the
 * model declares them.
 */
const NEEDS_ESCAPE = /[&<>"'\r\n]/;

function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? escapeAll(text) : text;
}

export function xmlElement(name: string, attributes: string, inner: string): string {
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

export function namespaceAttribute(ns: { uri?: string; prefix?: string } | undefined): string {
  if (!ns?.uri) return '';
  return ns.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : ` xmlns="${escapeXml(ns.uri)}"`;
}

/** The attributes (declared by xmlAttribute members) and child elements of a structure value. */
export function writeXmlMembers(model: ServiceModel, members: XmlMember[], value: Record<string, unknown>): { attributes: string; inner: string } {
  let attributes = '';
  let inner = '';
  for (const m of members) {
    const v = value[m.name];
    if (v === undefined || v === null) continue;
    if (m.attribute) attributes += ` ${m.xmlName}="${escapeXml(scalarText(m.ref, m.shape, v))}"`;
    else inner += writeMember(model, m, v);
  }
  return { attributes, inner };
}

function writeMember(model: ServiceModel, m: XmlMember, value: unknown): string {
  if (m.flattened && m.shape.type === 'list' && Array.isArray(value)) {
    return value.filter((item) => item !== undefined && item !== null).map((item) => writeXmlElement(model, m.xmlName, m.shape.member!, item)).join('');
  }
  if (m.flattened && m.shape.type === 'map' && typeof value === 'object') {
    return mapEntries(model, m.shape, value as Record<string, unknown>, m.xmlName);
  }
  return writeXmlElement(model, m.xmlName, m.ref, value);
}

/** One element named `name` holding `value` of the ref's shape. */
export function writeXmlElement(model: ServiceModel, name: string, ref: ShapeRef, value: unknown, extraAttributes = ''): string {
  const shape = model.shape(ref.shape);
  const ns = namespaceAttribute(ref.xmlNamespace ?? shape.xmlNamespace) + extraAttributes;
  switch (shape.type) {
    case 'structure': {
      const { attributes, inner } = writeXmlMembers(model, structureMembers(model, shape), (value ?? {}) as Record<string, unknown>);
      return xmlElement(name, ns + attributes, inner);
    }
    case 'list': {
      const items = Array.isArray(value) ? value : [];
      const itemName = listItemName(shape);
      return xmlElement(name, ns, items.filter((item) => item !== undefined && item !== null).map((item) => writeXmlElement(model, itemName, shape.member!, item)).join(''));
    }
    case 'map':
      return xmlElement(name, ns, mapEntries(model, shape, (value ?? {}) as Record<string, unknown>, 'entry'));
    default:
      return `<${name}${ns}>${escapeXml(scalarText(ref, shape, value))}</${name}>`;
  }
}

function mapEntries(model: ServiceModel, shape: Shape, map: Record<string, unknown>, entryName: string): string {
  const names = mapNames(shape);
  let out = '';
  for (const [k, v] of Object.entries(map)) {
    if (v === undefined || v === null) continue;
    out += `<${entryName}><${names.key}>${escapeXml(k)}</${names.key}>${writeXmlElement(model, names.value, shape.value!, v)}</${entryName}>`;
  }
  return out;
}

export function scalarText(ref: ShapeRef, shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'timestamp':
      return String(formatTimestamp(value, timestampFormatFor(ref, shape, 'iso8601')));
    case 'blob':
      return (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value as Uint8Array)).toString('base64');
    case 'float': case 'double':
      if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
      return String(value);
    default:
      return String(value);
  }
}
