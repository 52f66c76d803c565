/**
 * The one storage contract every service uses. Two implementations: SQLite (embedded default,
 * better-sqlite3 in WAL mode) and PostgreSQL (`pg`), proven by one contract test suite.
 *
 * Data model: JSON documents addressed by (account, region, kind, id). `kind` is a
 * service-owned namespace such as `iam:user` or `kms:key`; `region` is the AWS region, or
 * `GLOBAL` for global services (IAM, Organizations). Every call names its scope explicitly:
 * there is no ambient account or region.
 *
 * Every acknowledged write is durable: once a promise resolves, a `kill -9` loses nothing.
 */
export interface Scope {
  account: string;
  region: string;
}

/** The region used by global services (IAM, Organizations, account-level settings). */
export const GLOBAL_REGION = 'GLOBAL';

export interface StoredItem<T = unknown> {
  id: string;
  value: T;
  /** Monotonic per item, starting at 1; used for optimistic concurrency (`expectVersion`). */
  version: number;
}

export interface ListOptions {
  /** Only ids that start with this prefix. */
  prefix?: string;
  /** Resume after this id (exclusive); ids are returned in ascending byte order. */
  after?: string;
  /** At most this many items (default: all). */
  limit?: number;
}

export interface ListPage<T = unknown> {
  items: StoredItem<T>[];
  /** The id to pass as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface PutOptions {
  /** Fail with StoreConflictError unless the stored version equals this (0 = must not exist). */
  expectVersion?: number;
}

/** Reads and writes; the same surface inside and outside a transaction. */
export interface StoreOps {
  get<T = unknown>(scope: Scope, kind: string, id: string): Promise<StoredItem<T> | undefined>;
  /** Inserts or replaces; resolves to the new version. */
  put<T = unknown>(scope: Scope, kind: string, id: string, value: T, options?: PutOptions): Promise<number>;
  /** Resolves true when something was deleted. */
  delete(scope: Scope, kind: string, id: string): Promise<boolean>;
  list<T = unknown>(scope: Scope, kind: string, options?: ListOptions): Promise<ListPage<T>>;
  /** Every scope (account and region) that holds items of this kind; for cross-account sweeps. */
  scopes(kind: string): Promise<Scope[]>;
}

export interface Store extends StoreOps {
  /** Runs `fn` atomically (serializable): all its writes commit together or not at all. */
  transaction<R>(fn: (tx: StoreOps) => Promise<R>): Promise<R>;
  /** Deletes all state (the reset endpoints). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  constructor(kind: string, id: string, expected: number, actual: number) {
    super(`${kind} ${id}: expected version ${expected}, found ${actual}`);
    this.name = 'StoreConflictError';
  }
}
