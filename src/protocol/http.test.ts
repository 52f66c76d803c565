import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQueryString, safeDecode } from './http.js';

describe('safeDecode', () => {
  it('leaves text without % or + as it is and decodes the rest', () => {
    assert.equal(safeDecode('GetCallerIdentity'), 'GetCallerIdentity');
    assert.equal(safeDecode(''), '');
    assert.equal(safeDecode('a+b'), 'a b');
    assert.equal(safeDecode('a%20b%2Bc'), 'a b+c');
    assert.equal(safeDecode('%E2%82%AC'), '€');
    assert.equal(safeDecode('100%'), '100%');
    assert.equal(safeDecode('%zz+%41'), '%zz A');
  });

  it('parseQueryString decodes names and values in order', () => {
    assert.deepEqual(parseQueryString('Action=GetCallerIdentity&Version=2011-06-15&Tags.member.1.Key=a%20b&flag&=x'), [
      ['Action', 'GetCallerIdentity'],
      ['Version', '2011-06-15'],
      ['Tags.member.1.Key', 'a b'],
      ['flag', ''],
      ['', 'x'],
    ]);
  });
});
