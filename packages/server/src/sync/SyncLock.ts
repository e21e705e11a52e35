import type { SqlDriver } from '../drivers/SqlDriver.js';

/** What `SyncLock.run` did: ran `fn` holding the lock, or found the lock taken. */
export type LockOutcome<T> = { ran: true; value: T } | { ran: false };

const held = new Map<string, Promise<unknown>>();

/**
 * One sync at a time per ERP, across instances: a PostgreSQL advisory lock on
 * `hashtext('ordergate.sync:<schema>:<erp>')`, taken with `pg_try_advisory_xact_lock` in a
 * transaction that stays open for the whole run on a connection of its own (node-postgres), so
 * the lock goes away with the transaction — or with the connection when the process dies. The
 * run's own commits use other connections of the pool. PGlite is one connection in one process:
 * there a transaction held open would block the run's commits, and no other process can open
 * the same data directory, so an in-process lock stands in for it. Never waits: a taken lock
 * answers `{ ran: false }` at once.
 *
 * @example
 * const lock = new SyncLock(store.driver, 'ordergate');
 * const r = await lock.run('odoo', () => sync.pages());
 * if (!r.ran) console.log('another instance is syncing odoo');
 */
export class SyncLock {
  constructor(
    private readonly driver: SqlDriver,
    private readonly schema: string,
  ) {}

  /** Runs `fn` holding the ERP's lock, or answers `{ ran: false }` when another holds it. */
  async run<T>(erp: string, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    const name = `ordergate.sync:${this.schema}:${erp}`;
    if (this.driver.dialect === 'pglite') {
      if (held.has(name)) return { ran: false };
      const running = fn();
      held.set(name, running);
      try {
        return { ran: true, value: await running };
      } finally {
        held.delete(name);
      }
    }
    return this.driver.transaction(async (tx) => {
      const [row] = await tx.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)::bigint) AS locked',
        [name],
      );
      if (!row?.locked) return { ran: false } as const;
      return { ran: true, value: await fn() } as const;
    });
  }
}
