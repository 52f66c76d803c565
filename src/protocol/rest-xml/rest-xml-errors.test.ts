import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { sdkResponse } from '../../../test/support/sdk-harness.js';
import { restXmlCodec } from './index.js';

/**
 * rest-xml errors: S3's `<Error>` document and headers, S3 Control's `<ErrorResponse>`, bodiless
 * HEAD errors, and the protocol's own errors (malformed XML, wrong types, validation).
 */
const s3 = loadServiceModel('s3');
const s3control = loadServiceModel('s3control');
const ctx = { requestId: '4442587FB7D0A2F9' };

function req(method: string, path: string, rawQuery = '', body = '', headers: Record<string, string> = {}): HttpRequest {
  return { method, path, rawQuery, headers: { host: 'localhost:4566', ...headers }, body: Buffer.from(body), sourceIp: '', secure: false };
}

test('S3 errors: <Error> with Code, Message, fields, RequestId, HostId; x-amz-request-id and x-amz-id-2', async () => {
  const err = new AwsError('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: 'a&b.txt' } });
  const res = restXmlCodec.serializeError(s3, s3.operation('GetObject'), err, ctx);
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'application/xml');
  assert.equal(res.headers['x-amz-request-id'], ctx.requestId);
  const hostId = res.headers['x-amz-id-2'];
  assert.match(hostId, /^[A-Za-z0-9+/=]{40,}$/);
  assert.equal(String(res.body), `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&amp;b.txt</Key><RequestId>${ctx.requestId}</RequestId><HostId>${hostId}</HostId></Error>`);
  const { error } = await sdkResponse('s3', 'GetObject', { Bucket: 'b', Key: 'a&b.txt' }, res);
  assert.equal(error.name, 'NoSuchKey');
  assert.equal(error.$metadata.requestId, ctx.requestId);
  assert.equal(error.$metadata.extendedRequestId, hostId);
  assert.equal(error.Key, 'a&b.txt');
});

test('modelled S3 error fields are written by shape (InvalidObjectState.StorageClass)', async () => {
  const res = restXmlCodec.serializeError(s3, s3.operation('GetObject'), new AwsError('InvalidObjectState', 'The operation is not valid for the object\'s storage class', { status: 403, fields: { StorageClass: 'GLACIER', AccessTier: 'ARCHIVE_ACCESS' } }), ctx);
  const { error } = await sdkResponse('s3', 'GetObject', { Bucket: 'b', Key: 'k' }, res);
  assert.equal(error.name, 'InvalidObjectState');
  assert.equal(error.StorageClass, 'GLACIER');
  assert.equal(error.AccessTier, 'ARCHIVE_ACCESS');
});

test('HEAD errors have no body', () => {
  const res = restXmlCodec.serializeError(s3, s3.operation('HeadObject'), new AwsError('NoSuchKey', 'gone', { status: 404 }), ctx);
  assert.equal(res.body, '');
  assert.equal(res.headers['x-amz-request-id'], ctx.requestId);
});

test('S3 Control errors: <ErrorResponse><Error>…</Error><RequestId/><HostId/></ErrorResponse>', () => {
  const res = restXmlCodec.serializeError(s3control, s3control.operation('GetPublicAccessBlock'), new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { status: 404, fields: { AccountId: '123456789012' } }), ctx);
  assert.match(String(res.body), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration<\/Code><Message>The public access block configuration was not found<\/Message><AccountId>123456789012<\/AccountId><\/Error><RequestId>4442587FB7D0A2F9<\/RequestId><HostId>[^<]+<\/HostId><\/ErrorResponse>$/);
  assert.equal(res.headers['x-amz-request-id'], ctx.requestId);
});

test('malformed XML bodies, wrong types in the XML, and wrong header types', () => {
  const parse = (r: HttpRequest) => () => restXmlCodec.parseRequest(r, s3, restXmlCodec.resolveOperation(r, s3));
  const malformed = { code: 'MalformedXML', message: 'The XML you provided was not well-formed or did not validate against our published schema', status: 400 };
  assert.throws(parse(req('PUT', '/b', 'tagging', '<Tagging><TagSet><Tag><Key>k</Key>')), malformed);
  assert.throws(parse(req('PUT', '/b', 'tagging', 'not xml at all')), malformed);
  assert.throws(parse(req('POST', '/b', 'delete', '<Delete><Quiet>maybe</Quiet></Delete>')), malformed);
  assert.throws(parse(req('GET', '/b', 'list-type=2&max-keys=ten')), { code: 'InvalidArgument', message: 'Provided max-keys not an integer or within integer range', status: 400, fields: { ArgumentName: 'max-keys', ArgumentValue: 'ten' } });
  assert.throws(parse(req('PUT', '/b/k', '', 'x', { 'x-amz-object-lock-retain-until-date': 'someday' })), { code: 'InvalidArgument', status: 400 });
  // An empty payload body is an absent payload (validation then reports it).
  assert.deepEqual(parse(req('PUT', '/b', 'tagging'))(), { Bucket: 'b' });
});

test('XML payload documents parse by shape: DeleteObjects, CompleteMultipartUpload, PutBucketPolicy (raw text)', () => {
  const del = req('POST', '/b', 'delete', '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key> spaced key </Key></Object><Object><Key>k2</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>');
  assert.deepEqual(restXmlCodec.parseRequest(del, s3, restXmlCodec.resolveOperation(del, s3)), { Bucket: 'b', Delete: { Objects: [{ Key: ' spaced key ' }, { Key: 'k2', VersionId: 'v' }], Quiet: true } });
  const done = req('POST', '/b/k', 'uploadId=U1', '<CompleteMultipartUpload><Part><ETag>"e1"</ETag><PartNumber>1</PartNumber></Part><Part><ETag>"e2"</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>');
  assert.deepEqual(restXmlCodec.parseRequest(done, s3, restXmlCodec.resolveOperation(done, s3)), { Bucket: 'b', Key: 'k', UploadId: 'U1', MultipartUpload: { Parts: [{ ETag: '"e1"', PartNumber: 1 }, { ETag: '"e2"', PartNumber: 2 }] } });
  const policy = '{"Version":"2012-10-17","Statement":[]}';
  const put = req('PUT', '/b', 'policy', policy);
  assert.deepEqual(restXmlCodec.parseRequest(put, s3, restXmlCodec.resolveOperation(put, s3)), { Bucket: 'b', Policy: policy });
});

test('S3 validation errors: missing document, missing element, out-of-range values', () => {
  const codec = restXmlCodec as typeof restXmlCodec & { validationError(v: string[], m?: unknown): AwsError };
  assert.deepEqual([codec.validationError(["Value null at 'tagging' failed to satisfy constraint: Member must not be null"], s3)].map((e) => [e.code, e.message, e.status])[0], ['MissingRequestBodyError', 'Request Body is empty', 400]);
  assert.equal(codec.validationError(["Value null at 'tagging.tagSet' failed to satisfy constraint: Member must not be null"], s3).code, 'MalformedXML');
  const arg = codec.validationError(["Value '0' at 'maxKeys' failed to satisfy constraint: Member must have value greater than or equal to 1"], s3);
  assert.equal(arg.code, 'InvalidArgument');
  assert.equal(arg.status, 400);
  assert.equal(codec.validationError(['x'], s3control).code, 'ValidationException');
});
