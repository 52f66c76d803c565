/** NumericEquals, NumericNotEquals, NumericLessThan[Equals], NumericGreaterThan[Equals]. */
import { INVALID, type OperatorSpec } from './operator.js';

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(v: string): number | undefined {
  const t = v.trim();
  return NUMBER_RE.test(t) ? Number(t) : undefined;
}

function numeric(name: string, negated: boolean, cmp: (c: number, p: number) => boolean): OperatorSpec<number> {
  return {
    name,
    negated,
    variables: false,
    wildcards: false,
    compile: (v) => parseNumber(v) ?? INVALID,
    test: (c, p) => {
      const n = parseNumber(c);
      return n !== undefined && cmp(n, p);
    },
  };
}

export const numericOperators: OperatorSpec<any>[] = [
  numeric('NumericEquals', false, (c, p) => c === p),
  numeric('NumericNotEquals', true, (c, p) => c === p),
  numeric('NumericLessThan', false, (c, p) => c < p),
  numeric('NumericLessThanEquals', false, (c, p) => c <= p),
  numeric('NumericGreaterThan', false, (c, p) => c > p),
  numeric('NumericGreaterThanEquals', false, (c, p) => c >= p),
];
