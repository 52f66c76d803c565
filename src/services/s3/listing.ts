/**
 * Listing a bucket: ListObjects (V1, Marker/NextMarker), ListObjectsV2 (opaque continuation
 * tokens, StartAfter, FetchOwner, KeyCount) and ListObjectVersions (KeyMarker/VersionIdMarker,
 * versions newest first per key). Keys come in UTF-8 byte order (the store's id order);
 * a Delimiter rolls keys up into CommonPrefixes, each counted once against MaxKeys; with
 * EncodingType=url, keys and prefixes are URL-encoded in the response.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { OBJECT_KIND, S3_SCOPE, findObject, objectId, requireBucketForRequest, type ObjectEntry, type ObjectVersion } from './common.js';

/** Sorts after every key that starts with a given prefix. */
const MAX_CHAR = '\u{10FFFF}';

export type Scanned = { key: string; entry: ObjectEntry } | { prefix: string };

/**
 * The keys of a bucket under `prefix`, after `after` (exclusive), rolled up by `delimiter`;
 * `include` filters entries (a prefix appears only when some included key falls under it).
 */
export async function* scanKeys(
  ctx: RequestContext,
  bucket: string,
  options: { prefix: string; delimiter?: string; after?: string; include: (entry: ObjectEntry) => boolean },
): AsyncGenerator<Scanned> {
  const { prefix, delimiter, include } = options;
  const base = objectId(bucket, '');
  let cursor = options.after !== undefined && options.after >= prefix ? base + options.after : undefined;
  for (;;) {
    const page = await ctx.store.list<ObjectEntry>(S3_SCOPE, OBJECT_KIND, { prefix: base + prefix, after: cursor, limit: 500 });
    let skipTo: string | undefined;
    for (const item of page.items) {
      const key = item.id.slice(base.length);
      cursor = item.id;
      if (!include(item.value)) continue;
      if (delimiter) {
        const at = key.indexOf(delimiter, prefix.length);
        if (at >= 0) {
          const common = key.slice(0, at + delimiter.length);
          skipTo = base + common + MAX_CHAR;
          if (options.after === undefined || !options.after.startsWith(common)) yield { prefix: common };
          break;
        }
      }
      yield { key, entry: item.value };
    }
    if (skipTo !== undefined) {
      cursor = skipTo;
      continue;
    }
    if (!page.next) return;
  }
}

