/**
 * StoreOps over any SQL executor: the one implementation of get/put/delete/list/scopes that
 * both backends use, outside transactions (autocommit executor) and inside (transaction executor).
 */
import { checkText, keyParams, scopeParams } from './keys.js';
import { listBounds, toPage } from './paging.js';
import { listParams, type Executor, type Row, type Statements } from './sql.js';
import {
  StoreConflictError,
  type ListOptions,
  type ListPage,
  type PutOptions,
  type Scope,
  type StoredItem,
  type StoreOps,
} from './store.js';

/** Values are stored as JSON text, exactly as serialized. */
export function encodeValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`store value is not JSON-serializable: ${String(value)}`);
  return json;
}

export function toItem<T>(row: Row): StoredItem<T> {
  return { id: row.id as string, value: JSON.parse(row.value as string) as T, version: Number(row.version) };
}

export class SqlOps implements StoreOps {
  constructor(
    private readonly exec: Executor,
    protected readonly sql: Statements,
  ) {}

  async get<T = unknown>(scope: Scope, kind: string, id: string): Promise<StoredItem<T> | undefined> {
    const [row] = await this.exec.query(this.sql.get, keyParams(scope, kind, id));
    return row === undefined ? undefined : toItem<T>(row);
  }

  async put<T = unknown>(scope: Scope, kind: string, id: string, value: T, options: PutOptions = {}): Promise<number> {
    const key = keyParams(scope, kind, id);
    const json = encodeValue(value);
    const expected = options.expectVersion;
    if (expected === undefined) return version(await this.exec.query(this.sql.upsert, [...key, json]));
    if (!Number.isInteger(expected) || expected < 0) {
      throw new RangeError(`expectVersion must be a non-negative integer, got ${expected}`);
    }
    const rows =
      expected === 0
        ? await this.exec.query(this.sql.insertNew, [...key, json])
        : await this.exec.query(this.sql.replaceAt, [json, ...key, expected]);
    if (rows.length > 0) return version(rows);
    const current = await this.exec.query(this.sql.version, key);
    throw new StoreConflictError(kind, id, expected, current.length > 0 ? version(current) : 0);
  }

  async delete(scope: Scope, kind: string, id: string): Promise<boolean> {
    const rows = await this.exec.query(this.sql.delete, keyParams(scope, kind, id));
    return rows.length > 0;
  }

  async list<T = unknown>(scope: Scope, kind: string, options: ListOptions = {}): Promise<ListPage<T>> {
    const bounds = listBounds(options);
    const rows = await this.exec.query(this.sql.list(bounds), [...scopeParams(scope, kind), ...listParams(bounds)]);
    return toPage(rows.map((row) => toItem<T>(row)), options.limit);
  }

  async scopes(kind: string): Promise<Scope[]> {
    checkText('kind', kind);
    const rows = await this.exec.query(this.sql.scopes, [kind]);
    return rows.map((row) => ({ account: row.account as string, region: row.region as string }));
  }
}

function version(rows: Row[]): number {
  return Number(rows[0].version);
}
