import type { AreaHandlers } from '../AreaHandlers.js';
import type { ChangeEvent } from './changeEvents.js';

/** The change rules' part of the state machine. */
export const CHANGE_HANDLERS: AreaHandlers<ChangeEvent> = {
  accepts: {},
  handle(_state, event) {
    // No change events are defined yet: `event` has type never.
    return event;
  },
};
