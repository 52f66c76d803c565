/**
 * A detection's search identifiers as a tree of tests. A map ANDs its fields; a list ORs its
 * elements, which are maps or keywords; a keyword (a plain string of a list, or a `'|mod':`
 * key with an empty field name) is looked for in every value of the record, as a substring
 * unless a modifier says otherwise.
 */
import { RuleProblem, within } from './errors.js';
import { isFact } from './field-path.js';
import { parseFieldKey } from './modifiers.js';
import { compileValues, type FieldTest } from './value-test.js';

export type SearchNode =
  | { kind: 'and' | 'or'; nodes: SearchNode[] }
  | { kind: 'not'; node: SearchNode }
  /** `fact`: read from the TrailEvent's facts rather than the parsed record. */
  | { kind: 'field'; field: string; test: FieldTest; fact: boolean; exactValues?: string[] }
  /** `test` gets the whole record, a map: it passes when a scalar inside does. */
  | { kind: 'keywords'; test: FieldTest };

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fieldNode(key: string, raw: unknown): SearchNode {
  return within(`'${key}'`, () => {
    const spec = parseFieldKey(key);
    if (spec.field === '') {
      if (spec.operator === 'equals') spec.operator = 'contains';
      return { kind: 'keywords', test: compileValues(spec, raw).test };
    }
    const { test, exactValues } = compileValues(spec, raw);
    // A TrailEvent fact reads '' for an absent field too: use it only when that cannot matter.
    const fact = isFact(spec.field) && test(undefined) === test('');
    return { kind: 'field', field: spec.field, test, fact, exactValues };
  });
}

function mapNode(map: Record<string, unknown>): SearchNode {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new RuleProblem('is an empty map');
  const nodes = keys.map((key) => fieldNode(key, map[key]));
  return nodes.length === 1 ? nodes[0] : { kind: 'and', nodes };
}

function keywordNode(values: unknown[]): SearchNode {
  return within('keywords', () => {
    if (values.includes(null)) throw new RuleProblem('a keyword cannot be null');
    const spec = parseFieldKey('|contains');
    return { kind: 'keywords', test: compileValues(spec, values).test };
  });
}

export function searchNode(value: unknown): SearchNode {
  if (isMap(value)) return mapNode(value);
  if (Array.isArray(value)) {
    if (value.length === 0) throw new RuleProblem('is an empty list');
    const keywords = value.filter((v) => !isMap(v));
    const maps = value.filter(isMap);
    const nodes = maps.map((map, i) => within(`item ${i + 1}`, () => mapNode(map)));
    if (keywords.length) nodes.push(keywordNode(keywords));
    return nodes.length === 1 ? nodes[0] : { kind: 'or', nodes };
  }
  if (typeof value === 'string' || typeof value === 'number') return keywordNode([value]);
  throw new RuleProblem('must be a map of fields, a list of maps or a list of keywords');
}
