/** Something SQL runs on: a driver, or the transaction a driver hands to `transaction`. */
export interface SqlQueryable {
  /**
   * Runs one statement with positional parameters (`$1`, `$2`…) and returns its rows. Strings,
   * numbers, null and arrays of strings are passed as they are; JSON goes in as text with a
   * `::jsonb` cast.
   */
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
}

/**
 * The little a `PostgresStore` needs from a PostgreSQL client: run a statement, run a function
 * inside one transaction (committed when it resolves, rolled back when it throws), close. Two
 * implementations ship: `PgliteDriver` (embedded PGlite) and `NodePgDriver` (node-postgres).
 *
 * @example
 * const rows = await driver.query<{ n: number }>('SELECT $1::int AS n', [1]);
 * await driver.transaction(async (tx) => { await tx.query('UPDATE …'); await tx.query('INSERT …'); });
 */
export interface SqlDriver extends SqlQueryable {
  /** `pglite` or `pg`, for messages and tests. */
  readonly dialect: 'pglite' | 'pg';
  /**
   * Runs `fn` in a transaction at READ COMMITTED. Statements of other callers never run inside
   * it. An error thrown by `fn` or by a statement rolls it back and is rethrown as it is.
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Releases what the driver opened (not what it was handed). */
  close(): Promise<void>;
}

/**
 * The SQLSTATE of a database error (`23505`, `40001`…), from either driver; undefined for
 * anything else.
 *
 * @example
 * if (sqlState(error) === '23505') throw new ConcurrentModificationError(key, 0, { cause: error });
 */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
