import type { AuditEvent } from '../audit/AuditEvent.js';
import { ConcurrentModificationError } from '../errors.js';
import { canonicalJson } from '../lib/canonicalJson.js';
import type { Clock } from '../ports/Clock.js';
import type { EffectReceiver } from '../ports/EffectReceiver.js';
import type { Hasher } from '../audit/Hasher.js';
import { effectSubject, type EffectFailure, type RecordWrite, type Store } from '../ports/Store.js';
import type { TypedAuditDraft } from '../state/auditEventTypes.js';
import type { Effect } from '../state/Effect.js';
import { indexOf, ownerOf, streamOf, type RecordKind, type RecordTypes } from './records.js';

/** How a command retries after another writer committed first (optimistic versioning). */
export interface RetryOptions {
  /** Attempts before `ConcurrentModificationError` reaches the caller (default 64: enough for 50 writers racing on one record on PostgreSQL). */
  maxAttempts?: number;
  /** First backoff ceiling in ms; doubles per attempt (default 2). */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms (default 100). */
  maxDelayMs?: number;
}

/**
 * How the outbox retries a failed delivery: the only retry layer between a commit and the ERP
 * (receivers try once per delivery and do not retry themselves). After attempt `n` fails the
 * effect waits a random time between half and all of `min(maxDelayMs, baseDelayMs · 2^(n-1))`;
 * the `maxAttempts`-th failure makes it a dead letter.
 */
export interface DeliveryOptions {
  /** Failed attempts before the effect becomes a dead letter (default 12, at least 1). */
  maxAttempts?: number;
  /** Wait after the first failure, before jitter, in ms (default 1000). */
  baseDelayMs?: number;
  /** Longest wait between attempts in ms (default 3 600 000: one hour). */
  maxDelayMs?: number;
  /**
   * How long a pass holds the effects it claimed, in ms (default 60 000). A dispatcher that dies
   * mid-pass leaves them to others after this; it must exceed the time a pass takes.
   */
  leaseMs?: number;
}

/** Ports the runner works with. */
export interface RunnerOptions {
  store: Store;
  clock: Clock;
  hasher: Hasher;
  /** Where committed effects are delivered; without one they wait in the outbox. */
  receiver?: EffectReceiver;
  retry?: RetryOptions;
  /** Retries of failed deliveries and when they become dead letters. */
  delivery?: DeliveryOptions;
  /** Waits `ms` (default: a timer). Tests pass their own. */
  pause?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number;
}

/** A record the command writes: kind, key, the version it read (0 for new) and the new value. */
export interface Write<K extends RecordKind = RecordKind> {
  kind: K;
  key: string;
  expectedVersion: number;
  value: RecordTypes[K];
}

/**
 * Everything one decided command writes. Its audit events are drafts of the catalogue
 * (`AUDIT_EVENT_TYPES`): a type it does not know, or a payload that does not fit, does not compile.
 */
export interface CommitPlan {
  at: string;
  writes: readonly Write[];
  events: readonly TypedAuditDraft[];
  effects?: readonly Effect[];
}

/** What one delivery pass did. */
export interface DispatchReport {
  delivered: number;
  /** Failed attempts, dead letters included. */
  failed: number;
  /** Effects that failed their last allowed attempt in this pass and are now dead letters. */
  dead: number;
}

const LEASE_MS = 60_000;
// The runner is the application layer's edge: waiting between retries is its one use of a timer
// and of randomness, both replaceable through the options.
// eslint-disable-next-line no-restricted-globals
const defaultPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
// eslint-disable-next-line no-restricted-properties
const defaultRandom = () => Math.random();

/**
 * The one runner under every command: retries a read-decide-commit attempt with jittered
 * exponential backoff when another writer won the race, commits the records, their audit events
 * and their effects in one atomic store commit — each record that owns a stream anchored to that
 * stream's new head, and the stream's last event carrying the record's hash — and delivers the
 * outbox at least once.
 *
 * @example
 * const runner = new Runner({ store, clock, hasher: portableSha256 });
 * await runner.attempt(async () => { const r = await read(); return runner.commit(plan(r)); });
 */
export class Runner {
  readonly store: Store;
  readonly clock: Clock;
  readonly hasher: Hasher;
  readonly #receiver: EffectReceiver | undefined;
  readonly #maxAttempts: number;
  readonly #base: number;
  readonly #cap: number;
  readonly #pause: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #delivery: Required<DeliveryOptions>;
  #dispatching: Promise<DispatchReport> | undefined;

