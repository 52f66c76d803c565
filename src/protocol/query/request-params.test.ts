import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpRequest } from '../http.js';
import { requestParams } from './request-params.js';

function formPost(body: string): HttpRequest {
  return {
    method: 'POST',
    path: '/',
    rawQuery: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
    secure: false,
  };
}

describe('requestParams', () => {
  it('parses a request once and answers the same object after', () => {
    const req = formPost('Action=GetCallerIdentity&Version=2011-06-15');
    const first = requestParams(req);
    assert.equal(first.action, 'GetCallerIdentity');
    assert.equal(first.version, '2011-06-15');
    assert.equal(requestParams(req), first);
  });

  it('leaves the request looking as it did: a copy gets its own parameters', () => {
    const req = formPost('Action=GetCallerIdentity&Version=2011-06-15');
    requestParams(req);
    assert.deepEqual(Object.keys(req), ['method', 'path', 'rawQuery', 'headers', 'body', 'sourceIp', 'secure']);
    assert.deepEqual(req, formPost('Action=GetCallerIdentity&Version=2011-06-15'));
    const copy = { ...req, body: Buffer.from('Action=GetSessionToken&Version=2011-06-15') };
    assert.equal(requestParams(copy).action, 'GetSessionToken');
  });
});
