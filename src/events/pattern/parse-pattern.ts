/**
 * Reads an event pattern's text into its tree, refusing what EventBridge refuses with its
 * reasons: the pattern is read token by token in the order AWS's compiler reads it, so each
 * error names the same place (see json-reader.ts). The match expressions:
 *
 *   "value" | number | true | false | null         exact (a string that is an IP address also matches its other spellings)
 *   {"prefix": "…"} {"prefix": {"equals-ignore-case": "…"}}      and the same for suffix
 *   {"equals-ignore-case": "…"}   {"wildcard": "a*b"}   {"exists": true|false}   {"cidr": "10.0.0.0/24"}
 *   {"numeric": [">", 0, "<=", 5]}   {"numeric": ["=", 3]}
 *   {"anything-but": "…" | number | ["…", …] | [n, …]}
 *   {"anything-but": {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": "…" | ["…", …]}}
 *   "$or": [{…}, {…}, …]
 */
import type { AnythingBut, Condition, Leaf, NumericBound, ObjectPattern } from './ast.js';
import { cidrRange, ipRangeIfAddress } from './ip-address.js';
import { JsonReader, type Token } from './json-reader.js';
import { comparableNumber, NUMERIC_LIMIT } from './numbers.js';
import { PatternError } from './pattern-error.js';
import { checkWildcard } from './wildcard.js';

const OR = '$or';

/** Field names an object inside `$or` may not use (EventBridge keeps them for operators). */
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=',
  'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

const ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_NUMERIC = 'Too many elements in numeric expression';

/** The pattern's tree; throws PatternError with AWS's reason. */
export function parsePattern(text: string): ObjectPattern {
  const r = new JsonReader(text);
  if (r.next() !== 'START_OBJECT') throw r.error('Filter is not an object');
  return readObject(r, false);
}

