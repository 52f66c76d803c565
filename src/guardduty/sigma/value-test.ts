/**
 * A field's values and modifiers compiled into one test of what the record holds at that
 * field: undefined (absent), a scalar, or an array or map whose scalars (at any depth) are
 * tried in turn. Values are OR-linked, or AND-linked with `all` — then each value may match a
 * different scalar.
 * Strings compare case-insensitively unless `cased`; numbers and booleans compare as text.
 */
import { ipInRange, parseIpRange, type IpRange } from '../../iam/policy/conditions/ip.js';
import { base64, base64Offsets } from './encodings.js';
import { RuleProblem } from './errors.js';
import { someLeaf } from './field-path.js';
import type { FieldSpec } from './modifiers.js';
import { compilePattern, exactText, fold, literalPattern, parsePattern, widen, type Pattern, type StringMatcher } from './wildcard.js';

/** A test of a field's value (undefined when the record lacks the field). */
export type FieldTest = (value: unknown) => boolean;

/** A test of one scalar of the field (an element, when the field holds an array or map). */
type ScalarTest = (scalar: unknown) => boolean;

export interface CompiledField {
  test: FieldTest;
  /** The values as written when the test is plain equality to any of them (no wildcard). */
  exactValues?: string[];
}

/** The text a scalar compares as; undefined for null, objects and arrays. */
function textOf(scalar: unknown): string | undefined {
  if (typeof scalar === 'string') return scalar;
  if (typeof scalar === 'number' || typeof scalar === 'boolean' || typeof scalar === 'bigint') return String(scalar);
  return undefined;
}

/** Whether the field passes: a scalar itself, else any element or any value inside a map. */
function anyElement(value: unknown, test: ScalarTest): boolean {
  if (value === null || typeof value !== 'object') return value !== undefined && test(value);
  return someLeaf(value, test);
}

function isNull(value: unknown): boolean {
  return value === undefined || value === null;
}

/** The rule's values for a field: a scalar or a list of scalars. */
function valuesOf(raw: unknown): unknown[] {
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) throw new RuleProblem('has an empty list of values');
  for (const value of values) {
    if (value !== null && typeof value === 'object') throw new RuleProblem('a value must be a string, number, boolean or null, not a map or nested list');
  }
  return values;
}

function ruleText(value: unknown, operator: string): string {
  const text = textOf(value);
  if (text === undefined) throw new RuleProblem(`'${operator}' needs a string or number value, not ${value === null ? 'null' : typeof value}`);
  return text;
}

function patternsOf(value: unknown, spec: FieldSpec): Pattern[] {
  const text = ruleText(value, spec.operator);
  const bases = spec.encoding === 'base64' ? [literalPattern(base64(text))]
    : spec.encoding === 'base64offset' ? base64Offsets(text).map(literalPattern)
    : [parsePattern(text)];
  const before = spec.operator === 'contains' || spec.operator === 'endswith';
  const after = spec.operator === 'contains' || spec.operator === 'startswith';
  return bases.map((p) => widen(p, before, after));
}

/** Any of the matchers, reading the field's text once. */
function stringsTest(matchers: StringMatcher[], caseSensitive: boolean): ScalarTest {
  const exact = new Set<string>();
  const others: StringMatcher[] = [];
  for (const m of matchers) {
    if (m.exact !== undefined) exact.add(m.exact);
    else others.push(m);
  }
  return (scalar) => {
    const text = textOf(scalar);
    if (text === undefined) return false;
    const folded = fold(text, caseSensitive);
    if (exact.has(folded)) return true;
    for (const m of others) if (m.test(folded)) return true;
    return false;
  };
}

function regexTest(value: unknown, flags: string): ScalarTest {
  const source = ruleText(value, 're');
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (error) {
    throw new RuleProblem(`invalid regular expression '${source}': ${(error as Error).message}`);
  }
  return (scalar) => {
    const text = textOf(scalar);
    return text !== undefined && regex.test(text);
  };
}

