import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { canonical } from '../../../test/support/compare.js';
import { sdkHasOperation, sdkRequest } from '../../../test/support/sdk-harness.js';
import { restXmlCodec, virtualHostBucket } from './index.js';

/**
 * S3 addressing: virtual-hosted Hosts of AWS's and local endpoints, the SDK's own
 * virtual-hosted requests, and object keys with characters that need care in a path.
 */
const model = loadServiceModel('s3');

test('virtual-hosted Host names: the bucket, or undefined for path style', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['bucket.s3.localhost.localstack.cloud:4566', 'bucket'],
    ['bucket.localhost:4566', 'bucket'],
    ['bucket.localhost.localstack.cloud:4566', 'bucket'],
    ['bucket.s3.us-east-1.localhost.localstack.cloud', 'bucket'],
    ['bucket.s3.amazonaws.com', 'bucket'],
    ['bucket.s3.us-east-1.amazonaws.com', 'bucket'],
    ['bucket.s3-us-west-2.amazonaws.com', 'bucket'],
    ['bucket.s3.dualstack.eu-west-1.amazonaws.com', 'bucket'],
    ['bucket.s3-fips.us-gov-west-1.amazonaws.com', 'bucket'],
    ['bucket.s3.cn-north-1.amazonaws.com.cn', 'bucket'],
    ['bucket.s3-accelerate.amazonaws.com', 'bucket'],
    ['my.dotted.bucket.s3.amazonaws.com', 'my.dotted.bucket'],
    ['my.s3.bucket.s3.eu-central-1.amazonaws.com', 'my.s3.bucket'],
    ['Bucket.S3.AmazonAWS.com', 'bucket'],
    ['s3.amazonaws.com', undefined],
    ['s3.us-east-1.amazonaws.com', undefined],
    ['s3.localhost.localstack.cloud:4566', undefined],
    ['localhost.localstack.cloud:4566', undefined],
    ['localhost:4566', undefined],
    ['localhost', undefined],
    ['127.0.0.1:4566', undefined],
    ['[::1]:4566', undefined],
    ['example.com', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [host, bucket] of cases) assert.equal(virtualHostBucket(host), bucket, String(host));
  assert.equal(virtualHostBucket(`${'a.'.repeat(200)}s3.amazonaws.com`), undefined, 'over-long hosts are not searched');
});

function toVirtualHosted(req: HttpRequest, host: string): HttpRequest {
  const [, bucket, ...rest] = req.path.split('/');
  return { ...req, path: `/${rest.join('/')}`, headers: { ...req.headers, host: `${decodeURIComponent(bucket)}.${host}` } };
}

test('every S3 operation with a bucket parses the same in virtual-hosted style', async () => {
  let checked = 0;
  for (const op of model.operations.values()) {
    if (!model.inputShape(op).members?.Bucket || !(await sdkHasOperation('s3', op.name))) continue;
    const input = { Bucket: 'my.bucket-1', ...(model.inputShape(op).members?.Key ? { Key: 'dir/a b.txt' } : {}), ...requiredExtras(op.name) };
    const pathStyle = await sdkRequest('s3', op.name, input);
    for (const host of ['s3.localhost.localstack.cloud:4566', 'localhost:4566', 's3.us-east-1.amazonaws.com']) {
      const req = toVirtualHosted(pathStyle, host);
      const resolved = restXmlCodec.resolveOperation(req, model);
      assert.equal(resolved.name, op.name, `${op.name} via ${req.headers.host}${req.path}`);
      assert.deepEqual(canonical(restXmlCodec.parseRequest(req, model, resolved)), canonical(restXmlCodec.parseRequest(pathStyle, model, op)), op.name);
    }
    checked++;
  }
  assert.ok(checked > 90, `only ${checked} operations checked`);
});

