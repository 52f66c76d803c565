/**
 * The shared backend: a `pg` Pool on a `postgres://` URL, with every table in one schema
 * (default `bulwark`; set `schema` or the URL's `?schema=` to isolate, e.g. per test run).
 *
 * Outside transactions each operation is one autocommit statement; optimistic `expectVersion`
 * puts are single conditional statements (`INSERT … ON CONFLICT DO NOTHING`,
 * `UPDATE … WHERE version = ?`), which row locks make correct under any concurrency.
 *
 * Transactions run on one pooled client at SERIALIZABLE isolation, so they behave exactly like
 * the SQLite backend's strictly serial ones. PostgreSQL reports a would-be anomaly as a
 * serialization failure (40001) or deadlock (40P01); the transaction is then rolled back and
 * `fn` re-run from the start, with jittered backoff, up to `maxAttempts` times. `fn` may
 * therefore run more than once: keep effects other than its `tx` writes out of it.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { migrate, type MigrationTarget } from './migrations.js';
import { quoteIdent, statements, type Executor, type Row } from './sql.js';
import { SqlOps } from './sql-ops.js';
import type { Store, StoreOps } from './store.js';
import { TxGuard, TxState } from './tx-state.js';

export interface PostgresStoreOptions {
  /** `postgres://` or `postgresql://`; a `schema` query parameter selects the schema. */
  url: string;
  /** Overrides the URL's `schema`; default `bulwark`. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Runs of a transaction that keeps hitting serialization failures (default 20). */
  maxAttempts?: number;
}

export const DEFAULT_SCHEMA = 'bulwark';
const RETRYABLE = new Set(['40001', '40P01']);

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const url = new URL(options.url);
  const schema = options.schema ?? url.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  url.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's connection dying must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    await migrate(postgresMigrationTarget(pool, schema));
    return new PostgresStore(pool, schema, options.maxAttempts ?? 20);
  } catch (err) {
    await pool.end();
    throw err;
  }
}

export function postgresMigrationTarget(pool: pg.Pool, schema: string): MigrationTarget {
  return {
    dialect: 'postgres',
    table: (name) => `${quoteIdent(schema)}.${quoteIdent(name)}`,
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bulwark.migrate.${schema}`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        await fn({ query: async (sql, params) => (await client.query(numbered(sql), [...params])).rows });
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

export class PostgresStore extends SqlOps implements Store {
  private readonly items: string;

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
    private readonly maxAttempts: number,
    private readonly guard = new TxGuard(),
  ) {
    const items = `${quoteIdent(schema)}.${quoteIdent('items')}`;
    super(
      {
        query: async (sql, params) => {
          guard.assertOutside();
          return (await pool.query(prepared(sql, params))).rows as Row[];
        },
      },
      statements(items),
    );
    this.items = items;
  }

  async transaction<R>(fn: (tx: StoreOps) => Promise<R>): Promise<R> {
    this.guard.assertOutside();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(fn);
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.maxAttempts) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
      }
    }
  }

  private async attempt<R>(fn: (tx: StoreOps) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    const state = new TxState();
    const query: Executor['query'] = async (sql, params) => {
      state.assertOpen();
      try {
        return (await client.query(prepared(sql, params))).rows as Row[];
      } catch (err) {
        state.failure ??= err;
        throw err;
      }
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      const result = await this.guard.run(state, () => fn(new SqlOps({ query }, this.sql)));
      // PostgreSQL aborted the transaction even if fn caught the error; COMMIT would roll back.
      if (state.failure !== undefined) throw state.failure;
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      // Retry on a serialization failure even when fn replaced it with its own error.
      throw isRetryable(state.failure) ? state.failure : err;
    } finally {
      state.open = false;
      client.release(broken);
    }
  }

  async reset(): Promise<void> {
    this.guard.assertOutside();
    await this.pool.query(`TRUNCATE ${this.items}`);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRYABLE.has((err as { code?: string }).code ?? '');
}

/** `?` placeholders become `$1, $2, …` (the shared statements contain no other `?`). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const preparedCache = new Map<string, { name: string; text: string }>();

/** A named query config: each connection parses and plans each distinct statement once. */
function prepared(sql: string, params: readonly unknown[]): pg.QueryConfig {
  let entry = preparedCache.get(sql);
  if (entry === undefined) {
    const text = numbered(sql);
    entry = { name: `bulwark_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
    preparedCache.set(sql, entry);
  }
  return { ...entry, values: [...params] };
}
