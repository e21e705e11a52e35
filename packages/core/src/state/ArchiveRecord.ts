import type { AuditEvent } from '../audit/AuditEvent.js';
import type { ChainHead } from '../audit/auditChain.js';
import type { Order } from '../model/Order.js';
import type { OrderWorkflow } from './OrderWorkflow.js';

/** Store record kind of archive records (AR-2). */
export const ARCHIVE_KIND = 'archive';

/**
 * Audit stream of one archive record: its seal, then every access request, decision, read and
 * legal hold (AR-2, AR-5).
 *
 * @example
 * archiveStream('archive-7'); // 'archive:archive-7'
 */
export function archiveStream(archiveId: string): string {
  return `archive:${archiveId}`;
}

/** How an archive is classified (AR-3): by customer, by product and by month of archiving. */
export interface ArchiveClassification {
  customerId: string;
  customerName: string;
  productIds: string[];
  /** `YYYY-MM` of archiving in the policy's time zone. */
  month: string;
}

/**
 * What an archive record seals (AR-2): the complete order — current revision, every earlier
 * revision, the workflow with its approvals, change requests and tracking — and the order's audit
 * trail up to archiving, with the archive's number, classification and retention date.
 */
export interface ArchiveContent {
  archiveId: string;
  /** AR-3 archive number, e.g. `AR-202604-0001`. */
  number: string;
  orderId: string;
  orderNumber: string;
  archivedAt: string;
  archivedBy: string;
  classification: ArchiveClassification;
  /** AR-6: kept until this date (`YYYY-MM-DD`), the policy's anniversary of archiving, and due for disposal from it. */
  retainUntil: string;
  order: Order;
  revisions: Order[];
  /** The workflow as it stood when archived (status `settled`: archiving is recorded on the trail). */
  workflow: OrderWorkflow;
  /** The order's audit events up to archiving, sealed in its hash chain. */
  events: AuditEvent[];
}

/**
 * The seal of an archive record: a SHA-256 per top-level section of the content (so an
 * alteration is located), the hash over them, which is entered in the archive's own audit stream
 * and on the order's trail, and the head of the order trail it embeds.
 */
export interface ArchiveSeal {
  algorithm: 'sha256';
  sections: Record<string, string>;
  hash: string;
  orderHead: ChainHead | null;
}

/** A legal hold (AR-6): blocks disposal while set. */
export interface LegalHold {
  at: string;
  by: string;
  reason: string;
}

/**
 * What changes after sealing, each change recorded on the archive stream so a verifier can replay
 * it: the legal hold, and the stream head (so a cut-off tail of reads is caught).
 */
export interface ArchiveState {
  legalHold: LegalHold | null;
  streamHead: ChainHead;
}

/**
 * An archive record as stored (kind `archive`, key = archive id).
 *
 * @example
 * const r = (await store.get<ArchiveRecord>(ARCHIVE_KIND, id))?.value;
 */
export interface ArchiveRecord {
  content: ArchiveContent;
  seal: ArchiveSeal;
  state: ArchiveState;
}

/**
 * What search returns about an archive (AR-6): metadata only; reading the content needs a grant
 * (AR-5).
 */
export interface ArchiveIndexEntry {
  archiveId: string;
  number: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  productIds: string[];
  month: string;
  archivedAt: string;
  retainUntil: string;
  legalHold: boolean;
}

/**
 * The index entry of a record.
 *
 * @example
 * indexEntry(record).number; // 'AR-202604-0001'
 */
export function indexEntry(record: ArchiveRecord): ArchiveIndexEntry {
  const c = record.content;
  return {
    archiveId: c.archiveId,
    number: c.number,
    orderId: c.orderId,
    orderNumber: c.orderNumber,
    customerId: c.classification.customerId,
    customerName: c.classification.customerName,
    productIds: c.classification.productIds,
    month: c.classification.month,
    archivedAt: c.archivedAt,
    retainUntil: c.retainUntil,
    legalHold: record.state.legalHold !== null,
  };
}
