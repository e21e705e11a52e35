import type { SqlDriver } from '../drivers/SqlDriver.js';

/** Runs work while holding a named lock, or not at all when someone else holds it. */
export interface ExclusiveLock {
  /** `{ ran: true, value }` after `fn` ran under the lock; `{ ran: false }` when it was taken. */
  tryRun<T>(name: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

/**
 * A lock held in this process only: for one instance (PGlite on a data directory is one process
 * by nature) and for tests.
 *
 * @example
 * const lock = processLock();
 * await lock.tryRun('deadlines', () => og.runScheduledChecks());
 */
export function processLock(): ExclusiveLock {
  const held = new Set<string>();
  return {
    async tryRun(name, fn) {
      if (held.has(name)) return { ran: false };
      held.add(name);
      try {
        return { ran: true, value: await fn() };
      } finally {
        held.delete(name);
      }
    },
  };
}

/**
 * A PostgreSQL advisory lock shared by every instance on one database: `tryRun` opens a
 * transaction, takes `pg_try_advisory_xact_lock(hashtext('ordergate:' || name))` without waiting,
 * runs `fn` while holding it and ends the transaction, which releases the lock — also when the
 * process dies, since the server drops the connection. The transaction holds one connection of
 * the pool while `fn` runs on the others, so the pool needs at least two. On PGlite (one
 * connection, one process) it is a `processLock`.
 *
 * @example
 * const driver = await NodePgDriver.connect({ connectionString: process.env.DATABASE_URL! });
 * const store = await PostgresStore.open({ driver });
 * const runner = new DeadlineRunner({ og, lock: advisoryLock(driver) });
 */
export function advisoryLock(driver: SqlDriver): ExclusiveLock {
  if (driver.dialect === 'pglite') return processLock();
  return {
    tryRun: <T>(name: string, fn: () => Promise<T>) =>
      driver.transaction(async (tx) => {
        const [row] = await tx.query<{ got: boolean }>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)::bigint) AS got',
          [`ordergate:${name}`],
        );
        if (row?.got !== true) return { ran: false as const };
        return { ran: true as const, value: await fn() };
      }),
  };
}
