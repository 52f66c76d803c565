/**
 * ListSecrets / BatchGetSecretValue filters as AWS documents them (API_Filter, "Find secrets"):
 *
 *   name, tag-key, tag-value, primary-region, owning-service   prefix match, case-sensitive
 *   description                                                prefix match, not case-sensitive
 *   all        the value is broken into words (a change from lower to upper case, from letter
 *              to digit, or to punctuation separates them) and each word is looked for, not
 *              case-sensitive, at the start of the words of the name, description, tag keys
 *              and tag values
 *
 * A value starting with `!` negates. Within one filter a secret must match one of the plain
 * values (when there are any) and none of the negated ones; all filters must hold.
 */
import type { SecretRecord } from './common.js';
import { invalidParameter } from './errors.js';

export interface Filter {
  Key?: string;
  Values?: string[];
}

const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const words = (text: string): string[] => (text.match(WORD) ?? []).map((w) => w.toLowerCase());

function attributes(record: SecretRecord, key: string): string[] {
  switch (key) {
    case 'name':
      return [record.Name];
    case 'description':
      return record.Description === undefined ? [] : [record.Description.toLowerCase()];
    case 'tag-key':
      return (record.Tags ?? []).map((t) => t.Key);
    case 'tag-value':
      return (record.Tags ?? []).map((t) => t.Value);
    case 'primary-region':
      return record.PrimaryRegion === undefined ? [] : [record.PrimaryRegion];
    case 'owning-service':
      return record.OwningService === undefined ? [] : [record.OwningService];
    default: {
      const all = [record.Name, record.Description ?? ''];
      for (const t of record.Tags ?? []) all.push(t.Key, t.Value);
      return all.flatMap(words);
    }
  }
}

function matchesValue(record: SecretRecord, key: string, value: string): boolean {
  const values = attributes(record, key);
  if (key === 'all') {
    const wanted = words(value);
    return wanted.length === 0 || wanted.some((w) => values.some((v) => v.startsWith(w)));
  }
  const prefix = key === 'description' ? value.toLowerCase() : value;
  return values.some((v) => v.startsWith(prefix));
}

/** Checks the filters' keys (the model's enum is checked before; a filter without Key or Values is refused here). */
export function checkFilters(filters: Filter[]): void {
  for (const f of filters) {
    // Unconfirmed wording.
    if (typeof f.Key !== 'string' || !Array.isArray(f.Values) || f.Values.length === 0) throw invalidParameter('Each filter must have a Key and at least one value in Values.');
  }
}

export function matchesFilters(record: SecretRecord, filters: readonly Filter[]): boolean {
  for (const f of filters) {
    const key = f.Key as string;
    let plain = false;
    let matched = false;
    for (const raw of f.Values ?? []) {
      if (raw.startsWith('!')) {
        if (matchesValue(record, key, raw.slice(1))) return false;
      } else {
        plain = true;
        if (!matched && matchesValue(record, key, raw)) matched = true;
      }
    }
    if (plain && !matched) return false;
  }
  return true;
}
