import { canonicalJson, sortedCopy } from '../internal/canonicalJson.js';
import type { Hasher } from '../ports/Hasher.js';
import { GENESIS_HASH, type AuditDraft, type AuditEvent } from './AuditEvent.js';

/** The last event of a stream, as far as sealing the next one needs. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The canonical JSON of an event's content — exactly `canonicalJson({ stream, seq, type, at,
 * actor, ruleIds: ruleIds ?? [], data })` — written member by member in sorted key order (actor,
 * at, data, ruleIds, seq, stream, type) without building that object: verifying a long chain
 * spends most of its time here (bench/auditVerify.ts). `ruleIds` is never undefined, so it
 * anchors the commas.
 */
function content(
  event: AuditDraft & { seq: number },
  json: (value: unknown) => string = canonicalJson,
): string {
  let out = '{';
  if (event.actor !== undefined) out += '"actor":' + scalar(event.actor) + ',';
  if (event.at !== undefined) out += '"at":' + scalar(event.at) + ',';
  if (event.data !== undefined) out += '"data":' + json(event.data) + ',';
  out += '"ruleIds":' + json(event.ruleIds ?? []);
  if (event.seq !== undefined) out += ',"seq":' + scalar(event.seq);
  if (event.stream !== undefined) out += ',"stream":' + scalar(event.stream);
  if (event.type !== undefined) out += ',"type":' + scalar(event.type);
  return out + '}';
}

function nativeJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** Strings and null serialise natively; anything else (a tampered field) canonically. */
function scalar(value: unknown): string {
  return typeof value === 'string' || value === null ? JSON.stringify(value) : canonicalJson(value);
}

/**
 * Seals a draft onto a stream whose last event is `head` (undefined for an empty stream).
 * Stores call this inside the transaction that appends the event.
 *
 * @example
 * const sealed = sealEvent(undefined, draft, portableSha256); // sealed.seq === 1
 */
export function sealEvent(
  head: ChainHead | undefined,
  draft: AuditDraft,
  hasher: Hasher,
): AuditEvent {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Data is kept with sorted keys so that verifying it later takes canonicalJson's native path.
  const event = { ...draft, data: sortedCopy(draft.data), seq };
  const hash = hasher.sha256Hex(prevHash + '\n' + content(event));
  return { ...event, prevHash, hash };
}

/** Why a chain failed verification, and where. */
export type ChainProblem =
  | { code: 'HASH_MISMATCH'; stream: string; seq: number }
  | { code: 'BROKEN_LINK'; stream: string; seq: number }
  | { code: 'SEQUENCE_GAP'; stream: string; seq: number; expected: number }
  | { code: 'HEAD_MISMATCH'; stream: string; seq: number };

/** Outcome of `verifyChain`. */
export type ChainVerification =
  { ok: true; events: number; head: ChainHead | undefined } | { ok: false; problem: ChainProblem };

/**
 * Walks one stream's events in order and checks every link and hash. When `expectedHead` is
 * given (the head the order record remembers), a truncated stream is caught too.
 *
 * @example
 * const result = verifyChain(await store.readStream('order:o1'), portableSha256);
 * if (!result.ok) console.error(result.problem); // { code: 'HASH_MISMATCH', stream, seq }
 */
export function verifyChain(
  events: readonly AuditEvent[],
  hasher: Hasher,
  expectedHead?: ChainHead,
): ChainVerification {
  let prev: ChainHead | undefined;
  for (const event of events) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (event.seq !== expectedSeq) {
      return {
        ok: false,
        problem: {
          code: 'SEQUENCE_GAP',
          stream: event.stream,
          seq: event.seq,
          expected: expectedSeq,
        },
      };
    }
    if (event.prevHash !== (prev?.hash ?? GENESIS_HASH)) {
      return { ok: false, problem: { code: 'BROKEN_LINK', stream: event.stream, seq: event.seq } };
    }
    // Sealed data is stored with sorted keys, so plain JSON.stringify reproduces the canonical text
    // and saves the shape walk; only when that misses (a store that reorders keys, or an
    // alteration) is the canonical form computed, and only a miss of both is a mismatch.
    if (
      hasher.sha256Hex(event.prevHash + '\n' + content(event, nativeJson)) !== event.hash &&
      hasher.sha256Hex(event.prevHash + '\n' + content(event)) !== event.hash
    ) {
      return {
        ok: false,
        problem: { code: 'HASH_MISMATCH', stream: event.stream, seq: event.seq },
      };
    }
    prev = { seq: event.seq, hash: event.hash };
  }
  if (expectedHead && (prev?.seq !== expectedHead.seq || prev.hash !== expectedHead.hash)) {
    const stream = events[0]?.stream ?? '';
    return { ok: false, problem: { code: 'HEAD_MISMATCH', stream, seq: prev?.seq ?? 0 } };
  }
  return { ok: true, events: events.length, head: prev };
}
