/**
 * Advanced event selectors, as a trail applies them: an event is logged when any selector takes
 * it, and a selector takes it when every one of its field selectors does. Within a field
 * selector the positive operators (Equals, StartsWith, EndsWith) admit the event when any of
 * their values matches, and the negative ones (NotEquals, NotStartsWith, NotEndsWith) refuse it
 * when any of theirs matches. Values are compared literally (no wildcards), case-sensitively.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector } from '../../services/cloudtrail/common.js';
import type { CloudTrailRecord } from '../record.js';
import { dataResourceArns, dataResourceType } from './data-resources.js';

export function advancedSelectorsTake(selectors: AdvancedEventSelector[], record: CloudTrailRecord): boolean {
  return selectors.some((s) => s.FieldSelectors.every((f) => fieldTakes(f, fieldValues(f.Field, record))));
}

/** The event's values of a selector field (several for resources.ARN). */
function fieldValues(field: string, record: CloudTrailRecord): string[] {
  const text = (value: unknown): string[] => (typeof value === 'string' ? [value] : []);
  switch (field) {
    case 'readOnly':
      return [String(record.readOnly)];
    case 'resources.type':
      return text(dataResourceType(record));
    case 'resources.ARN':
      return dataResourceArns(record);
    case 'userIdentity.arn':
      return text((record.userIdentity as { arn?: unknown } | undefined)?.arn);
    case 'sessionCredentialFromConsole':
      return [String(record.sessionCredentialFromConsole === true)];
    default:
      return text(record[field]);
  }
}

const POSITIVE: Array<[keyof AdvancedFieldSelector, (value: string, given: string) => boolean]> = [
  ['Equals', (v, g) => v === g],
  ['StartsWith', (v, g) => v.startsWith(g)],
  ['EndsWith', (v, g) => v.endsWith(g)],
];
const NEGATIVE: Array<[keyof AdvancedFieldSelector, (value: string, given: string) => boolean]> = [
  ['NotEquals', (v, g) => v === g],
  ['NotStartsWith', (v, g) => v.startsWith(g)],
  ['NotEndsWith', (v, g) => v.endsWith(g)],
];

function fieldTakes(selector: AdvancedFieldSelector, values: string[]): boolean {
  const matches = (ops: typeof POSITIVE): boolean | undefined => {
    let any: boolean | undefined;
    for (const [op, test] of ops) {
      const given = selector[op] as string[] | undefined;
      if (!given || given.length === 0) continue;
      any = (any ?? false) || values.some((v) => given.some((g) => test(v, g)));
    }
    return any;
  };
  if (matches(POSITIVE) === false) return false;
  return matches(NEGATIVE) !== true;
}
