import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, type ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { jsonCodec } from './index.js';

/** Unit tests of the JSON codec's request side: target resolution and body parsing rules. */
const kms = loadServiceModel('kms');
const secrets = loadServiceModel('secretsmanager');
const cloudtrail = loadServiceModel('cloudtrail');
const ssm = loadServiceModel('ssm');
const cognito = loadServiceModel('cognito-idp');

function request(target: string | undefined, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): HttpRequest {
  const h: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', ...headers };
  if (target !== undefined) h['x-amz-target'] = target;
  return { method, path: '/', rawQuery: '', headers: h, body: Buffer.isBuffer(body) ? body : Buffer.from(body), sourceIp: '127.0.0.1', secure: false };
}

function parse(model: ServiceModel, opName: string, body: unknown): Record<string, unknown> {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const req = request(`${model.metadata.targetPrefix}.${opName}`, text);
  return jsonCodec.parseRequest(req, model, jsonCodec.resolveOperation(req, model));
}

function rejects(fn: () => unknown, code: string, status: number, message?: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AwsError, `not an AwsError: ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.status, status);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });
}

test('X-Amz-Target resolves operations, including both CloudTrail prefixes', () => {
  assert.equal(jsonCodec.resolveOperation(request('TrentService.Encrypt', '{}'), kms).name, 'Encrypt');
  assert.equal(jsonCodec.resolveOperation(request('CloudTrail_20131101.CreateTrail', '{}'), cloudtrail).name, 'CreateTrail');
  const full = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail';
  assert.equal(jsonCodec.resolveOperation(request(full, '{}'), cloudtrail).name, 'CreateTrail');
  for (const type of ['application/x-amz-json-1.0', 'application/json', 'application/x-amz-json-1.1; charset=utf-8']) {
    assert.equal(jsonCodec.resolveOperation(request('TrentService.Encrypt', '{}', { 'content-type': type }), kms).name, 'Encrypt');
  }
  const bare = request('TrentService.ListKeys', '{}');
  delete bare.headers['content-type'];
  assert.equal(jsonCodec.resolveOperation(bare, kms).name, 'ListKeys');
});

test('unknown targets are UnknownOperationException: 400 when named, 404 when undispatchable', () => {
  rejects(() => jsonCodec.resolveOperation(request('TrentService.Nope', '{}'), kms), 'UnknownOperationException', 400, /Nope/);
  rejects(() => jsonCodec.resolveOperation(request('TrentService.encrypt', '{}'), kms), 'UnknownOperationException', 400);
  rejects(() => jsonCodec.resolveOperation(request('secretsmanager.Encrypt', '{}'), kms), 'UnknownOperationException', 400);
  rejects(() => jsonCodec.resolveOperation(request('Encrypt', '{}'), kms), 'UnknownOperationException', 400);
  rejects(() => jsonCodec.resolveOperation(request(undefined, '{}'), kms), 'UnknownOperationException', 404);
  rejects(() => jsonCodec.resolveOperation(request('TrentService.Encrypt', '{}', {}, 'GET'), kms), 'UnknownOperationException', 404);
  for (const type of ['application/x-www-form-urlencoded', 'text/xml', 'application/octet-stream']) {
    rejects(() => jsonCodec.resolveOperation(request('TrentService.Encrypt', '{}', { 'content-type': type }), kms), 'UnknownOperationException', 404);
  }
});

test('empty, blank and null bodies read as no input; malformed JSON is a SerializationException', () => {
  assert.deepEqual(parse(kms, 'ListKeys', ''), {});
  assert.deepEqual(parse(kms, 'ListKeys', ' \n\t'), {});
  assert.deepEqual(parse(kms, 'ListKeys', 'null'), {});
  for (const bad of ['{', '{"Limit":}', "{'Limit':1}", '{"Limit":1,}', '\ufeff{}', '{"a":"\\x"}', 'nul']) {
    rejects(() => parse(kms, 'ListKeys', bad), 'SerializationException', 400, /^Malformed JSON request body/);
  }
  rejects(() => parse(kms, 'ListKeys', '[]'), 'SerializationException', 400, 'Start of list found where not expected');
  rejects(() => parse(kms, 'ListKeys', '"x"'), 'SerializationException', 400, 'Expected null');
  rejects(() => parse(kms, 'ListKeys', '12'), 'SerializationException', 400, 'Expected null');
});

test('scalar type mismatches are worded as AWS words them', () => {
  const cases: [unknown, string][] = [
    [{ KeyId: 5 }, 'NUMBER_VALUE can not be converted to a String'],
    [{ KeyId: true }, 'TRUE_VALUE can not be converted to a String'],
    [{ KeyId: false }, 'FALSE_VALUE can not be converted to a String'],
    [{ KeyId: {} }, 'Start of structure or map found where not expected.'],
    [{ KeyId: [] }, 'Start of list found where not expected'],
    [{ DryRun: 'true' }, 'STRING_VALUE can not be converted to a Boolean'],
    [{ DryRun: 1 }, 'NUMBER_VALUE can not be converted to a Boolean'],
    [{ Plaintext: 7 }, 'NUMBER_VALUE can not be converted to a Blob'],
  ];
  for (const [body, message] of cases) rejects(() => parse(kms, 'Encrypt', body), 'SerializationException', 400, message);
  rejects(() => parse(kms, 'GenerateRandom', { NumberOfBytes: '32' }), 'SerializationException', 400, 'STRING_VALUE can not be converted to an Integer');
  rejects(() => parse(kms, 'GenerateRandom', { NumberOfBytes: 2147483648 }), 'SerializationException', 400, 'NUMBER_VALUE can not be converted to an Integer');
  rejects(() => parse(kms, 'GenerateRandom', '{"NumberOfBytes":1e400}'), 'SerializationException', 400);
  rejects(() => parse(secrets, 'DeleteSecret', { SecretId: 'x', RecoveryWindowInDays: true }), 'SerializationException', 400, 'TRUE_VALUE can not be converted to a Long');
});

test('integers truncate fractions; longs keep large values', () => {
  assert.deepEqual(parse(kms, 'GenerateRandom', { NumberOfBytes: 32.9 }), { NumberOfBytes: 32 });
  assert.deepEqual(parse(kms, 'GenerateRandom', { NumberOfBytes: -0.5 }), { NumberOfBytes: 0 });
  assert.deepEqual(parse(secrets, 'DeleteSecret', { SecretId: 'x', RecoveryWindowInDays: 9007199254740991 }), { SecretId: 'x', RecoveryWindowInDays: 9007199254740991 });
});

test('timestamps are epoch seconds (fractions kept); ISO and numeric strings are accepted leniently', () => {
  const ct = (v: unknown) => parse(cloudtrail, 'LookupEvents', { StartTime: v }).StartTime as Date;
  assert.equal(ct(1705314600).toISOString(), '2024-01-15T10:30:00.000Z');
  assert.equal(ct(1705314600.25).toISOString(), '2024-01-15T10:30:00.250Z');
  assert.equal(ct('1705314600').toISOString(), '2024-01-15T10:30:00.000Z');
  assert.equal(ct('2024-01-15T10:30:00Z').toISOString(), '2024-01-15T10:30:00.000Z');
  assert.ok(ct(0) instanceof Date);
  rejects(() => ct('yesterday'), 'SerializationException', 400, "'yesterday' can not be converted to a Timestamp");
  rejects(() => ct(true), 'SerializationException', 400, 'TRUE_VALUE can not be converted to a Timestamp');
  rejects(() => ct(1e300), 'SerializationException', 400);
  rejects(() => ct({}), 'SerializationException', 400, 'Start of structure or map found where not expected.');
});

test('blobs are padded standard base64', () => {
  const out = parse(kms, 'Encrypt', { KeyId: 'k', Plaintext: Buffer.from([0, 255, 1, 128]).toString('base64') });
  assert.ok(Buffer.isBuffer(out.Plaintext));
  assert.deepEqual([...(out.Plaintext as Buffer)], [0, 255, 1, 128]);
  assert.equal((parse(kms, 'Encrypt', { Plaintext: '' }).Plaintext as Buffer).length, 0);
  rejects(() => parse(kms, 'Encrypt', { Plaintext: 'abc' }), 'SerializationException', 400,
    "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3");
  rejects(() => parse(kms, 'Encrypt', { Plaintext: 'ab!=' }), 'SerializationException', 400, /Invalid Base64 character: '!'/);
  rejects(() => parse(kms, 'Encrypt', { Plaintext: 'a-_b' }), 'SerializationException', 400, /Invalid Base64 character: '-'/);
  rejects(() => parse(kms, 'Encrypt', { Plaintext: 'x'.repeat(401) }), 'SerializationException', 400, /^'x{61}\.\.\.' can not/);
});

test('lists: empty kept, nulls dropped, wrong shapes rejected', () => {
  assert.deepEqual(parse(kms, 'Encrypt', { GrantTokens: [] }), { GrantTokens: [] });
  assert.deepEqual(parse(kms, 'Encrypt', { GrantTokens: ['a', null, 'b'] }), { GrantTokens: ['a', 'b'] });
  rejects(() => parse(kms, 'Encrypt', { GrantTokens: 'a' }), 'SerializationException', 400, 'Expected list or null');
  rejects(() => parse(kms, 'Encrypt', { GrantTokens: {} }), 'SerializationException', 400, 'Start of structure or map found where not expected.');
  rejects(() => parse(kms, 'Encrypt', { GrantTokens: [1] }), 'SerializationException', 400, 'NUMBER_VALUE can not be converted to a String');
});

test('maps: empty kept, __proto__ is an ordinary key, wrong shapes rejected', () => {
  assert.deepEqual(parse(kms, 'Encrypt', { EncryptionContext: {} }), { EncryptionContext: {} });
  const ctx = parse(kms, 'Encrypt', '{"EncryptionContext":{"__proto__":"p","a":"1","n":null}}').EncryptionContext as Record<string, unknown>;
  assert.deepEqual(Object.keys(ctx), ['__proto__', 'a']);
  assert.equal(Object.getPrototypeOf(ctx), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(ctx, '__proto__')?.value, 'p');
  rejects(() => parse(kms, 'Encrypt', { EncryptionContext: [] }), 'SerializationException', 400, 'Start of list found where not expected');
  rejects(() => parse(kms, 'Encrypt', { EncryptionContext: 'a=b' }), 'SerializationException', 400, 'Expected map or null');
  rejects(() => parse(kms, 'Encrypt', { EncryptionContext: { a: 1 } }), 'SerializationException', 400, 'NUMBER_VALUE can not be converted to a String');
});

test('nested structures; unknown and null members are ignored at every level', () => {
  const out = parse(secrets, 'CreateSecret', {
    Name: 'n', Bogus: 1, __type: 'x', Description: null,
    Tags: [{ Key: 'k', Value: 'v', Extra: [1, 2] }],
    AddReplicaRegions: [{ Region: 'eu-west-1' }],
  });
  assert.deepEqual(out, { Name: 'n', Tags: [{ Key: 'k', Value: 'v' }], AddReplicaRegions: [{ Region: 'eu-west-1' }] });
  rejects(() => parse(secrets, 'CreateSecret', { Tags: [{ Key: ['k'] }] }), 'SerializationException', 400, 'Start of list found where not expected');
  rejects(() => parse(secrets, 'CreateSecret', { Tags: ['k'] }), 'SerializationException', 400, 'Expected null');
});

test('strings keep unicode, escapes and special characters exactly', () => {
  const raw = '{"SecretId":"s","SecretString":"caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\n\\t\\u0000 <&>  \\u2028"}';
  const out = parse(secrets, 'PutSecretValue', raw);
  assert.equal(out.SecretString, 'café 😀 "q" \\ \n\t\u0000 <&>  \u2028');
  const utf8 = parse(secrets, 'PutSecretValue', Buffer.from('{"SecretId":"ключ-秘密-🔑"}'));
  assert.equal(utf8.SecretId, 'ключ-秘密-🔑');
});

test('documents pass through as any JSON value', () => {
  const credential = { id: 'abc', nested: [1, 'two', { three: null }], flag: true };
  assert.deepEqual(parse(cognito, 'CompleteWebAuthnRegistration', { AccessToken: 't', Credential: credential }).Credential, credential);
  assert.equal(parse(cognito, 'CompleteWebAuthnRegistration', { Credential: 'plain' }).Credential, 'plain');
});

test('recursive shapes parse to a sane depth and reject absurd nesting', () => {
  const nest = (n: number): unknown => (n === 0 ? { Expression: 'x' } : { Aggregators: [nest(n - 1)] });
  const ok = parse(ssm, 'GetInventory', { Aggregators: [nest(10)] });
  assert.equal(JSON.stringify(ok).split('Aggregators').length - 1, 11);
  rejects(() => parse(ssm, 'GetInventory', { Aggregators: [nest(200)] }), 'SerializationException', 400, 'Request nesting is too deep.');
});
