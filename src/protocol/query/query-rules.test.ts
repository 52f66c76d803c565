import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel } from '../../models/index.js';
import { botocoreOracle, botocoreUnavailable } from '../../../test/support/botocore-oracle.js';
import { canonical } from '../../../test/support/compare.js';
import { errorOf } from '../../../test/support/errors.js';
import { sdkRequest, sdkResponse } from '../../../test/support/sdk-harness.js';
import { queryCodec } from './index.js';
import { formBody, formPost, queryGet } from './testing/requests.js';
import { syntheticModel, syntheticTable, syntheticValue } from './testing/synthetic-model.js';

/** The query protocol's serialization rules, on a synthetic model that uses all of them. */
const model = syntheticModel('query');
const echo = model.operation('Echo')!;
const ctx = { requestId: 'req-42' };

function parse(params: Record<string, string>): Record<string, unknown> {
  const req = formPost(formBody({ Action: 'Echo', Version: '2020-01-01', Name: 'n', ...params }));
  return queryCodec.parseRequest(req, model, queryCodec.resolveOperation(req, model));
}

test('botocore serializes every rule the way we parse it (special characters, unicode, all types)', { skip: botocoreUnavailable() }, () => {
  const value = syntheticValue();
  const [result] = botocoreOracle([{ op: 'Echo', input: value }], syntheticTable('query'));
  assert.equal(result.failure, undefined);
  const body = result.request!.body;
  for (const name of ['Wrapped.member.1=', 'WrappedNamed.Item.1=', 'Flat.1=', 'Entry.1=', 'Attrs.entry.1.key=', 'FlatAttrs.1.Name=', 'otherName=']) {
    assert.ok(body.includes(name), `botocore sent ${name}`);
  }
  const req = formPost(body);
  assert.deepEqual(canonical(queryCodec.parseRequest(req, model, queryCodec.resolveOperation(req, model))), canonical(value));
});

test('botocore parses our response and our modelled error with its extra member', { skip: botocoreUnavailable() }, () => {
  const value = syntheticValue();
  const response = queryCodec.serializeResponse(model, echo, value, ctx);
  const conflict = new AwsError('ConflictException', 'busy & <locked>', { fields: { ResourceId: 'r-1', Unmodelled: 'x' } });
  const error = queryCodec.serializeError(model, echo, conflict, ctx);
  assert.equal(error.status, 409);
  const [ok, failed] = botocoreOracle([{ op: 'Echo', response }, { op: 'Echo', response: error }], syntheticTable('query'));
  assert.deepEqual([ok.failure, failed.failure], [undefined, undefined]);
  const parsed = { ...ok.parsed };
  assert.equal((parsed.ResponseMetadata as Record<string, unknown>).RequestId, 'req-42');
  delete parsed.ResponseMetadata;
  assert.deepEqual(canonical(parsed), canonical(value));
  assert.deepEqual(failed.parsed?.Error, { Type: 'Sender', Code: 'Conflict', Message: 'busy & <locked>', ResourceId: 'r-1' });
});

test('list rules: wrapped, named, flattened, gaps in the numbering, empty list', () => {
  const input = parse({
    'Wrapped.member.3': 'c', 'Wrapped.member.1': 'a', 'Wrapped.member.x': 'ignored',
    'WrappedNamed.Item.1': 'i', 'Flat.2': 'f2', 'Flat.1': 'f1', 'Entry.1': 'e', 'NestedList.item.1.label': 'l',
  });
  assert.deepEqual(input.Wrapped, ['a', 'c']);
  assert.deepEqual(input.WrappedNamed, ['i']);
  assert.deepEqual(input.Flat, ['f1', 'f2']);
  assert.deepEqual(input.FlatNamed, ['e']);
  assert.deepEqual(input.NestedList, [{ Label: 'l' }]);
  assert.deepEqual(parse({ Wrapped: '', Flat: '', Attrs: '' }), { Name: 'n', Wrapped: [], Flat: [], Attrs: {} });
});

