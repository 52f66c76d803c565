/**
 * AwsSecurityFindingFilters (GetFindings, insights, UpdateFindings) and automation rule
 * Criteria compiled once into one test per filtered attribute; a finding matches when every
 * test passes (attributes are joined by AND). GetFindings allows at most 10 attributes with at
 * most 20 filters each, as AWS documents.
 */
import { fieldValues } from '../field-values.js';
import { filterField, type FieldKind } from '../filter-fields.js';
import { dateEntry } from './date-entries.js';
import { combine, FilterError, objectOf, type Entry, type ValuesTest } from './entries.js';
import { ipEntry } from './ip-entries.js';
import { mapEntry } from './map-entries.js';
import { numberEntry } from './number-entries.js';
import { booleanEntry, keywordEntry } from './scalar-entries.js';
import { checkCombination, stringEntry } from './string-entries.js';

export { FilterError } from './entries.js';

export interface CompiledFilters {
  readonly tests: ReadonlyArray<{ field: string; test: ValuesTest }>;
}

export interface FilterOptions {
  /** The time relative date ranges count back from (default: now). */
  now?: number;
  /** Automation rule criteria: map filters may use CONTAINS and NOT_CONTAINS; no limit on attributes. */
  automationRules?: boolean;
}

const MAX_ATTRIBUTES = 10;
const MAX_VALUES = 20;

type Builder = (field: string, filter: unknown, options: Required<FilterOptions>) => Entry & { comparison?: string };

const BUILDERS: Record<FieldKind, Builder> = {
  string: (field, filter) => stringEntry(field, filter),
  map: (field, filter, o) => mapEntry(field, filter, o.automationRules),
  number: (field, filter) => numberEntry(field, filter),
  date: (field, filter, o) => dateEntry(field, filter, o.now),
  ip: (field, filter) => ipEntry(field, filter),
  boolean: (field, filter) => booleanEntry(field, filter),
  keyword: (field, filter) => keywordEntry(field, filter),
};

// Unconfirmed wording (the errors below).
export function compileFilters(filters: unknown, options: FilterOptions = {}): CompiledFilters {
  const resolved: Required<FilterOptions> = { now: options.now ?? Date.now(), automationRules: options.automationRules ?? false };
  const tests: Array<{ field: string; test: ValuesTest }> = [];
  for (const [field, list] of Object.entries(objectOf(filters))) {
    if (!Array.isArray(list) || list.length === 0) continue;
    const known = filterField(field);
    if (!known) throw new FilterError(`${field} is not a filter attribute.`);
    if (!resolved.automationRules && list.length > MAX_VALUES) throw new FilterError(`The filter ${field} has ${list.length} values; at most ${MAX_VALUES} are allowed.`);
    const entries = list.map((filter) => BUILDERS[known.kind](field, filter, resolved));
    const comparisons = entries.flatMap((e) => (e.comparison ? [e.comparison] : []));
    checkCombination(field, comparisons);
    tests.push({ field, test: combine(entries) });
  }
  if (!resolved.automationRules && tests.length > MAX_ATTRIBUTES) throw new FilterError(`The filters name ${tests.length} attributes; at most ${MAX_ATTRIBUTES} are allowed.`);
  return { tests };
}

/** Whether one finding matches (automation rules, one finding at a time). */
export function findingMatches(compiled: CompiledFilters, finding: object): boolean {
  return compiled.tests.every(({ field, test }) => test(fieldValues(field, finding)));
}