function cidrTest(value: unknown): ScalarTest {
  const text = ruleText(value, 'cidr');
  const range: IpRange | undefined = parseIpRange(text);
  if (!range) throw new RuleProblem(`invalid CIDR '${text}'`);
  // Calls from one address tend to come in runs: remember the last answer.
  let lastText: unknown;
  let lastAnswer = false;
  return (scalar) => {
    if (scalar === lastText) return lastAnswer;
    const ip = typeof scalar === 'string' ? parseIpRange(scalar) : undefined;
    lastText = scalar;
    lastAnswer = ip !== undefined && ip.prefix === (ip.v6 ? 128 : 32) && ipInRange(ip, range);
    return lastAnswer;
  };
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
};

function numberTest(value: unknown, operator: string): ScalarTest {
  const text = ruleText(value, operator);
  const bound = Number(text);
  if (text.trim() === '' || !Number.isFinite(bound)) throw new RuleProblem(`'${operator}' needs a number, not '${text}'`);
  const compare = COMPARE[operator];
  return (scalar) => {
    const text = typeof scalar === 'number' ? scalar : textOf(scalar);
    if (text === undefined || text === '') return false;
    const n = Number(text);
    return !Number.isNaN(n) && compare(n, bound);
  };
}

function existsTest(values: unknown[]): FieldTest {
  if (values.length !== 1 || typeof values[0] !== 'boolean') throw new RuleProblem("'exists' needs true or false");
  const want = values[0];
  return (value) => (value !== undefined) === want;
}

/** One value's test of a scalar (the string operators return a matcher per pattern instead). */
function scalarTest(value: unknown, spec: FieldSpec): ScalarTest {
  switch (spec.operator) {
    case 're': return regexTest(value, spec.regexFlags);
    case 'cidr': return cidrTest(value);
    case 'gt': case 'gte': case 'lt': case 'lte': return numberTest(value, spec.operator);
    default: return stringsTest(patternsOf(value, spec).map((p) => compilePattern(p, spec.cased)), spec.cased);
  }
}

function exactValuesOf(values: unknown[], spec: FieldSpec): string[] | undefined {
  if (spec.operator !== 'equals' || spec.encoding || (spec.all && values.length > 1)) return undefined;
  const texts: string[] = [];
  for (const value of values) {
    const text = textOf(value);
    const exact = text === undefined ? undefined : exactText(parsePattern(text));
    if (exact === undefined) return undefined;
    texts.push(exact);
  }
  return texts;
}

export function compileValues(spec: FieldSpec, raw: unknown): CompiledField {
  const values = valuesOf(raw);
  if (spec.operator === 'exists') return { test: existsTest(values) };
  const hasNull = values.includes(null);
  if (hasNull && spec.operator !== 'equals') throw new RuleProblem(`null cannot be used with '${spec.operator}'`);
  if (spec.all) {
    if (values.length < 2) throw new RuleProblem("'all' needs a list of two or more values");
    if (hasNull) throw new RuleProblem("null cannot be used with 'all'");
    const tests = values.map((v) => scalarTest(v, spec));
    return { test: (value) => tests.every((t) => anyElement(value, t)) };
  }
  const present = values.filter((v) => v !== null);
  const exactValues = exactValuesOf(present, spec);
  if (present.length === 0) return { test: isNull };
  let one: ScalarTest;
  if (spec.operator === 'equals' || spec.operator === 'contains' || spec.operator === 'startswith' || spec.operator === 'endswith') {
    one = stringsTest(present.flatMap((v) => patternsOf(v, spec)).map((p) => compilePattern(p, spec.cased)), spec.cased);
  } else {
    const tests = present.map((v) => scalarTest(v, spec));
    one = tests.length === 1 ? tests[0] : (scalar) => tests.some((t) => t(scalar));
  }
  if (hasNull) return { test: (value) => isNull(value) || anyElement(value, one) };
  return { test: (value) => anyElement(value, one), exactValues };
}