test('map rules: entry/key/value, flattened with renamed key and value, __proto__ keys stay data', () => {
  const input = parse({
    'Attrs.entry.1.key': 'k1', 'Attrs.entry.1.value': 'v1', 'Attrs.entry.2.key': '__proto__', 'Attrs.entry.2.value': 'p',
    'FlatAttrs.1.Name': 'a', 'FlatAttrs.1.Val': '7',
  });
  assert.deepEqual(Object.entries(input.Attrs as object), [['k1', 'v1'], ['__proto__', 'p']]);
  assert.equal(Object.getPrototypeOf(input.Attrs), Object.prototype);
  assert.deepEqual(input.FlatAttrs, { a: 7 });
});

test('scalars: numbers, booleans, blobs and timestamps in any of the three formats', () => {
  const input = parse({ Count: '-12', Big: '9007199254740993', Ratio: '-1.5e3', Flag: 'true', Data: 'AAEC/f7/', When: '2024-01-15T10:30:01.5Z', WhenEpoch: '1705314601' });
  assert.deepEqual(canonical(input), canonical({
    Name: 'n', Count: -12, Big: 9007199254740992, Ratio: -1500, Flag: true, Data: Buffer.from([0, 1, 2, 253, 254, 255]),
    When: new Date('2024-01-15T10:30:01.500Z'), WhenEpoch: new Date('2024-01-15T10:30:01Z'),
  }));
  assert.deepEqual(parse({ When: 'Mon, 15 Jan 2024 10:30:01 GMT' }).When, new Date('2024-01-15T10:30:01Z'));
  assert.deepEqual(parse({ Ratio: 'NaN' }).Ratio, NaN);
});

test('GET and presigned requests: parameters from the query string, X-Amz-* auth parameters ignored', () => {
  const req = queryGet('Action=Echo&Version=2020-01-01&Name=a%20b&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc&X-Amz-Date=20240101T000000Z');
  const op = queryCodec.resolveOperation(req, model);
  assert.deepEqual(queryCodec.parseRequest(req, model, op), { Name: 'a b' });
  // A '+' in a form body is a space; an encoded %2B is a plus.
  assert.equal(parse({}).Name, 'n');
  const plus = formPost('Action=Echo&Name=a+b%2Bc');
  assert.equal(queryCodec.parseRequest(plus, model, echo).Name, 'a b+c');
});

test('unknown, missing and wrongly versioned actions', () => {
  const missing = errorOf(() => queryCodec.resolveOperation(formPost('Version=2020-01-01&Name=x'), model));
  assert.deepEqual([missing.code, missing.status, missing.message], ['MissingAction', 400, 'Missing Action']);
  const unknown = errorOf(() => queryCodec.resolveOperation(formPost('Action=Nope&Version=2020-01-01'), model));
  assert.deepEqual([unknown.code, unknown.status, unknown.message], ['InvalidAction', 400, 'Could not find operation Nope for version 2020-01-01']);
  const version = errorOf(() => queryCodec.resolveOperation(formPost('Action=Echo&Version=2011-01-01'), model));
  assert.deepEqual([version.code, version.message], ['InvalidAction', 'Could not find operation Echo for version 2011-01-01']);
  assert.equal(queryCodec.resolveOperation(formPost('Action=Echo'), model).name, 'Echo', 'Version is optional');
});

test('malformed values are ValidationErrors naming the member', () => {
  const cases: [Record<string, string>, string][] = [
    [{ Count: 'abc' }, "Value 'abc' at 'count' failed to satisfy constraint: Member must be a 32-bit integer"],
    [{ Count: '2147483648' }, "Value '2147483648' at 'count' failed to satisfy constraint: Member must be a 32-bit integer"],
    [{ Flag: 'yes' }, "Value 'yes' at 'flag' failed to satisfy constraint: Member must be 'true' or 'false'"],
    [{ Data: 'not base64!' }, "Value 'not base64!' at 'data' failed to satisfy constraint: Member must be base64-encoded"],
    [{ When: 'yesterday' }, "Value 'yesterday' at 'when' failed to satisfy constraint: Member must be an ISO 8601 timestamp"],
    [{ 'Nested.Inner.Depth': '1.5' }, "Value '1.5' at 'nested.inner.depth' failed to satisfy constraint: Member must be a 32-bit integer"],
    [{ 'FlatAttrs.1.Name': 'k', 'FlatAttrs.1.Val': 'x' }, "Value 'x' at 'flatAttrs.k.value' failed to satisfy constraint: Member must be a 32-bit integer"],
  ];
  for (const [params, violation] of cases) {
    const err = errorOf(() => parse(params));
    assert.deepEqual([err.code, err.status, err.fault, err.message], ['ValidationError', 400, 'Sender', `1 validation error detected: ${violation}`]);
  }
  const invalid = queryCodec.validationError(['a', 'b']);
  assert.deepEqual([invalid.code, invalid.status, invalid.message], ['ValidationError', 400, '2 validation errors detected: a; b']);
});

