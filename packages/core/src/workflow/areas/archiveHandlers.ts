import { archiveOrder } from '../../archive/archiveOrder.js';
import type { AreaHandlers } from '../AreaHandlers.js';
import type { ArchiveEvent } from './archiveEvents.js';

/**
 * The archive rules' part of the state machine (AR-1, AR-2).
 *
 * @example
 * ARCHIVE_HANDLERS.accepts.ARCHIVE; // ['delivered', 'settled']
 */
export const ARCHIVE_HANDLERS: AreaHandlers<ArchiveEvent> = {
  accepts: {
    ARCHIVE: ['delivered', 'settled'],
  },
  handle(state, event, ctx) {
    return archiveOrder(state, event, ctx);
  },
};
