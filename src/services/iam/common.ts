/**
 * What every IAM operation shares: the global scope, ids and ARNs, the AWS errors with their
 * wording, IAM's Marker/MaxItems pagination and tag rules. One copy of each, used by all files.
 */
import { randomInt } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import { GLOBAL_REGION, type Scope } from '../../store/index.js';
import { tagRules, type Tag } from '../shared/tags.js';
import type { OperationInput, RequestContext } from '../types.js';

/** IAM is global: every item lives in the caller's account under the GLOBAL region. */
export function iamScope(ctx: RequestContext): Scope {
  return { account: ctx.account, region: GLOBAL_REGION };
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A unique id the way IAM spells them: a four-letter type prefix (AIDA, AGPA, AROA, ANPA, AKIA) + random base32. */
export function newId(prefix: string, length = 17): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += ID_CHARS[randomInt(ID_CHARS.length)];
  return out;
}

const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A 40-character secret access key. */
export function newSecret(): string {
  let out = '';
  for (let i = 0; i < 40; i++) out += SECRET_CHARS[randomInt(SECRET_CHARS.length)];
  return out;
}

/** arn:aws:iam::123456789012:user/path/name (path is `/` or `/a/b/`). */
export function iamArn(account: string, type: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:${type}${path}${name}`;
}

export const nowIso = (): string => new Date().toISOString();
export const toDate = (iso: string): Date => new Date(iso);

// --- errors, with AWS's codes, statuses and wording -------------------------------------

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, { status: 404 });
}
export function entityAlreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExists', message, { status: 409 });
}
export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceeded', message, { status: 409 });
}
export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, { status: 409 });
}
export function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInput', message, { status: 400 });
}
export function malformedPolicy(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message, { status: 400 });
}
export function concurrentModification(): AwsError {
  return new AwsError('ConcurrentModification', 'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.', { status: 409 });
}
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, { status: 400 });
}

// --- pagination ---------------------------------------------------------------------------

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/**
 * IAM's Marker/MaxItems pagination over items already sorted by `key`: at most MaxItems
 * (default 100); when more follow, IsTruncated is true and Marker (opaque) resumes after the
 * last item returned.
 */
export function paginate<T>(items: T[], key: (item: T) => string, input: OperationInput): Page<T> {
  const max = typeof input.MaxItems === 'number' ? input.MaxItems : 100;
  let start = 0;
  if (typeof input.Marker === 'string') {
    const after = decodeMarker(input.Marker);
    start = items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + max);
  if (start + max >= items.length) return { items: slice, IsTruncated: false };
  return { items: slice, IsTruncated: true, Marker: encodeMarker(key(slice[slice.length - 1] as T)) };
}

function encodeMarker(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  const key = Buffer.from(marker, 'base64url').toString('utf8');
  if (encodeMarker(key) !== marker) throw invalidInput('Invalid Marker.');
  return key;
}

/** Page fields for a list response: `{ [listName]: items, IsTruncated, Marker? }`. */
export function pageOutput<T, R>(listName: string, page: Page<T>, map: (item: T) => R): Record<string, unknown> {
  const out: Record<string, unknown> = { [listName]: page.items.map(map), IsTruncated: page.IsTruncated };
  if (page.Marker) out.Marker = page.Marker;
  return out;
}

/** Sort key that orders names as IAM lists them (case-insensitively, then exactly). */
export function nameKey(name: string): string {
  return `${name.toLowerCase()}\u0000${name}`;
}

// --- tags ---------------------------------------------------------------------------------

export { MAX_TAGS, type Tag } from '../shared/tags.js';

/** IAM's tag rules: keys are case-insensitive; only the merged set is held to 50. */
const iamTags = tagRules({
  keyOf: (key) => key.toLowerCase(),
  duplicateKey: () => invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.'),
  tooMany: () => limitExceeded('The number of tags has reached the maximum limit.'),
  capRequest: false,
});

/** Tags from a request, rejecting duplicate keys (IAM tag keys are case-insensitive). */
export const requestTags = iamTags.requestTags;
/** `existing` with `added` applied (same key, case-insensitively, replaces), at most 50. */
export const mergeTags = iamTags.mergeTags;
export const removeTags = iamTags.removeTags;

/** Tags for output: IAM omits an empty list on the entity itself. */
export function outputTags(tags: Tag[] | undefined): Tag[] | undefined {
  return tags && tags.length > 0 ? tags : undefined;
}
