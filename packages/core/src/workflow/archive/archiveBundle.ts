import type { AuditEvent } from '../../audit/AuditEvent.js';
import type { Hasher } from '../../audit/Hasher.js';
import type { ArchiveRecord } from '../../state/ArchiveRecord.js';
import { verifyArchiveRecord, type ArchiveVerification } from './verifyArchive.js';

/**
 * Format tag of an export bundle.
 *
 * @example
 * bundle.format === ARCHIVE_BUNDLE_FORMAT; // 'ordergate-archive-bundle'
 */
export const ARCHIVE_BUNDLE_FORMAT = 'ordergate-archive-bundle';

/**
 * A self-contained export of one archive (AR-2 backup kept apart): the sealed record with its
 * archive stream. Plain JSON; `verifyArchiveBundle` checks it with no store.
 */
export interface ArchiveBundle {
  format: typeof ARCHIVE_BUNDLE_FORMAT;
  version: 1;
  archiveId: string;
  record: ArchiveRecord;
  archiveEvents: AuditEvent[];
}

/**
 * Builds the export bundle of an archive record and its archive stream.
 *
 * @example
 * writeFileSync(`${id}.json`, JSON.stringify(exportArchive(record, await store.readStream(archiveStream(id)))));
 */
export function exportArchive(
  record: ArchiveRecord,
  archiveEvents: readonly AuditEvent[],
): ArchiveBundle {
  return {
    format: ARCHIVE_BUNDLE_FORMAT,
    version: 1,
    archiveId: record.content.archiveId,
    record: structuredClone(record),
    archiveEvents: structuredClone([...archiveEvents]),
  };
}

/**
 * AR-2: verifies an export bundle on its own — every check of `verifyArchiveRecord` — and, when
 * `expectedHash` is given (the record hash kept elsewhere, e.g. printed on the filing receipt),
 * that the bundle is that archive: a bundle re-sealed after alteration is only caught against an
 * anchor kept apart.
 *
 * @example
 * const r = verifyArchiveBundle(JSON.parse(text), nodeSha256);
 * if (!r.ok) console.error(r.problems[0]); // { code: 'RECORD_ALTERED', archiveId, number, section: 'order' }
 */
export function verifyArchiveBundle(
  bundle: unknown,
  hasher: Hasher,
  expectedHash?: string,
): ArchiveVerification {
  const b =
    bundle !== null && typeof bundle === 'object' ? (bundle as Record<string, unknown>) : {};
  const archiveId = typeof b.archiveId === 'string' ? b.archiveId : '';
  const shapeOk =
    b.format === ARCHIVE_BUNDLE_FORMAT &&
    b.version === 1 &&
    archiveId !== '' &&
    Array.isArray(b.archiveEvents) &&
    Object.keys(b).length === 5;
  if (!shapeOk) return { ok: false, problems: [{ code: 'BUNDLE_INVALID', archiveId, number: '' }] };
  const result = verifyArchiveRecord(
    { archiveId, record: b.record, archiveEvents: b.archiveEvents as AuditEvent[] },
    hasher,
  );
  const record = b.record as Partial<ArchiveRecord> | undefined;
  if (expectedHash !== undefined && record?.seal?.hash !== expectedHash) {
    const problem = {
      code: 'SEAL_ALTERED' as const,
      archiveId,
      number: record?.content?.number ?? '',
      detail: 'EXPECTED_HASH',
    };
    return { ok: false, problems: [...(result.ok ? [] : result.problems), problem] };
  }
  return result;
}
