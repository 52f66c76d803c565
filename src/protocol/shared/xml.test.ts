import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml } from './xml.js';

describe('escapeXml', () => {
  it('returns text without special characters unchanged and escapes every special one', () => {
    assert.equal(escapeXml('arn:aws:iam::123456789012:root'), 'arn:aws:iam::123456789012:root');
    assert.equal(escapeXml(''), '');
    assert.equal(escapeXml(`a&b<c>d"e'f\rg\nh`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f&#xD;g&#xA;h');
    assert.equal(escapeXml('&&'), '&amp;&amp;');
    // The shared regular expression must not carry state from one call to the next.
    for (let i = 0; i < 3; i++) assert.equal(escapeXml('x<y'), 'x&lt;y');
  });
});
