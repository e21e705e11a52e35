import type { SqlDriver } from '../drivers/SqlDriver.js';
import { quoteSchema } from '../migrations.js';

/** What a sync did with each order, counted per run. */
export type SyncOutcome =
  /** New to ordergate: submitted and assessed (IN-1…IN-4). */
  | 'submitted'
  /** New, and returned to sales by the rules (IN-2): stored as returned. */
  | 'returned'
  /** A draft or returned order the ERP changed: submitted again, its diff recorded (RV-9). */
  | 'resubmitted'
  /** Nothing ordergate keeps changed (a re-read, a write-back echo). */
  | 'unchanged'
  /** Changed in the ERP while in the workflow: the core refused the edit (RV-9, CH-1). */
  | 'refused'
  /** The ERP's order could not be read as an order (a `ValidationError`), or was archived. */
  | 'rejected';

/** One run of the sync as `sync_runs` keeps it. */
export interface SyncRun {
  id: number;
  erp: string;
  trigger: string;
  status: 'running' | 'done' | 'failed';
  pages: number;
  counts: Partial<Record<SyncOutcome | 'customers', number>>;
  startedAt: string;
  finishedAt?: string;
  error?: string;
}

interface RunRow {
  id: string | number;
  erp: string;
  trigger: string;
  status: SyncRun['status'];
  pages: number;
  counts: SyncRun['counts'];
  started_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * The sync's tables (migration 3): each ERP's checkpoint, the run log, and the delivery ids of
 * verified webhooks. Plain SQL on the store's driver, the same on PGlite and PostgreSQL.
 *
 * @example
 * const log = new SyncLog(store.driver, store.schema);
 * await log.saveCheckpoint('odoo', page.checkpoint);
 */
export class SyncLog {
  readonly #s: string;

  constructor(
    private readonly driver: SqlDriver,
    schema = 'ordergate',
  ) {
    this.#s = quoteSchema(schema);
  }

  /** Where the ERP's sync resumes, or undefined before its first page. */
  async checkpoint(erp: string): Promise<string | undefined> {
    const rows = await this.driver.query<{ checkpoint: string }>(
      `SELECT checkpoint FROM ${this.#s}.sync_checkpoints WHERE erp = $1`,
      [erp],
    );
    return rows[0]?.checkpoint;
  }

  /** Stores the ERP's checkpoint (call it only after the page's orders are committed). */
  async saveCheckpoint(erp: string, checkpoint: string): Promise<void> {
    await this.driver.query(
      `INSERT INTO ${this.#s}.sync_checkpoints (erp, checkpoint, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (erp) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
      [erp, checkpoint],
    );
  }

  /** Opens a run; returns its id. */
  async startRun(erp: string, trigger: string): Promise<number> {
    const [row] = await this.driver.query<{ id: string | number }>(
      `INSERT INTO ${this.#s}.sync_runs (erp, trigger) VALUES ($1, $2) RETURNING id`,
      [erp, trigger],
    );
    return Number(row!.id);
  }

  /** Records a run's progress (after each page) or its end. */
  async updateRun(
    id: number,
    run: { pages: number; counts: SyncRun['counts']; status?: 'done' | 'failed'; error?: string },
  ): Promise<void> {
    await this.driver.query(
      `UPDATE ${this.#s}.sync_runs
         SET pages = $2, counts = $3::jsonb, status = COALESCE($4, status), error = $5,
             finished_at = CASE WHEN $4::text IS NULL THEN NULL ELSE now() END
       WHERE id = $1`,
      [id, run.pages, JSON.stringify(run.counts), run.status ?? null, run.error ?? null],
    );
  }

  /** The ERP's latest runs, newest first. */
  async runs(erp: string, limit = 20): Promise<SyncRun[]> {
    const rows = await this.driver.query<RunRow>(
      `SELECT * FROM ${this.#s}.sync_runs WHERE erp = $1 ORDER BY id DESC LIMIT $2`,
      [erp, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      erp: r.erp,
      trigger: r.trigger,
      status: r.status,
      pages: r.pages,
      counts: r.counts,
      startedAt: iso(r.started_at),
      ...(r.finished_at ? { finishedAt: iso(r.finished_at) } : {}),
      ...(r.error ? { error: r.error } : {}),
    }));
  }

  /**
   * Remembers a webhook delivery id; false when it was seen before (a replay). Ids older than
   * `keepSeconds` are forgotten, since their timestamps are refused anyway.
   */
  async rememberDelivery(erp: string, deliveryId: string, keepSeconds = 600): Promise<boolean> {
    await this.driver.query(
      `DELETE FROM ${this.#s}.webhook_deliveries WHERE received_at < now() - make_interval(secs => $1)`,
      [keepSeconds],
    );
    const rows = await this.driver.query(
      `INSERT INTO ${this.#s}.webhook_deliveries (erp, delivery_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING delivery_id`,
      [erp, deliveryId],
    );
    return rows.length === 1;
  }
}
