import { createHash } from 'node:crypto';
import type { OperationModel } from '../../../models/index.js';
import type { Normalizers } from '../../../../test/support/conformance.js';

/**
 * What the SDK v3 S3 client legitimately does to a request or response, so that our codec is
 * not blamed for it. Each rule names the SDK behaviour it accounts for.
 */
export const S3_SKIPS: Record<string, { request?: string; response?: string }> = {
  SelectObjectContent: { response: 'its output is an event stream (application/vnd.amazon.eventstream), which the REST codecs do not write' },
};

/** SSE-C: the SDK sends the customer key base64-encoded and replaces the MD5 with its own. */
const SSE_C_PAIRS: [key: string, md5: string][] = [
  ['SSECustomerKey', 'SSECustomerKeyMD5'],
  ['CopySourceSSECustomerKey', 'CopySourceSSECustomerKeyMD5'],
];

function expectedInput(_op: OperationModel, input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  for (const [key, md5] of SSE_C_PAIRS) {
    if (typeof out[key] !== 'string') continue;
    const raw = Buffer.from(out[key] as string, 'utf8');
    out[key] = raw.toString('base64');
    out[md5] = createHash('md5').update(raw).digest('base64');
  }
  return out;
}

/** With ChecksumMode ENABLED the SDK verifies the object's checksum headers against the body. */
function responseInput(_op: OperationModel, input: Record<string, unknown>): Record<string, unknown> {
  const { ChecksumMode: _omitted, ...rest } = input;
  return rest;
}

/** The SDK's S3 model types PartNumberMarker/NextPartNumberMarker as strings (botocore: integer). */
const STRING_IN_SDK = ['PartNumberMarker', 'NextPartNumberMarker'];

function expectedOutput(_op: OperationModel, output: Record<string, unknown>): Record<string, unknown> {
  const out = { ...output };
  for (const container of [out, out.ObjectParts as Record<string, unknown> | undefined]) {
    if (!container) continue;
    for (const name of STRING_IN_SDK) if (typeof container[name] === 'number') container[name] = String(container[name]);
  }
  // The SDK keeps the raw Expires header as ExpiresString and sets Expires only to a valid date.
  if (typeof out.Expires === 'string') {
    out.ExpiresString = out.Expires;
    const date = new Date(out.Expires);
    if (Number.isNaN(date.getTime())) delete out.Expires;
    else out.Expires = date;
  }
  return out;
}

/** A HEAD error has no body: the SDK names a 404 `NotFound` and anything else `Unknown`. */
function isHead(op: OperationModel): boolean {
  return op.http.method === 'HEAD';
}

export const s3Normalizers: Normalizers = {
  expectedInput,
  responseInput,
  expectedOutput,
  expectedErrorName: (op, code, status) => (isHead(op) ? (status === 404 ? 'NotFound' : 'Unknown') : code),
  expectedErrorMessage: (op, message) => (isHead(op) ? 'UnknownError' : message),
};
