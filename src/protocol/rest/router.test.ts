import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel, serviceCatalog, type OperationModel, type ServiceModel } from '../../models/index.js';
import { parseQuery } from './percent.js';
import { routerFor } from './router.js';
import { compileTemplate, matchTemplate, splitPath } from './uri-template.js';

/**
 * Routing of every REST operation of every REST service in the catalog (S3, S3 Control,
 * GuardDuty, Security Hub, Access Analyzer…), on requests built from the model alone: the
 * requestUri with its labels filled, its query literals, every query member and the required
 * headers. Each must route to itself, except deprecated twins that share their successor's
 * method, path and parameters exactly (they route to the successor).
 */
const TWINS: Record<string, string> = {
  'S3.GetBucketLifecycle': 'GetBucketLifecycleConfiguration',
  'S3.GetBucketNotification': 'GetBucketNotificationConfiguration',
  'S3.PutBucketLifecycle': 'PutBucketLifecycleConfiguration',
  'S3.PutBucketNotification': 'PutBucketNotificationConfiguration',
};

function syntheticRequest(model: ServiceModel, op: OperationModel): { method: string; path: string; rawQuery: string; headers: Record<string, string> } {
  const [pathPart, queryPart] = op.http.requestUri.split('?');
  const path = pathPart.replace(/\{([^}+]+)(\+)?\}/g, (_, name: string, greedy?: string) =>
    greedy ? `greedy/${name}/x%20y` : encodeURIComponent(`label-${name}:/`));
  const query: string[] = queryPart ? queryPart.split('&') : [];
  const headers: Record<string, string> = { host: 'localhost:4566' };
  const shape = model.inputShape(op);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const wire = ref.locationName ?? name;
    const type = model.shape(ref.shape).type;
    const sample = type === 'integer' || type === 'long' ? '1' : type === 'boolean' ? 'true' : 'v';
    if (ref.location === 'querystring' && type !== 'map') query.push(`${encodeURIComponent(wire)}=${sample}`);
    if (ref.location === 'header' && shape.required?.includes(name)) headers[wire.toLowerCase()] = sample;
  }
  return { method: op.http.method, path, rawQuery: query.join('&'), headers };
}

const REST_SERVICES = Object.entries(serviceCatalog()).filter(([, e]) => e.protocol === 'rest-json' || e.protocol === 'rest-xml').map(([name]) => name);

for (const service of REST_SERVICES) {
  test(`router: every ${service} operation routes to itself`, () => {
    const model = loadServiceModel(service);
    const router = routerFor(model);
    for (const op of model.operations.values()) {
      const req = syntheticRequest(model, op);
      const match = router.resolve(req.method, req.path, parseQuery(req.rawQuery), req.headers);
      const expected = TWINS[`${model.metadata.serviceId}.${op.name}`] ?? op.name;
      assert.equal(match?.op.name, expected, `${op.name}: ${req.method} ${req.path}?${req.rawQuery}`);
    }
  });
}

