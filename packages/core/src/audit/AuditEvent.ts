import type { RuleId } from '../model/RuleId.js';

/**
 * Hash that precedes the first event of every stream.
 *
 * @example
 * (await store.readStream('order:erp-42'))[0]?.prevHash === GENESIS_HASH; // true
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An audit event as written by core, before the store seals it into its stream's hash chain.
 *
 * @example
 * const draft: AuditDraft = { stream: 'order:o1', type: 'order.submitted', at: now, actor: 'u-li', data: {} };
 */
export interface AuditDraft {
  /** The chain the event belongs to: `order:<id>`, `customer:<id>`, `archive:<id>`… */
  stream: string;
  /** What happened, e.g. `order.submitted`, `approval.granted`. */
  type: string;
  at: string;
  /** User id of whoever caused it; null for the system (deadline checks, sync). */
  actor: string | null;
  /** Rules the event records, when it records a rule outcome. */
  ruleIds?: readonly RuleId[];
  data: unknown;
  /**
   * SHA-256 of the canonical JSON of the record this event's commit left behind (the aggregate
   * that owns the stream), set by the runner on the last event of each commit: verification
   * compares it with the stored record, so an edit of the record against its trail is caught.
   */
  recordHash?: string;
}

/**
 * A sealed, append-only audit event: `hash` is SHA-256 over `prevHash`, a newline and the
 * canonical JSON of the event's content (stream, seq, type, at, actor, ruleIds, data), so
 * changing any stored byte breaks the chain from that event on (AR-2).
 */
export interface AuditEvent extends AuditDraft {
  /** Position in the stream, from 1. */
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * An audit event as a store keeps it: the chain fields plus `text`, exactly the bytes the hash
 * covers — `prevHash`, a newline, then the event's canonical JSON — so `hash = sha256(text)`.
 * Stores persist this form and derive the structured `AuditEvent` from it on read, so what readers
 * see is always what was verified, and verifying a stored chain hashes stored text without
 * re-serialising anything.
 */
export interface SealedEvent {
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
  text: string;
}
