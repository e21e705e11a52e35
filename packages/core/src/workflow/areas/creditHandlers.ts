import type { AreaHandlers } from '../AreaHandlers.js';
import type { CreditEvent } from './creditEvents.js';

/** The credit rules' part of the state machine. */
export const CREDIT_HANDLERS: AreaHandlers<CreditEvent> = {
  accepts: {},
  handle(_state, event) {
    // No credit events are defined yet: `event` has type never.
    return event;
  },
};
