/**
 * Reading a rule's field from an event. A field is a dotted path into the CloudTrail record
 * (`requestParameters.bucketName`); an array on the way is entered element by element and the
 * values found are returned as one flat array (a field matches when any element does). A few
 * fields are facts the TrailEvent already holds, read without parsing the record.
 */
import type { TrailEvent, TrailRecord } from '../trail-event.js';

export type FieldReader = (event: TrailEvent) => unknown;

/** TrailEvent facts by field; each reads '' when the record lacks the field or it is not a string. */
const FACTS: Record<string, (event: TrailEvent) => string> = {
  eventName: (e) => e.eventName,
  eventSource: (e) => e.eventSource,
  eventTime: (e) => e.eventTime,
  awsRegion: (e) => e.awsRegion,
  sourceIPAddress: (e) => e.sourceIPAddress,
  userAgent: (e) => e.userAgent,
  errorCode: (e) => e.errorCode ?? '',
  'userIdentity.type': (e) => e.identity.type,
  'userIdentity.arn': (e) => e.identity.arn,
  'userIdentity.accountId': (e) => e.identity.accountId,
  'userIdentity.principalId': (e) => e.identity.principalId,
  'userIdentity.accessKeyId': (e) => e.identity.accessKeyId,
  'userIdentity.invokedBy': (e) => e.identity.invokedBy,
  'userIdentity.sessionContext.sessionIssuer.arn': (e) => e.identity.sessionIssuerArn,
};

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function collect(value: unknown, into: unknown[]): void {
  if (Array.isArray(value)) for (const element of value) collect(element, into);
  else if (value !== undefined) into.push(value);
}

function walk(value: unknown, path: readonly string[], from: number): unknown {
  if (from === path.length) {
    if (!Array.isArray(value)) return value;
    const flat: unknown[] = [];
    collect(value, flat);
    return flat;
  }
  if (Array.isArray(value)) {
    const found: unknown[] = [];
    for (const element of value) collect(walk(element, path, from), found);
    return found.length ? found : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const object = value as Record<string, unknown>;
  const next = own(object, path[from]);
  if (next !== undefined) return walk(next, path, from + 1);
  // A key may itself hold dots (`x.y` in requestParameters): try the longer keys.
  for (let to = from + 2; to <= path.length; to++) {
    const joined = own(object, path.slice(from, to).join('.'));
    if (joined !== undefined) return walk(joined, path, to);
  }
  return undefined;
}

/** The value at a dotted path: undefined when absent, an array when arrays were entered. */
export function valueAt(record: TrailRecord, field: string): unknown {
  return walk(record, field.split('.'), 0);
}

/** Whether a scalar of the value (depth first, null left out) passes the test; stops at the first. */
export function someLeaf(value: unknown, test: (scalar: unknown) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const element of value) if (someLeaf(element, test)) return true;
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) if (Object.hasOwn(value, key) && someLeaf((value as Record<string, unknown>)[key], test)) return true;
    return false;
  }
  return value !== null && value !== undefined && test(value);
}


/** Whether the field has a TrailEvent fact (read without parsing the record). */
export function isFact(field: string): boolean {
  return Object.hasOwn(FACTS, field);
}

/**
 * The reader of a field. A fact reads '' both for an absent field and an empty one, so it
 * serves only tests that answer the same for both (`factSafe`); other tests read the record.
 */
export function fieldReader(field: string, factSafe: boolean): FieldReader {
  const fact = factSafe && Object.hasOwn(FACTS, field) ? FACTS[field] : undefined;
  if (fact) return (event) => fact(event) || undefined;
  const path = field.split('.');
  return (event) => walk(event.record(), path, 0);
}
