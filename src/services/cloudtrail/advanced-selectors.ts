/**
 * Advanced event selectors for trails, checked against the AdvancedFieldSelector rules of the
 * CloudTrail API reference:
 *
 *   eventCategory  required in every selector; Equals one of Management, Data, NetworkActivity
 *   Management     fields eventCategory, eventSource (NotEquals kms.amazonaws.com /
 *                  rdsdata.amazonaws.com only), readOnly
 *   Data           fields eventCategory, resources.type (required), eventName, eventSource,
 *                  eventType, readOnly, resources.ARN, sessionCredentialFromConsole,
 *                  userIdentity.arn
 *   NetworkActivity fields eventCategory, eventSource (required; Equals one service event
 *                  source), eventName, errorCode (Equals VpceAccessDenied), vpcEndpointId
 *   readOnly, eventCategory, resources.type take Equals only, with one value; readOnly is
 *   "true" or "false"; sessionCredentialFromConsole is "true" or "false"
 *   each field at most once per selector, each with at least one operator; wildcards are not
 *   patterns (values are compared literally); at most 500 values over all selectors
 *
 * Messages are Bulwark's (AWS does not document its texts): unconfirmed wording throughout.
 */
import { invalidEventSelectors, type AdvancedEventSelector, type AdvancedFieldSelector } from './common.js';

export const MAX_VALUES = 500;
export const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;
type Operator = (typeof OPERATORS)[number];

const CATEGORY_FIELDS: Record<string, { allowed: ReadonlySet<string>; required: string[] }> = {
  Management: { allowed: new Set(['eventCategory', 'eventSource', 'readOnly']), required: [] },
  Data: {
    allowed: new Set(['eventCategory', 'resources.type', 'eventName', 'eventSource', 'eventType', 'readOnly', 'resources.ARN', 'sessionCredentialFromConsole', 'userIdentity.arn']),
    required: ['resources.type'],
  },
  NetworkActivity: { allowed: new Set(['eventCategory', 'eventSource', 'eventName', 'errorCode', 'vpcEndpointId']), required: ['eventSource'] },
};

const EQUALS_ONE = new Set(['eventCategory', 'readOnly', 'resources.type']);
const BOOLEAN_FIELDS = new Set(['readOnly', 'sessionCredentialFromConsole']);
const MANAGEMENT_EXCLUSIONS = new Set(['kms.amazonaws.com', 'rdsdata.amazonaws.com']);
const RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
const SERVICE_SOURCE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

const fail = (message: string) => invalidEventSelectors(message);

/** The selectors as given, or InvalidEventSelectorsException. */
export function checkAdvancedSelectors(raw: unknown): AdvancedEventSelector[] {
  const selectors = (Array.isArray(raw) ? raw : []) as AdvancedEventSelector[];
  if (selectors.length === 0) throw fail('At least one advanced event selector must be specified.');
  let values = 0;
  const out = selectors.map((selector, index) => {
    const label = selector.Name ? `advanced event selector "${selector.Name}"` : `advanced event selector ${index + 1}`;
    const fields = selector.FieldSelectors.map((f) => checkFieldShape(f, label));
    values += fields.reduce((n, f) => n + OPERATORS.reduce((m, op) => m + (f[op]?.length ?? 0), 0), 0);
    checkCategoryRules(fields, label);
    return selector.Name === undefined ? { FieldSelectors: fields } : { Name: selector.Name, FieldSelectors: fields };
  });
  if (values > MAX_VALUES) throw fail(`Advanced event selectors can have at most ${MAX_VALUES} values in all their conditions; ${values} were specified.`);
  return out;
}

function checkFieldShape(f: AdvancedFieldSelector, label: string): AdvancedFieldSelector {
  const out: AdvancedFieldSelector = { Field: f.Field };
  for (const op of OPERATORS) if (f[op] !== undefined) out[op] = [...(f[op] as string[])];
  const used = OPERATORS.filter((op) => (out[op]?.length ?? 0) > 0);
  if (used.length === 0) throw fail(`Field ${f.Field} in ${label} must have at least one operator with a value.`);
  if (EQUALS_ONE.has(f.Field)) {
    if (used.some((op) => op !== 'Equals')) throw fail(`Field ${f.Field} in ${label} supports only the Equals operator.`);
    if ((out.Equals as string[]).length !== 1) throw fail(`Field ${f.Field} in ${label} must have exactly one value.`);
  }
  if (BOOLEAN_FIELDS.has(f.Field)) {
    for (const op of used) for (const v of out[op] as string[]) if (v !== 'true' && v !== 'false') throw fail(`Value ${v} for field ${f.Field} in ${label} is invalid; use true or false.`);
  }
  return out;
}

function checkCategoryRules(fields: AdvancedFieldSelector[], label: string): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.Field)) throw fail(`Field ${f.Field} is specified more than once in ${label}.`);
    seen.add(f.Field);
  }
  const categoryField = fields.find((f) => f.Field === 'eventCategory');
  if (!categoryField) throw fail(`Field eventCategory is required in ${label}.`);
  const category = (categoryField.Equals as string[])[0] as string;
  const rules = CATEGORY_FIELDS[category];
  if (!rules) throw fail(`Value ${category} for field eventCategory in ${label} is invalid; use Management, Data or NetworkActivity.`);
  for (const f of fields) {
    if (!rules.allowed.has(f.Field)) throw fail(`Field ${f.Field} is not supported for ${category} events in ${label}.`);
  }
  for (const name of rules.required) {
    if (!seen.has(name)) throw fail(`Field ${name} is required for ${category} events in ${label}.`);
  }
  for (const f of fields) checkFieldValues(f, category, label);
}

function checkFieldValues(f: AdvancedFieldSelector, category: string, label: string): void {
  const only = (op: Operator) => {
    if (OPERATORS.some((o) => o !== op && (f[o]?.length ?? 0) > 0)) throw fail(`Field ${f.Field} for ${category} events in ${label} supports only the ${op} operator.`);
  };
  const each = (test: (v: string) => boolean, hint: string) => {
    for (const op of OPERATORS) for (const v of f[op] ?? []) if (!test(v)) throw fail(`Value ${v} for field ${f.Field} in ${label} is invalid; ${hint}.`);
  };
  if (f.Field === 'resources.type') each((v) => RESOURCE_TYPE.test(v), 'use a resource type such as AWS::S3::Object');
  if (f.Field === 'eventSource' && category === 'Management') {
    only('NotEquals');
    each((v) => MANAGEMENT_EXCLUSIONS.has(v), 'management events can exclude only kms.amazonaws.com and rdsdata.amazonaws.com');
  }
  if (f.Field === 'eventSource' && category === 'NetworkActivity') {
    only('Equals');
    if ((f.Equals as string[]).length !== 1) throw fail(`Field eventSource for NetworkActivity events in ${label} must have exactly one value.`);
    each((v) => SERVICE_SOURCE.test(v), 'use a service event source such as ec2.amazonaws.com');
  }
  if (f.Field === 'errorCode') {
    only('Equals');
    each((v) => v === 'VpceAccessDenied', 'the only supported value is VpceAccessDenied');
  }
}
