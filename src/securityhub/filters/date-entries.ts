/**
 * DateFilter: an absolute range (Start and/or End, inclusive) or a relative one (DateRange: the
 * last Value DAYS — WITHIN, the default — or before them — OLDER_THAN), measured from `now`.
 */
import { timeOf } from '../field-values.js';
import { FilterError, objectOf, type Entry } from './entries.js';

const DAY_MS = 86_400_000;

// Unconfirmed wording (the errors of this file).
function bound(field: string, value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const time = timeOf(value);
  if (Number.isNaN(time)) throw new FilterError(`The ${name} of a date filter for ${field} is not a valid timestamp.`);
  return time;
}

export function dateEntry(field: string, filter: unknown, now: number): Entry {
  const { Start, End, DateRange } = objectOf(filter);
  if (DateRange !== undefined) {
    if (Start !== undefined || End !== undefined) throw new FilterError(`A date filter for ${field} cannot have both a DateRange and a Start or End.`);
    const { Value, Unit, Comparison } = objectOf(DateRange);
    if (typeof Value !== 'number' || Value < 0) throw new FilterError(`The DateRange of a date filter for ${field} needs a Value of 0 or more.`);
    if (Unit !== 'DAYS') throw new FilterError(`The DateRange of a date filter for ${field} needs the Unit DAYS.`);
    const since = now - Value * DAY_MS;
    return Comparison === 'OLDER_THAN'
      ? { negated: false, hit: (t) => typeof t === 'number' && t < since }
      : { negated: false, hit: (t) => typeof t === 'number' && t >= since };
  }
  const start = bound(field, Start, 'Start');
  const end = bound(field, End, 'End');
  if (start === undefined && end === undefined) throw new FilterError(`A date filter for ${field} needs a Start, an End or a DateRange.`);
  return { negated: false, hit: (t) => typeof t === 'number' && (start === undefined || t >= start) && (end === undefined || t <= end) };
}
