/**
 * A detection key, `field|modifier|modifier…`: the field and what its modifiers ask for, checked
 * for the combinations Sigma allows. Supported: contains, startswith, endswith, all, re (with
 * the i, m and s flags), cidr, exists, cased, gt, gte, lt, lte, base64, base64offset.
 */
import { RuleProblem } from './errors.js';

export type Operator = 'equals' | 'contains' | 'startswith' | 'endswith' | 're' | 'cidr' | 'exists' | 'gt' | 'gte' | 'lt' | 'lte';
export type Encoding = 'base64' | 'base64offset';

export interface FieldSpec {
  /** A dotted path into the record; '' for a keyword search (`'|all':`). */
  field: string;
  operator: Operator;
  /** The values must all match (AND) instead of any (OR). */
  all: boolean;
  /** Compare case-sensitively (Sigma compares strings case-insensitively by default). */
  cased: boolean;
  encoding?: Encoding;
  /** JavaScript RegExp flags for `re`, from its i, m and s sub-modifiers. */
  regexFlags: string;
}

const OPERATORS = new Set<string>(['contains', 'startswith', 'endswith', 're', 'cidr', 'exists', 'gt', 'gte', 'lt', 'lte']);
const STRING_OPERATORS = new Set<Operator>(['equals', 'contains', 'startswith', 'endswith']);
const REGEX_FLAGS = new Set(['i', 'm', 's']);

/** Modifiers of the Sigma specification that Bulwark does not implement, and why. */
const NOT_SUPPORTED: Record<string, string> = {
  windash: 'Windows command-line dashes do not occur in CloudTrail',
  expand: 'placeholders need a pipeline that fills them',
  fieldref: 'comparing two fields is not supported',
  neq: "use a filter selection and 'not' in the condition",
  wide: 'UTF-16 encodings do not occur in CloudTrail',
  utf16: 'UTF-16 encodings do not occur in CloudTrail',
  utf16le: 'UTF-16 encodings do not occur in CloudTrail',
  utf16be: 'UTF-16 encodings do not occur in CloudTrail',
  minute: 'time-part modifiers are not supported',
  hour: 'time-part modifiers are not supported',
  day: 'time-part modifiers are not supported',
  week: 'time-part modifiers are not supported',
  month: 'time-part modifiers are not supported',
  year: 'time-part modifiers are not supported',
};

export function parseFieldKey(key: string): FieldSpec {
  const [field, ...modifiers] = key.split('|');
  const spec: FieldSpec = { field, operator: 'equals', all: false, cased: false, regexFlags: '' };
  const seen = new Set<string>();
  for (const raw of modifiers) {
    const modifier = raw.trim();
    if (seen.has(modifier)) throw new RuleProblem(`modifier '${modifier}' appears twice in '${key}'`);
    seen.add(modifier);
    if (OPERATORS.has(modifier)) {
      if (spec.operator !== 'equals') throw new RuleProblem(`modifiers '${spec.operator}' and '${modifier}' cannot be combined in '${key}'`);
      spec.operator = modifier as Operator;
    } else if (modifier === 'all') {
      spec.all = true;
    } else if (modifier === 'cased') {
      spec.cased = true;
    } else if (modifier === 'base64' || modifier === 'base64offset') {
      if (spec.encoding) throw new RuleProblem(`modifiers '${spec.encoding}' and '${modifier}' cannot be combined in '${key}'`);
      if (spec.operator !== 'equals') throw new RuleProblem(`'${modifier}' must come before '${spec.operator}' in '${key}'`);
      spec.encoding = modifier;
    } else if (REGEX_FLAGS.has(modifier)) {
      if (spec.operator !== 're') throw new RuleProblem(`modifier '${modifier}' needs 're' before it in '${key}'`);
      spec.regexFlags += modifier;
    } else if (modifier in NOT_SUPPORTED) {
      throw new RuleProblem(`unsupported modifier '${modifier}' in '${key}' (${NOT_SUPPORTED[modifier]})`);
    } else {
      throw new RuleProblem(`unknown modifier '${modifier}' in '${key}'`);
    }
  }
  if (spec.cased && !STRING_OPERATORS.has(spec.operator)) throw new RuleProblem(`modifier 'cased' does not apply to '${spec.operator}' in '${key}'`);
  if (spec.encoding && !STRING_OPERATORS.has(spec.operator)) throw new RuleProblem(`modifier '${spec.encoding}' does not apply to '${spec.operator}' in '${key}'`);
  if (spec.all && spec.operator === 'exists') throw new RuleProblem(`modifier 'all' does not apply to 'exists' in '${key}'`);
  return spec;
}
