/**
 * What objects carry between requests and responses: the descriptive headers a write stores
 * (Content-Type, Cache-Control …, user metadata within S3's 2 KB) and the members a read
 * answers with (GetObject, HeadObject).
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationInput } from '../types.js';
import { invalidArgument, type BucketRecord, type ObjectVersion } from './common.js';
import { checksumOutput } from './checksums.js';
import { lockOutput } from './object-lock.js';
import { sseOutput } from './sse.js';

/** The stored descriptive headers and their input/output members. */
export const DESCRIPTIVE_HEADERS = ['CacheControl', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'Expires', 'WebsiteRedirectLocation'] as const;

export const STORAGE_CLASSES = new Set([
  'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE', 'FSX_OPENZFS',
]);

export const MAX_METADATA_BYTES = 2048;

/** Content type, descriptive headers and user metadata of a write request. */
export function describeFromInput(input: OperationInput): Pick<ObjectVersion, 'ContentType' | 'Headers' | 'Metadata' | 'StorageClass'> {
  const headers: Record<string, string> = {};
  for (const name of DESCRIPTIVE_HEADERS) {
    const v = input[name];
    if (v instanceof Date) headers[name] = v.toUTCString();
    else if (v !== undefined && v !== null && v !== '') headers[name] = String(v);
  }
  if (headers.WebsiteRedirectLocation !== undefined && !/^(\/|https?:\/\/)/.test(headers.WebsiteRedirectLocation)) {
    throw invalidArgument('The website redirect location must have a prefix of \'http://\' or \'https://\' or \'/\'.'); // Unconfirmed wording
  }
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const [k, v] of Object.entries((input.Metadata as Record<string, unknown> | undefined) ?? {})) {
    const name = k.toLowerCase();
    metadata[name] = decodeEncodedWords(String(v));
    size += Buffer.byteLength(name) + Buffer.byteLength(String(v));
  }
  if (size > MAX_METADATA_BYTES) {
    throw new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', {
      status: 400,
      fields: { Size: String(size), MaxSizeAllowed: String(MAX_METADATA_BYTES) },
    });
  }
  const storageClass = typeof input.StorageClass === 'string' ? input.StorageClass : undefined;
  if (storageClass !== undefined && !STORAGE_CLASSES.has(storageClass)) {
    throw new AwsError('InvalidStorageClass', 'The storage class you specified is not valid', { status: 400, fields: { StorageClassRequested: storageClass } });
  }
  return {
    ContentType: typeof input.ContentType === 'string' && input.ContentType !== '' ? input.ContentType : 'binary/octet-stream',
    Headers: Object.keys(headers).length > 0 ? headers : undefined,
    Metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    StorageClass: storageClass && storageClass !== 'STANDARD' ? storageClass : undefined,
  };
}

/** A version's id as responses name it: only in buckets that ever had versioning. */
export function versionIdOutput(bucket: BucketRecord, version: ObjectVersion): Record<string, unknown> {
  return bucket.Versioning !== undefined ? { VersionId: version.VersionId } : {};
}

const RESPONSE_OVERRIDES: Record<string, string> = {
  ResponseCacheControl: 'CacheControl',
  ResponseContentDisposition: 'ContentDisposition',
  ResponseContentEncoding: 'ContentEncoding',
  ResponseContentLanguage: 'ContentLanguage',
  ResponseContentType: 'ContentType',
  ResponseExpires: 'Expires',
};

/** The members GetObject and HeadObject share for one version (without the body, length and range). */
export function readOutput(bucket: BucketRecord, version: ObjectVersion, input: OperationInput, options: { checksum: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {
    AcceptRanges: 'bytes',
    LastModified: new Date(version.LastModified),
    ETag: version.ETag,
    ContentType: version.ContentType ?? 'binary/octet-stream',
    ...(version.Headers ?? {}),
    ...versionIdOutput(bucket, version),
    ...sseOutput(version),
    ...lockOutput(version),
  };
  if (version.Metadata) out.Metadata = mailSafe(version.Metadata);
  if (version.StorageClass) out.StorageClass = version.StorageClass;
  if (version.Tags && version.Tags.length > 0) out.TagCount = version.Tags.length;
  if (options.checksum && input.ChecksumMode === 'ENABLED') Object.assign(out, checksumOutput(version.Checksum));
  for (const [param, member] of Object.entries(RESPONSE_OVERRIDES)) {
    const v = input[param];
    if (v instanceof Date) out[member] = v.toUTCString();
    else if (typeof v === 'string') out[member] = v;
  }
  return out;
}

/**
 * S3 stores non-ASCII metadata values decoded (RFC 2047 encoded-words in a request are decoded)
 * and returns them encoded as `=?UTF-8?B?…?=` to keep the headers mail-safe, as its user guide
 * describes.
 */
function mailSafe(metadata: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) out[k] = /^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${Buffer.from(v, 'utf8').toString('base64')}?=`;
  return out;
}

const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;

function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(ENCODED_WORD, (word, charset: string, kind: string, text: string) => {
    if (!/^utf-?8$/i.test(charset) && !/^(us-ascii|iso-8859-1)$/i.test(charset)) return word;
    const bytes = kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return /^utf-?8$/i.test(charset) ? bytes.toString('utf8') : bytes.toString('latin1');
  });
}
