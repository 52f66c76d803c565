import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpRequest } from '../http.js';
import { canonical } from '../../../test/support/compare.js';
import { restJsonCodec } from '../rest-json/index.js';
import { restXmlCodec } from '../rest-xml/index.js';
import { syntheticRestModel } from './testing/synthetic-model.js';

/**
 * The HTTP-binding rules both REST codecs share, on an invented model that uses every one:
 * timestamp formats per location, list and prefix headers, query lists and maps, labels (plain,
 * greedy, timestamp), status code, payload members; and the body rules of each protocol.
 */
const jsonModel = syntheticRestModel('rest-json');
const xmlModel = syntheticRestModel('rest-xml');

const T1 = new Date('2024-01-15T10:30:00Z');
const T2 = new Date('2024-01-16T10:30:00Z');

function request(body: string, contentType: string): HttpRequest {
  return {
    method: 'PUT',
    path: '/widgets/w%201/at/2024-01-15T10%3A30%3A00Z/a/b%20c/',
    rawQuery: 'action=put&since=2024-01-15T10%3A30%3A00Z&tag=x&tag=y%2Cz&limit=5&f1=a&f1=b&f2=c+d',
    headers: {
      host: 'localhost',
      'content-type': contentType,
      'x-modified': 'Mon, 15 Jan 2024 10:30:00 GMT',
      'x-epoch': '1705314600',
      'x-labels': 'a, "b,c", "d\\"e"',
      'x-dates': 'Mon, 15 Jan 2024 10:30:00 GMT, Tue, 16 Jan 2024 10:30:00 GMT',
      'x-meta-color': 'blue',
      'x-meta-size': 'L',
      'x-policy': Buffer.from('{"a":1}').toString('base64'),
      'x-token': 'AQID',
      'x-count': '7',
      'x-flag': 'true',
    },
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
    secure: false,
  };
}

const BOUND = {
  Id: 'w 1',
  When: T1,
  Path: 'a/b c/',
  Since: T1,
  Tags: ['x', 'y,z'],
  Limit: 5,
  Filters: { f1: ['a', 'b'], f2: ['c d'] },
  Modified: T1,
  Epoch: T1,
  Labels: ['a', 'b,c', 'd"e'],
  Dates: [T1, T2],
  Meta: { color: 'blue', size: 'L' },
  Policy: '{"a":1}',
  Token: new Uint8Array([1, 2, 3]),
  Count: 7,
  Flag: true,
};

const BODY = {
  Created: T1,
  IsoCreated: T2,
  Items: [{ Name: 'a', Size: 1 }],
  FlatItems: [{ Name: 'f', Size: 2 }, { Name: 'g', Size: 3 }],
  Attrs: { k: 'v', 'späce key': 'ü' },
  Nested: { Kind: 'K', Inner: { Value: 'deep <&> value' } },
  Data: new Uint8Array([1, 2, 3]),
  Ratio: NaN,
  Empty: [],
};

test('rest-json: labels, query, headers and body members of one request', () => {
  const json = JSON.stringify({
    Created: 1705314600, isoCreated: '2024-01-16T10:30:00Z', Items: [{ Name: 'a', Size: 1 }], FlatItem: [{ Name: 'f', Size: 2 }, { Name: 'g', Size: 3 }],
    Attrs: { k: 'v', 'späce key': 'ü' }, Nested: { 'xsi:kind': 'K', inner: { value: 'deep <&> value' } }, Data: 'AQID', Ratio: 'NaN', Empty: [], Unknown: 1,
  });
  const req = request(json, 'application/json');
  const op = restJsonCodec.resolveOperation(req, jsonModel);
  assert.equal(op.name, 'PutWidget');
  assert.deepEqual(canonical(restJsonCodec.parseRequest(req, jsonModel, op)), canonical({ ...BOUND, ...BODY }));
});

