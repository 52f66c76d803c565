/**
 * Conditional requests as S3 documents them (RFC 7232 with S3's precedence):
 * - reads: If-Match false → 412; else If-Unmodified-Since false (only without If-Match) → 412;
 *   If-None-Match false → 304; else If-Modified-Since false (only without If-None-Match) → 304.
 * - copy sources (x-amz-copy-source-if-*): the same pairs, every failure 412.
 * - writes: If-None-Match `*` → 412 when the key exists; If-Match → 412 unless the current
 *   ETag matches (404 NoSuchKey when there is no object).
 * Dates compare at second precision, as Last-Modified is sent.
 */
import { AwsError } from '../../core/aws-error.js';
import { noSuchKey, notModified, preconditionFailed, type ObjectVersion } from './common.js';

const unquote = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/** True when the If-Match / If-None-Match list names this ETag (or is `*`). */
export function etagMatches(header: string, etag: string | undefined): boolean {
  const mine = unquote(etag ?? '');
  return header.split(',').some((item) => {
    const t = item.trim();
    return t === '*' || unquote(t) === mine;
  });
}

const seconds = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);
const dateSeconds = (d: unknown): number | undefined => (d instanceof Date && !Number.isNaN(d.getTime()) ? Math.floor(d.getTime() / 1000) : undefined);

export interface Conditions {
  ifMatch?: unknown;
  ifNoneMatch?: unknown;
  ifModifiedSince?: unknown;
  ifUnmodifiedSince?: unknown;
}

/** The headers a 304 carries. */
function notModifiedFor(version: ObjectVersion): AwsError {
  const err = notModified();
  if (version.ETag) err.headers.etag = version.ETag;
  err.headers['last-modified'] = new Date(version.LastModified).toUTCString();
  return err;
}

/** GetObject / HeadObject conditions. */
export function checkReadConditions(version: ObjectVersion, c: Conditions): void {
  const modified = seconds(version.LastModified);
  if (typeof c.ifMatch === 'string') {
    if (!etagMatches(c.ifMatch, version.ETag)) throw preconditionFailed('If-Match');
  } else {
    const since = dateSeconds(c.ifUnmodifiedSince);
    if (since !== undefined && modified > since) throw preconditionFailed('If-Unmodified-Since');
  }
  if (typeof c.ifNoneMatch === 'string') {
    if (etagMatches(c.ifNoneMatch, version.ETag)) throw notModifiedFor(version);
  } else {
    const since = dateSeconds(c.ifModifiedSince);
    if (since !== undefined && modified <= since) throw notModifiedFor(version);
  }
}

/** CopyObject / UploadPartCopy source conditions (every failure is 412). */
export function checkCopySourceConditions(version: ObjectVersion, c: Conditions): void {
  const modified = seconds(version.LastModified);
  if (typeof c.ifMatch === 'string') {
    if (!etagMatches(c.ifMatch, version.ETag)) throw preconditionFailed('x-amz-copy-source-If-Match');
  } else {
    const since = dateSeconds(c.ifUnmodifiedSince);
    if (since !== undefined && modified > since) throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  }
  if (typeof c.ifNoneMatch === 'string') {
    if (etagMatches(c.ifNoneMatch, version.ETag)) throw preconditionFailed('x-amz-copy-source-If-None-Match');
  } else {
    const since = dateSeconds(c.ifModifiedSince);
    if (since !== undefined && modified <= since) throw preconditionFailed('x-amz-copy-source-If-Modified-Since');
  }
}

/** PutObject / CompleteMultipartUpload / CopyObject conditional writes against the key's current version. */
export function checkWriteConditions(key: string, current: ObjectVersion | undefined, c: { ifMatch?: unknown; ifNoneMatch?: unknown }): void {
  const live = current && !current.IsDeleteMarker ? current : undefined;
  if (typeof c.ifNoneMatch === 'string') {
    if (c.ifNoneMatch.trim() !== '*') {
      throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', { status: 501, fields: { Header: 'If-None-Match' } });
    }
    if (live) throw preconditionFailed('If-None-Match');
  }
  if (typeof c.ifMatch === 'string') {
    if (!live) throw noSuchKey(key);
    if (!etagMatches(c.ifMatch, live.ETag)) throw preconditionFailed('If-Match');
  }
}
