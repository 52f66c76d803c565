import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { sdkResponse } from '../../../test/support/sdk-harness.js';
import { restJsonCodec } from './index.js';

/**
 * rest-json errors: the wire shape per service family, the protocol's own errors (malformed
 * JSON, wrong types, unknown routes, validation), and what the SDK makes of them.
 */
const guardduty = loadServiceModel('guardduty');
const securityhub = loadServiceModel('securityhub');
const analyzer = loadServiceModel('accessanalyzer');

function req(method: string, path: string, body = ''): HttpRequest {
  return { method, path, rawQuery: '', headers: { 'content-type': 'application/json' }, body: Buffer.from(body), sourceIp: '', secure: false };
}

test('GuardDuty errors: x-amzn-ErrorType, {"message", "__type"}', () => {
  const res = restJsonCodec.serializeError(guardduty, guardduty.operation('GetDetector'), new AwsError('BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.'), { requestId: 'R1' });
  assert.equal(res.status, 400);
  assert.equal(res.headers['x-amzn-errortype'], 'BadRequestException');
  assert.equal(res.headers['x-amzn-requestid'], 'R1');
  assert.equal(res.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(String(res.body)), { message: 'The request is rejected because the input detectorId is not owned by the current account.', __type: 'InvalidInputException' });
});

test('Security Hub errors: {"Code", "Message"} from the modelled members', () => {
  const res = restJsonCodec.serializeError(securityhub, undefined, new AwsError('InvalidAccessException', 'Account 123456789012 is not subscribed to AWS Security Hub', { status: 401 }), { requestId: 'R2' });
  assert.equal(res.status, 401);
  assert.deepEqual(JSON.parse(String(res.body)), { Message: 'Account 123456789012 is not subscribed to AWS Security Hub', Code: 'InvalidAccessException' });
});

test('unmodelled errors carry "message" and their fields; error headers pass through', async () => {
  const res = restJsonCodec.serializeError(analyzer, undefined, new AwsError('ThrottlingException', 'Rate exceeded', { status: 429, headers: { 'Retry-After': '3' } }), { requestId: 'R3' });
  assert.deepEqual(JSON.parse(String(res.body)), { message: 'Rate exceeded' });
  assert.equal(res.headers['retry-after'], '3');
  const { error } = await sdkResponse('securityhub', 'DescribeHub', {}, restJsonCodec.serializeError(securityhub, undefined, new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 403 }), { requestId: 'R4' }));
  assert.equal(error.name, 'UnrecognizedClientException');
  assert.equal(error.message, 'The security token included in the request is invalid.');
  assert.equal(error.$metadata.requestId, 'R4');
});

test('malformed JSON and wrong JSON types', () => {
  const create = (model: typeof guardduty, path: string, body: string) => {
    const r = req('POST', path, body);
    return () => restJsonCodec.parseRequest(r, model, restJsonCodec.resolveOperation(r, model));
  };
  assert.throws(create(guardduty, '/detector', '{"enable": tru'), { code: 'BadRequestException', message: 'The request is rejected because the JSON could not be processed.', status: 400 });
  assert.throws(create(guardduty, '/detector', '{"enable": "yes"}'), { code: 'BadRequestException', status: 400 });
  assert.throws(create(securityhub, '/insights', '{"Name": 5}'), { code: 'SerializationException', message: 'NUMBER_VALUE can not be converted to a String', status: 400 });
  assert.throws(create(securityhub, '/insights', '[1]'), { code: 'SerializationException', message: 'Start of list found where not expected', status: 400 });
  assert.throws(create(securityhub, '/insights', '{"Filters": []}'), { code: 'SerializationException', status: 400 });
  // Unknown members are ignored; an empty or whitespace body is no members; null is absent.
  assert.deepEqual(create(securityhub, '/insights', '{"Bogus": {"a": [1]}, "Name": null}')(), {});
  assert.deepEqual(create(securityhub, '/insights', '  ')(), {});
});

test('unknown routes: API Gateway\'s 403 for GuardDuty and Security Hub, 404 UnknownOperationException elsewhere', () => {
  for (const model of [guardduty, securityhub]) {
    assert.throws(() => restJsonCodec.resolveOperation(req('GET', '/no/such/route'), model), { code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token', status: 403 });
  }
  assert.throws(() => restJsonCodec.resolveOperation(req('GET', '/no/such/route'), analyzer), { code: 'UnknownOperationException', status: 404 });
  assert.throws(() => restJsonCodec.resolveOperation(req('PUT', '/detector'), guardduty), { code: 'MissingAuthenticationTokenException' });
});

test('validation errors per service family', () => {
  const violations = ["Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"];
  const codec = restJsonCodec as typeof restJsonCodec & { validationError(v: string[], m?: unknown): AwsError };
  const gd = codec.validationError(violations, guardduty);
  assert.equal(gd.code, 'BadRequestException');
  assert.equal(gd.message, 'The request is rejected because the parameter maxResults has an invalid value.');
  assert.equal(JSON.parse(String(restJsonCodec.serializeError(guardduty, undefined, gd, { requestId: 'R' }).body)).__type, 'InvalidInputException');
  const hub = codec.validationError(violations, securityhub);
  assert.equal(hub.code, 'InvalidInputException');
  assert.equal(hub.message, `1 validation error detected: ${violations[0]}`);
  assert.equal(codec.validationError(violations, analyzer).code, 'ValidationException');
  assert.equal(codec.validationError(violations).code, 'ValidationException');
});
