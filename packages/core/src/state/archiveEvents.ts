import type { Actor } from '../model/Actor.js';

/** The sealed archive record an ARCHIVE event enters on the order's trail (AR-2). */
export interface ArchiveSealRef {
  archiveId: string;
  number: string;
  /** SHA-256 of the sealed record (`ArchiveSeal.hash`). */
  recordHash: string;
}

/**
 * Workflow events of the archive rules. Each member has a literal `type`; see
 * `archiveHandlers.ts` for what each does in each status.
 */
export type ArchiveEvent =
  /**
   * AR-1: a settled order is archived. The `seal` names the record written in the same commit; the
   * `ArchiveDesk` builds it — send this through `ArchiveDesk.archive`, never by hand.
   */
  { type: 'ARCHIVE'; actor: Actor; seal: ArchiveSealRef };
