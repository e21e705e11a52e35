import type { AreaHandlers } from '../AreaHandlers.js';
import type { TrackingEvent } from './trackingEvents.js';

/** The tracking rules' part of the state machine. */
export const TRACKING_HANDLERS: AreaHandlers<TrackingEvent> = {
  accepts: {},
  handle(_state, event) {
    // No tracking events are defined yet: `event` has type never.
    return event;
  },
};