test('response document: namespace, Result wrapper, wrapped and flattened XML, escaping', () => {
  const body = String(queryCodec.serializeResponse(model, echo, {
    Name: '<&>"\'', Wrapped: ['a'], FlatNamed: ['e1', 'e2'], FlatAttrs: { k: 1 }, Attrs: { x: 'y' }, Ratio: Infinity, Count: undefined,
    WhenEpoch: 1705314601, When: '2024-01-15T10:30:01Z',
  }, ctx).body);
  assert.ok(body.startsWith('<EchoResponse xmlns="https://synth.amazonaws.com/doc/2020-01-01/"><EchoResult>'));
  assert.ok(body.endsWith('</EchoResult><ResponseMetadata><RequestId>req-42</RequestId></ResponseMetadata></EchoResponse>'));
  for (const part of [
    '<Name>&lt;&amp;&gt;&quot;&apos;</Name>', '<Wrapped><member>a</member></Wrapped>', '<Entry>e1</Entry><Entry>e2</Entry>',
    '<FlatAttrs><Name>k</Name><Val>1</Val></FlatAttrs>', '<Attrs><entry><key>x</key><value>y</value></entry></Attrs>',
    '<Ratio>Infinity</Ratio>', '<WhenEpoch>1705314601</WhenEpoch>', '<When>2024-01-15T10:30:01Z</When>',
  ]) assert.ok(body.includes(part), `${part} in ${body}`);
  assert.ok(!body.includes('<Count>'));
  const ping = queryCodec.serializeResponse(model, model.operation('Ping')!, {}, ctx);
  assert.equal(ping.body, '<PingResponse xmlns="https://synth.amazonaws.com/doc/2020-01-01/"><ResponseMetadata><RequestId>req-42</RequestId></ResponseMetadata></PingResponse>');
  assert.deepEqual(ping.headers, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-42' });
});

test('error document: Type from the fault, unmodelled codes kept as thrown, extra headers', () => {
  const res = queryCodec.serializeError(model, undefined, new AwsError('InternalFailure', 'oops', { status: 500, headers: { 'retry-after': '1' } }), ctx);
  assert.equal(res.status, 500);
  assert.equal(res.body, '<ErrorResponse xmlns="https://synth.amazonaws.com/doc/2020-01-01/"><Error><Type>Receiver</Type>' +
    '<Code>InternalFailure</Code><Message>oops</Message></Error><RequestId>req-42</RequestId></ErrorResponse>');
  assert.deepEqual(res.headers, { 'retry-after': '1', 'content-type': 'text/xml', 'x-amzn-requestid': 'req-42' });
  const byCode = queryCodec.serializeError(model, echo, new AwsError('Conflict', 'c'), ctx);
  assert.equal(byCode.status, 409, 'the wire code finds the modelled shape too');
});

test('the SDK v3 round-trips special characters and unicode through IAM requests and responses', async () => {
  const iam = loadServiceModel('iam');
  const tricky = 'a+b c&d=e%f/g?h#i;j\'k"l<m>n\t\r\nü☃😀日本';
  const input = { UserName: tricky, Path: '/x y/', Tags: [{ Key: tricky, Value: '' }, { Key: 'k', Value: ']]>' }] };
  const req = await sdkRequest('iam', 'CreateUser', input);
  const op = queryCodec.resolveOperation(req, iam);
  assert.deepEqual(queryCodec.parseRequest(req, iam, op), input);
  const output = { User: { Path: '/', UserName: tricky, UserId: 'AIDA', Arn: 'arn:aws:iam::123456789012:user/x', CreateDate: new Date('2024-01-15T10:30:01.250Z'), Tags: [] } };
  const res = queryCodec.serializeResponse(iam, op, output, ctx);
  const { output: got } = await sdkResponse('iam', 'CreateUser', {}, res);
  assert.deepEqual(canonical(got), canonical(output));
});
