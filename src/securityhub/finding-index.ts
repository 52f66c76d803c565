/**
 * An in-memory index of findings (one account and Region's, in the service): the findings by
 * key, and — built on first use, kept current on every change — one column per filtered or
 * sorted attribute holding each finding's normalized values, so a query scans flat arrays
 * instead of walking 100,000 nested findings and parsing their timestamps each time.
 */
import { fieldValues, type Values } from './field-values.js';
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
  private readonly columns = new Map<string, Values[]>();

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
      for (const [field, column] of this.columns) column.push(fieldValues(field, finding));
    } else {
      this.findings[row] = finding;
      for (const [field, column] of this.columns) column[row] = fieldValues(field, finding);
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
      for (const column of this.columns.values()) column[row] = column[last]!;
    }
    this.findings.pop();
    this.keys.pop();
    for (const column of this.columns.values()) column.pop();
  }

  clear(): void {
    this.findings = [];
    this.keys = [];
    this.rows.clear();
    this.columns.clear();
  }

  private column(field: string): Values[] {
    let column = this.columns.get(field);
    if (!column) {
      column = this.findings.map((finding) => fieldValues(field, finding));
      this.columns.set(field, column);
    }
    return column;
  }

  /** The findings matching every test of `filters`, each with its values of `fields`. */
  select(filters: CompiledFilters, fields: readonly string[] = []): Selected[] {
    const tests = filters.tests.map(({ field, test }) => ({ column: this.column(field), test }));
    const wanted = fields.map((field) => this.column(field));
    const out: Selected[] = [];
    const n = this.findings.length;
    rows: for (let row = 0; row < n; row++) {
      for (const { column, test } of tests) if (!test(column[row]!)) continue rows;
      out.push({ key: this.keys[row]!, finding: this.findings[row]!, values: wanted.map((column) => column[row]!) });
    }
    return out;
  }
}
