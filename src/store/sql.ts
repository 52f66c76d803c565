/**
 * The item statements, identical for SQLite and PostgreSQL apart from the table name and the
 * placeholder style: they are written with `?` and PostgreSQL's executor numbers them ($1, $2…).
 * Every statement returns rows (SELECT or RETURNING), so one executor shape serves them all.
 */
import type { ListBounds } from './paging.js';

export type Row = Record<string, unknown>;

/** Runs one statement with positional parameters and resolves to its rows. */
export interface Executor {
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
}

const KEY = 'account = ? AND region = ? AND kind = ? AND id = ?';
const COLUMNS = '(account, region, kind, id, version, value) VALUES (?, ?, ?, ?, 1, ?)';
const CONFLICT = 'ON CONFLICT (account, region, kind, id)';

export interface Statements {
  /** params: key */
  readonly get: string;
  /** params: key */
  readonly version: string;
  /** Insert or replace, bumping the version. params: key, value */
  readonly upsert: string;
  /** Insert only if absent (expectVersion 0); no row back on conflict. params: key, value */
  readonly insertNew: string;
  /** Replace only at the expected version; no row back on conflict. params: value, key, version */
  readonly replaceAt: string;
  /** params: key */
  readonly delete: string;
  /** params: kind */
  readonly scopes: string;
  /** params: account, region, kind, then listParams(bounds) */
  list(bounds: ListBounds): string;
}

/** `table` is the items table, already quoted and qualified as the dialect needs. */
export function statements(table: string): Statements {
  const lists = new Map<string, string>();
  return {
    get: `SELECT id, version, value FROM ${table} WHERE ${KEY}`,
    version: `SELECT version FROM ${table} WHERE ${KEY}`,
    upsert:
      `INSERT INTO ${table} AS t ${COLUMNS} ${CONFLICT} ` +
      'DO UPDATE SET version = t.version + 1, value = excluded.value RETURNING version',
    insertNew: `INSERT INTO ${table} ${COLUMNS} ${CONFLICT} DO NOTHING RETURNING version`,
    replaceAt: `UPDATE ${table} SET version = version + 1, value = ? WHERE ${KEY} AND version = ? RETURNING version`,
    delete: `DELETE FROM ${table} WHERE ${KEY} RETURNING id`,
    scopes: `SELECT DISTINCT account, region FROM ${table} WHERE kind = ? ORDER BY account, region`,
    list(bounds) {
      const clauses = [
        bounds.after !== undefined ? ' AND id > ?' : '',
        bounds.from !== undefined ? ' AND id >= ?' : '',
        bounds.before !== undefined ? ' AND id < ?' : '',
      ].join('');
      const limit = bounds.fetch !== undefined ? ' LIMIT ?' : '';
      const key = clauses + limit;
      let sql = lists.get(key);
      if (sql === undefined) {
        sql = `SELECT id, version, value FROM ${table} WHERE account = ? AND region = ? AND kind = ?${clauses} ORDER BY id${limit}`;
        lists.set(key, sql);
      }
      return sql;
    },
  };
}

/** The parameters that follow the scope in `list(bounds)`, in clause order. */
export function listParams(bounds: ListBounds): unknown[] {
  return [bounds.after, bounds.from, bounds.before, bounds.fetch].filter((value) => value !== undefined);
}

/** Quotes an SQL identifier (both dialects use double quotes). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
