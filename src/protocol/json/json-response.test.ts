import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, ServiceModel, type ServiceTable } from '../../models/index.js';
import type { HttpResponse } from '../http.js';
import { sdkResponse } from '../../../test/support/sdk-harness.js';
import { jsonCodec } from './index.js';

/** Unit tests of the JSON codec's response side: output bodies, error bodies, headers, statuses. */
const kms = loadServiceModel('kms');
const secrets = loadServiceModel('secretsmanager');
const cloudtrail = loadServiceModel('cloudtrail');
const ctx = { requestId: 'req-123' };

/** A small awsJson1_0 service exercising rules the real models here do not. */
const synthetic = new ServiceModel('synthetic', {
  metadata: { apiVersion: '2024-01-01', protocol: 'json', jsonVersion: '1.0', targetPrefix: 'Synth_20240101', signingName: 'synth', endpointPrefix: 'synth', serviceId: 'Synth' },
  operationCount: 1,
  operations: { Get: { name: 'Get', http: { method: 'POST', requestUri: '/' }, output: { shape: 'GetOutput' }, errors: [{ shape: 'Gone' }, { shape: 'Broken' }] } },
  shapes: {
    GetOutput: { type: 'structure', members: { Iso: { shape: 'Time', timestampFormat: 'iso8601' }, Epoch: { shape: 'Time' }, Ratio: { shape: 'Ratio' }, Count: { shape: 'Count' } } },
    Time: { type: 'timestamp' },
    Ratio: { type: 'double' },
    Count: { type: 'integer' },
    Gone: { type: 'structure', members: { message: { shape: 'Text' }, When: { shape: 'Time' } }, exception: true, error: { code: 'ResourceGone', httpStatusCode: 410, senderFault: true } },
    Broken: { type: 'structure', members: {}, exception: true, fault: true },
    Text: { type: 'string' },
  },
} as ServiceTable);

function body(res: HttpResponse): Record<string, unknown> {
  return JSON.parse(String(res.body)) as Record<string, unknown>;
}

test('success responses: status, content type per jsonVersion, request id, {} for no output', () => {
  const res = jsonCodec.serializeResponse(kms, kms.operation('DeleteAlias')!, {}, ctx);
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/x-amz-json-1.1');
  assert.equal(res.headers['x-amzn-requestid'], 'req-123');
  assert.equal(res.body, '{}');
  const v10 = jsonCodec.serializeResponse(synthetic, synthetic.operation('Get')!, {}, ctx);
  assert.equal(v10.headers['content-type'], 'application/x-amz-json-1.0');
  assert.equal(v10.body, '{}');
});

test('output members: absent, null and unmodelled members are left out; blobs are base64', () => {
  const res = jsonCodec.serializeResponse(kms, kms.operation('Encrypt')!, {
    KeyId: 'arn:key', CiphertextBlob: new Uint8Array([1, 2, 3]), EncryptionAlgorithm: null, Secret: 'internal', Extra: undefined,
  }, ctx);
  assert.deepEqual(body(res), { KeyId: 'arn:key', CiphertextBlob: 'AQID' });
  const subarray = Buffer.from([9, 1, 2, 3, 9]).subarray(1, 4);
  assert.equal(body(jsonCodec.serializeResponse(kms, kms.operation('Encrypt')!, { CiphertextBlob: subarray }, ctx)).CiphertextBlob, 'AQID');
});

test('timestamps: Date, epoch seconds or ISO string from a handler; epoch seconds or the member format on the wire', () => {
  const op = secrets.operation('DescribeSecret')!;
  const when = Date.UTC(2024, 0, 15, 10, 30, 0, 250);
  for (const v of [new Date(when), when / 1000, '2024-01-15T10:30:00.250Z']) {
    assert.equal(body(jsonCodec.serializeResponse(secrets, op, { CreatedDate: v }, ctx)).CreatedDate, 1705314600.25);
  }
  const out = body(jsonCodec.serializeResponse(synthetic, synthetic.operation('Get')!, { Iso: new Date(when), Epoch: new Date(when) }, ctx));
  assert.deepEqual(out, { Iso: '2024-01-15T10:30:00.250Z', Epoch: 1705314600.25 });
});

test('numbers: non-finite floats become "NaN"/"Infinity" strings that the SDK reads back', async () => {
  const out = body(jsonCodec.serializeResponse(synthetic, synthetic.operation('Get')!, { Ratio: NaN, Count: 7.9 }, ctx));
  assert.deepEqual(out, { Ratio: 'NaN', Count: 7 });
  const op = cloudtrail.operation('SearchSampleQueries')!;
  const res = jsonCodec.serializeResponse(cloudtrail, op, { SearchResults: [{ Name: 'a', Relevance: Infinity }, { Name: 'b', Relevance: -Infinity }, { Relevance: NaN }] }, ctx);
  const { output } = await sdkResponse('cloudtrail', 'SearchSampleQueries', { SearchPhrase: 'x' }, res);
  const results = output?.SearchResults as { Relevance: number }[];
  assert.deepEqual(results.map((r) => r.Relevance), [Infinity, -Infinity, NaN]);
});

