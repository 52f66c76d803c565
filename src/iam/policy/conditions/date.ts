/** DateEquals, DateNotEquals, DateLessThan[Equals], DateGreaterThan[Equals]: ISO 8601 or epoch seconds. */
import { INVALID, type OperatorSpec } from './operator.js';

const EPOCH_RE = /^\d{1,12}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch, or undefined when `v` is neither a W3C/ISO 8601 date nor epoch seconds. */
export function parseDate(v: string): number | undefined {
  const t = v.trim();
  if (EPOCH_RE.test(t)) return Number(t) * 1000;
  if (!ISO_RE.test(t)) return undefined;
  // A date-time without a zone is read as UTC, as AWS does.
  const withZone = t.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t + 'Z' : t;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

function date(name: string, negated: boolean, cmp: (c: number, p: number) => boolean): OperatorSpec<number> {
  return {
    name,
    negated,
    variables: false,
    wildcards: false,
    compile: (v) => parseDate(v) ?? INVALID,
    test: (c, p) => {
      const ms = parseDate(c);
      return ms !== undefined && cmp(ms, p);
    },
  };
}

export const dateOperators: OperatorSpec<any>[] = [
  date('DateEquals', false, (c, p) => c === p),
  date('DateNotEquals', true, (c, p) => c === p),
  date('DateLessThan', false, (c, p) => c < p),
  date('DateLessThanEquals', false, (c, p) => c <= p),
  date('DateGreaterThan', false, (c, p) => c > p),
  date('DateGreaterThanEquals', false, (c, p) => c >= p),
];
