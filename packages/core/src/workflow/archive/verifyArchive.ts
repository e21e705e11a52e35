import type { AuditEvent } from '../../audit/AuditEvent.js';
import { verifyChain, type ChainHead } from '../../audit/auditChain.js';
import { canonicalJson } from '../../lib/canonicalJson.js';
import type { Hasher } from '../../audit/Hasher.js';
import { orderStream } from '../../state/OrderRecord.js';
import { archiveStream, type LegalHold } from '../../state/ArchiveRecord.js';
import { sealHash, sectionHashes } from './sealArchive.js';

/**
 * What is wrong with an archive (AR-2), located:
 * - `RECORD_MISSING` / `RECORD_UNREADABLE`: the record is gone or not a record any more;
 * - `RECORD_ALTERED`: a `section` of the content no longer matches its seal;
 * - `SEAL_ALTERED`: the seal itself, or its entry on the archive stream, was changed;
 * - `EVENT_ALTERED`: an event of the embedded order trail (`stream`, `seq`) fails its chain;
 * - `ARCHIVE_LOG_ALTERED`: the archive's own stream (seal, requests, reads) fails at `seq`;
 * - `STATE_ALTERED`: the legal hold or stream head disagrees with the archive stream;
 * - `ORDER_TRAIL_ALTERED`: the order's live audit trail no longer matches what was archived;
 * - `BUNDLE_INVALID`: an export bundle is not one.
 */
export type ArchiveProblemCode =
  | 'RECORD_MISSING'
  | 'RECORD_UNREADABLE'
  | 'RECORD_ALTERED'
  | 'SEAL_ALTERED'
  | 'EVENT_ALTERED'
  | 'ARCHIVE_LOG_ALTERED'
  | 'STATE_ALTERED'
  | 'ORDER_TRAIL_ALTERED'
  | 'BUNDLE_INVALID';

/** One problem, naming the archive record (id and number) and where in it. */
export interface ArchiveProblem {
  code: ArchiveProblemCode;
  archiveId: string;
  /** The archive number, when it can still be read. */
  number: string;
  section?: string;
  stream?: string;
  seq?: number;
  /** The chain check that failed (`HASH_MISMATCH`, `SEQUENCE_GAP`…) or what disagreed. */
  detail?: string;
}

/** Outcome of verifying one archive or many. */
export type ArchiveVerification =
  { ok: true; archives: number; events: number } | { ok: false; problems: ArchiveProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function chainOf(events: unknown, hasher: Hasher, head?: ChainHead) {
  try {
    if (!Array.isArray(events))
      return { ok: false as const, problem: { code: 'UNREADABLE', stream: '', seq: 0 } };
    return verifyChain(events as AuditEvent[], hasher, head);
  } catch {
    return { ok: false as const, problem: { code: 'UNREADABLE', stream: '', seq: 0 } };
  }
}

/** The legal hold the archive stream's events leave in force. */
function replayedHold(events: readonly AuditEvent[]): LegalHold | null {
  let hold: LegalHold | null = null;
  for (const e of events) {
    if (e.type === 'archive.legalHold') hold = e.data as LegalHold;
    if (e.type === 'archive.legalHoldReleased') hold = null;
  }
  return hold;
}

/**
 * AR-2: verifies one archive record against its own seal and its archive stream, with no store:
 * every content section against its hash, the seal hash against the `archive.sealed` event, the
 * embedded order trail's chain up to the sealed head, the archive stream's chain up to the head
 * the record remembers, and the legal hold against the stream's replay. Any alteration of a stored
 * byte of the record or of an event fails, and every problem names the record (`archiveId`,
 * `number`) and the section or event (`stream`, `seq`).
 *
 * @example
 * const r = verifyArchiveRecord({ archiveId, record, archiveEvents }, nodeSha256);
 * if (!r.ok) console.error(r.problems); // [{ code: 'RECORD_ALTERED', archiveId, number, section: 'order' }]
 */
export function verifyArchiveRecord(
  input: { archiveId: string; record: unknown; archiveEvents: readonly AuditEvent[] },
  hasher: Hasher,
): ArchiveVerification {
  const { archiveId, record, archiveEvents } = input;
  const sealedEvent = archiveEvents[0];
  const sealedData = isObject(sealedEvent?.data) ? sealedEvent.data : {};
  const content = isObject(record) && isObject(record.content) ? record.content : undefined;
  const number =
    typeof content?.number === 'string'
      ? content.number
      : typeof sealedData.number === 'string'
        ? sealedData.number
        : '';
  const problems: ArchiveProblem[] = [];
  const problem = (
    code: ArchiveProblemCode,
    extra: Omit<ArchiveProblem, 'code' | 'archiveId' | 'number'> = {},
  ) => problems.push({ code, archiveId, number, ...extra });

  const stream = archiveStream(archiveId);
  const seal = isObject(record) && isObject(record.seal) ? record.seal : undefined;
  const state = isObject(record) && isObject(record.state) ? record.state : undefined;
  const head = isObject(state?.streamHead) ? (state.streamHead as unknown as ChainHead) : undefined;
  const log = chainOf(archiveEvents, hasher, head);
  if (!log.ok)
    problem('ARCHIVE_LOG_ALTERED', { stream, seq: log.problem.seq, detail: log.problem.code });
  if (archiveEvents.some((e) => e.stream !== stream))
    problem('ARCHIVE_LOG_ALTERED', { stream, detail: 'FOREIGN_EVENT' });

  if (!content || !seal || !state) {
    problem('RECORD_UNREADABLE');
    return { ok: false, problems };
  }
  if (content.archiveId !== archiveId)
    problem('RECORD_ALTERED', { section: 'archiveId', detail: 'KEY_MISMATCH' });

  const computed = sectionHashes(content, hasher);
  const sealed = isObject(seal.sections) ? seal.sections : {};
  for (const section of [...new Set([...Object.keys(computed), ...Object.keys(sealed)])].sort()) {
    if (computed[section] !== sealed[section]) problem('RECORD_ALTERED', { section });
  }
  const sealOk =
    seal.algorithm === 'sha256' &&
    Object.keys(seal).length === 4 &&
    typeof seal.hash === 'string' &&
    sealHash(sealed as Record<string, string>, hasher) === seal.hash &&
    sealedEvent?.type === 'archive.sealed' &&
    sealedData.recordHash === seal.hash &&
    sealedData.archiveId === archiveId &&
    sealedData.number === content.number &&
    canonicalJson(sealedData.orderHead ?? null) === canonicalJson(seal.orderHead ?? null);
  if (!sealOk) problem('SEAL_ALTERED', { stream, seq: 1 });

  const orderHead = isObject(seal.orderHead) ? (seal.orderHead as unknown as ChainHead) : undefined;
  const trail = chainOf(content.events, hasher, orderHead);
  if (!trail.ok)
    problem('EVENT_ALTERED', {
      stream: trail.problem.stream,
      seq: trail.problem.seq,
      detail: trail.problem.code,
    });
  else if (
    Array.isArray(content.events) &&
    (content.events as AuditEvent[]).some((e) => e.stream !== orderStream(String(content.orderId)))
  ) {
    problem('EVENT_ALTERED', { detail: 'FOREIGN_EVENT' });
  }

  const expectedState = {
    legalHold: replayedHold(archiveEvents),
    streamHead: log.ok ? log.head : undefined,
  };
  if (canonicalJson(state) !== canonicalJson(expectedState)) problem('STATE_ALTERED', { stream });

  return problems.length > 0
    ? { ok: false, problems }
    : {
        ok: true,
        archives: 1,
        events: archiveEvents.length + (content.events as unknown[]).length,
      };
}
