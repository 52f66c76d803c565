/**
 * The storage layer's public surface: the contract (store.ts) and `openStore`, which picks the
 * backend from configuration. Services depend on `Store` only, never on a backend.
 */
import { openSqliteStore, type Durability } from './sqlite-store.js';
import type { Store } from './store.js';

export * from './store.js';
export type { Durability } from './sqlite-store.js';

export interface StoreConfig {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL (a `?schema=` parameter picks the schema). */
  url?: string;
  /** SQLite: directory holding `bulwark.db`. */
  dataDir?: string;
  /** SQLite in memory: nothing survives the process. */
  inMemory?: boolean;
  /** SQLite: 'normal' (default) survives process crashes, 'full' also power loss. */
  durability?: Durability;
  /** PostgreSQL schema (default `bulwark`, or the URL's `schema` parameter). */
  schema?: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** Opens (creating and migrating as needed) the store the configuration names. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.url) {
    if (!POSTGRES_URL.test(config.url)) {
      throw new Error(`unsupported store URL (expected postgres:// or postgresql://): ${redact(config.url)}`);
    }
    // loaded on demand: the pg driver costs start-up time that SQLite users should not pay
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore({ url: config.url, schema: config.schema });
  }
  if (!config.inMemory && !config.dataDir) throw new Error('openStore needs a PostgreSQL url, a dataDir, or inMemory: true');
  return openSqliteStore({ dataDir: config.dataDir, inMemory: config.inMemory, durability: config.durability });
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
