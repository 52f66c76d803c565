/**
 * The embedded backend: one better-sqlite3 connection, in WAL mode, on `<dataDir>/bulwark.db`
 * (or `:memory:`).
 *
 * Durability. In WAL mode a commit appends its pages to the -wal file with write(2) before
 * COMMIT returns. With `synchronous = NORMAL` (durability 'normal', the default) the WAL is
 * fsynced only at checkpoints: every acknowledged write survives a crash of the process
 * (`kill -9`) because the data already sits in the kernel's page cache; a power loss or kernel
 * crash can roll back the last few commits but never corrupts the database. Durability 'full'
 * (`synchronous = FULL`) fsyncs the WAL on every commit and survives power loss too, at the
 * cost of one fsync per write.
 *
 * Transactions. better-sqlite3 is synchronous and the connection is shared, so while an async
 * transaction function is suspended at an `await`, anything else run on the connection would
 * see its uncommitted writes, and a write would silently join (and roll back with) it. Every
 * operation therefore goes through one FIFO mutex: a transaction holds it from BEGIN to
 * COMMIT/ROLLBACK, and non-transactional calls queue behind it, so they run strictly before or
 * after it (serializable by construction, never a retry). Single operations take microseconds,
 * so the queue only ever waits on transactions; keep transaction functions short.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type MigrationTarget } from './migrations.js';
import { Mutex } from './mutex.js';
import { quoteIdent, statements, type Executor, type Row } from './sql.js';
import { SqlOps } from './sql-ops.js';
import type { Store, StoreOps } from './store.js';
import { TxGuard, TxState } from './tx-state.js';

export type Durability = 'normal' | 'full';

export interface SqliteStoreOptions {
  /** Directory holding `bulwark.db` (created if missing); ignored when `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /** 'normal' (default) survives process crashes; 'full' also survives power loss. */
  durability?: Durability;
}

export const SQLITE_FILE = 'bulwark.db';

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  let path = ':memory:';
  if (!options.inMemory) {
    if (!options.dataDir) throw new Error('SQLite store needs a dataDir, or inMemory: true');
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, SQLITE_FILE);
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    const runner = new StatementRunner(db);
    await migrate(sqliteMigrationTarget(db, runner));
    return new SqliteStore(runner);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The connection: prepares each distinct SQL text once and runs it synchronously. */
class StatementRunner {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  run(sql: string, params: readonly unknown[]): Row[] {
    const db = this.live();
    let statement = this.cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      this.cache.set(sql, statement);
    }
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  }

  live(): Database.Database {
    if (!this.db.open) throw new Error('Store is closed');
    return this.db;
  }
}

export function sqliteMigrationTarget(db: Database.Database, runner = new StatementRunner(db)): MigrationTarget {
  return {
    dialect: 'sqlite',
    table: quoteIdent,
    async exclusive(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        await fn({ query: async (sql, params) => runner.run(sql, params) });
        db.exec('COMMIT');
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    },
  };
}

export class SqliteStore extends SqlOps implements Store {
  constructor(
    private readonly runner: StatementRunner,
    private readonly mutex = new Mutex(),
    private readonly guard = new TxGuard(),
  ) {
    super(
      {
        query: async (sql, params) => {
          guard.assertOutside();
          return mutex.run(() => runner.run(sql, params));
        },
      },
      statements(quoteIdent('items')),
    );
  }

  async transaction<R>(fn: (tx: StoreOps) => Promise<R>): Promise<R> {
    this.guard.assertOutside();
    return this.mutex.run(async () => {
      const db = this.runner.live();
      const state = new TxState();
      const query: Executor['query'] = async (sql, params) => {
        state.assertOpen();
        return this.runner.run(sql, params);
      };
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.guard.run(state, () => fn(new SqlOps({ query }, this.sql)));
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      } finally {
        state.open = false;
      }
    });
  }

  async reset(): Promise<void> {
    this.guard.assertOutside();
    await this.mutex.run(() => this.runner.run(`DELETE FROM ${quoteIdent('items')}`, []));
  }

  async close(): Promise<void> {
    this.guard.assertOutside();
    await this.mutex.run(() => {
      if (this.runner.db.open) this.runner.db.close();
    });
  }

  /** A connection setting, e.g. `pragma('synchronous')` (1 = NORMAL, 2 = FULL); for diagnostics. */
  pragma(name: string): unknown {
    return this.runner.live().pragma(name, { simple: true });
  }
}
