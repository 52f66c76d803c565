/**
 * Rotation rules as RotateSecret takes them, and the windows they define (all in UTC):
 *
 *   AutomaticallyAfterDays n     every n days (1–1000) after the last rotation, any time that day
 *   ScheduleExpression rate(…)   rate(n hours) (4–23) or rate(n days) (1–1000); windows start at
 *                                midnight (and every n hours after it)
 *   ScheduleExpression cron(…)   src/core/aws-schedule.ts; never more often than every 4 hours
 *   Duration "<n>h"              the window's length, 1h–24h; by default one hour for schedules
 *                                in hours, else the rest of the UTC day. A window never runs
 *                                into the next UTC day or the next window.
 *
 * NextRotationDate is the start of the next window.
 */
import { next, parseSchedule, ScheduleError, type Schedule } from '../../../core/aws-schedule.js';
import type { RotationRules } from '../common.js';
import { invalidParameter } from '../errors.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The rules a RotateSecret gives, checked as AWS checks them. */
export function checkRules(raw: unknown): RotationRules {
  if (raw === null || typeof raw !== 'object') return {};
  const input = raw as Record<string, unknown>;
  const out: RotationRules = {};
  const days = input.AutomaticallyAfterDays;
  const expression = input.ScheduleExpression;
  const duration = input.Duration;
  if (days !== undefined && expression !== undefined) {
    // Unconfirmed wording.
    throw invalidParameter("You can't specify both AutomaticallyAfterDays and ScheduleExpression in RotationRules.");
  }
  if (days !== undefined) {
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 1000) {
      // Unconfirmed wording.
      throw invalidParameter('The AutomaticallyAfterDays value must be between 1 and 1000 days (inclusive).');
    }
    out.AutomaticallyAfterDays = days;
  }
  if (expression !== undefined) {
    const schedule = checkSchedule(String(expression));
    if (schedule.kind === 'rate' && schedule.everyMs % DAY === 0) out.AutomaticallyAfterDays = schedule.everyMs / DAY;
    out.ScheduleExpression = String(expression);
  }
  if (duration !== undefined) {
    const hours = durationHours(String(duration));
    const every = out.ScheduleExpression !== undefined ? parseSchedule(out.ScheduleExpression) : undefined;
    if (every?.kind === 'rate' && every.everyMs < DAY && hours * HOUR > every.everyMs) {
      // Unconfirmed wording.
      throw invalidParameter('The rotation window (Duration) must not extend into the next rotation window.');
    }
    out.Duration = String(duration);
  }
  return out;
}

function durationHours(text: string): number {
  const m = /^(\d{1,2})h$/.exec(text);
  const hours = m ? Number(m[1]) : 0;
  // Unconfirmed wording.
  if (hours < 1 || hours > 24) throw invalidParameter('The Duration value must be between 1h and 24h (inclusive), for example 3h.');
  return hours;
}

function checkSchedule(text: string): Schedule {
  let schedule: Schedule;
  try {
    schedule = parseSchedule(text);
  } catch (err) {
    if (err instanceof ScheduleError) throw invalidParameter(`Invalid ScheduleExpression: ${err.message}`);
    throw err;
  }
  if (schedule.kind === 'rate') {
    const ok = schedule.everyMs % DAY === 0 ? schedule.everyMs / DAY <= 1000 : schedule.everyMs % HOUR === 0 && schedule.everyMs >= 4 * HOUR && schedule.everyMs < DAY;
    // Unconfirmed wording.
    if (!ok) throw invalidParameter(`Invalid ScheduleExpression: Secrets Manager takes rate(<4-23> hours) or rate(<1-1000> days), got ${text}`);
    return schedule;
  }
  // A cron schedule: its first runs must exist and lie at least four hours apart.
  let at = next(schedule, new Date());
  // Unconfirmed wording.
  if (!at) throw invalidParameter(`Invalid ScheduleExpression: ${text} never runs again.`);
  for (let i = 0; i < 48; i++) {
    const after = next(schedule, at);
    if (!after) break;
    // Unconfirmed wording.
    if (after.getTime() - at.getTime() < 4 * HOUR) throw invalidParameter(`Invalid ScheduleExpression: Secrets Manager rotates at most every four hours, and ${text} runs more often.`);
    at = after;
  }
  return schedule;
}

const midnight = (t: number): number => Math.floor(t / DAY) * DAY;

/** The start of the first window after `after`; undefined when the rules name no schedule. */
export function nextWindow(rules: RotationRules | undefined, after: Date): Date | undefined {
  if (!rules) return undefined;
  if (rules.ScheduleExpression !== undefined) {
    const schedule = parseSchedule(rules.ScheduleExpression);
    if (schedule.kind === 'cron') return next(schedule, after);
    if (schedule.everyMs % DAY === 0) return new Date(midnight(after.getTime()) + schedule.everyMs);
    const t = after.getTime();
    const start = midnight(t) + (Math.floor((t - midnight(t)) / schedule.everyMs) + 1) * schedule.everyMs;
    return new Date(Math.min(start, midnight(t) + DAY));
  }
  if (rules.AutomaticallyAfterDays !== undefined) return new Date(midnight(after.getTime()) + rules.AutomaticallyAfterDays * DAY);
  return undefined;
}

/** When the window starting at `start` closes. */
export function windowEnd(rules: RotationRules | undefined, start: Date): Date {
  const endOfDay = midnight(start.getTime()) + DAY;
  let length = endOfDay - start.getTime();
  if (rules?.Duration !== undefined) length = Number(rules.Duration.slice(0, -1)) * HOUR;
  else if (rules?.ScheduleExpression !== undefined && inHours(parseSchedule(rules.ScheduleExpression))) length = HOUR;
  return new Date(Math.min(start.getTime() + length, endOfDay));
}

function inHours(schedule: Schedule): boolean {
  return schedule.kind === 'rate' ? schedule.everyMs < DAY : schedule.cron.hours.size > 1;
}
