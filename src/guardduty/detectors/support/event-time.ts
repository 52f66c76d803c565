/**
 * An event's time in epoch milliseconds. CloudTrail writes `YYYY-MM-DDTHH:MM:SSZ` (sometimes with
 * fractions); that form is read digit by digit, several times faster than Date.parse, which
 * reads any other. A record without a readable time counts as now.
 */
import type { TrailEvent } from '../../trail-event.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Epoch milliseconds of an ISO 8601 UTC time, NaN when unreadable. */
export function isoMillis(time: string): number {
  if (time.length === 20 && time.charCodeAt(10) === 84 && time.charCodeAt(19) === 90) {
    const millis = Date.UTC(digits(time, 0, 4), digits(time, 5, 2) - 1, digits(time, 8, 2), digits(time, 11, 2), digits(time, 14, 2), digits(time, 17, 2));
    if (!Number.isNaN(millis)) return millis;
  }
  return Date.parse(time);
}

export function eventMillis(event: TrailEvent): number {
  const time = isoMillis(event.eventTime);
  return Number.isNaN(time) ? Date.now() : time;
}