test('maps and lists in output: Map instances, __proto__ keys and empty collections', () => {
  const op = kms.operation('ListResourceTags')!;
  assert.deepEqual(body(jsonCodec.serializeResponse(kms, op, { Tags: [] }, ctx)), { Tags: [] });
  const sm = secrets.operation('GetSecretValue')!;
  assert.deepEqual(body(jsonCodec.serializeResponse(secrets, sm, { VersionStages: ['AWSCURRENT', null] }, ctx)), { VersionStages: ['AWSCURRENT'] });
  const dk = kms.operation('GetParametersForImport')!;
  assert.deepEqual(body(jsonCodec.serializeResponse(kms, dk, { ImportToken: 'hello' }, ctx)), { ImportToken: 'aGVsbG8=' });
});

test('error bodies: __type, the model\'s message key, request id and error type headers', () => {
  const res = jsonCodec.serializeError(kms, kms.operation('Encrypt'), new AwsError('NotFoundException', 'Key not found'), ctx);
  assert.equal(res.status, 400);
  assert.deepEqual(body(res), { __type: 'NotFoundException', message: 'Key not found' });
  assert.equal(res.headers['x-amzn-requestid'], 'req-123');
  assert.equal(res.headers['x-amzn-errortype'], 'NotFoundException');
  assert.equal(res.headers['content-type'], 'application/x-amz-json-1.1');
  const sm = jsonCodec.serializeError(secrets, undefined, new AwsError('ResourceNotFoundException', 'gone'), ctx);
  assert.deepEqual(body(sm), { __type: 'ResourceNotFoundException', Message: 'gone' });
  const noMessage = jsonCodec.serializeError(kms, undefined, new AwsError('InternalFailure', '', { status: 500 }), ctx);
  assert.deepEqual(body(noMessage), { __type: 'InternalFailure' });
  assert.equal(noMessage.status, 500);
});

test('error status: the shape\'s httpStatusCode or fault, unless the AwsError sets its own', () => {
  assert.equal(jsonCodec.serializeError(kms, undefined, new AwsError('DependencyTimeoutException', 'slow'), ctx).status, 500);
  assert.equal(jsonCodec.serializeError(kms, undefined, new AwsError('ThrottlingException', 'slow down', { status: 429 }), ctx).status, 429);
  const gone = jsonCodec.serializeError(synthetic, undefined, new AwsError('ResourceGone', 'bye', { fields: { When: new Date(0), Junk: 1 } }), ctx);
  assert.equal(gone.status, 410);
  assert.deepEqual(body(gone), { __type: 'ResourceGone', message: 'bye', When: 0 });
  assert.equal(jsonCodec.serializeError(synthetic, undefined, new AwsError('Broken', 'oops'), ctx).status, 500);
  const extra = jsonCodec.serializeError(kms, undefined, new AwsError('AccessDeniedException', 'no', { headers: { 'X-Extra': 'y' }, fields: { At: new Date(1000), Raw: Buffer.from('hi') } }), ctx);
  assert.equal(extra.headers['x-extra'], 'y');
  assert.deepEqual(body(extra), { __type: 'AccessDeniedException', message: 'no', At: 1, Raw: 'aGk=' });
});

test('validationError is a 400 ValidationException with the AWS-worded message', () => {
  const err = jsonCodec.validationError(["Value null at 'keyId' failed to satisfy constraint: Member must not be null"]);
  assert.equal(err.code, 'ValidationException');
  assert.equal(err.status, 400);
  assert.equal(err.message, "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
});

test('the SDK reads our protocol errors and also namespaced __type values', async () => {
  const input = { KeyId: 'k', Plaintext: new Uint8Array([1]) };
  for (const code of ['SerializationException', 'UnknownOperationException', 'ValidationException']) {
    const res = jsonCodec.serializeError(kms, undefined, new AwsError(code, `m-${code}`, { status: code === 'UnknownOperationException' ? 404 : 400 }), ctx);
    const { error } = await sdkResponse('kms', 'Encrypt', input, res);
    assert.equal(error.name, code);
    assert.equal(error.message, `m-${code}`);
    assert.equal(error.$metadata.requestId, 'req-123');
  }
  for (const type of ['com.amazonaws.kms#NotFoundException', 'NotFoundException:http://internal.amazon.com/coral/com.amazonaws.kms/']) {
    const res: HttpResponse = { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r' }, body: JSON.stringify({ __type: type, message: 'm' }) };
    const { error } = await sdkResponse('kms', 'Encrypt', input, res);
    assert.equal(error.name, 'NotFoundException');
    assert.equal(error.constructor.name, 'NotFoundException');
  }
});