test('router: S3 precedence between operations sharing a path', () => {
  const model = loadServiceModel('s3');
  const router = routerFor(model);
  const route = (method: string, path: string, query = '', headers: Record<string, string> = {}) =>
    router.resolve(method, path, parseQuery(query), headers)?.op.name;
  assert.equal(route('GET', '/'), 'ListBuckets');
  assert.equal(route('GET', '/', 'max-directory-buckets=5'), 'ListDirectoryBuckets');
  assert.equal(route('GET', '/bucket'), 'ListObjects');
  assert.equal(route('GET', '/bucket/'), 'ListObjects');
  assert.equal(route('GET', '/bucket', 'list-type=2'), 'ListObjectsV2');
  assert.equal(route('GET', '/bucket', 'list-type=1'), 'ListObjects');
  assert.equal(route('GET', '/bucket', 'tagging'), 'GetBucketTagging');
  assert.equal(route('GET', '/bucket', 'tagging='), 'GetBucketTagging');
  assert.equal(route('GET', '/bucket', 'analytics'), 'ListBucketAnalyticsConfigurations');
  assert.equal(route('GET', '/bucket', 'analytics&id=a1'), 'GetBucketAnalyticsConfiguration');
  assert.equal(route('GET', '/bucket', 'unknown-subresource'), 'ListObjects');
  assert.equal(route('GET', '/bucket/key'), 'GetObject');
  assert.equal(route('GET', '/bucket/key', 'x-id=GetObject&versionId=3'), 'GetObject');
  assert.equal(route('GET', '/bucket/key', 'uploadId=u'), 'ListParts');
  assert.equal(route('GET', '/bucket/key', 'tagging'), 'GetObjectTagging');
  assert.equal(route('GET', '/bucket/dir/', 'acl'), 'GetObjectAcl');
  assert.equal(route('HEAD', '/bucket'), 'HeadBucket');
  assert.equal(route('HEAD', '/bucket/a/b'), 'HeadObject');
  assert.equal(route('PUT', '/bucket'), 'CreateBucket');
  assert.equal(route('PUT', '/bucket/key'), 'PutObject');
  assert.equal(route('PUT', '/bucket/key', '', { 'x-amz-copy-source': '/b/k' }), 'CopyObject');
  assert.equal(route('PUT', '/bucket/key', 'partNumber=1&uploadId=u'), 'UploadPart');
  assert.equal(route('PUT', '/bucket/key', 'partNumber=1&uploadId=u', { 'x-amz-copy-source': '/b/k' }), 'UploadPartCopy');
  assert.equal(route('PUT', '/bucket/key', 'renameObject', { 'x-amz-rename-source': '/b/k' }), 'RenameObject');
  assert.equal(route('POST', '/bucket/key', 'uploads'), 'CreateMultipartUpload');
  assert.equal(route('POST', '/bucket/key', 'uploadId=u'), 'CompleteMultipartUpload');
  assert.equal(route('POST', '/bucket/key', 'select&select-type=2'), 'SelectObjectContent');
  assert.equal(route('POST', '/bucket', 'delete'), 'DeleteObjects');
  assert.equal(route('DELETE', '/bucket/key'), 'DeleteObject');
  assert.equal(route('DELETE', '/bucket/key', 'uploadId=u'), 'AbortMultipartUpload');
  assert.equal(route('DELETE', '/bucket', 'tagging'), 'DeleteBucketTagging');
  assert.equal(route('PATCH', '/bucket/key'), undefined);
  assert.deepEqual(router.methodsFor('/bucket/key').sort(), ['DELETE', 'GET', 'HEAD', 'POST', 'PUT']);
});

test('router: literal segments beat labels; greedy labels span segments', () => {
  const hub = routerFor(loadServiceModel('securityhub'));
  const route = (method: string, path: string) => hub.resolve(method, path, new Map(), {});
  assert.equal(route('GET', '/automationrulesv2/list')?.op.name, 'ListAutomationRulesV2');
  assert.equal(route('GET', '/automationrulesv2/rule-1')?.op.name, 'GetAutomationRuleV2');
  const arn = 'arn:aws:securityhub:us-east-1:123456789012:insight/123456789012/custom/abc';
  const m = route('GET', `/insights/results/${arn.split('/').map(encodeURIComponent).join('/')}`);
  assert.equal(m?.op.name, 'GetInsightResults');
  assert.equal(m?.labels.InsightArn, arn);
  const control = routerFor(loadServiceModel('s3control'));
  const policy = control.resolve('GET', '/v20180820/mrap/instances/my-ap/policy', new Map(), { 'x-amz-account-id': '1' });
  assert.equal(policy?.op.name, 'GetMultiRegionAccessPointPolicy');
  assert.equal(policy?.labels.name, 'my-ap');
  const plain = control.resolve('GET', '/v20180820/mrap/instances/my-ap', new Map(), { 'x-amz-account-id': '1' });
  assert.equal(plain?.op.name, 'GetMultiRegionAccessPoint');
});

test('uri templates: labels decode; an encoded slash stays inside a plain label; empty labels do not match', () => {
  const t = compileTemplate('/tags/{ResourceArn}');
  assert.deepEqual(matchTemplate(t, splitPath('/tags/arn%3Aaws%3Ax%2Fy')), { ResourceArn: 'arn:aws:x/y' });
  assert.equal(matchTemplate(t, splitPath('/tags/a/b')), undefined);
  assert.equal(matchTemplate(t, splitPath('/tags/')), undefined);
  const greedy = compileTemplate('/{Bucket}/{Key+}');
  assert.deepEqual(matchTemplate(greedy, splitPath('/b/a//c/')), { Bucket: 'b', Key: 'a//c/' });
  assert.deepEqual(matchTemplate(greedy, splitPath('/b//')), { Bucket: 'b', Key: '/' });
  assert.deepEqual(matchTemplate(greedy, splitPath('/b/%E6%97%A5%20+x')), { Bucket: 'b', Key: '日 +x' });
  assert.equal(matchTemplate(greedy, splitPath('/b/')), undefined);
  assert.deepEqual(compileTemplate('/{Bucket}?select&select-type=2').queryLiterals, [['select', undefined], ['select-type', '2']]);
});
