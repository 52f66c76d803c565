import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoMillis } from './event-time.js';

test('CloudTrail times read digit by digit agree with Date.parse', () => {
  for (const time of ['2024-07-30T21:31:15Z', '2026-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2024-02-29T12:00:00Z']) assert.equal(isoMillis(time), Date.parse(time), time);
});

test('other forms fall back to Date.parse; nonsense is NaN', () => {
  assert.equal(isoMillis('2024-07-30T21:31:15.123Z'), Date.parse('2024-07-30T21:31:15.123Z'));
  assert.equal(isoMillis('2024-07-30T21:31:15+02:00'), Date.parse('2024-07-30T21:31:15+02:00'));
  assert.ok(Number.isNaN(isoMillis('2024-07-3xT21:31:15Z')));
  assert.ok(Number.isNaN(isoMillis('')));
});
