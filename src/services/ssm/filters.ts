/**
 * ParameterFilters (ParameterStringFilter) of DescribeParameters and GetParametersByPath, and
 * DescribeParameters' older Filters, as predicates over parameter records.
 *
 *   DescribeParameters   Name (Equals, BeginsWith, Contains), Path (OneLevel — the default —
 *                        or Recursive), Type, KeyId, Tier, DataType, tag:<key> (Equals,
 *                        BeginsWith; without Values: the tag is present)
 *   GetParametersByPath  Type, KeyId (Equals, BeginsWith), Label (Equals: the version carrying
 *                        the label is returned)
 *
 * Options default to Equals. A filter key, option or value outside these answers
 * InvalidFilterKey, InvalidFilterOption or InvalidFilterValue.
 */
import { AwsError } from '../../core/aws-error.js';
import type { ParameterRecord } from './common.js';
import { isUnder, normalizePath } from './names.js';

export type Predicate = (record: ParameterRecord) => boolean;

export interface ParsedFilters {
  predicates: Predicate[];
  /** GetParametersByPath's Label filter: the labels whose version is returned. */
  labels?: string[];
}

interface StringFilter {
  Key: string;
  Option?: string;
  Values?: string[];
}

const OPTIONS = {
  DescribeParameters: { Name: ['Equals', 'BeginsWith', 'Contains'], Path: ['OneLevel', 'Recursive'], Type: ['Equals', 'BeginsWith'], KeyId: ['Equals', 'BeginsWith'], Tier: ['Equals', 'BeginsWith'], DataType: ['Equals', 'BeginsWith'], tag: ['Equals', 'BeginsWith'] },
  GetParametersByPath: { Type: ['Equals', 'BeginsWith'], KeyId: ['Equals', 'BeginsWith'], Label: ['Equals'] },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type FilteredOperation = keyof typeof OPTIONS;

// Unconfirmed wordings: AWS's texts for these three errors.
const invalidKey = (key: string, operation: FilteredOperation): AwsError =>
  new AwsError('InvalidFilterKey', `The following filter key is not valid: ${key}. Valid filter keys include: [${Object.keys(OPTIONS[operation]).map((k) => (k === 'tag' ? 'tag:<key>' : k)).join(', ')}].`);
const invalidOption = (key: string, option: string, valid: readonly string[]): AwsError =>
  new AwsError('InvalidFilterOption', `The following filter option is not valid: ${option}. Valid options for the ${key} filter include: [${valid.join(', ')}].`);
const invalidValue = (message: string): AwsError => new AwsError('InvalidFilterValue', message);

/** ParameterFilters as predicates; throws AWS's error for a filter the operation does not take. */
export function parseStringFilters(operation: FilteredOperation, filters: unknown): ParsedFilters {
  const out: ParsedFilters = { predicates: [] };
  if (!Array.isArray(filters)) return out;
  const table: Record<string, readonly string[]> = OPTIONS[operation];
  for (const f of filters as StringFilter[]) {
    const isTag = f.Key.startsWith('tag:');
    const kind = isTag ? 'tag' : f.Key;
    const valid = Object.hasOwn(table, kind) ? table[kind] : undefined;
    if (!valid) throw invalidKey(f.Key, operation);
    const option = f.Option ?? valid[0] as string;
    if (!valid.includes(option)) throw invalidOption(f.Key, option, valid);
    const values = f.Values ?? [];
    if (values.length === 0 && !isTag) throw invalidValue(`The filter ${f.Key} needs at least one value.`);
    if (kind === 'Label') {
      (out.labels ??= []).push(...values);
      continue;
    }
    out.predicates.push(isTag ? tagPredicate(f.Key.slice(4), option, values) : keyPredicate(kind, option, values));
  }
  return out;
}

function matches(actual: string | undefined, option: string, values: readonly string[]): boolean {
  if (actual === undefined) return false;
  switch (option) {
    case 'BeginsWith':
      return values.some((v) => actual.startsWith(v));
    case 'Contains':
      return values.some((v) => actual.includes(v));
    default:
      return values.includes(actual);
  }
}

function tagPredicate(key: string, option: string, values: readonly string[]): Predicate {
  return (r) => r.Tags.some((t) => t.Key === key && (values.length === 0 || matches(t.Value, option, values)));
}

function keyPredicate(key: string, option: string, values: readonly string[]): Predicate {
  switch (key) {
    case 'Path': {
      let paths: string[];
      try {
        paths = values.map(normalizePath);
      } catch (err) {
        throw invalidValue((err as Error).message);
      }
      const recursive = option === 'Recursive';
      return (r) => paths.some((p) => isUnder(r.Name, p, recursive));
    }
    case 'Name':
      return (r) => matches(r.Name, option, values);
    case 'Type':
      return (r) => matches(r.Type, option, values);
    case 'KeyId':
      return (r) => matches(r.KeyId, option, values);
    case 'Tier':
      return (r) => matches(r.Tier, option, values);
    default:
      return (r) => matches(r.DataType, option, values);
  }
}

/** DescribeParameters' older Filters: Name (begins with), Type and KeyId (equal to one of the values). */
export function parseLegacyFilters(filters: unknown): Predicate[] {
  if (!Array.isArray(filters)) return [];
  return (filters as Array<{ Key: string; Values: string[] }>).map((f) =>
    f.Key === 'Name' ? (r: ParameterRecord) => matches(r.Name, 'BeginsWith', f.Values) : keyPredicate(f.Key, 'Equals', f.Values),
  );
}
