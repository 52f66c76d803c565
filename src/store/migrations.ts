/**
 * Numbered schema migrations, applied when a store opens. Each runs once per database: the
 * `schema_migrations` table records what has been applied, and the whole run happens in one
 * transaction that excludes concurrent migrators (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
 * advisory lock), so opening a store any number of times, even concurrently, is idempotent.
 * Append new migrations with the next number; never edit an applied one.
 */
import type { Executor } from './sql.js';

export type Dialect = 'sqlite' | 'postgres';

/** Quotes (and for PostgreSQL, schema-qualifies) a table or index name. */
export type TableName = (name: string) => string;

export interface Migration {
  version: number;
  name: string;
  up: Record<Dialect, (table: TableName) => string[]>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'items',
    up: {
      // Byte-ordered ids: SQLite's default BINARY collation compares UTF-8 bytes.
      sqlite: (t) => [
        `CREATE TABLE ${t('items')} (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL,
          id TEXT NOT NULL, version INTEGER NOT NULL, value TEXT NOT NULL,
          PRIMARY KEY (account, region, kind, id))`,
        `CREATE INDEX ${t('items_kind_scope')} ON ${t('items')} (kind, account, region)`,
      ],
      // COLLATE "C" makes PostgreSQL compare bytes too, whatever the database's locale.
      postgres: (t) => [
        `CREATE TABLE ${t('items')} (account text COLLATE "C" NOT NULL, region text COLLATE "C" NOT NULL,
          kind text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, version integer NOT NULL,
          value text NOT NULL, PRIMARY KEY (account, region, kind, id))`,
        `CREATE INDEX items_kind_scope ON ${t('items')} (kind, account, region)`,
      ],
    },
  },
];

export interface MigrationTarget {
  dialect: Dialect;
  table: TableName;
  /** Runs `fn` in one transaction that no other migrator of the same database can interleave with. */
  exclusive(fn: (exec: Executor) => Promise<void>): Promise<void>;
}

/** Applies every pending migration in version order; resolves to the versions it applied. */
export async function migrate(target: MigrationTarget, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  const ledger = target.table('schema_migrations');
  await target.exclusive(async (exec) => {
    await exec.query(
      `CREATE TABLE IF NOT EXISTS ${ledger} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      [],
    );
    const done = new Set((await exec.query(`SELECT version FROM ${ledger}`, [])).map((row) => Number(row.version)));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const sql of migration.up[target.dialect](target.table)) await exec.query(sql, []);
      await exec.query(`INSERT INTO ${ledger} (version, name, applied_at) VALUES (?, ?, ?)`, [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      applied.push(migration.version);
    }
  });
  return applied;
}