function readObject(r: JsonReader, insideOr: boolean): ObjectPattern {
  const node: ObjectPattern = { fields: new Map(), ors: [] };
  let empty = true;
  for (let t = r.next(); t !== 'END_OBJECT'; t = r.next()) {
    empty = false;
    const name = r.currentName;
    if (name === OR) {
      node.ors.push(readOr(r));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(name)) throw r.error(`${name} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    const value = r.next();
    if (value === 'START_OBJECT') node.fields.set(name, readObject(r, insideOr));
    else if (value === 'START_ARRAY') node.fields.set(name, readLeaf(r));
    else throw r.error(`"${name}" must be an object or an array`);
  }
  if (empty) throw r.error('Empty objects are not allowed');
  return node;
}

function readOr(r: JsonReader): ObjectPattern[] {
  if (r.next() !== 'START_ARRAY') throw r.error(`It must be an Array followed with ${OR}.`);
  const alternatives: ObjectPattern[] = [];
  for (let t = r.next(); t !== 'END_ARRAY'; t = r.next()) {
    if (t !== 'START_OBJECT') throw r.error(`Only JSON object is allowed in array of ${OR} relationship.`);
    alternatives.push(readObject(r, true));
  }
  if (alternatives.length < 2) throw r.error(`There must have at least 2 Objects in ${OR} relationship.`);
  return alternatives;
}

function readLeaf(r: JsonReader): Leaf {
  const conditions: Condition[] = [];
  for (let t = r.next(); t !== 'END_ARRAY'; t = r.next()) {
    switch (t) {
      case 'START_OBJECT':
        conditions.push(readMatchExpression(r));
        break;
      case 'VALUE_STRING': {
        const text = r.getText();
        const range = ipRangeIfAddress(text);
        conditions.push(range ? { kind: 'ip', text, range } : { kind: 'exact', value: text });
        break;
      }
      case 'VALUE_NUMBER':
        conditions.push({ kind: 'number', value: Number(r.getText()) });
        break;
      case 'VALUE_TRUE':
      case 'VALUE_FALSE':
      case 'VALUE_NULL':
        conditions.push({ kind: 'literal', value: t === 'VALUE_NULL' ? null : t === 'VALUE_TRUE' });
        break;
      default:
        throw r.error('Match value must be String, number, true, false, or null');
    }
  }
  if (conditions.length === 0) throw r.error('Empty arrays are not allowed');
  return { leaf: true, conditions };
}

function readMatchExpression(r: JsonReader): Condition {
  if (r.next() !== 'FIELD_NAME') throw r.error('Match expression name not found');
  const op = r.currentName;
  switch (op) {
    case 'exactly':
      return closed(r, { kind: 'exact', value: stringValue(r, 'exact match pattern must be a string') });
    case 'prefix':
    case 'suffix':
      return readAffix(r, op);
    case 'equals-ignore-case':
      return closed(r, { kind: 'equals-ignore-case', value: stringValue(r, 'equals-ignore-case match pattern must be a string') });
    case 'wildcard': {
      const value = stringValue(r, 'wildcard match pattern must be a string');
      located(r, () => checkWildcard(value));
      return closed(r, { kind: 'wildcard', value });
    }
    case 'exists': {
      const t = r.next();
      if (t !== 'VALUE_TRUE' && t !== 'VALUE_FALSE') throw r.error('exists match pattern must be either true or false.');
      return closed(r, { kind: 'exists', exists: t === 'VALUE_TRUE' });
    }
    case 'cidr': {
      const text = stringValue(r, 'prefix match pattern must be a string');
      // EventBridge reports CIDR reasons without a location.
      let range;
      try {
        range = cidrRange(text);
      } catch (err) {
        throw new PatternError((err as Error).message);
      }
      return closed(r, { kind: 'cidr', range });
    }
    case 'numeric': {
      if (r.next() !== 'START_ARRAY') throw r.error('Value of numeric must be an array.');
      const range = readNumeric(r);
      if (r.next() !== 'END_OBJECT') throw r.error(TOO_MANY_NUMERIC);
      return range;
    }
    case 'anything-but':
      return readAnythingBut(r);
    default:
      throw r.error(`Unrecognized match type ${op}`);
  }
}

/** `{"prefix": "…"}` or `{"prefix": {"equals-ignore-case": "…"}}` (and suffix). */
function readAffix(r: JsonReader, op: 'prefix' | 'suffix'): Condition {
  const t = r.next();
  if (t === 'START_OBJECT') {
    const Op = op === 'prefix' ? 'Prefix' : 'Suffix';
    if (r.next() !== 'FIELD_NAME') throw r.error(`${Op} expression name not found`);
    if (r.currentName !== 'equals-ignore-case') throw r.error(`Unsupported ${op} pattern: ${r.currentName}`);
    const value = stringValue(r, 'equals-ignore-case match pattern must be a string');
    closed(r, undefined);
    return closed(r, { kind: op, value, ignoreCase: true });
  }
  if (t !== 'VALUE_STRING') throw r.error(`${op} match pattern must be a string`);
  return closed(r, { kind: op, value: r.getText(), ignoreCase: false });
}

function readNumeric(r: JsonReader): Condition {
  if (r.next() !== 'VALUE_STRING') throw r.error(`Invalid member in numeric match: ${r.getText()}`);
  const op = r.getText();
  const t = r.next();
  const mustBeNumber = (token: Token | undefined, what: string) => {
    if (token !== 'VALUE_NUMBER') throw r.error(`Value of ${what} must be numeric`);
    return r.getText();
  };
  switch (op) {
    case '=': {
      const value = mustBeNumber(t, 'equals');
      if (r.next() !== 'END_ARRAY') throw r.error(TOO_MANY_NUMERIC);
      const n = located(r, () => comparableNumber(value));
      return { kind: 'numeric', lower: { value: n, open: false }, upper: { value: n, open: false } };
    }
    case '>=':
    case '>': {
      const bottom = mustBeNumber(t, op);
      const next = r.next();
      if (next === 'END_ARRAY') return range(r, bottom, op === '>', String(NUMERIC_LIMIT), false);
      if (next !== 'VALUE_STRING') throw r.error(`Bad value in numeric range: ${r.getText()}`);
      const topOp = r.getText();
      if (topOp !== '<' && topOp !== '<=') throw r.error(`Bad numeric range operator: ${topOp}`);
      const top = mustBeNumber(r.next(), topOp);
      if (r.next() !== 'END_ARRAY') throw r.error('Too many terms in numeric range expression');
      return range(r, bottom, op === '>', top, topOp === '<');
    }
    case '<=':
    case '<': {
      const top = mustBeNumber(t, op);
      if (r.next() !== 'END_ARRAY') throw r.error(TOO_MANY_NUMERIC);
      return range(r, String(-NUMERIC_LIMIT), false, top, op === '<');
    }
    default:
      throw r.error(`Unrecognized numeric range operator: ${op}`);
  }
}

function range(r: JsonReader, bottom: string, openBottom: boolean, top: string, openTop: boolean): Condition {
  const lower: NumericBound = { value: located(r, () => comparableNumber(bottom)), open: openBottom };
  const upper: NumericBound = { value: located(r, () => comparableNumber(top)), open: openTop };
  // Unconfirmed order: EventBridge may report "Bottom must be less than top" before a value out of range.
  if (lower.value >= upper.value) throw r.error('Bottom must be less than top');
  return { kind: 'numeric', lower, upper };
}

type SetKind = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';

function readAnythingBut(r: JsonReader): Condition {
  let kind: SetKind | undefined;
  let t = r.next();
  if (t === 'START_OBJECT') {
    if (r.next() !== 'FIELD_NAME') throw r.error('Anything-But expression name not found');
    const op = r.currentName;
    if (op !== 'prefix' && op !== 'suffix' && op !== 'equals-ignore-case' && op !== 'wildcard') throw r.error(`Unsupported anything-but pattern: ${op}`);
    kind = op;
    t = r.next();
  }
  if (t !== 'START_ARRAY' && t !== 'VALUE_STRING' && t !== 'VALUE_NUMBER') {
    throw r.error('Value of anything-but must be an array or single string/number value.');
  }
  const negated = kind === undefined ? plainAnythingBut(r, t) : setAnythingBut(r, t, kind);
  if (r.next() !== 'END_OBJECT') throw r.error(TOO_MANY_NUMERIC);
  if (kind !== undefined && r.next() !== 'END_OBJECT') throw r.error(TOO_MANY_NUMERIC);
  return { kind: 'anything-but', negated };
}

/** `"anything-but": "x" | 5 | ["x", "y"] | [1, 2]` — all strings or all numbers. */
function plainAnythingBut(r: JsonReader, first: Token): AnythingBut {
  if (first === 'VALUE_STRING') return { kind: 'strings', values: [r.getText()] };
  if (first === 'VALUE_NUMBER') {
    // EventBridge reports this reason without a location (the single number is not checked inside its try).
    try {
      return { kind: 'numbers', values: [comparableNumber(r.getText())] };
    } catch (err) {
      throw new PatternError((err as Error).message);
    }
  }
  const strings: string[] = [];
  const numbers: number[] = [];
  for (let t = r.next(); t !== 'END_ARRAY'; t = r.next()) {
    if (t === 'VALUE_STRING') strings.push(r.getText());
    else if (t === 'VALUE_NUMBER') numbers.push(located(r, () => comparableNumber(r.getText())));
    else throw r.error('Inside anything but list, start|null|boolean is not supported.');
  }
  if ((strings.length > 0) === (numbers.length > 0)) {
    throw r.error('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return strings.length > 0 ? { kind: 'strings', values: strings } : { kind: 'numbers', values: numbers };
}

/** `"anything-but": {"prefix": "x" | ["x", …]}` and suffix, equals-ignore-case, wildcard: strings only. */
function setAnythingBut(r: JsonReader, first: Token, kind: SetKind): AnythingBut {
  const notString =
    kind === 'equals-ignore-case'
      ? 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'
      : kind === 'wildcard'
        ? 'wildcard match pattern must be a string'
        : 'prefix/suffix match pattern must be a string';
  const take = (): string => {
    const text = r.getText();
    if ((kind === 'prefix' || kind === 'suffix') && text === '') throw r.error('Null prefix/suffix not allowed');
    return text;
  };
  const values: string[] = [];
  if (first === 'START_ARRAY') {
    for (let t = r.next(); t !== 'END_ARRAY'; t = r.next()) {
      if (t !== 'VALUE_STRING') throw r.error(notString);
      values.push(take());
    }
  } else {
    if (first !== 'VALUE_STRING') throw r.error(notString);
    values.push(take());
  }
  if (kind === 'wildcard') for (const v of values) located(r, () => checkWildcard(v));
  return { kind, values };
}

/** The current string value's text, or the error when the next token is not a string. */
function stringValue(r: JsonReader, notString: string): string {
  if (r.next() !== 'VALUE_STRING') throw r.error(notString);
  return r.getText();
}

/** Requires the match expression's object to end here. */
function closed<T>(r: JsonReader, value: T): T {
  if (r.next() !== 'END_OBJECT') throw r.error(ONE_KEY);
  return value;
}

/** Runs a check whose failure EventBridge reports at the reader's position. */
function located<T>(r: JsonReader, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof PatternError) throw err;
    throw r.error((err as Error).message);
  }
}
