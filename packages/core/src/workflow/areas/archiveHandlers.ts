import type { AreaHandlers } from '../AreaHandlers.js';
import type { ArchiveEvent } from './archiveEvents.js';

/** The archive rules' part of the state machine. */
export const ARCHIVE_HANDLERS: AreaHandlers<ArchiveEvent> = {
  accepts: {},
  handle(_state, event) {
    // No archive events are defined yet: `event` has type never.
    return event;
  },
};
