import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import type { XmlNode } from '../shared/xml.js';
import { setOwn } from '../rest/own-property.js';
import { parseText } from '../rest/scalar-text.js';
import { listItemName, mapNames, structureMembers, type XmlMember } from './xml-names.js';

/**
 * A parsed rest-xml element → the in-memory value, by shape. Scalars are the element's text
 * (kept exactly: S3 keys may start or end with spaces), read by the same rules as text in HTTP
 * bindings (rest/scalar-text.ts); text that does not fit its shape throws BadText.
 */
export function readXmlMembers(model: ServiceModel, members: XmlMember[], node: XmlNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byName = new Map<string, XmlNode[]>();
  for (const child of node.children) {
    const list = byName.get(child.name);
    if (list) list.push(child);
    else byName.set(child.name, [child]);
  }
  for (const m of members) {
    if (m.attribute) {
      const text = node.attributes[m.xmlName] ?? node.attributes[m.localName];
      if (text !== undefined) out[m.name] = parseText(m.ref, m.shape, text, 'xml');
      continue;
    }
    const nodes = byName.get(m.localName);
    if (!nodes) continue;
    if (m.flattened && m.shape.type === 'list') {
      out[m.name] = nodes.map((n) => readXmlValue(model, m.shape.member!, n));
    } else if (m.flattened && m.shape.type === 'map') {
      const map: Record<string, unknown> = {};
      for (const entry of nodes) readMapEntry(model, m.shape, entry, map);
      out[m.name] = map;
    } else {
      out[m.name] = readXmlValue(model, m.ref, nodes[0]);
    }
  }
  return out;
}

export function readXmlValue(model: ServiceModel, ref: ShapeRef, node: XmlNode): unknown {
  const shape = model.shape(ref.shape);
  switch (shape.type) {
    case 'structure':
      return readXmlMembers(model, structureMembers(model, shape), node);
    case 'list': {
      const itemName = listItemName(shape);
      return node.children.filter((c) => c.name === itemName || c.name === localName(itemName)).map((c) => readXmlValue(model, shape.member!, c));
    }
    case 'map': {
      const map: Record<string, unknown> = {};
      for (const entry of node.children) if (entry.name === 'entry') readMapEntry(model, shape, entry, map);
      return map;
    }
    default:
      return parseText(ref, shape, node.text, 'xml');
  }
}

function readMapEntry(model: ServiceModel, shape: Shape, entry: XmlNode, map: Record<string, unknown>): void {
  const names = mapNames(shape);
  const key = entry.children.find((c) => c.name === names.key);
  const value = entry.children.find((c) => c.name === names.value);
  if (key && value) setOwn(map, key.text, readXmlValue(model, shape.value!, value));
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
