/**
 * A pattern tree compiled into one predicate over an event (a parsed JSON object). Every field
 * of an object pattern must match (and one alternative of each `$or`); where the event holds an
 * array of objects, one element must match the whole sub-pattern, so conditions on several
 * fields are met by the same element. A missing field, or one holding an object where the
 * pattern expects values, has no value (only `exists: false` meets it).
 */
import { isLeaf, type Leaf, type ObjectPattern } from './ast.js';
import { leafTest } from './leaf-matcher.js';

export type Predicate = (value: unknown) => boolean;

const NOTHING: Readonly<Record<string, unknown>> = Object.freeze({});
const hasOwn = Object.prototype.hasOwnProperty;

/** A field's value in an event object; only names every object inherits need the own-property check. */
export function fieldReader(name: string): (o: Readonly<Record<string, unknown>>) => unknown {
  if (name in Object.prototype) return (o) => (hasOwn.call(o, name) ? o[name] : undefined);
  return (o) => o[name];
}

export function objectPredicate(node: ObjectPattern): Predicate {
  const fields = [...node.fields].map(([name, child]) => ({ read: fieldReader(name), test: isLeaf(child) ? leafPredicate(child) : objectPredicate(child) }));
  const ors = node.ors.map((group) => group.map(objectPredicate));
  const onObject = (o: Record<string, unknown>): boolean => {
    for (const f of fields) if (!f.test(f.read(o))) return false;
    for (const group of ors) {
      let met = false;
      for (const alternative of group) {
        if (alternative(o)) {
          met = true;
          break;
        }
      }
      if (!met) return false;
    }
    return true;
  };
  const test = (value: unknown): boolean => {
    if (Array.isArray(value)) {
      if (value.length === 0) return onObject(NOTHING);
      for (const element of value) if (test(element)) return true;
      return false;
    }
    return onObject(value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : NOTHING);
  };
  return test;
}

function leafPredicate(leaf: Leaf): Predicate {
  const { test, absent } = leafTest(leaf.conditions);
  const inArray = (values: unknown[]): boolean | undefined => {
    let seen = false;
    for (const v of values) {
      if (Array.isArray(v)) {
        const r = inArray(v);
        if (r === true) return true;
        if (r === false) seen = true;
      } else if (v === null || typeof v !== 'object') {
        seen = true;
        if (test(v as string | number | boolean | null)) return true;
      }
    }
    return seen ? false : undefined;
  };
  return (value) => {
    if (value === undefined) return absent;
    if (Array.isArray(value)) return inArray(value) ?? absent;
    if (value !== null && typeof value === 'object') return absent;
    return test(value as string | number | boolean | null);
  };
}