  constructor(options: RunnerOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.hasher = options.hasher;
    this.#receiver = options.receiver;
    this.#maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 64);
    this.#base = Math.max(0, options.retry?.baseDelayMs ?? 2);
    this.#cap = Math.max(this.#base, options.retry?.maxDelayMs ?? 100);
    this.#pause = options.pause ?? defaultPause;
    this.#random = options.random ?? defaultRandom;
    const baseDelayMs = Math.max(0, options.delivery?.baseDelayMs ?? 1000);
    this.#delivery = {
      maxAttempts: Math.max(1, Math.floor(options.delivery?.maxAttempts ?? 12)),
      baseDelayMs,
      maxDelayMs: Math.max(baseDelayMs, options.delivery?.maxDelayMs ?? 3_600_000),
      leaseMs: Math.max(1, options.delivery?.leaseMs ?? LEASE_MS),
    };
  }

  /**
   * Runs `fn` again after a `ConcurrentModificationError`, waiting a random time up to a ceiling
   * that doubles each attempt ("full jitter"), so many writers on one record all get through.
   */
  async attempt<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (error) {
        if (!(error instanceof ConcurrentModificationError) || i >= this.#maxAttempts) throw error;
        const ceiling = Math.min(this.#cap, this.#base * 2 ** (i - 1));
        await this.#pause(Math.floor(this.#random() * ceiling));
      }
    }
  }

  /**
   * Commits a plan atomically. Every stream the events append to is anchored on the record that
   * owns it: written by the plan, or rewritten unchanged at the version read here, so that a
   * concurrent writer of that record makes the commit fail and retry.
   */
  async commit(plan: CommitPlan): Promise<AuditEvent[]> {
    const writes: RecordWrite[] = plan.writes.map((w) => this.#write(w));
    const owned = new Map(
      writes.filter((w) => w.stream !== undefined).map((w) => [w.stream as string, w]),
    );
    for (const stream of new Set(plan.events.map((e) => e.stream))) {
      if (owned.has(stream)) continue;
      const owner = ownerOf(stream);
      if (!owner) continue;
      const found = await this.store.get(owner.kind, owner.key);
      if (!found) continue;
      const touch: RecordWrite = {
        kind: owner.kind,
        key: owner.key,
        expectedVersion: found.version,
        value: found.value,
        index: found.index,
        stream,
      };
      writes.push(touch);
      owned.set(stream, touch);
    }
    const last = new Map<string, number>();
    plan.events.forEach((e, i) => last.set(e.stream, i));
    const events = plan.events.map((e, i) => {
      const owner = owned.get(e.stream);
      return owner && last.get(e.stream) === i
        ? { ...e, recordHash: this.recordHash(owner.value) }
        : e;
    });
    return this.store.commit({
      writes,
      events,
      ...(plan.effects && plan.effects.length > 0 ? { effects: plan.effects } : {}),
      at: plan.at,
    });
  }

  /** SHA-256 of a record value's canonical JSON, as the trail records it. */
  recordHash(value: unknown): string {
    return this.hasher.sha256Hex(canonicalJson(value));
  }

  /**
   * Delivers waiting effects to the receiver, oldest first, and settles each: delivered when the
   * receiver resolved, failed when it threw — retried after a jittered exponential backoff, and
   * a dead letter after the last allowed attempt (`DeliveryOptions`). The store hands out a
   * subject's (order's or customer's) effects only behind its earlier ones, so they arrive in
   * commit order; when one fails here, the subject's later effects of this pass are released
   * untried. Passes do not overlap in one process; across processes the store's leases keep them
   * apart.
   */
  dispatch(limit = 100): Promise<DispatchReport> {
    if (!this.#receiver) return Promise.resolve({ delivered: 0, failed: 0, dead: 0 });
    const running = this.#dispatching;
    const next = (async () => {
      if (running) await running.catch(() => undefined);
      return this.#dispatchOnce(this.#receiver as EffectReceiver, limit);
    })();
    this.#dispatching = next;
    return next;
  }

  async #dispatchOnce(receiver: EffectReceiver, limit: number): Promise<DispatchReport> {
    const now = this.clock.now();
    const leaseUntil = new Date(Date.parse(now) + this.#delivery.leaseMs).toISOString();
    const entries = await this.store.claimEffects({ now, limit, leaseUntil });
    if (entries.length === 0) return { delivered: 0, failed: 0, dead: 0 };
    const delivered: string[] = [];
    const failed: EffectFailure[] = [];
    const released: string[] = [];
    const stalled = new Set<string>();
    for (const entry of entries) {
      const effect = entry.effect;
      const subject = effectSubject(effect);
      if (stalled.has(subject)) {
        released.push(effect.key);
        continue;
      }
      try {
        await receiver.deliver(effect);
        delivered.push(effect.key);
      } catch (error) {
        stalled.add(subject);
        const message = error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
        const attempt = entry.attempts + 1;
        const dead = attempt >= this.#delivery.maxAttempts;
        failed.push({
          key: effect.key,
          error: message.slice(0, 500),
          retryAt: dead ? now : this.#retryAt(now, attempt),
          ...(dead ? { dead: true } : {}),
        });
      }
    }
    await this.store.settleEffects({
      delivered,
      failed,
      ...(released.length > 0 ? { released } : {}),
    });
    return {
      delivered: delivered.length,
      failed: failed.length,
      dead: failed.filter((f) => f.dead === true).length,
    };
  }

  /** When to try again after failed attempt `attempt` (1-based): half to all of the ceiling. */
  #retryAt(now: string, attempt: number): string {
    const { baseDelayMs, maxDelayMs } = this.#delivery;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 40));
    const wait = Math.ceil(ceiling / 2 + (this.#random() * ceiling) / 2);
    return new Date(Date.parse(now) + wait).toISOString();
  }

  #write(w: Write): RecordWrite {
    const stream = streamOf(w.kind, w.key);
    return {
      kind: w.kind,
      key: w.key,
      expectedVersion: w.expectedVersion,
      value: w.value,
      index: indexOf(w.kind, w.value as never),
      ...(stream !== undefined ? { stream } : {}),
    };
  }
}
