import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './date.js';
import { runFamily } from '../testing/condition-vectors.js';

runFamily('date');

test('parseDate reads ISO 8601 and epoch seconds', () => {
  assert.equal(parseDate('2020-01-01T00:00:00Z'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('1577836800'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-01-01'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-01-01T00:00:00'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-01-01T02:00:00+0200'), Date.UTC(2020, 0, 1));
  for (const bad of ['', 'yesterday', '2020-13-45T00:00:00Z', '01/02/2020']) assert.equal(parseDate(bad), undefined, bad);
});
