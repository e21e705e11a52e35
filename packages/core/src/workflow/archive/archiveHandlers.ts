import { archiveOrder } from './archiveOrder.js';
import type { AreaHandlers } from '../shared/AreaHandlers.js';
import type { ArchiveEvent } from '../../state/archiveEvents.js';

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
