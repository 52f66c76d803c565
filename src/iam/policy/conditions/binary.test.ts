import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase64 } from './binary.js';
import { runFamily } from '../testing/condition-vectors.js';

runFamily('binary');

test('decodeBase64 refuses non-base64 text', () => {
  assert.equal(decodeBase64('YQ=='), 'a');
  assert.equal(decodeBase64('a'), undefined);
  assert.equal(decodeBase64('YQ=?'), undefined);
});
