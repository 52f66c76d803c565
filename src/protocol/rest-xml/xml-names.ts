import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';

/**
 * How a structure's members are named in rest-xml: the member's locationName, else its name;
 * attributes (`xmlAttribute`) and flattened lists/maps (repeated elements named for the member
 * instead of a wrapper). Built once per structure shape (or per top-level member list).
 */
export interface XmlMember {
  name: string;
  ref: ShapeRef;
  shape: Shape;
  xmlName: string;
  /** xmlName without a namespace prefix (`xsi:type` → `type`), as the parser reports names. */
  localName: string;
  attribute: boolean;
  flattened: boolean;
}

const tables = new WeakMap<object, XmlMember[]>();

export function xmlMembers(model: ServiceModel, key: object, entries: () => [string, ShapeRef][]): XmlMember[] {
  let table = tables.get(key);
  if (!table) {
    table = entries().map(([name, ref]) => {
      const shape = model.shape(ref.shape);
      const xmlName = ref.locationName ?? name;
      return {
        name,
        ref,
        shape,
        xmlName,
        localName: xmlName.slice(xmlName.indexOf(':') + 1),
        attribute: !!ref.xmlAttribute,
        flattened: (shape.type === 'list' || shape.type === 'map') && !!(ref.flattened || shape.flattened),
      };
    });
    tables.set(key, table);
  }
  return table;
}

export function structureMembers(model: ServiceModel, shape: Shape): XmlMember[] {
  return xmlMembers(model, shape, () => Object.entries(shape.members ?? {}));
}

/** The element name of a non-flattened list's items (`member` unless the model names it). */
export function listItemName(shape: Shape): string {
  return shape.member?.locationName ?? 'member';
}

export function mapNames(shape: Shape): { key: string; value: string } {
  return { key: shape.key?.locationName ?? 'key', value: shape.value?.locationName ?? 'value' };
}
