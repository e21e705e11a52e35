import type { AuditDraft, AuditEvent, SealedEvent } from '../audit/AuditEvent.js';
import type { ChainHead } from '../audit/auditChain.js';

/** A stored record with its optimistic version (1 for the first write). */
export interface Versioned<T> {
  kind: string;
  key: string;
  version: number;
  value: T;
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
}

/** Everything one state change writes, applied all or nothing. */
export interface Commit {
  writes: readonly RecordWrite[];
  events: readonly AuditDraft[];
}

/**
 * Persistence port. Records are versioned JSON values by (kind, key); audit events are appended to
 * per-stream hash chains. `commit` is atomic: every write's version matches and every event is
 * sealed onto its stream, or nothing is written and a `ConcurrentModificationError` is thrown.
 * Implementations: `MemoryStore` (core), PostgreSQL and PGlite (server).
 *
 * @example
 * await store.commit({ writes: [{ kind: 'order', key: 'o1', expectedVersion: 0, value }], events: [draft] });
 */
export interface Store {
  get<T>(kind: string, key: string): Promise<Versioned<T> | undefined>;
  list<T>(kind: string): Promise<Versioned<T>[]>;
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
}
