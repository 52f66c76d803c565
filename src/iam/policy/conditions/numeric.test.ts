import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumber } from './numeric.js';
import { runFamily } from '../testing/condition-vectors.js';

runFamily('numeric');

test('parseNumber accepts integers, decimals, signs and exponents only', () => {
  assert.equal(parseNumber('10'), 10);
  assert.equal(parseNumber('-2.5'), -2.5);
  assert.equal(parseNumber('1e3'), 1000);
  assert.equal(parseNumber(' 7 '), 7);
  for (const bad of ['', 'abc', '0x10', '1,000', 'Infinity', 'NaN']) assert.equal(parseNumber(bad), undefined, bad);
});
