import type { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlQueryable } from './SqlDriver.js';

/** Options of `PgliteDriver.open`. */
export interface PgliteDriverOptions {
  /**
   * Directory the database lives in (created when missing); state survives restarts. Without
   * one the database is in memory and gone when closed.
   */
  dataDir?: string;
}

/**
 * `SqlDriver` over PGlite, PostgreSQL compiled to WebAssembly and run in this process. PGlite is
 * one connection: its `transaction` holds every other statement back until it ends, so
 * transactions run one at a time and never wait on a row lock.
 *
 * @example
 * const driver = await PgliteDriver.open({ dataDir: './data/ordergate' });
 * const store = await PostgresStore.open({ driver });
 */
export class PgliteDriver implements SqlDriver {
  readonly dialect = 'pglite' as const;
  readonly #db: PGlite;
  readonly #owned: boolean;

  /** Wraps a PGlite the caller opened (and closes). */
  constructor(db: PGlite, options: { owned?: boolean } = {}) {
    this.#db = db;
    this.#owned = options.owned ?? false;
  }

  /**
   * Opens PGlite on `dataDir` (or in memory). A new database takes a few seconds to initialise;
   * an existing directory opens in well under one.
   */
  static async open(options: PgliteDriverOptions = {}): Promise<PgliteDriver> {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(options.dataDir);
    return new PgliteDriver(db, { owned: true });
  }

  async query<R extends object = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<R[]> {
    return (await this.#db.query<R>(sql, params as unknown[])).rows;
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    // One connection: no other statement runs until this ends, so READ COMMITTED (PGlite's
    // default) is what it runs at, and nothing can interleave.
    return this.#db.transaction((tx) =>
      fn({
        query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
          (await tx.query<R>(sql, params as unknown[])).rows,
      }),
    );
  }

  async close(): Promise<void> {
    if (this.#owned && !this.#db.closed) await this.#db.close();
  }
}
