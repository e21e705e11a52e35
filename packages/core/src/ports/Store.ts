import type { AuditDraft, AuditEvent, SealedEvent } from '../audit/AuditEvent.js';
import type { ChainHead } from '../audit/auditChain.js';
import type { Effect } from '../state/Effect.js';

/** Values of a record's indexed fields: one value, or several (a record found under each). */
export type IndexValues = Readonly<Record<string, string | readonly string[]>>;

/**
 * A stored record with its optimistic version (1 for the first write), the values it is indexed
 * under, and the head of the audit stream it owns as of its last commit.
 */
export interface Versioned<T = unknown> {
  kind: string;
  key: string;
  version: number;
  value: T;
  /** Indexed fields (status, customer, approvers…) as the core wrote them. */
  index: IndexValues;
  /**
   * Length (`seq`) and head hash of the record's own audit stream, written in the same commit
   * as the record: a stream cut or extended behind the record's back no longer matches.
   */
  trail?: ChainHead;
}

/**
 * One record write inside a commit. `expectedVersion` is 0 for a record that must not exist yet,
 * or the version read before; a mismatch fails the whole commit.
 */
export interface RecordWrite {
  kind: string;
  key: string;
  expectedVersion: number;
  value: unknown;
  /** Fields the record can be found by (`Store.find`). */
  index?: IndexValues;
  /** The audit stream this record owns: the store records its head after this commit (`trail`). */
  stream?: string;
}

/** An effect waiting in the outbox or delivered, with its delivery attempts. */
export interface OutboxEntry {
  effect: Effect;
  /** Position in commit order (per store), so effects of one subject are delivered in order. */
  position: number;
  /** Failed delivery attempts since it was written or last retried by a person. */
  attempts: number;
  /** Not to be tried before this instant (backoff after a failure). */
  availableAt: string;
  lastError?: string;
  /**
   * Set when the effect is a dead letter: it failed its last allowed attempt at this instant and
   * is never handed out again, nor any later effect of its subject, until `retryEffect`.
   */
  deadAt?: string;
}

/** Everything one state change writes, applied all or nothing. */
export interface Commit {
  writes: readonly RecordWrite[];
  events: readonly AuditDraft[];
  /** Effects to deliver, written to the outbox in the same commit (keys must be unique). */
  effects?: readonly Effect[];
  /** Instant the commit is made (outbox entries become available then). */
  at?: string;
}

/**
 * One failed delivery: counted as an attempt, tried again from `retryAt` — or, with `dead`, kept
 * as a dead letter with its error and never handed out again until a person retries it.
 */
export interface EffectFailure {
  key: string;
  error: string;
  retryAt: string;
  /** This was the last allowed attempt: the effect becomes a dead letter (`deadEffects`). */
  dead?: boolean;
}

/** The outcome of a delivery pass, for `Store.settleEffects`. */
export interface EffectSettlement {
  delivered: readonly string[];
  failed: readonly EffectFailure[];
  /**
   * Claimed but not tried (an earlier effect of the subject failed in the same pass): the lease
   * is dropped and no attempt is counted.
   */
  released?: readonly string[];
}

/**
 * The subject whose effects are delivered in commit order, one after the other: `o:<orderId>` for
 * an order's effects, `c:<customerId>` for a customer's.
 *
 * @example
 * effectSubject({ type: 'lockOrder', key: 'o-1:3:0', orderId: 'o-1' }); // 'o:o-1'
 */
export function effectSubject(effect: Effect): string {
  return 'orderId' in effect ? `o:${effect.orderId}` : `c:${effect.customerId}`;
}

/**
 * Persistence port. Records are versioned JSON values by (kind, key), findable by the index
 * values the core writes with them; audit events are appended to per-stream hash chains;
 * effects wait in an outbox until delivered. `commit` is atomic: every write's version matches,
 * every event is sealed onto its stream, every record that owns a stream gets that stream's new
 * head, and every effect enters the outbox — or nothing is written and a
 * `ConcurrentModificationError` is thrown. Implementations: `MemoryStore` (core), PostgreSQL and
 * PGlite (server); `@ordergate/core/testing` has the conformance suite every one must pass.
 *
 * @example
 * await store.commit({ writes: [{ kind: 'order', key: 'o1', expectedVersion: 0, value, stream: 'order:o1' }], events: [draft] });
 * const held = await store.find('order', { status: 'credit_hold' });
 */
export interface Store {
  get(kind: string, key: string): Promise<Versioned | undefined>;
  /**
   * Records of a kind, every one or those whose index has every given value (an index holding
   * several values matches any of them), in key order.
   */
  find(kind: string, where?: IndexValues): Promise<Versioned[]>;
  /** Applies the commit atomically and returns the sealed events. */
  commit(commit: Commit): Promise<AuditEvent[]>;
  /** Next value of a named sequence, atomically, from 1; never repeats (IN-1). */
  nextSequence(scope: string): Promise<number>;
  /** A stream's events, oldest first, as structured events derived from what is stored. */
  readStream(stream: string): Promise<AuditEvent[]>;
  /** A stream exactly as stored (chain fields and the hashed text), for `verifySealed`. */
  readSealed(stream: string): Promise<SealedEvent[]>;
  streamHead(stream: string): Promise<ChainHead | undefined>;
  streams(): Promise<string[]>;
  /**
   * Takes up to `limit` undelivered effects whose time has come, oldest first, and leases them
   * until `leaseUntil` so that no other dispatcher takes them meanwhile; an effect whose lease
   * ran out without a settlement is taken again (at-least-once delivery). Per subject
   * (`effectSubject`) in commit order: an effect is taken only when every earlier undelivered
   * effect of its subject is taken in the same call — none of them backing off, leased to
   * another dispatcher or dead — so a subject's effects never overtake one another.
   */
  claimEffects(options: { now: string; limit: number; leaseUntil: string }): Promise<OutboxEntry[]>;
  /**
   * Marks effects delivered (never handed out again), failed (retried from `retryAt`, or dead
   * with `dead`), or released (lease dropped, no attempt counted).
   */
  settleEffects(settlement: EffectSettlement): Promise<void>;
  /** Effects waiting for delivery (undelivered and not dead), oldest first. */
  pendingEffects(): Promise<OutboxEntry[]>;
  /** Dead letters: effects that failed their last allowed attempt, oldest first. */
  deadEffects(): Promise<OutboxEntry[]>;
  /**
   * Puts a dead letter back in line (a person decided to try again): attempts start from 0 and it
   * is available from `at`; its last error stays until the next attempt. Answers the entry as it
   * is now, or undefined when no dead effect has that key.
   */
  retryEffect(key: string, at: string): Promise<OutboxEntry | undefined>;
}
