import { archiveOrder } from './archiveOrder.js';
import type { AreaHandlers } from '../shared/AreaHandlers.js';
import type { ArchiveEvent } from '../../state/archiveEvents.js';

/**
 * The archive rules' part of the state machine (AR-1, AR-2). ARCHIVE is heard in every status of
 * an order still on its way, so that archiving one not yet delivered or settled answers with the
 * AR-1 findings (what is missing) rather than an invalid transition; only a delivered, settled
 * order with after-sales closed is archived. A rejected, cancelled or archived order is past
 * archiving by this path (`INVALID_TRANSITION`).
 *
 * @example
 * ARCHIVE_HANDLERS.accepts.ARCHIVE.includes('confirmed'); // true: refused BLOCKED with AR-1 findings
 */
export const ARCHIVE_HANDLERS: AreaHandlers<ArchiveEvent> = {
  accepts: {
    ARCHIVE: [
      'draft',
      'submitted',
      'in_review',
      'returned',
      'approved',
      'credit_hold',
      'confirmed',
      'change_pending',
      'in_fulfilment',
      'delivered',
      'settled',
    ],
  },
  handle(state, event, ctx) {
    return archiveOrder(state, event, ctx);
  },
};
