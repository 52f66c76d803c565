import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import { escapeXml } from '../shared/xml.js';
import { isFlattened, serializedName } from './dialect.js';
import { formatScalarText } from './scalar-text.js';

/**
 * Writes a handler's output as query/ec2 response XML, walking the model. Element names are
 * the members' locationNames (else member names); lists are wrapped in `<member>`/`<item>`
 * (the list member's locationName) unless flattened; maps are `<entry><key/><value/></entry>`.
 * Absent (undefined/null) members and values of the wrong type are left out.
 */
interface MemberPlan {
  name: string;
  element: string;
  ref: ShapeRef;
  shape: Shape;
  attribute: boolean;
}

const plans = new WeakMap<Shape, MemberPlan[]>();

function structurePlan(model: ServiceModel, shape: Shape): MemberPlan[] {
  let plan = plans.get(shape);
  if (!plan) {
    plan = [];
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (ref.location && ref.location !== 'statusCode') continue;
      const target = model.shape(ref.shape);
      plan.push({ name, ref, shape: target, element: elementName(model, name, ref, target), attribute: ref.xmlAttribute === true });
    }
    plans.set(shape, plan);
  }
  return plan;
}

/** A flattened list with a named member is written under the member's name. */
function elementName(model: ServiceModel, memberName: string, ref: ShapeRef, shape: Shape): string {
  if (shape.type === 'list' && shape.member && isFlattened(ref, shape)) {
    const itemName = serializedName(shape.member, model.shape(shape.member.shape));
    if (itemName) return itemName;
  }
  return serializedName(ref, shape) ?? memberName;
}

/** Appends the members of `value` (a structure) to `out`, without an enclosing element. */
export function writeMembers(model: ServiceModel, shape: Shape, value: Record<string, unknown>, out: string[]): void {
  for (const member of structurePlan(model, shape)) {
    if (member.attribute) continue;
    const v = value[member.name];
    if (v !== undefined && v !== null) writeValue(model, member.element, member.ref, member.shape, v, out);
  }
}

function writeValue(model: ServiceModel, element: string, ref: ShapeRef, shape: Shape, value: unknown, out: string[]): void {
  switch (shape.type) {
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) return;
      out.push(`<${element}${attributes(model, ref, shape, value as Record<string, unknown>)}>`);
      writeMembers(model, shape, value as Record<string, unknown>, out);
      out.push(`</${element}>`);
      return;
    case 'list':
      if (Array.isArray(value)) writeList(model, element, ref, shape, value, out);
      return;
    case 'map':
      if (typeof value === 'object' && !Array.isArray(value)) writeMap(model, element, ref, shape, value as Record<string, unknown>, out);
      return;
    default: {
      const text = formatScalarText(shape, value, ref.timestampFormat ?? shape.timestampFormat ?? 'iso8601');
      if (text !== undefined) out.push(`<${element}${namespaceAttribute(ref)}>${escapeXml(text)}</${element}>`);
    }
  }
}

function writeList(model: ServiceModel, element: string, ref: ShapeRef, shape: Shape, items: unknown[], out: string[]): void {
  const memberRef = shape.member;
  if (!memberRef) return;
  const memberShape = model.shape(memberRef.shape);
  if (isFlattened(ref, shape)) {
    for (const item of items) if (item !== undefined && item !== null) writeValue(model, element, memberRef, memberShape, item, out);
    return;
  }
  const itemName = serializedName(memberRef, memberShape) ?? 'member';
  out.push(`<${element}${namespaceAttribute(ref)}>`);
  for (const item of items) if (item !== undefined && item !== null) writeValue(model, itemName, memberRef, memberShape, item, out);
  out.push(`</${element}>`);
}

function writeMap(model: ServiceModel, element: string, ref: ShapeRef, shape: Shape, map: Record<string, unknown>, out: string[]): void {
  if (!shape.key || !shape.value) return;
  const keyShape = model.shape(shape.key.shape);
  const valueShape = model.shape(shape.value.shape);
  const keyName = serializedName(shape.key, keyShape) ?? 'key';
  const valueName = serializedName(shape.value, valueShape) ?? 'value';
  const flat = isFlattened(ref, shape);
  if (!flat) out.push(`<${element}${namespaceAttribute(ref)}>`);
  for (const [key, v] of Object.entries(map)) {
    if (v === undefined || v === null) continue;
    out.push(flat ? `<${element}>` : '<entry>', `<${keyName}>${escapeXml(key)}</${keyName}>`);
    writeValue(model, valueName, shape.value, valueShape, v, out);
    out.push(flat ? `</${element}>` : '</entry>');
  }
  if (!flat) out.push(`</${element}>`);
}

function namespaceAttribute(ref: ShapeRef): string {
  const ns = ref.xmlNamespace;
  if (!ns?.uri) return '';
  return ` xmlns${ns.prefix ? `:${ns.prefix}` : ''}="${escapeXml(ns.uri)}"`;
}

/** The namespace and xmlAttribute members of a structure element. */
function attributes(model: ServiceModel, ref: ShapeRef, shape: Shape, value: Record<string, unknown>): string {
  let attrs = namespaceAttribute(ref) || namespaceAttribute({ shape: '', xmlNamespace: shape.xmlNamespace });
  for (const member of structurePlan(model, shape)) {
    if (!member.attribute) continue;
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    const text = formatScalarText(member.shape, v, member.ref.timestampFormat ?? member.shape.timestampFormat ?? 'iso8601');
    if (text !== undefined) attrs += ` ${member.element}="${escapeXml(text)}"`;
  }
  return attrs;
}
