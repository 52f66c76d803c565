/**
 * An in-memory index of findings (one account and Region's, in the service): the findings by
 * key, and — built on first use, kept current on every change — one dictionary-encoded column
 * per filtered, sorted or grouped attribute (column.ts), so a query tests each distinct value
 * once and scans flat arrays instead of walking 100,000 nested findings and parsing their
 * timestamps each time.
 */
import { Column, passes } from './column.js';
import type { Values } from './field-values.js';
import type { CompiledFilters } from './filters/compile.js';

export type Asff = Record<string, unknown>;

/** A finding that matched a query, with its values of the attributes the query sorts or groups by. */
export interface Selected {
  key: string;
  finding: Asff;
  values: Values[];
}

export class FindingIndex {
  private findings: Asff[] = [];
  private keys: string[] = [];
  private readonly rows = new Map<string, number>();
  private readonly columns = new Map<string, Column>();

  get size(): number {
    return this.findings.length;
  }

  get(key: string): Asff | undefined {
    const row = this.rows.get(key);
    return row === undefined ? undefined : this.findings[row];
  }

  upsert(key: string, finding: Asff): void {
    const row = this.rows.get(key);
    if (row === undefined) {
      this.rows.set(key, this.findings.length);
      this.findings.push(finding);
      this.keys.push(key);
      for (const column of this.columns.values()) column.push(finding);
    } else {
      this.findings[row] = finding;
      for (const [field, column] of this.columns) {
        column.set(row, finding);
        if (column.wasteful) this.columns.delete(field);
      }
    }
  }

  remove(key: string): void {
    const row = this.rows.get(key);
    if (row === undefined) return;
    const last = this.findings.length - 1;
    this.rows.delete(key);
    if (row !== last) {
      this.findings[row] = this.findings[last]!;
      this.keys[row] = this.keys[last]!;
      this.rows.set(this.keys[row]!, row);
    }
    this.findings.pop();
    this.keys.pop();
    for (const column of this.columns.values()) column.moveLast(row);
  }

  clear(): void {
    this.findings = [];
    this.keys = [];
    this.rows.clear();
    this.columns.clear();
  }

  private column(field: string): Column {
    let column = this.columns.get(field);
    if (!column) {
      column = new Column(field);
      for (const finding of this.findings) column.push(finding);
      this.columns.set(field, column);
    }
    return column;
  }

  /** The findings matching every test of `filters` (cheapest attributes tested first), each with its values of `fields`. */
  select(filters: CompiledFilters, fields: readonly string[] = []): Selected[] {
    const tests = filters.tests
      .map(({ field, test }) => ({ column: this.column(field), test }))
      .sort((a, b) => a.column.distinct - b.column.distinct)
      .map(({ column, test }) => column.probe(test));
    const wanted = fields.map((field) => this.column(field));
    const out: Selected[] = [];
    const n = this.findings.length;
    rows: for (let row = 0; row < n; row++) {
      for (let t = 0; t < tests.length; t++) if (!passes(tests[t]!, row)) continue rows;
      const values: Values[] = new Array(wanted.length);
      for (let w = 0; w < wanted.length; w++) values[w] = wanted[w]!.valuesAt(row);
      out.push({ key: this.keys[row]!, finding: this.findings[row]!, values });
    }
    return out;
  }
}
