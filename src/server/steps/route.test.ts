import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HttpRequest } from '../../protocol/http.js';
import { routeRequest } from './route.js';

function req(parts: Partial<HttpRequest> & { headers?: Record<string, string> }): HttpRequest {
  return { method: 'POST', path: '/', rawQuery: '', body: Buffer.alloc(0), sourceIp: '127.0.0.1', secure: false, ...parts, headers: { host: '127.0.0.1:4566', ...parts.headers } };
}

const auth = (service: string, region = 'eu-west-1') =>
  `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`;

test('X-Amz-Target names a JSON service, whatever the signature says', () => {
  assert.deepEqual(routeRequest(req({ headers: { 'x-amz-target': 'TrentService.Encrypt', authorization: auth('kms') } })), { service: 'kms', region: 'eu-west-1' });
  assert.equal(routeRequest(req({ headers: { 'x-amz-target': 'AmazonSSM.GetParameter' } })).service, 'ssm');
  assert.equal(routeRequest(req({ headers: { 'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents' } })).service, 'cloudtrail');
});

test('the SigV4 credential scope names the service and region (header and presigned forms)', () => {
  assert.deepEqual(routeRequest(req({ headers: { authorization: auth('sts', 'ap-south-1') } })), { service: 'sts', region: 'ap-south-1' });
  assert.equal(routeRequest(req({ headers: { authorization: auth('iam') } })).service, 'iam');
  assert.equal(routeRequest(req({ headers: { authorization: auth('guardduty') } })).service, 'guardduty');
  assert.equal(routeRequest(req({ headers: { authorization: auth('access-analyzer') } })).service, 'accessanalyzer');
  const presigned = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260101%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Signature=00';
  assert.deepEqual(routeRequest(req({ method: 'GET', path: '/bucket/key', rawQuery: presigned })), { service: 's3', region: 'us-west-2' });
});

test('signing name s3 is shared: S3 Control by its /v20180820/ path', () => {
  assert.equal(routeRequest(req({ path: '/v20180820/configuration/publicAccessBlock', headers: { authorization: auth('s3') } })).service, 's3control');
  assert.equal(routeRequest(req({ path: '/my-bucket', headers: { authorization: auth('s3') } })).service, 's3');
});

test('unsigned query requests by their API Version (e.g. STS AssumeRoleWithWebIdentity)', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  assert.equal(routeRequest(req({ headers: form, body: Buffer.from('Action=AssumeRoleWithWebIdentity&Version=2011-06-15') })).service, 'sts');
  assert.equal(routeRequest(req({ headers: form, body: Buffer.from('Action=ListUsers&Version=2010-05-08') })).service, 'iam');
  assert.equal(routeRequest(req({ method: 'GET', rawQuery: 'Action=DescribeInstances&Version=2016-11-15' })).service, 'ec2');
});

test('the Host name: service endpoints, and virtual-hosted buckets stay S3', () => {
  assert.deepEqual(routeRequest(req({ headers: { host: 'kms.us-west-2.amazonaws.com' } })), { service: 'kms', region: 'us-west-2' });
  assert.equal(routeRequest(req({ headers: { host: 'sts.localhost:4566' } })).service, 'sts');
  assert.equal(routeRequest(req({ method: 'GET', headers: { host: 'kms.s3.localhost.localstack.cloud:4566' } })).service, 's3');
});

test('anything else is S3, as on AWS S3 endpoints', () => {
  assert.equal(routeRequest(req({ method: 'GET', path: '/' })).service, 's3');
  assert.equal(routeRequest(req({ method: 'PUT', path: '/bucket/key' })).service, 's3');
});
