/**
 * One attribute's values for every finding of an index, dictionary-encoded: each row holds the
 * code of its value list, each distinct list is kept once (`HIGH`, `ACTIVE`: a handful for
 * 100,000 findings). A query tests each distinct list at most once — when a row first needs it —
 * so a filter on a low-cardinality attribute costs one array lookup per finding.
 */
import { fieldValues, type Values } from './field-values.js';
import type { Asff } from './finding-index.js';

function keyOf(values: Values): string {
  if (values.length === 0) return '';
  if (values.length === 1) {
    const v = values[0];
    if (typeof v === 'string') return `s${v}`;
    if (typeof v === 'number') return `n${v}`;
  }
  return `j${JSON.stringify(values)}`;
}

export class Column {
  private codes: number[] = [];
  private lists: Values[] = [];
  private ids = new Map<string, number>();

  constructor(private readonly field: string) {}

  private codeOf(finding: Asff): number {
    const values = fieldValues(this.field, finding);
    const key = keyOf(values);
    let code = this.ids.get(key);
    if (code === undefined) {
      code = this.lists.length;
      this.lists.push(values);
      this.ids.set(key, code);
    }
    return code;
  }

  push(finding: Asff): void {
    this.codes.push(this.codeOf(finding));
  }

  set(row: number, finding: Asff): void {
    this.codes[row] = this.codeOf(finding);
  }

  /** Moves the last row to `row` (a removal) and drops the last. */
  moveLast(row: number): void {
    const last = this.codes.pop()!;
    if (row < this.codes.length) this.codes[row] = last;
  }

  /** Distinct lists no row uses any more pile up as findings change: then the column is better rebuilt. */
  get wasteful(): boolean {
    return this.lists.length > 2 * this.codes.length + 1024;
  }

  get distinct(): number {
    return this.lists.length;
  }

  valuesAt(row: number): Values {
    return this.lists[this.codes[row]!]!;
  }

  /** What a query needs to test this column's rows: each distinct list is tested once, when a row first needs it (valid while the column does not change). */
  probe(test: (values: Values) => boolean): Probe {
    return { codes: this.codes, lists: this.lists, known: new Int8Array(this.lists.length).fill(-1), test };
  }
}

/** A column's codes and lists with the results known so far (-1 unknown, 0 fails, 1 passes) of one test. */
export interface Probe {
  codes: readonly number[];
  lists: readonly Values[];
  known: Int8Array;
  test: (values: Values) => boolean;
}

/** Whether `row` passes the probe's test (the result is remembered for its value list). */
export function passes(probe: Probe, row: number): boolean {
  const code = probe.codes[row]!;
  let result = probe.known[code]!;
  if (result === -1) result = probe.known[code] = probe.test(probe.lists[code]!) ? 1 : 0;
  return result === 1;
}
