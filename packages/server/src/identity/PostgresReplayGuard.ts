import { inspect } from 'node:util';
import type { SqlDriver } from '../drivers/SqlDriver.js';
import type { ReplayGuard } from './ReplayGuard.js';
import { quoteSchema } from '../migrations.js';

/**
 * Options of `PostgresReplayGuard`.
 *
 * @example
 * new PostgresReplayGuard(driver, { schema: 'ordergate', purgeEveryMs: 300_000 });
 */
export interface PostgresReplayGuardOptions {
  /** The schema `assertion_jtis` lives in (default `ordergate`, migration 2). */
  schema?: string;
  /** Expired ids are deleted at most this often per guard, in ms (default 60 000). */
  purgeEveryMs?: number;
}

/**
 * A `ReplayGuard` in the shared database: every instance of the service that uses the same
 * schema refuses an assertion id any of them accepted, until it expires. A claim is one
 * statement, `INSERT … ON CONFLICT (jti) DO UPDATE … WHERE expires_at <= now RETURNING jti`: the
 * primary key decides between instances racing on one id (exactly one gets a row back), and an
 * expired row is taken over as if it were gone. Expired rows are deleted at most once a minute.
 *
 * @example
 * const guard = new PostgresReplayGuard(driver);
 * const app = createApp({ og, identity: { secret, audience: 'ordergate', replayGuard: guard } });
 */
export class PostgresReplayGuard implements ReplayGuard {
  readonly #driver: SqlDriver;
  readonly #s: string;
  readonly #purgeEveryMs: number;
  #lastPurge = -Infinity;
  /** The schema the table lives in. */
  readonly schema: string;

  constructor(driver: SqlDriver, options: PostgresReplayGuardOptions = {}) {
    this.schema = options.schema ?? 'ordergate';
    this.#s = quoteSchema(this.schema);
    this.#driver = driver;
    this.#purgeEveryMs = options.purgeEveryMs ?? 60_000;
  }

  async claim(jti: string, expiresAt: number, now: number): Promise<boolean> {
    if (now - this.#lastPurge >= this.#purgeEveryMs) {
      this.#lastPurge = now;
      await this.purge(now);
    }
    const nowIso = new Date(now).toISOString();
    const rows = await this.#driver.query(
      `INSERT INTO ${this.#s}.assertion_jtis AS j (jti, expires_at) VALUES ($1, $2)
       ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at
        WHERE j.expires_at <= $3::timestamptz
       RETURNING jti`,
      [jti, new Date(expiresAt).toISOString(), nowIso],
    );
    return rows.length === 1;
  }

  /** Deletes the ids that expired by `now` (ms); answers how many. */
  async purge(now: number): Promise<number> {
    const rows = await this.#driver.query<{ n: number }>(
      `WITH gone AS (DELETE FROM ${this.#s}.assertion_jtis WHERE expires_at <= $1 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [new Date(now).toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  [inspect.custom](): string {
    return `PostgresReplayGuard { schema: ${JSON.stringify(this.schema)} }`;
  }
}