/** S3's url encoding of keys in listings (spaces as `+`, `/` kept). */
export function urlEncodeKey(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encoderFor(input: OperationInput): (value: string | undefined) => string | undefined {
  if (input.EncodingType !== undefined && input.EncodingType !== 'url') {
    throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', { status: 400, fields: { ArgumentName: 'encoding-type', ArgumentValue: String(input.EncodingType) } });
  }
  return input.EncodingType === 'url' ? (v) => (v === undefined ? undefined : urlEncodeKey(v)) : (v) => v;
}

export function maxKeysOf(input: OperationInput, name = 'MaxKeys'): number {
  const v = input[name];
  if (v === undefined) return 1000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', { status: 400, fields: { ArgumentName: 'max-keys', ArgumentValue: String(v) } });
  return Math.min(n, 1000);
}

const live = (entry: ObjectEntry): boolean => entry.Versions.length > 0 && !entry.Versions[0]!.IsDeleteMarker;

function objectSummary(key: string, v: ObjectVersion, owner: boolean, encode: (s: string) => string | undefined): Record<string, unknown> {
  return {
    Key: encode(key),
    LastModified: new Date(v.LastModified),
    ETag: v.ETag,
    ...(v.Checksum ? { ChecksumAlgorithm: [v.Checksum.Algorithm], ChecksumType: v.Checksum.Type } : {}),
    Size: v.Size ?? 0,
    StorageClass: v.StorageClass ?? 'STANDARD',
    ...(owner ? { Owner: { ID: v.OwnerId } } : {}),
  };
}

interface Page {
  contents: Array<{ key: string; entry: ObjectEntry }>;
  prefixes: string[];
  truncated: boolean;
  /** The last key or prefix returned. */
  last?: string;
  lastWasPrefix: boolean;
}

async function listLive(ctx: RequestContext, bucket: string, prefix: string, delimiter: string | undefined, after: string | undefined, max: number): Promise<Page> {
  const page: Page = { contents: [], prefixes: [], truncated: false, lastWasPrefix: false };
  if (max === 0) return page;
  for await (const item of scanKeys(ctx, bucket, { prefix, delimiter: delimiter || undefined, after, include: live })) {
    if (page.contents.length + page.prefixes.length >= max) {
      page.truncated = true;
      break;
    }
    if ('prefix' in item) {
      page.prefixes.push(item.prefix);
      page.last = item.prefix;
      page.lastWasPrefix = true;
    } else {
      page.contents.push(item);
      page.last = item.key;
      page.lastWasPrefix = false;
    }
  }
  return page;
}

/** What every listing reads from its request (the bucket read once per request). */
async function listingRequest(ctx: RequestContext, input: OperationInput) {
  const bucketName = String(input.Bucket);
  const bucket = await requireBucketForRequest(ctx, bucketName);
  return { bucketName, bucket, encode: encoderFor(input), prefix: String(input.Prefix ?? ''), max: maxKeysOf(input) };
}

/** An optional text member; empty counts as absent. */
const nonEmpty = (value: unknown): string | undefined => (value === undefined || value === '' ? undefined : String(value));

const listObjects: OperationHandler = async (ctx, input) => {
  const { bucketName, bucket, encode, prefix, max } = await listingRequest(ctx, input);
  const delimiter = input.Delimiter === undefined ? undefined : String(input.Delimiter);
  const marker = nonEmpty(input.Marker);
  const page = await listLive(ctx, bucketName, prefix, delimiter, marker, max);
  return {
    IsTruncated: page.truncated,
    Marker: encode(String(input.Marker ?? '')),
    NextMarker: page.truncated && delimiter ? encode(page.last) : undefined,
    Contents: page.contents.map(({ key, entry }) => objectSummary(key, entry.Versions[0]!, true, encode)),
    Name: bucket.Name,
    Prefix: encode(prefix),
    Delimiter: delimiter === undefined ? undefined : encode(delimiter),
    MaxKeys: max,
    CommonPrefixes: page.prefixes.map((p) => ({ Prefix: encode(p) })),
    EncodingType: input.EncodingType,
  };
};

const encodeToken = (after: string): string => Buffer.from(JSON.stringify({ a: after })).toString('base64');
function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { a?: unknown };
    if (typeof parsed.a === 'string') return parsed.a;
  } catch {
    /* fall through */
  }
  throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', { status: 400, fields: { ArgumentName: 'continuation-token' } });
}

const listObjectsV2: OperationHandler = async (ctx, input) => {
  const { bucketName, bucket, encode, prefix, max } = await listingRequest(ctx, input);
  const delimiter = nonEmpty(input.Delimiter);
  const token = input.ContinuationToken === undefined ? undefined : String(input.ContinuationToken);
  if (token === '') throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', { status: 400, fields: { ArgumentName: 'continuation-token' } });
  const startAfter = nonEmpty(input.StartAfter);
  const after = token !== undefined ? decodeToken(token) : startAfter;
  const page = await listLive(ctx, bucketName, prefix, delimiter, after, max);
  const next = page.truncated && page.last !== undefined ? encodeToken(page.lastWasPrefix ? page.last + MAX_CHAR : page.last) : undefined;
  return {
    IsTruncated: page.truncated,
    Contents: page.contents.map(({ key, entry }) => objectSummary(key, entry.Versions[0]!, input.FetchOwner === true, encode)),
    Name: bucket.Name,
    Prefix: encode(prefix),
    Delimiter: delimiter === undefined ? undefined : encode(delimiter),
    MaxKeys: max,
    CommonPrefixes: page.prefixes.map((p) => ({ Prefix: encode(p) })),
    EncodingType: input.EncodingType,
    KeyCount: page.contents.length + page.prefixes.length,
    ContinuationToken: token,
    NextContinuationToken: next,
    StartAfter: startAfter === undefined ? undefined : encode(startAfter),
  };
};

