import assert from 'node:assert/strict';
import { test } from 'node:test';
import { next, parseSchedule, ScheduleError } from './aws-schedule.js';

const at = (iso: string) => new Date(iso);
const after = (expr: string, iso: string) => next(parseSchedule(expr), at(iso))?.toISOString();

test('rate(): counts from the given moment, singular and plural units as AWS requires', () => {
  assert.equal(after('rate(10 days)', '2026-11-22T10:00:00Z'), '2026-12-02T10:00:00.000Z');
  assert.equal(after('rate(4 hours)', '2026-11-22T10:00:00Z'), '2026-11-22T14:00:00.000Z');
  assert.equal(after('rate(1 minute)', '2026-11-22T10:00:00Z'), '2026-11-22T10:01:00.000Z');
  for (const bad of ['rate(1 days)', 'rate(2 day)', 'rate(0 days)', 'rate(5 weeks)', 'rate(days)', 'every day']) {
    assert.throws(() => parseSchedule(bad), ScheduleError, bad);
  }
});

test('cron(): fields, lists, ranges, steps, names, and the next time strictly after', () => {
  assert.equal(after('cron(0 16 1,15 * ? *)', '2026-11-22T10:00:00Z'), '2026-12-01T16:00:00.000Z');
  assert.equal(after('cron(0 16 1,15 * ? *)', '2026-12-01T16:00:00Z'), '2026-12-15T16:00:00.000Z', 'strictly after');
  assert.equal(after('cron(*/15 * * * ? *)', '2026-11-22T10:07:30Z'), '2026-11-22T10:15:00.000Z');
  assert.equal(after('cron(0 9 ? * MON-FRI *)', '2026-11-21T12:00:00Z'), '2026-11-23T09:00:00.000Z', 'Saturday → Monday');
  assert.equal(after('cron(30 2 ? JAN,JUL 1 2027)', '2026-11-22T00:00:00Z'), '2027-01-03T02:30:00.000Z', 'first Sunday of January 2027');
  assert.equal(after('cron(0 0 1 1 ? 2020)', '2026-11-22T00:00:00Z'), undefined, 'a past year never comes');
});

test('cron(): L, W and # as AWS documents them', () => {
  assert.equal(after('cron(0 0 L * ? *)', '2026-02-10T00:00:00Z'), '2026-02-28T00:00:00.000Z', 'last day of February');
  assert.equal(after('cron(0 0 ? * 6L *)', '2026-11-01T00:00:00Z'), '2026-11-27T00:00:00.000Z', 'last Friday of November 2026');
  assert.equal(after('cron(0 0 ? * 2#1 *)', '2026-11-22T00:00:00Z'), '2026-12-07T00:00:00.000Z', 'first Monday of December');
  assert.equal(after('cron(0 0 15W * ? *)', '2026-11-01T00:00:00Z'), '2026-11-16T00:00:00.000Z', '15 Nov 2026 is a Sunday → Monday 16');
  assert.equal(after('cron(0 0 1W * ? *)', '2026-07-20T00:00:00Z'), '2026-08-03T00:00:00.000Z', '1 Aug 2026 is a Saturday → Monday 3');
});

test('cron(): malformed expressions are refused with the reason', () => {
  for (const [bad, reason] of [
    ['cron(0 0 * * * *)', /one of day-of-month and day-of-week/],
    ['cron(0 0 ? * ? *)', /one of day-of-month and day-of-week/],
    ['cron(0 0 1 * ?)', /6 fields/],
    ['cron(60 0 1 * ? *)', /outside 0-59/],
    ['cron(0 24 1 * ? *)', /outside 0-23/],
    ['cron(0 0 1 13 ? *)', /outside 1-12/],
    ['cron(0 0 ? * FUN *)', /invalid value/],
    ['cron(0 0 5-1 * ? *)', /backwards/],
  ] as const) {
    assert.throws(() => parseSchedule(bad), reason, bad);
  }
});
