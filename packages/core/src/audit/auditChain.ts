import { canonicalJson, sortedCopy } from '../lib/canonicalJson.js';
import type { Hasher } from './Hasher.js';
import { GENESIS_HASH, type AuditDraft, type AuditEvent, type SealedEvent } from './AuditEvent.js';

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
  if (event.recordHash !== undefined) out += '"recordHash":' + scalar(event.recordHash) + ',';
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
  return sealDraft(head, draft, hasher).event;
}

/**
 * Seals a draft like `sealEvent` and also returns the stored form (`SealedEvent`, with the exact
 * text hashed), which stores persist.
 *
 * @example
 * const { event, sealed } = sealDraft(head, draft, nodeSha256); // sealed.text is what was hashed
 */
export function sealDraft(
  head: ChainHead | undefined,
  draft: AuditDraft,
  hasher: Hasher,
): { event: AuditEvent; sealed: SealedEvent } {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Data is kept with sorted keys so that verifying it later takes canonicalJson's native path.
  const event = { ...draft, data: sortedCopy(draft.data), seq };
  const text = prevHash + '\n' + content(event);
  const hash = hasher.sha256Hex(text);
  return {
    event: { ...event, prevHash, hash },
    sealed: { stream: draft.stream, seq, prevHash, hash, text },
  };
}

/**
 * The structured event a stored `SealedEvent` stands for. A body that is not an event's JSON
 * (a damaged row) yields an empty event that can never match its hash, so verification reports
 * it where a reader would otherwise throw.
 *
 * @example
 * const events = (await db.rows(stream)).map(openSealed);
 */
export function openSealed(sealed: SealedEvent): AuditEvent {
  let parsed: Partial<AuditDraft> = {};
  try {
    const value: unknown =
      typeof sealed.text === 'string' ? JSON.parse(sealed.text.slice(HASH_PREFIX)) : null;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) parsed = value;
  } catch {
    parsed = {};
  }
  return {
    stream: sealed.stream,
    seq: sealed.seq,
    prevHash: sealed.prevHash,
    hash: sealed.hash,
    type: typeof parsed.type === 'string' ? parsed.type : '',
    at: typeof parsed.at === 'string' ? parsed.at : '',
    actor: typeof parsed.actor === 'string' ? parsed.actor : null,
    ...(Array.isArray(parsed.ruleIds) ? { ruleIds: parsed.ruleIds } : {}),
    data: parsed.data ?? null,
    ...(typeof parsed.recordHash === 'string' ? { recordHash: parsed.recordHash } : {}),
  };
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

/**
 * Verifies a stream as stored: every link, every sequence number, every hash over the stored text,
 * that each text starts with the previous hash, and that it names the row's own stream and
 * sequence number. Nothing is re-serialised, so this runs close to the speed of raw SHA-256 (AR-2).
 *
 * @example
 * const result = verifySealed(await store.readSealed('order:o1'), nodeSha256);
 */
export function verifySealed(
  events: readonly SealedEvent[],
  hasher: Hasher,
  expectedHead?: ChainHead,
): ChainVerification {
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let stream = '';
  let streamTail = '';
  for (const event of events) {
    const { seq, text } = event;
    if (event.stream !== stream) {
      stream = event.stream;
      streamTail = ',"stream":' + JSON.stringify(stream) + ',"type":';
    }
    if (seq !== prevSeq + 1) {
      return { ok: false, problem: { code: 'SEQUENCE_GAP', stream, seq, expected: prevSeq + 1 } };
    }
    // A damaged row (text missing or not text) is reported like any other alteration.
    if (typeof text !== 'string') {
      return { ok: false, problem: { code: 'HASH_MISMATCH', stream, seq } };
    }
    if (event.prevHash !== prevHash || !text.startsWith(prevHash) || text.charCodeAt(64) !== 10) {
      return { ok: false, problem: { code: 'BROKEN_LINK', stream, seq } };
    }
    if (hasher.sha256Hex(text) !== event.hash || !namesRow(text, seq, streamTail)) {
      return { ok: false, problem: { code: 'HASH_MISMATCH', stream, seq } };
    }
    prevSeq = seq;
    prevHash = event.hash;
  }
  const head = prevSeq === 0 ? undefined : { seq: prevSeq, hash: prevHash };
  if (expectedHead && (head?.seq !== expectedHead.seq || head.hash !== expectedHead.hash)) {
    return {
      ok: false,
      problem: { code: 'HEAD_MISMATCH', stream: events[0]?.stream ?? '', seq: prevSeq },
    };
  }
  return { ok: true, events: events.length, head };
}

/** Length of `prevHash` and its newline at the start of a sealed text. */
const HASH_PREFIX = 65;
const SEQ_KEY = ',"seq":';

/**
 * Whether a text's top-level `seq` and `stream` are the row's. In canonical order they follow
 * `data` and `ruleIds` and precede `type` (a string, whose quotes are escaped), so the last
 * `,"seq":` of the text is the top-level one.
 */
function namesRow(text: string, seq: number, streamTail: string): boolean {
  const at = text.lastIndexOf(SEQ_KEY);
  if (at < 0) return false;
  let i = at + SEQ_KEY.length;
  let n = 0;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i))
    n = n * 10 + c - 48;
  return n === seq && i > at + SEQ_KEY.length && text.startsWith(streamTail, i);
}
