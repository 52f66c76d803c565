import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { hmac, hmacPrepared, prepareHmacKey, preparedSigningKey, signingKey } from './crypto.js';

describe('hmacPrepared', () => {
  const messages = ['', 'a', 'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n' + 'f'.repeat(64), 'é€😀 \u00ff', 'x'.repeat(1000), '\ud800 lone surrogate'];

  it('equals node HMAC-SHA256 for keys up to one block and any UTF-8 text', () => {
    for (const length of [0, 1, 20, 32, 63, 64]) {
      const key = randomBytes(length);
      const prepared = prepareHmacKey(key);
      for (const message of messages) {
        assert.deepEqual(hmacPrepared(prepared, message), createHmac('sha256', key).update(message, 'utf8').digest(), `key ${length} bytes, ${JSON.stringify(message)}`);
      }
    }
  });

  it('refuses keys longer than one block', () => {
    assert.throws(() => prepareHmacKey(randomBytes(65)), RangeError);
  });

  it('the prepared signing key is the cached signing key and signs like hmac()', () => {
    const prepared = preparedSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
    assert.equal(prepared.key, signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam'));
    assert.deepEqual(hmacPrepared(prepared, 'string to sign'), hmac(prepared.key, 'string to sign'));
  });
});
