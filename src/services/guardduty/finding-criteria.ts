/**
 * FindingCriteria as a predicate over findings. Every criterion must hold (AND); within one,
 * every operator given must hold:
 *
 *   Eq / Equals           one of the field's values is one of the listed values
 *   Neq / NotEquals       none of the field's values is one of the listed values
 *   Gt Gte Lt Lte, GreaterThan GreaterThanOrEqual LessThan LessThanOrEqual
 *                         a numeric value (times as epoch milliseconds) compares so
 *   Matches / NotMatches  a text value matches / none matches one of the patterns (`*` any
 *                         run of characters, `?` one character)
 *
 * A criterion naming no field of the Finding, or holding no operator, answers "the parameter
 * findingCriteria has an invalid value".
 */
import type { Finding } from '../../guardduty/finding.js';
import { toSentinels, wildMatch } from '../../iam/policy/glob.js';
import { invalidParameter } from './errors.js';
import { findingField, timeOf, type FieldKind, type FindingField } from './finding-fields.js';

export type FindingPredicate = (finding: Finding) => boolean;

type Value = string | number | boolean;
type Test = (values: Value[]) => boolean;

const LIST_OPERATORS = ['Eq', 'Equals', 'Neq', 'NotEquals', 'Matches', 'NotMatches'] as const;
const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  Gt: (a, b) => a > b,
  GreaterThan: (a, b) => a > b,
  Gte: (a, b) => a >= b,
  GreaterThanOrEqual: (a, b) => a >= b,
  Lt: (a, b) => a < b,
  LessThan: (a, b) => a < b,
  Lte: (a, b) => a <= b,
  LessThanOrEqual: (a, b) => a <= b,
};

export const MATCH_ALL: FindingPredicate = () => true;

export function compileCriteria(criteria: unknown): FindingPredicate {
  if (criteria === undefined || criteria === null) return MATCH_ALL;
  const criterion = (criteria as { Criterion?: unknown }).Criterion;
  if (criterion === undefined) return MATCH_ALL;
  if (criterion === null || typeof criterion !== 'object') throw invalidParameter('findingCriteria');
  const tests: Array<{ field: FindingField; test: Test }> = [];
  for (const [name, condition] of Object.entries(criterion as Record<string, unknown>)) {
    const field = findingField(name);
    if (!field || condition === null || typeof condition !== 'object') throw invalidParameter('findingCriteria');
    tests.push({ field, test: compileCondition(field.kind, condition as Record<string, unknown>) });
  }
  if (tests.length === 0) return MATCH_ALL;
  return (finding) => tests.every(({ field, test }) => test(field.values(finding)));
}

function compileCondition(kind: FieldKind, condition: Record<string, unknown>): Test {
  const parts: Test[] = [];
  for (const operator of LIST_OPERATORS) {
    const listed = condition[operator];
    if (listed === undefined) continue;
    if (!Array.isArray(listed) || !listed.every((v) => typeof v === 'string')) throw invalidParameter('findingCriteria');
    parts.push(listTest(operator, kind, listed as string[]));
  }
  for (const [operator, compare] of Object.entries(COMPARISONS)) {
    const bound = condition[operator];
    if (bound === undefined) continue;
    if (typeof bound !== 'number') throw invalidParameter('findingCriteria');
    parts.push((values) => values.some((v) => typeof v === 'number' && compare(v, bound)));
  }
  if (parts.length === 0) throw invalidParameter('findingCriteria');
  return (values) => parts.every((part) => part(values));
}

function listTest(operator: (typeof LIST_OPERATORS)[number], kind: FieldKind, listed: string[]): Test {
  if (operator === 'Matches' || operator === 'NotMatches') {
    const matches = (values: Value[]) => values.some((v) => listed.some((pattern) => wildcardMatch(pattern, String(v))));
    return operator === 'Matches' ? matches : (values) => !matches(values);
  }
  const wanted = new Set(listed.map((text) => comparable(kind, text)));
  const equals = (values: Value[]) => values.some((v) => wanted.has(kind === 'boolean' ? String(v) : v));
  return operator === 'Eq' || operator === 'Equals' ? equals : (values) => !equals(values);
}

/** A listed text as the field's values compare: a number, epoch milliseconds, `true`/`false`, or the text. */
function comparable(kind: FieldKind, text: string): Value {
  if (kind === 'number') {
    const n = Number(text);
    return text.trim() !== '' && !Number.isNaN(n) ? n : text;
  }
  if (kind === 'time') return timeOf(text) ?? text;
  if (kind === 'boolean') return text.toLowerCase();
  return text;
}

/** `*` any run of characters, `?` one: the policy engine's linear wildcard match (no regular expression, so no pattern can stall). */
export function wildcardMatch(pattern: string, text: string): boolean {
  return wildMatch(toSentinels(pattern), text);
}
