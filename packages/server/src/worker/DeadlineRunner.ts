import type { ScheduledCheck } from '@ordergate/core';
import { processLock, type ExclusiveLock } from './advisoryLock.js';

/** What a `DeadlineRunner` drives: the façade's clock-driven checks. */
export interface ScheduledChecks {
  runScheduledChecks(): Promise<ScheduledCheck[]>;
}

/** Options of a `DeadlineRunner`. */
export interface DeadlineRunnerOptions {
  og: ScheduledChecks;
  /** Keeps runs one at a time across instances (default: this process only; `advisoryLock(driver)` on PostgreSQL). */
  lock?: ExclusiveLock;
  /** Time between runs in ms (default 60 000). */
  intervalMs?: number;
  /** Told after a run that flagged orders (e.g. to poke the `OutboxWorker`). */
  onChecks?: (checks: ScheduledCheck[]) => void;
  /** Told about a run that threw; the runner goes on after the interval. */
  onError?: (error: unknown) => void;
}

/** What one `runOnce` did: skipped (another instance holds the lock) or ran and flagged these. */
export type DeadlineRun = { ran: false } | { ran: true; checks: ScheduledCheck[] };

const LOCK = 'deadline-runner';

/**
 * Runs the core's clock-driven checks on an interval (`Ordergate.runScheduledChecks`): RV-2
 * overdue review steps escalated one level and the owner told, CH-2 change deadlines, CR-4 credit
 * releases that expired put back on hold, TR-2 delivery alerts. Archive grants (AR-5) and
 * temporary limit increases (CR-3) expire by their own instants, checked on every read, so they
 * need no run. One instance runs at a time: each run takes a lock (`advisoryLock` on PostgreSQL)
 * and an instance that finds it held skips that turn. The checks are idempotent — a step
 * escalated once is not escalated again — so a run repeated after a crash does no harm.
 *
 * @example
 * const deadlines = new DeadlineRunner({ og, lock: advisoryLock(driver), intervalMs: 60_000, onChecks: () => worker.poke() }).start();
 * process.on('SIGTERM', () => void deadlines.stop());
 */
export class DeadlineRunner {
  readonly #og: ScheduledChecks;
  readonly #lock: ExclusiveLock;
  readonly #intervalMs: number;
  readonly #onChecks: (checks: ScheduledCheck[]) => void;
  readonly #onError: (error: unknown) => void;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: DeadlineRunnerOptions) {
    this.#og = options.og;
    this.#lock = options.lock ?? processLock();
    this.#intervalMs = Math.max(1, options.intervalMs ?? 60_000);
    this.#onChecks = options.onChecks ?? (() => undefined);
    this.#onError = options.onError ?? (() => undefined);
  }

  /** One run now, under the lock. */
  async runOnce(): Promise<DeadlineRun> {
    const r = await this.#lock.tryRun(LOCK, () => this.#og.runScheduledChecks());
    if (!r.ran) return { ran: false };
    if (r.value.length > 0) this.#onChecks(r.value);
    return { ran: true, checks: r.value };
  }

  /** Starts running every `intervalMs`, the first run at once; returns the runner. */
  start(): this {
    if (this.#running) return this;
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        try {
          await this.runOnce();
        } catch (error) {
          this.#onError(error);
        }
        if (!this.#running) break;
        await new Promise<void>((resolve) => {
          this.#wake = () => {
            clearTimeout(this.#timer);
            this.#wake = undefined;
            resolve();
          };
          this.#timer = setTimeout(this.#wake, this.#intervalMs);
        });
      }
    })();
    return this;
  }

  /** Stops after the run in progress; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }
}