const listObjectVersions: OperationHandler = async (ctx, input) => {
  const { bucketName, bucket, encode, prefix, max } = await listingRequest(ctx, input);
  const delimiter = nonEmpty(input.Delimiter);
  const keyMarker = nonEmpty(input.KeyMarker);
  const versionIdMarker = nonEmpty(input.VersionIdMarker);
  if (versionIdMarker !== undefined && keyMarker === undefined) {
    throw new AwsError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', { status: 400, fields: { ArgumentName: 'version-id-marker', ArgumentValue: versionIdMarker } });
  }
  const versions: Record<string, unknown>[] = [];
  const markers: Record<string, unknown>[] = [];
  const prefixes: string[] = [];
  let count = 0;
  let truncated = false;
  let nextKey: string | undefined;
  let nextVersion: string | undefined;
  const emit = (key: string, entry: ObjectEntry, from: number): boolean => {
    for (let i = from; i < entry.Versions.length; i++) {
      const v = entry.Versions[i]!;
      if (count >= max) {
        truncated = true;
        return false;
      }
      const common = { Key: encode(key), VersionId: v.VersionId, IsLatest: i === 0, LastModified: new Date(v.LastModified), Owner: { ID: v.OwnerId } };
      if (v.IsDeleteMarker) markers.push(common);
      else {
        versions.push({
          ETag: v.ETag,
          ...(v.Checksum ? { ChecksumAlgorithm: [v.Checksum.Algorithm], ChecksumType: v.Checksum.Type } : {}),
          Size: v.Size ?? 0,
          StorageClass: v.StorageClass ?? 'STANDARD',
          ...common,
        });
      }
      count++;
      nextKey = key;
      nextVersion = v.VersionId;
    }
    return true;
  };
  let go = max > 0;
  if (go && keyMarker !== undefined && versionIdMarker !== undefined && keyMarker.startsWith(prefix)) {
    const entry = await findObject(ctx.store, bucketName, keyMarker);
    const at = entry?.Versions.findIndex((v) => v.VersionId === versionIdMarker) ?? -1;
    if (entry && at >= 0) go = emit(keyMarker, entry, at + 1);
  }
  if (go) {
    for await (const item of scanKeys(ctx, bucketName, { prefix, delimiter, after: keyMarker, include: (e) => e.Versions.length > 0 })) {
      if ('prefix' in item) {
        if (count >= max) {
          truncated = true;
          break;
        }
        prefixes.push(item.prefix);
        count++;
        nextKey = item.prefix;
        nextVersion = undefined;
        continue;
      }
      if (!emit(item.key, item.entry, 0)) break;
    }
  }
  return {
    IsTruncated: truncated,
    KeyMarker: encode(keyMarker ?? ''),
    VersionIdMarker: versionIdMarker ?? '',
    NextKeyMarker: truncated ? encode(nextKey) : undefined,
    NextVersionIdMarker: truncated ? nextVersion : undefined,
    Versions: versions,
    DeleteMarkers: markers,
    Name: bucket.Name,
    Prefix: encode(prefix),
    Delimiter: delimiter === undefined ? undefined : encode(delimiter),
    MaxKeys: max,
    CommonPrefixes: prefixes.map((p) => ({ Prefix: encode(p) })),
    EncodingType: input.EncodingType,
  };
};

export const listingOperations: Record<string, OperationHandler> = {
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
};