test('rest-xml: labels, query, headers and body members of one request (wrapped and flattened lists, maps, attributes)', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><WidgetInput xmlns="http://widgets.example/2024">
    <Created>2024-01-15T10:30:00Z</Created><isoCreated>2024-01-16T10:30:00Z</isoCreated>
    <Items><Item><Name>a</Name><Size>1</Size></Item></Items>
    <FlatItem><Name>f</Name><Size>2</Size></FlatItem><FlatItem><Name>g</Name><Size>3</Size></FlatItem>
    <Attrs><entry><key>k</key><value>v</value></entry><entry><key>späce key</key><value>ü</value></entry></Attrs>
    <Nested xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:kind="K"><inner><value>deep &lt;&amp;&gt; value</value></inner></Nested>
    <Data>AQID</Data><Ratio>NaN</Ratio><Empty/><Unknown>1</Unknown></WidgetInput>`;
  const req = request(xml, 'application/xml');
  const op = restXmlCodec.resolveOperation(req, xmlModel);
  assert.deepEqual(canonical(restXmlCodec.parseRequest(req, xmlModel, op)), canonical({ ...BOUND, ...BODY }));
});

const OUTPUT = {
  Status: 201,
  ETag: '"abc"',
  Modified: T1,
  Labels: ['a', 'b,c'],
  Meta: { color: 'blue' },
  Created: 1705314600,
  Items: [{ Name: 'a', Size: 1 }],
  FlatItems: [{ Name: 'f' }, { Name: 'g' }],
  Attrs: { k: 'v' },
  Nested: { Kind: 'K', Inner: { Value: '<&>' } },
  Empty: [],
  Ratio: Infinity,
};

test('rest-json: output headers, status code member and JSON body (timestamps as epoch seconds)', () => {
  const res = restJsonCodec.serializeResponse(jsonModel, jsonModel.operation('PutWidget')!, OUTPUT, { requestId: 'R' });
  assert.equal(res.status, 201);
  assert.equal(res.headers['x-amzn-requestid'], 'R');
  assert.equal(res.headers['content-type'], 'application/json');
  assert.equal(res.headers.etag, '"abc"');
  assert.equal(res.headers['last-modified'], 'Mon, 15 Jan 2024 10:30:00 GMT');
  assert.equal(res.headers['x-labels'], 'a, "b,c"');
  assert.equal(res.headers['x-meta-color'], 'blue');
  assert.deepEqual(JSON.parse(String(res.body)), {
    Created: 1705314600, Items: [{ Name: 'a', Size: 1 }], FlatItem: [{ Name: 'f' }, { Name: 'g' }], Attrs: { k: 'v' },
    Nested: { 'xsi:kind': 'K', inner: { value: '<&>' } }, Empty: [], Ratio: 'Infinity',
  });
});

test('rest-xml: output document rooted at the output shape, with the service namespace', () => {
  const res = restXmlCodec.serializeResponse(xmlModel, xmlModel.operation('PutWidget')!, { ...OUTPUT, Created: '2024-01-15T10:30:00.500Z' }, { requestId: 'R' });
  assert.equal(res.status, 201);
  assert.equal(res.headers['x-amzn-requestid'], 'R');
  assert.equal(res.headers['content-type'], 'application/xml');
  assert.equal(res.headers['last-modified'], 'Mon, 15 Jan 2024 10:30:00 GMT');
  assert.equal(String(res.body),
    '<?xml version="1.0" encoding="UTF-8"?>\n<WidgetOutput xmlns="http://widgets.example/2024"><Created>2024-01-15T10:30:00.500Z</Created>'
    + '<Items><Item><Name>a</Name><Size>1</Size></Item></Items><FlatItem><Name>f</Name></FlatItem><FlatItem><Name>g</Name></FlatItem>'
    + '<Attrs><entry><key>k</key><value>v</value></entry></Attrs>'
    + '<Nested xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:kind="K"><inner><value>&lt;&amp;&gt;</value></inner></Nested>'
    + '<Empty/><Ratio>Infinity</Ratio></WidgetOutput>');
});

test('absent members are left out; an empty output has an empty JSON object or no XML body', () => {
  const op = jsonModel.operation('PutWidget')!;
  assert.equal(restJsonCodec.serializeResponse(jsonModel, op, {}, { requestId: 'R' }).body, '{}');
  const xml = restXmlCodec.serializeResponse(xmlModel, xmlModel.operation('PutWidget')!, {}, { requestId: 'R' });
  assert.equal(String(xml.body), '<?xml version="1.0" encoding="UTF-8"?>\n<WidgetOutput xmlns="http://widgets.example/2024"/>');
  const noContent = restJsonCodec.serializeResponse(jsonModel, jsonModel.operation('PutDoc')!, {}, { requestId: 'R' });
  assert.equal(noContent.status, 204);
  assert.equal(noContent.body, '');
});

test('payload members: a structure document, streaming bytes, text', () => {
  const doc = '<Document xmlns="http://widgets.example/doc"><Title>t</Title><Items><Item><Name>n</Name></Item></Items></Document>';
  const req: HttpRequest = { method: 'POST', path: '/docs', rawQuery: '', headers: {}, body: Buffer.from(doc), sourceIp: '', secure: false };
  const op = restXmlCodec.resolveOperation(req, xmlModel);
  assert.deepEqual(canonical(restXmlCodec.parseRequest(req, xmlModel, op)), { Doc: { Title: 't', Items: [{ Name: 'n' }] } });
  const jsonReq = { ...req, body: Buffer.from('{"Title":"t","Items":[{"Name":"n"}]}') };
  assert.deepEqual(canonical(restJsonCodec.parseRequest(jsonReq, jsonModel, restJsonCodec.resolveOperation(jsonReq, jsonModel))), { Doc: { Title: 't', Items: [{ Name: 'n' }] } });
  assert.deepEqual(restXmlCodec.parseRequest({ ...req, body: Buffer.alloc(0) }, xmlModel, op), {});

  const bytes = Buffer.from([0, 255, 10, 13]);
  const blob = restXmlCodec.serializeResponse(xmlModel, xmlModel.operation('GetBlob')!, { Body: bytes, ContentType: 'image/png' }, { requestId: 'R' });
  assert.deepEqual(blob.body, bytes);
  assert.equal(blob.headers['content-type'], 'image/png');
  const untyped = restJsonCodec.serializeResponse(jsonModel, jsonModel.operation('GetBlob')!, { Body: new Uint8Array([1]) }, { requestId: 'R' });
  assert.equal(untyped.headers['content-type'], 'application/octet-stream');
  const text = restJsonCodec.serializeResponse(jsonModel, jsonModel.operation('GetText')!, { Text: 'héllo' }, { requestId: 'R' });
  assert.equal(text.body, 'héllo');
  assert.equal(text.headers['content-type'], 'text/plain');
});

test('header and query values of the wrong type are the protocol\'s 400', () => {
  const base = request('', 'application/json');
  const cases: [Partial<HttpRequest>, string, string][] = [
    [{ headers: { ...base.headers, 'x-count': 'seven' } }, 'SerializationException', 'InvalidArgument'],
    [{ headers: { ...base.headers, 'x-flag': 'yes' } }, 'SerializationException', 'InvalidArgument'],
    [{ headers: { ...base.headers, 'x-modified': 'not a date' } }, 'SerializationException', 'InvalidArgument'],
    [{ headers: { ...base.headers, 'x-token': 'not base64!' } }, 'SerializationException', 'InvalidArgument'],
    [{ rawQuery: 'action=put&limit=99999999999999999999' }, 'SerializationException', 'InvalidArgument'],
    [{ path: '/widgets/w/at/yesterday/p' }, 'SerializationException', 'InvalidArgument'],
  ];
  for (const [change, jsonCode, xmlCode] of cases) {
    const req = { ...base, ...change };
    for (const [codec, model, code] of [[restJsonCodec, jsonModel, jsonCode], [restXmlCodec, xmlModel, xmlCode]] as const) {
      assert.throws(() => codec.parseRequest(req, model, codec.resolveOperation(req, model)), (err: any) => err.code === code && err.status === 400, `${code} for ${JSON.stringify(change)}`);
    }
  }
});

test('unknown routes: rest-json 404 UnknownOperationException; rest-xml (non-S3) 404 UnknownOperationException', () => {
  const req: HttpRequest = { method: 'DELETE', path: '/nowhere', rawQuery: '', headers: {}, body: Buffer.alloc(0), sourceIp: '', secure: false };
  for (const [codec, model] of [[restJsonCodec, jsonModel], [restXmlCodec, xmlModel]] as const) {
    assert.throws(() => codec.resolveOperation(req, model), (err: any) => err.code === 'UnknownOperationException' && err.status === 404);
  }
  // A required query literal (`?action=put`) is part of the route.
  const noLiteral = { ...request('', ''), rawQuery: '' };
  assert.throws(() => restJsonCodec.resolveOperation(noLiteral, jsonModel), (err: any) => err.code === 'UnknownOperationException');
});
