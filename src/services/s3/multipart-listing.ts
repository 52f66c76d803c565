/**
 * Listing multipart uploads in progress: ListParts (PartNumberMarker, MaxParts) and
 * ListMultipartUploads (Prefix, Delimiter → CommonPrefixes, KeyMarker/UploadIdMarker).
 */
import type { OperationHandler } from '../types.js';
import { requireBucket, S3_SCOPE, UPLOAD_KIND, type UploadRecord } from './common.js';
import { memberOf } from './checksums.js';
import { encoderFor, maxKeysOf } from './listing.js';
import { loadUpload } from './multipart.js';

const initiatorOf = (u: UploadRecord): Record<string, unknown> => ({ ID: u.InitiatorArn, DisplayName: u.InitiatorArn.split(':').pop() });

const listParts: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  const key = String(input.Key);
  await requireBucket(ctx.store, bucketName);
  const upload = await loadUpload(ctx.store, bucketName, key, input.UploadId);
  const marker = input.PartNumberMarker === undefined ? 0 : Number(input.PartNumberMarker);
  const max = maxKeysOf(input, 'MaxParts');
  const all = Object.values(upload.Parts).sort((a, b) => a.PartNumber - b.PartNumber).filter((p) => p.PartNumber > marker);
  const page = all.slice(0, max);
  const truncated = all.length > page.length;
  const algorithm = upload.Template.ChecksumAlgorithm;
  return {
    Bucket: bucketName,
    Key: key,
    UploadId: upload.UploadId,
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.PartNumber : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    Parts: page.map((p) => ({
      PartNumber: p.PartNumber,
      LastModified: new Date(p.LastModified),
      ETag: p.ETag,
      Size: p.Size,
      ...(algorithm && p.Checksum ? { [memberOf(algorithm)]: p.Checksum } : {}),
    })),
    Initiator: initiatorOf(upload),
    Owner: { ID: upload.OwnerId },
    StorageClass: upload.Template.StorageClass ?? 'STANDARD',
    ChecksumAlgorithm: algorithm,
    ChecksumType: upload.Template.ChecksumType,
  };
};

const listMultipartUploads: OperationHandler = async (ctx, input) => {
  const bucketName = String(input.Bucket);
  await requireBucket(ctx.store, bucketName);
  const encode = encoderFor(input);
  const prefix = String(input.Prefix ?? '');
  const delimiter = input.Delimiter === undefined || input.Delimiter === '' ? undefined : String(input.Delimiter);
  const max = maxKeysOf(input, 'MaxUploads');
  const keyMarker = input.KeyMarker === undefined || input.KeyMarker === '' ? undefined : String(input.KeyMarker);
  const uploadIdMarker = input.UploadIdMarker === undefined || input.UploadIdMarker === '' ? undefined : String(input.UploadIdMarker);
  const uploads: UploadRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await ctx.store.list<UploadRecord>(S3_SCOPE, UPLOAD_KIND, { prefix: `${bucketName}/`, after, limit: 1000 });
    for (const item of page.items) if (item.value.Key.startsWith(prefix)) uploads.push(item.value);
    if (!page.next) break;
    after = page.next;
  }
  uploads.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : a.Initiated < b.Initiated ? -1 : a.Initiated > b.Initiated ? 1 : a.UploadId < b.UploadId ? -1 : 1));
  let start = 0;
  if (keyMarker !== undefined) {
    const markerAt = uploadIdMarker !== undefined ? uploads.findIndex((u) => u.Key === keyMarker && u.UploadId === uploadIdMarker) : -1;
    start = markerAt >= 0 ? markerAt + 1 : uploads.findIndex((u) => u.Key > keyMarker);
    if (start < 0) start = uploads.length;
  }
  const listed: UploadRecord[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let last: { key: string; upload?: string } | undefined;
  for (let i = start; i < uploads.length; i++) {
    const u = uploads[i]!;
    const at = delimiter ? u.Key.indexOf(delimiter, prefix.length) : -1;
    const common = at >= 0 ? u.Key.slice(0, at + delimiter!.length) : undefined;
    if (common !== undefined && (prefixes.includes(common) || (keyMarker !== undefined && keyMarker.startsWith(common)))) continue;
    if (listed.length + prefixes.length >= max) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      last = { key: common };
    } else {
      listed.push(u);
      last = { key: u.Key, upload: u.UploadId };
    }
  }
  return {
    Bucket: bucketName,
    KeyMarker: encode(keyMarker ?? ''),
    UploadIdMarker: uploadIdMarker ?? '',
    NextKeyMarker: truncated ? encode(last?.key) : undefined,
    NextUploadIdMarker: truncated ? last?.upload : undefined,
    Prefix: encode(prefix),
    Delimiter: delimiter === undefined ? undefined : encode(delimiter),
    MaxUploads: max,
    IsTruncated: truncated,
    Uploads: listed.map((u) => ({
      UploadId: u.UploadId,
      Key: encode(u.Key),
      Initiated: new Date(u.Initiated),
      StorageClass: u.Template.StorageClass ?? 'STANDARD',
      Owner: { ID: u.OwnerId },
      Initiator: initiatorOf(u),
      ChecksumAlgorithm: u.Template.ChecksumAlgorithm,
      ChecksumType: u.Template.ChecksumType,
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: encode(p) })),
    EncodingType: input.EncodingType,
  };
};

export const multipartListingOperations: Record<string, OperationHandler> = {
  ListParts: listParts,
  ListMultipartUploads: listMultipartUploads,
};
