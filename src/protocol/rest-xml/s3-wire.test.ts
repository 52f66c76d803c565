import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { restXmlCodec } from './index.js';

/**
 * S3 wire details beyond what the SDK round trips show: document roots and namespaces, the
 * GetBucketLocation text document, streaming bodies in and out, metadata headers, aws-chunked
 * uploads; and S3 Control's documents.
 */
const s3 = loadServiceModel('s3');
const s3control = loadServiceModel('s3control');
const ctx = { requestId: 'REQ1' };
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

function req(method: string, path: string, rawQuery: string, headers: Record<string, string>, body: Buffer | string = ''): HttpRequest {
  return { method, path, rawQuery, headers: { host: 'localhost:4566', ...headers }, body: Buffer.from(body), sourceIp: '', secure: false };
}

test('output documents use S3\'s root names and namespace', () => {
  const list = restXmlCodec.serializeResponse(s3, s3.operation('ListObjectsV2')!, { Name: 'b', KeyCount: 0, IsTruncated: false, Contents: [] }, ctx);
  assert.equal(String(list.body), `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult ${NS}><IsTruncated>false</IsTruncated><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>`);
  const buckets = restXmlCodec.serializeResponse(s3, s3.operation('ListBuckets')!, { Buckets: [{ Name: 'a', CreationDate: new Date('2024-01-01T00:00:00Z') }], Owner: { ID: 'o' } }, ctx);
  assert.equal(String(buckets.body), `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult ${NS}><Buckets><Bucket><Name>a</Name><CreationDate>2024-01-01T00:00:00Z</CreationDate></Bucket></Buckets><Owner><ID>o</ID></Owner></ListAllMyBucketsResult>`);
  const location = restXmlCodec.serializeResponse(s3, s3.operation('GetBucketLocation')!, { LocationConstraint: 'eu-west-1' }, ctx);
  assert.equal(String(location.body), `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint ${NS}>eu-west-1</LocationConstraint>`);
  const usEast1 = restXmlCodec.serializeResponse(s3, s3.operation('GetBucketLocation')!, {}, ctx);
  assert.equal(String(usEast1.body), `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint ${NS}/>`);
  const status = restXmlCodec.serializeResponse(s3, s3.operation('GetBucketPolicyStatus')!, { PolicyStatus: { IsPublic: true } }, ctx);
  assert.equal(String(status.body), `<?xml version="1.0" encoding="UTF-8"?>\n<PolicyStatus ${NS}><IsPublic>true</IsPublic></PolicyStatus>`);
});

test('GetObject: the body passes through as bytes, headers carry the object\'s attributes', () => {
  const body = Buffer.from([0, 1, 2, 255]);
  const res = restXmlCodec.serializeResponse(s3, s3.operation('GetObject')!, {
    Body: body, ContentLength: 4, ContentType: 'application/x-thing', ETag: '"e"', LastModified: new Date('2024-01-15T10:30:00Z'), Metadata: { Color: 'blue' }, PartsCount: 2,
  }, ctx);
  assert.equal(res.status, 200);
  assert.equal(res.body, body);
  assert.deepEqual(res.headers, {
    'x-amz-request-id': 'REQ1', 'x-amz-id-2': res.headers['x-amz-id-2'], 'content-length': '4', 'content-type': 'application/x-thing',
    etag: '"e"', 'last-modified': 'Mon, 15 Jan 2024 10:30:00 GMT', 'x-amz-meta-color': 'blue', 'x-amz-mp-parts-count': '2',
  });
  const unicode = restXmlCodec.serializeResponse(s3, s3.operation('HeadObject')!, { Metadata: { author: 'Zoë', note: 'a\r\nb' } }, ctx);
  assert.equal(unicode.headers['x-amz-meta-author'], `=?UTF-8?B?${Buffer.from('Zoë').toString('base64')}?=`, 'non-ASCII header values are RFC 2047 encoded words');
  assert.equal(unicode.headers['x-amz-meta-note'], `=?UTF-8?B?${Buffer.from('a\r\nb').toString('base64')}?=`);
  const empty = restXmlCodec.serializeResponse(s3, s3.operation('HeadObject')!, { ContentLength: 10, ETag: '"e"' }, ctx);
  assert.equal(empty.body, '');
  assert.equal(empty.headers['content-length'], '10');
});

