import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalHeaderValue } from './canonical-request.js';
import { canonicalQuery, canonicalUri, decodeQueryComponent, splitQuery, uriEncode } from './uri-encoding.js';

describe('uriEncode', () => {
  it('leaves unreserved characters alone and escapes the rest as UTF-8', () => {
    assert.equal(uriEncode('AZaz09-._~'), 'AZaz09-._~');
    assert.equal(uriEncode("a b/c!*'()+=&%"), 'a%20b%2Fc%21%2A%27%28%29%2B%3D%26%25');
    assert.equal(uriEncode('ü✓😀'), '%C3%BC%E2%9C%93%F0%9F%98%80');
    assert.equal(uriEncode('\ud800'), '%EF%BF%BD');
  });

  it('matches encodeURIComponent plus sub-delims for random text', () => {
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 12 }, () => String.fromCodePoint(Math.floor(Math.random() * 0x2fff))).join('');
      const expected = encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
      assert.equal(uriEncode(text), expected);
    }
  });
});

describe('canonicalUri', () => {
  const normalized: [string, string][] = [
    ['/', '/'],
    ['', '/'],
    ['//', '/'],
    ['/./', '/'],
    ['/example/..', '/'],
    ['/example1/example2/../..', '/'],
    ['/./example', '/example'],
    ['//example//', '/example/'],
    ['/example/', '/example/'],
    ['/a/b/../c/./d', '/a/c/d'],
    ['/a%20b', '/a%2520b'],
    ['/-._~', '/-._~'],
    ['/a b', '/a%20b'],
    ['/ü', '/%C3%BC'],
    ['/..', '/'],
  ];
  for (const [raw, expected] of normalized) {
    it(`normalizes and double-encodes ${JSON.stringify(raw)} → ${expected}`, () => assert.equal(canonicalUri(raw, false), expected));
  }

  const s3: [string, string][] = [
    ['/bucket/a%20b', '/bucket/a%20b'],
    ['/bucket//a/./b/../c', '/bucket//a/./b/../c'],
    ['/bucket/a b', '/bucket/a%20b'],
    ['/bucket/(x)!', '/bucket/%28x%29%21'],
    ['/bucket/%e2%9c%93', '/bucket/%E2%9C%93'],
    ['/bucket/100%', '/bucket/100%25'],
    ['/bucket/ü', '/bucket/%C3%BC'],
    ['', '/'],
  ];
  for (const [raw, expected] of s3) {
    it(`keeps the S3 path ${JSON.stringify(raw)} → ${expected}`, () => assert.equal(canonicalUri(raw, true), expected));
  }
});

describe('canonicalQuery', () => {
  const q = (raw: string, presigned = false) => canonicalQuery(splitQuery(raw), presigned);

  it('sorts by name, then by value', () => {
    assert.equal(q('Param2=value2&Param1=value1'), 'Param1=value1&Param2=value2');
    assert.equal(q('Param1=value2&Param1=Value1'), 'Param1=Value1&Param1=value2');
    assert.equal(q('b=2&a=3&B=1&a=1'), 'B=1&a=1&a=3&b=2');
  });

  it('gives keys without a value an empty value', () => {
    assert.equal(q('uploads'), 'uploads=');
    assert.equal(q('tagging&versionId=1'), 'tagging=&versionId=1');
    assert.equal(q('a=&b'), 'a=&b=');
  });

  it('re-encodes components to RFC 3986', () => {
    assert.equal(q('a=x+y'), 'a=x%20y');
    assert.equal(q('a=%7e%2f'), 'a=~%2F');
    assert.equal(q('a=%zz'), 'a=%25zz');
    assert.equal(q('a=ü'), 'a=%C3%BC');
    assert.equal(q("k=!'()*"), 'k=%21%27%28%29%2A');
    assert.equal(q('%41=1'), 'A=1');
  });

  it('sorts by the encoded name', () => {
    // '%' (0x25) sorts before letters, so an escaped name comes first.
    assert.equal(q('a=1&%C3%BC=2'), '%C3%BC=2&a=1');
  });

  it('drops X-Amz-Signature only for presigned requests', () => {
    assert.equal(q('X-Amz-Signature=abc&X-Amz-Date=1', true), 'X-Amz-Date=1');
    assert.equal(q('X-Amz-Signature=abc&X-Amz-Date=1', false), 'X-Amz-Date=1&X-Amz-Signature=abc');
  });

  it('ignores empty parts', () => {
    assert.equal(q('&&a=1&&'), 'a=1');
    assert.equal(q(''), '');
  });
});

describe('decodeQueryComponent and header values', () => {
  it('decodes percent escapes and + as space, keeping malformed escapes', () => {
    assert.equal(decodeQueryComponent('AKID%2F20130524%2Fus-east-1'), 'AKID/20130524/us-east-1');
    assert.equal(decodeQueryComponent('a+b%2Bc'), 'a b+c');
    assert.equal(decodeQueryComponent('%zz%'), '%zz%');
  });

  it('trims header values and collapses runs of spaces', () => {
    assert.equal(canonicalHeaderValue('plain'), 'plain');
    assert.equal(canonicalHeaderValue('  a   b  '), 'a b');
    assert.equal(canonicalHeaderValue('a\t \tb'), 'a b');
    assert.equal(canonicalHeaderValue('a\r\n b'), 'a b');
    assert.equal(canonicalHeaderValue('"a  b"'), '"a b"');
  });
});
