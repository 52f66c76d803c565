/**
 * Basic event selectors (PutEventSelectors' EventSelectors) as CloudTrail checks them: 1 to 5
 * selectors; data resources of the three basic types only (AWS::S3::Object,
 * AWS::Lambda::Function, AWS::DynamoDB::Table), each value the type's "all" prefix
 * (`arn:aws:s3`, `arn:aws:lambda`, `arn:aws:dynamodb`) or an ARN of that type (an S3 value
 * names a bucket and an object prefix: `arn:aws:s3:::bucket/` or `arn:aws:s3:::bucket/prefix`);
 * at most 250 data resource values in all, the "all" prefixes not counting; and only
 * kms.amazonaws.com and rdsdata.amazonaws.com as excluded management event sources. Missing
 * members take AWS's defaults (All, management events included, no data resources).
 */
import { bucketNameProblem } from '../s3/bucket-names.js';
import { invalidEventSelectors, type DataResource, type EventSelector } from './common.js';

export const MAX_SELECTORS = 5;
export const MAX_DATA_RESOURCES = 250;
export const EXCLUDABLE_SOURCES: ReadonlySet<string> = new Set(['kms.amazonaws.com', 'rdsdata.amazonaws.com']);

const PARTITION = 'aws[a-z-]*';

/** Per basic data resource type: its "log everything" prefixes and the shape of one resource's ARN. */
const DATA_TYPES: Record<string, { all: RegExp; one: (value: string) => boolean }> = {
  'AWS::S3::Object': {
    all: new RegExp(`^arn:${PARTITION}:s3(:::)?$`),
    one: (value) => {
      const m = new RegExp(`^arn:${PARTITION}:s3:::([^/]+)/(.*)$`, 's').exec(value);
      return m !== null && bucketNameProblem(m[1] as string) === undefined;
    },
  },
  'AWS::Lambda::Function': {
    all: new RegExp(`^arn:${PARTITION}:lambda$`),
    one: (value) => new RegExp(`^arn:${PARTITION}:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$`).test(value),
  },
  'AWS::DynamoDB::Table': {
    all: new RegExp(`^arn:${PARTITION}:dynamodb$`),
    one: (value) => new RegExp(`^arn:${PARTITION}:dynamodb:[a-z0-9-]+:\\d{12}:table/[A-Za-z0-9_.-]{3,255}$`).test(value),
  },
};

// Messages in AWS's form "Value <v> for <member> is invalid."; the count messages are unconfirmed wording.
const invalidValue = (value: string, member: string) => invalidEventSelectors(`Value ${value} for ${member} is invalid.`);

/** The selectors with defaults filled in, or InvalidEventSelectorsException. */
export function checkEventSelectors(raw: unknown): EventSelector[] {
  const selectors = (Array.isArray(raw) ? raw : []) as Array<Partial<EventSelector>>;
  if (selectors.length < 1 || selectors.length > MAX_SELECTORS) {
    throw invalidEventSelectors(`A trail must have between 1 and ${MAX_SELECTORS} event selectors; ${selectors.length} were specified.`);
  }
  let counted = 0;
  const out = selectors.map((s) => {
    const resources = (s.DataResources ?? []).map((r) => checkDataResource(r));
    counted += resources.reduce((n, r) => n + r.counted, 0);
    const excluded = s.ExcludeManagementEventSources ?? [];
    for (const source of excluded) if (!EXCLUDABLE_SOURCES.has(source)) throw invalidValue(source, 'ExcludeManagementEventSources');
    return {
      ReadWriteType: s.ReadWriteType ?? 'All',
      IncludeManagementEvents: s.IncludeManagementEvents ?? true,
      DataResources: resources.map((r) => r.resource),
      ExcludeManagementEventSources: [...excluded],
    };
  });
  if (counted > MAX_DATA_RESOURCES) {
    throw invalidEventSelectors(`A trail can have at most ${MAX_DATA_RESOURCES} data resources across all its event selectors; ${counted} were specified.`);
  }
  return out;
}

function checkDataResource(r: DataResource): { resource: DataResource; counted: number } {
  const type = r.Type ?? '';
  const rules = DATA_TYPES[type];
  if (!rules) throw invalidValue(type, 'DataResources.Type');
  const values = r.Values ?? [];
  if (values.length === 0) throw invalidEventSelectors(`DataResources of type ${type} must name at least one value.`);
  let counted = 0;
  for (const value of values) {
    if (rules.all.test(value)) continue;
    if (!rules.one(value)) throw invalidValue(value, 'DataResources.Values');
    counted++;
  }
  return { resource: { Type: type, Values: [...values] }, counted };
}