test('PutObject: the body is the Body member, metadata headers a map, aws-chunked framing is not the object\'s', () => {
  const bytes = Buffer.from('hello world');
  const put = req('PUT', '/bucket/dir/file.txt', 'x-id=PutObject', {
    'content-length': '11', 'content-type': 'text/plain', 'x-amz-meta-author': 'Zoë', 'x-amz-meta-empty': '', 'x-amz-storage-class': 'STANDARD_IA',
  }, bytes);
  const op = restXmlCodec.resolveOperation(put, s3);
  const input = restXmlCodec.parseRequest(put, s3, op);
  assert.equal(input.Body, put.body);
  assert.deepEqual({ ...input, Body: undefined }, {
    Bucket: 'bucket', Key: 'dir/file.txt', Body: undefined, ContentLength: 11, ContentType: 'text/plain', Metadata: { author: 'Zoë', empty: '' }, StorageClass: 'STANDARD_IA',
  });
  const chunked = req('PUT', '/bucket/k', '', { 'content-encoding': 'gzip, aws-chunked', 'content-length': '90', 'x-amz-decoded-content-length': '11' }, bytes);
  const parsed = restXmlCodec.parseRequest(chunked, s3, restXmlCodec.resolveOperation(chunked, s3));
  assert.equal(parsed.ContentEncoding, 'gzip');
  assert.equal(parsed.ContentLength, 11);
  const onlyChunked = req('PUT', '/bucket/k', '', { 'content-encoding': 'aws-chunked' }, bytes);
  assert.equal(restXmlCodec.parseRequest(onlyChunked, s3, restXmlCodec.resolveOperation(onlyChunked, s3)).ContentEncoding, undefined);
  const noBody = req('PUT', '/bucket/k', '', {});
  assert.deepEqual(restXmlCodec.parseRequest(noBody, s3, restXmlCodec.resolveOperation(noBody, s3)).Body, Buffer.alloc(0));
});

test('S3 Control: routes by path and x-amz-account-id, documents in its namespace', () => {
  const get = req('GET', '/v20180820/accesspoint/my-ap', '', { 'x-amz-account-id': '123456789012' });
  const op = restXmlCodec.resolveOperation(get, s3control);
  assert.equal(op.name, 'GetAccessPoint');
  assert.deepEqual(restXmlCodec.parseRequest(get, s3control, op), { AccountId: '123456789012', Name: 'my-ap' });
  const res = restXmlCodec.serializeResponse(s3control, op, { Name: 'my-ap', Bucket: 'b', NetworkOrigin: 'Internet' }, ctx);
  assert.equal(String(res.body), '<?xml version="1.0" encoding="UTF-8"?>\n<GetAccessPointResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><Name>my-ap</Name><Bucket>b</Bucket><NetworkOrigin>Internet</NetworkOrigin></GetAccessPointResult>');
  assert.equal(res.headers['x-amz-request-id'], 'REQ1');
  const create = req('PUT', '/v20180820/accesspoint/ap2', '', { 'x-amz-account-id': '1' },
    '<CreateAccessPointRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><Bucket>b</Bucket><VpcConfiguration><VpcId>vpc-1</VpcId></VpcConfiguration></CreateAccessPointRequest>');
  assert.deepEqual(restXmlCodec.parseRequest(create, s3control, restXmlCodec.resolveOperation(create, s3control)), { AccountId: '1', Name: 'ap2', Bucket: 'b', VpcConfiguration: { VpcId: 'vpc-1' } });
});
