import { approveChange, checkChangeDeadlines, rejectChange } from './decideChange.js';
import { EDIT_STATUSES, editOrder } from './editOrder.js';
import { recordAmendment } from './recordAmendment.js';
import { requestChange } from './requestChange.js';
import { withdrawChange } from './withdrawChange.js';
import type { AreaHandlers } from '../shared/AreaHandlers.js';
import type { ChangeEvent } from '../../state/changeEvents.js';

/**
 * Change control (CH-1…CH-7): request a change or cancellation of a locked order, approve or
 * reject it, escalate overdue steps, withdraw it, record the signed amendment of a contract
 * change (CH-7); and edits, which only a draft or returned order takes (CH-1). A request is
 * accepted in `change_pending` too, only to be refused with `CONFLICT` (CH-5): one request at a
 * time.
 *
 * @example
 * CHANGE_HANDLERS.accepts.APPROVE_CHANGE; // ['change_pending']
 */
export const CHANGE_HANDLERS: AreaHandlers<ChangeEvent> = {
  accepts: {
    REQUEST_CHANGE: ['confirmed', 'in_fulfilment', 'change_pending'],
    APPROVE_CHANGE: ['change_pending'],
    REJECT_CHANGE: ['change_pending'],
    CHECK_CHANGE_DEADLINES: ['change_pending'],
    WITHDRAW_CHANGE: ['change_pending'],
    RECORD_AMENDMENT_SIGNED: ['change_pending'],
    EDIT_ORDER: EDIT_STATUSES,
  },
  handle(state, event, ctx) {
    switch (event.type) {
      case 'REQUEST_CHANGE':
        return requestChange(state, event, ctx);
      case 'APPROVE_CHANGE':
        return approveChange(state, event, ctx);
      case 'REJECT_CHANGE':
        return rejectChange(state, event, ctx);
      case 'CHECK_CHANGE_DEADLINES':
        return checkChangeDeadlines(state, ctx);
      case 'WITHDRAW_CHANGE':
        return withdrawChange(state, event, ctx);
      case 'RECORD_AMENDMENT_SIGNED':
        return recordAmendment(state, event, ctx);
      case 'EDIT_ORDER':
        return editOrder(state, event, ctx);
    }
  },
};
