import type { DispatchReport } from '@ordergate/core';

/** What an `OutboxWorker` drives: an `Ordergate` built with the ERP's receiver (or anything that dispatches). */
export interface Dispatcher {
  dispatch(limit?: number): Promise<DispatchReport>;
}

/** Options of an `OutboxWorker`. */
export interface OutboxWorkerOptions {
  /** The façade whose `dispatch` delivers to the ERP (built with `receiver: erpReceiver(…)`). */
  og: Dispatcher;
  /** Time between passes when the outbox is idle, in ms (default 1000). */
  intervalMs?: number;
  /** Effects leased per pass (default 100); a full pass is followed at once by the next. */
  batch?: number;
  /** Told about a pass that threw (the store unreachable…); the worker goes on after the interval. */
  onError?: (error: unknown) => void;
  /** Told about every pass that did something. */
  onPass?: (report: DispatchReport) => void;
}

/**
 * Delivers the outbox in the background: runs `og.dispatch()` every `intervalMs`, at once again
 * after a full batch, and at once when poked (a command just committed effects). Failed
 * deliveries are retried by the outbox itself — jittered exponential backoff, then a dead letter
 * (`DeliveryOptions`): the worker adds no retry of its own, and the receiver must not retry
 * either. Several workers, in one process or in several instances on one PostgreSQL, share the
 * outbox: the store leases effects with `FOR UPDATE SKIP LOCKED`, so each effect is delivered by
 * one of them at a time. `stop()` lets the running pass finish and settle, so nothing it
 * delivered is delivered again.
 *
 * @example
 * const og = new Ordergate({ policy, store, clock, ids, receiver: erpReceiver(connector) });
 * const worker = new OutboxWorker({ og, intervalMs: 500 }).start();
 * // after a command: worker.poke();
 * process.on('SIGTERM', () => void worker.stop());
 */
export class OutboxWorker {
  readonly #og: Dispatcher;
  readonly #intervalMs: number;
  readonly #batch: number;
  readonly #onError: (error: unknown) => void;
  readonly #onPass: (report: DispatchReport) => void;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #poked = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OutboxWorkerOptions) {
    this.#og = options.og;
    this.#intervalMs = Math.max(1, options.intervalMs ?? 1000);
    this.#batch = Math.max(1, Math.floor(options.batch ?? 100));
    this.#onError = options.onError ?? (() => undefined);
    this.#onPass = options.onPass ?? (() => undefined);
  }

  /** Whether the worker is running (started and not stopped). */
  get running(): boolean {
    return this.#running;
  }

  /** Starts the loop (a second call does nothing) and returns the worker. */
  start(): this {
    if (this.#running) return this;
    this.#running = true;
    this.#loop = this.#run();
    return this;
  }

  /** Runs the next pass now instead of after the interval (e.g. right after a commit). */
  poke(): void {
    this.#poked = true;
    this.#wake?.();
  }

  /** One pass by hand, outside the loop (the CLI's `outbox deliver`, tests). */
  runOnce(): Promise<DispatchReport> {
    return this.#og.dispatch(this.#batch);
  }

  /** Stops after the pass in progress has settled; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#poked = false;
      let full = false;
      try {
        const report = await this.#og.dispatch(this.#batch);
        if (report.delivered + report.failed > 0) this.#onPass(report);
        // A full batch means more may be due: go on at once.
        full = report.delivered + report.failed >= this.#batch;
      } catch (error) {
        this.#onError(error);
      }
      if (!this.#running) break;
      if (!full && !this.#poked) await this.#sleep();
    }
  }

  #sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(this.#timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
      this.#timer = setTimeout(done, this.#intervalMs);
    });
  }
}