/** Members some operations need before the SDK will send them. */
function requiredExtras(op: string): Record<string, unknown> {
  const extras: Record<string, Record<string, unknown>> = {
    CopyObject: { CopySource: 'src/key' },
    UploadPartCopy: { CopySource: 'src/key', PartNumber: 1, UploadId: 'u' },
    UploadPart: { PartNumber: 1, UploadId: 'u' },
    ListParts: { UploadId: 'u' },
    AbortMultipartUpload: { UploadId: 'u' },
    CompleteMultipartUpload: { UploadId: 'u' },
    RenameObject: { RenameSource: 'src/key' },
    GetObjectAttributes: { ObjectAttributes: ['ETag'] },
  };
  for (const suffix of ['AnalyticsConfiguration', 'IntelligentTieringConfiguration', 'InventoryConfiguration', 'MetricsConfiguration']) {
    for (const verb of ['Get', 'Delete', 'Put']) extras[`${verb}Bucket${suffix}`] = { Id: 'id-1' };
  }
  return extras[op] ?? {};
}

test('the SDK in virtual-hosted style: GetObject, PutObject, ListObjectsV2, PutBucketTagging', async () => {
  const cases: [string, Record<string, unknown>][] = [
    ['GetObject', { Bucket: 'vh-bucket', Key: 'photos/2024/ü.jpg', VersionId: 'v1' }],
    ['PutObject', { Bucket: 'vh-bucket', Key: 'a/b', Body: new Uint8Array([1, 2, 3]), Metadata: { color: 'blue' } }],
    ['ListObjectsV2', { Bucket: 'vh-bucket', Prefix: 'photos/', MaxKeys: 10 }],
    ['PutBucketTagging', { Bucket: 'vh-bucket', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }],
  ];
  for (const [opName, input] of cases) {
    const req = await sdkRequest('s3', opName, input, { endpoint: 'http://s3.localhost.localstack.cloud:4566', forcePathStyle: false });
    assert.ok(req.headers.host.startsWith('vh-bucket.'), `the SDK put the bucket in the Host: ${req.headers.host}`);
    const op = restXmlCodec.resolveOperation(req, model);
    assert.equal(op.name, opName);
    const parsed = restXmlCodec.parseRequest(req, model, op);
    for (const [k, v] of Object.entries(input)) assert.deepEqual(canonical(parsed[k]), canonical(v), `${opName}.${k}`);
  }
});

test('object keys with special characters, unicode and slashes survive the path', async () => {
  const keys = [
    'a b+c%d', '日本語/ファイル.txt', 'emoji-😀', '/leading-slash', 'trailing/', 'double//slash', '..', '.',
    "~!@$&*()=:,;'[]", 'question?hash#', 'x'.repeat(1000), ' spaces around ', 'tab\there', 'percent%2F', 'plus+plus',
  ];
  for (const Key of keys) {
    for (const opName of ['GetObject', 'PutObject', 'DeleteObject', 'HeadObject', 'GetObjectTagging']) {
      const req = await sdkRequest('s3', opName, { Bucket: 'bucket', Key, ...(opName === 'PutObject' ? { Body: new Uint8Array([9]) } : {}) });
      const op = restXmlCodec.resolveOperation(req, model);
      assert.equal(op.name, opName, `${opName} ${JSON.stringify(Key)} → ${req.path}`);
      const parsed = restXmlCodec.parseRequest(req, model, op);
      assert.equal(parsed.Key, Key, `${opName} ${req.path}`);
      assert.equal(parsed.Bucket, 'bucket');
    }
  }
});

test('an unmatched method on an S3 resource is 405 MethodNotAllowed with the method and resource type', () => {
  const req: HttpRequest = { method: 'PATCH', path: '/bucket/key', rawQuery: '', headers: { host: 'localhost' }, body: Buffer.alloc(0), sourceIp: '', secure: false };
  assert.throws(() => restXmlCodec.resolveOperation(req, model), (err: any) => {
    assert.equal(err.code, 'MethodNotAllowed');
    assert.equal(err.status, 405);
    assert.deepEqual(err.fields, { Method: 'PATCH', ResourceType: 'OBJECT' });
    const res = restXmlCodec.serializeError(model, undefined, err, { requestId: 'R1' });
    assert.match(String(res.body), /^<\?xml[^>]*>\n<Error><Code>MethodNotAllowed<\/Code><Message>The specified method is not allowed against this resource.<\/Message><Method>PATCH<\/Method><ResourceType>OBJECT<\/ResourceType><RequestId>R1<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
    return true;
  });
});
