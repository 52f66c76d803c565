/**
 * AWS schedule expressions, as Secrets Manager rotation rules and EventBridge scheduled rules
 * write them, all in UTC:
 *
 *   rate(<n> minute|minutes|hour|hours|day|days)
 *   cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)
 *
 * Cron fields take `*`, lists `a,b`, ranges `a-b`, steps `a/n` and `*\/n`; months JAN–DEC or
 * 1–12; days of the week SUN–SAT or 1–7 (1 = Sunday); one of day-of-month and day-of-week must
 * be `?`; `L` (last day of the month / last <weekday> of the month as `5L`), `W` (nearest
 * weekday to a day of the month) and `#` (the n-th <weekday> of the month, `3#2`) as AWS
 * documents them. `parseSchedule` throws ScheduleError with the reason; `next` gives the first
 * time strictly after a moment.
 */
export class ScheduleError extends Error {}

export type Schedule = { kind: 'rate'; everyMs: number; text: string } | { kind: 'cron'; cron: Cron; text: string };

interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  /** undefined: `?` */
  days?: DayOfMonth;
  months: Set<number>;
  weekdays?: DayOfWeek;
  years?: Set<number>;
}

type DayOfMonth = { any: true } | { set: Set<number> } | { last: true } | { nearestWeekday: number };
type DayOfWeek = { any: true } | { set: Set<number> } | { lastOf: number } | { nth: { weekday: number; n: number } };

const UNITS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseSchedule(text: string): Schedule {
  const rate = /^rate\((\d+)\s+([a-z]+)\)$/.exec(text.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = UNITS[rate[2]!];
    if (!unit || n < 1) throw new ScheduleError(`invalid rate expression: ${text}`);
    if ((n === 1) !== !rate[2]!.endsWith('s')) throw new ScheduleError(`a rate of ${n} takes the ${n === 1 ? 'singular' : 'plural'} unit: ${text}`);
    return { kind: 'rate', everyMs: n * unit, text };
  }
  const cron = /^cron\((.*)\)$/.exec(text.trim());
  if (!cron) throw new ScheduleError(`not a rate() or cron() expression: ${text}`);
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleError(`a cron expression has 6 fields, got ${fields.length}: ${text}`);
  const [mi, h, dom, mo, dow, y] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw new ScheduleError(`exactly one of day-of-month and day-of-week must be '?': ${text}`);
  return {
    kind: 'cron',
    text,
    cron: {
      minutes: values(mi, 0, 59),
      hours: values(h, 0, 23),
      days: dom === '?' ? undefined : dayOfMonth(dom),
      months: values(mo, 1, 12, MONTHS, 1),
      weekdays: dow === '?' ? undefined : dayOfWeek(dow),
      years: y === '*' ? undefined : values(y, 1970, 2199),
    },
  };
}

function dayOfMonth(field: string): DayOfMonth {
  if (field === '*') return { any: true };
  if (field === 'L') return { last: true };
  const w = /^(\d{1,2})W$/.exec(field);
  if (w) return { nearestWeekday: bounded(Number(w[1]), 1, 31, field) };
  return { set: values(field, 1, 31) };
}

function dayOfWeek(field: string): DayOfWeek {
  if (field === '*') return { any: true };
  const last = /^([1-7]|[A-Z]{3})L$/.exec(field);
  if (last) return { lastOf: token(last[1]!, 1, 7, WEEKDAYS, 1, field) };
  const nth = /^([1-7]|[A-Z]{3})#([1-5])$/.exec(field);
  if (nth) return { nth: { weekday: token(nth[1]!, 1, 7, WEEKDAYS, 1, field), n: Number(nth[2]) } };
  return { set: values(field, 1, 7, WEEKDAYS, 1) };
}

function values(field: string, min: number, max: number, names?: string[], nameBase = 0): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : bounded(Number(stepText), 1, max, field);
    let from = min;
    let to = max;
    if (range !== '*') {
      const [a, b] = range.split('-') as [string, string | undefined];
      from = token(a, min, max, names, nameBase, field);
      to = b === undefined ? (stepText === undefined ? from : max) : token(b, min, max, names, nameBase, field);
      if (to < from) throw new ScheduleError(`range ${range} runs backwards`);
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function token(text: string, min: number, max: number, names: string[] | undefined, nameBase: number, field: string): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + nameBase;
  if (!/^\d+$/.test(text)) throw new ScheduleError(`invalid value '${text}' in '${field}'`);
  return bounded(Number(text), min, max, field);
}

function bounded(n: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new ScheduleError(`'${field}' is outside ${min}-${max}`);
  return n;
}

/** The first moment strictly after `after` that the schedule names (a rate counts from `after`); undefined when none (a past year). */
export function next(schedule: Schedule, after: Date): Date | undefined {
  if (schedule.kind === 'rate') return new Date(after.getTime() + schedule.everyMs);
  const c = schedule.cron;
  const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (let d = 0; d < 366 * 8; d++, day.setUTCDate(day.getUTCDate() + 1)) {
    const year = day.getUTCFullYear();
    if (c.years && (year > Math.max(...c.years))) return undefined;
    if (c.years && !c.years.has(year)) continue;
    if (!c.months.has(day.getUTCMonth() + 1) || !dayMatches(c, day)) continue;
    const sameDay = day.getTime() === Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    for (const h of [...c.hours].sort((a, b) => a - b)) {
      for (const m of [...c.minutes].sort((a, b) => a - b)) {
        const t = Date.UTC(year, day.getUTCMonth(), day.getUTCDate(), h, m);
        if (!sameDay || t >= start.getTime()) return new Date(t);
      }
    }
  }
  return undefined;
}

function dayMatches(c: Cron, day: Date): boolean {
  const date = day.getUTCDate();
  const weekday = day.getUTCDay() + 1;
  const lastDate = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
  const d = c.days;
  if (d) {
    if ('any' in d) return true;
    if ('set' in d) return d.set.has(date);
    if ('last' in d) return date === lastDate;
    return date === nearestWeekday(day.getUTCFullYear(), day.getUTCMonth(), Math.min(d.nearestWeekday, lastDate), lastDate);
  }
  const w = c.weekdays!;
  if ('any' in w) return true;
  if ('set' in w) return w.set.has(weekday);
  if ('lastOf' in w) return weekday === w.lastOf && date + 7 > lastDate;
  return weekday === w.nth.weekday && Math.ceil(date / 7) === w.nth.n;
}

/** The weekday nearest to `date` within its month (Saturday → Friday, Sunday → Monday). */
function nearestWeekday(year: number, month: number, date: number, lastDate: number): number {
  const weekday = new Date(Date.UTC(year, month, date)).getUTCDay();
  if (weekday === 6) return date === 1 ? 3 : date - 1;
  if (weekday === 0) return date === lastDate ? date - 2 : date + 1;
  return date;
}
