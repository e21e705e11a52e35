import { closeIssue, reportAcceptanceIssue } from './acceptanceIssues.js';
import { complete } from './complete.js';
import { deliver } from './deliver.js';
import { checkDelivery, forecastDelivery } from './forecastDelivery.js';
import { recordProgress } from './recordProgress.js';
import { settle } from './settle.js';
import type { AreaHandlers } from '../shared/AreaHandlers.js';
import type { TrackingEvent } from '../../state/trackingEvents.js';

/**
 * The tracking rules' part of the state machine (TR-1…TR-4, settlement for AR-1).
 *
 * @example
 * TRACKING_HANDLERS.accepts.DELIVER; // ['in_fulfilment']
 */
export const TRACKING_HANDLERS: AreaHandlers<TrackingEvent> = {
  accepts: {
    RECORD_PROGRESS: ['confirmed', 'in_fulfilment', 'delivered', 'settled'],
    FORECAST_DELIVERY: ['confirmed', 'in_fulfilment'],
    CHECK_DELIVERY: ['confirmed', 'in_fulfilment'],
    DELIVER: ['in_fulfilment'],
    REPORT_ACCEPTANCE_ISSUE: ['delivered', 'settled'],
    CLOSE_ISSUE: ['delivered', 'settled'],
    SETTLE: ['confirmed', 'in_fulfilment', 'delivered'],
    COMPLETE: ['delivered', 'settled'],
  },
  handle(state, event, ctx) {
    switch (event.type) {
      case 'RECORD_PROGRESS':
        return recordProgress(state, event, ctx);
      case 'FORECAST_DELIVERY':
        return forecastDelivery(state, event, ctx);
      case 'CHECK_DELIVERY':
        return checkDelivery(state, ctx);
      case 'DELIVER':
        return deliver(state, event, ctx);
      case 'REPORT_ACCEPTANCE_ISSUE':
        return reportAcceptanceIssue(state, event, ctx);
      case 'CLOSE_ISSUE':
        return closeIssue(state, event, ctx);
      case 'SETTLE':
        return settle(state, event, ctx);
      case 'COMPLETE':
        return complete(state, event, ctx);
    }
  },
};
