/** An event's time in epoch milliseconds; a record without a readable time counts as now. */
import type { TrailEvent } from '../../trail-event.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function eventMillis(event: TrailEvent): number {
  const time = Date.parse(event.eventTime);
  return Number.isNaN(time) ? Date.now() : time;
}
