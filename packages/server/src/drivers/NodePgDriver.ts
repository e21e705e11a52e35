import type { SqlDriver, SqlQueryable } from './SqlDriver.js';

/** The part of a node-postgres `PoolClient` the driver uses. */
export interface PgClientLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(destroy?: boolean | Error): void;
}

/** The part of a node-postgres `Pool` the driver uses (a `pg.Pool` fits). */
export interface PgPoolLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgClientLike>;
  end(): Promise<void>;
}

/** Options of `NodePgDriver.connect`. */
export interface NodePgDriverOptions {
  /** `postgres://user:password@host:5432/db`, or anything else node-postgres accepts. */
  connectionString: string;
  /** Connections in the pool (default 10). */
  max?: number;
}

/**
 * `SqlDriver` over node-postgres (`pg`) against a PostgreSQL server, through a connection pool:
 * each transaction holds one connection from `BEGIN ISOLATION LEVEL READ COMMITTED` to
 * `COMMIT`, so several run at once and wait for each other only on the rows they lock.
 *
 * @example
 * const driver = await NodePgDriver.connect({ connectionString: process.env.DATABASE_URL!, max: 20 });
 * const store = await PostgresStore.open({ driver });
 */
export class NodePgDriver implements SqlDriver {
  readonly dialect = 'pg' as const;
  readonly #pool: PgPoolLike;
  readonly #owned: boolean;

  /** Wraps a pool the caller made (and ends). */
  constructor(pool: PgPoolLike, options: { owned?: boolean } = {}) {
    this.#pool = pool;
    this.#owned = options.owned ?? false;
  }

  /** Makes a pool for `connectionString`; `close()` ends it. */
  static async connect(options: NodePgDriverOptions): Promise<NodePgDriver> {
    const imported = (await import('pg')) as unknown as {
      default?: { Pool: new (config: object) => PgPoolLike };
      Pool?: new (config: object) => PgPoolLike;
    };
    const Pool = imported.default?.Pool ?? imported.Pool;
    if (!Pool) throw new Error('node-postgres (pg) has no Pool export');
    const pool = new Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
    return new NodePgDriver(pool, { owned: true });
  }

  async query<R extends object = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<R[]> {
    return (await this.#pool.query(sql, params as unknown[])).rows as R[];
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await fn({
        query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as R[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        // the connection is unusable: the pool drops it instead of handing it out again
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#owned) await this.#pool.end();
  }
}
