import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';
import { isFlattened, serializedName, type QueryDialect } from './dialect.js';
import { childNode, indexedChildren, type ParamNode } from './param-tree.js';
import { INVALID, parseScalarText } from './scalar-text.js';

/**
 * Reads an operation input from the request's parameter tree, walking the model: only
 * members the model names are read, so unknown parameters are ignored. Text that is not a
 * value of its type throws BadParameter, which the codec turns into its protocol's error.
 */
export class BadParameter extends Error {
  /** The request parameter name, e.g. `Tags.member.2.Value`. */
  readonly wireName: string;
  /** The member path in validation-message style, e.g. `tags.2.member.value`. */
  readonly memberPath: string;

  constructor(readonly text: string, readonly expected: Shape['type'], wire: string[], member: string[]) {
    super(`invalid ${expected} parameter`);
    this.wireName = wire.join('.');
    this.memberPath = member.join('.');
  }
}

/** Collected while a BadParameter unwinds, so the happy path builds no path strings. */
class Unwinding {
  constructor(readonly text: string, readonly expected: Shape['type'], readonly wire: string[] = [], readonly member: string[] = []) {}
}

interface MemberPlan {
  name: string;
  wire: string;
  ref: ShapeRef;
  shape: Shape;
}

export function readInput(model: ServiceModel, dialect: QueryDialect, shape: Shape, root: ParamNode): Record<string, unknown> {
  try {
    return readStructure(model, dialect, shape, root);
  } catch (err) {
    if (err instanceof Unwinding) throw new BadParameter(err.text, err.expected, err.wire.reverse(), err.member.reverse());
    throw err;
  }
}

const plans = { query: new WeakMap<Shape, MemberPlan[]>(), ec2: new WeakMap<Shape, MemberPlan[]>() };

function structurePlan(model: ServiceModel, dialect: QueryDialect, shape: Shape): MemberPlan[] {
  const cache = plans[dialect.name];
  let plan = cache.get(shape);
  if (!plan) {
    plan = Object.entries(shape.members ?? {}).map(([name, ref]) => {
      const target = model.shape(ref.shape);
      return { name, ref, shape: target, wire: dialect.inputName(model, name, ref, target) };
    });
    cache.set(shape, plan);
  }
  return plan;
}

function readStructure(model: ServiceModel, dialect: QueryDialect, shape: Shape, node: ParamNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!node.children) return out;
  for (const member of structurePlan(model, dialect, shape)) {
    const child = node.children.get(member.wire);
    if (!child) continue;
    try {
      const value = readValue(model, dialect, member.ref, member.shape, child);
      if (value !== undefined) out[member.name] = value;
    } catch (err) {
      if (err instanceof Unwinding) {
        err.wire.push(member.wire);
        err.member.push(lowerFirst(member.name));
      }
      throw err;
    }
  }
  return out;
}

function readValue(model: ServiceModel, dialect: QueryDialect, ref: ShapeRef, shape: Shape, node: ParamNode): unknown {
  switch (shape.type) {
    case 'structure':
      return readStructure(model, dialect, shape, node);
    case 'list':
      return readList(model, dialect, ref, shape, node);
    case 'map':
      return readMap(model, dialect, ref, shape, node);
    default: {
      if (node.value === undefined) return undefined;
      const value = parseScalarText(shape, node.value);
      if (value === INVALID) throw new Unwinding(node.value, shape.type);
      return value;
    }
  }
}

function readList(model: ServiceModel, dialect: QueryDialect, ref: ShapeRef, shape: Shape, node: ParamNode): unknown[] {
  const memberRef = shape.member;
  if (!memberRef) return [];
  const memberShape = model.shape(memberRef.shape);
  const flat = dialect.flatLists || isFlattened(ref, shape);
  const itemName = flat ? undefined : serializedName(memberRef, memberShape) ?? 'member';
  const items = indexedChildren(itemName === undefined ? node : childNode(node, itemName));
  const out: unknown[] = [];
  for (const [index, item] of items) {
    try {
      const value = readValue(model, dialect, memberRef, memberShape, item);
      if (value !== undefined) out.push(value);
    } catch (err) {
      if (err instanceof Unwinding) {
        err.wire.push(itemName === undefined ? String(index) : `${itemName}.${index}`);
        err.member.push(`${index}.member`);
      }
      throw err;
    }
  }
  return out;
}

function readMap(model: ServiceModel, dialect: QueryDialect, ref: ShapeRef, shape: Shape, node: ParamNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!shape.key || !shape.value) return out;
  const keyShape = model.shape(shape.key.shape);
  const valueShape = model.shape(shape.value.shape);
  const keyName = serializedName(shape.key, keyShape) ?? 'key';
  const valueName = serializedName(shape.value, valueShape) ?? 'value';
  const flat = isFlattened(ref, shape);
  const entries = indexedChildren(flat ? node : childNode(node, 'entry'));
  for (const [index, entry] of entries) {
    const key = childNode(entry, keyName)?.value;
    const valueNode = childNode(entry, valueName);
    if (key === undefined || !valueNode) continue;
    try {
      const value = readValue(model, dialect, shape.value!, valueShape, valueNode);
      if (value !== undefined) setOwn(out, key, value);
    } catch (err) {
      if (err instanceof Unwinding) {
        err.wire.push(`${flat ? '' : 'entry.'}${index}.${valueName}`);
        err.member.push(`${key}.value`);
      }
      throw err;
    }
  }
  return out;
}

/** Sets a map entry even when the key is `__proto__`, without touching the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
