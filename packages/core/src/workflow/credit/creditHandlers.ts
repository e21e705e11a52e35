import {
  checkCreditRelease,
  declineCredit,
  recordGuarantee,
  recordPrepayment,
  releaseCredit,
} from './creditEventHandlers.js';
import {
  approveShippingException,
  rejectShippingException,
  requestShippingException,
} from './shippingException.js';
import type { AreaHandlers } from '../shared/AreaHandlers.js';
import type { CreditEvent } from '../../state/creditEvents.js';

/**
 * The credit rules' part of the state machine (CR-1, CR-4, CR-6, CR-8). A held order waits in
 * `credit_hold` until every hold is released — credit approval, prepayment or guarantee, as the
 * policy allows per rule — and then goes on to review. A release that expires puts an unconfirmed
 * order back on hold (`CHECK_CREDIT_RELEASE`) and blocks confirmation and unpaid shipping. After
 * confirmation, shipping before payment may be asked for and decided by the RV-7 chain
 * (`REQUEST_SHIPPING_EXCEPTION`, `APPROVE_SHIPPING_EXCEPTION`, `REJECT_SHIPPING_EXCEPTION`).
 *
 * @example
 * CREDIT_HANDLERS.accepts.RELEASE_CREDIT.includes('credit_hold'); // true
 */
export const CREDIT_HANDLERS: AreaHandlers<CreditEvent> = {
  accepts: {
    RELEASE_CREDIT: ['credit_hold', 'in_review', 'approved', 'confirmed', 'in_fulfilment'],
    DECLINE_CREDIT: ['credit_hold'],
    RECORD_PREPAYMENT: [
      'credit_hold',
      'in_review',
      'approved',
      'confirmed',
      'change_pending',
      'in_fulfilment',
      'delivered',
    ],
    RECORD_GUARANTEE: ['credit_hold', 'in_review', 'approved', 'confirmed', 'in_fulfilment'],
    CHECK_CREDIT_RELEASE: ['in_review', 'approved'],
    // RV-7 / CR-8: shipping before payment asked for on the confirmed order
    REQUEST_SHIPPING_EXCEPTION: ['confirmed', 'in_fulfilment'],
    APPROVE_SHIPPING_EXCEPTION: ['confirmed', 'change_pending', 'in_fulfilment'],
    REJECT_SHIPPING_EXCEPTION: ['confirmed', 'change_pending', 'in_fulfilment'],
  },
  handle(state, event, ctx) {
    switch (event.type) {
      case 'RELEASE_CREDIT':
        return releaseCredit(state, event, ctx);
      case 'DECLINE_CREDIT':
        return declineCredit(state, event, ctx);
      case 'RECORD_PREPAYMENT':
        return recordPrepayment(state, event, ctx);
      case 'RECORD_GUARANTEE':
        return recordGuarantee(state, event, ctx);
      case 'CHECK_CREDIT_RELEASE':
        return checkCreditRelease(state, ctx);
      case 'REQUEST_SHIPPING_EXCEPTION':
        return requestShippingException(state, event, ctx);
      case 'APPROVE_SHIPPING_EXCEPTION':
        return approveShippingException(state, event, ctx);
      case 'REJECT_SHIPPING_EXCEPTION':
        return rejectShippingException(state, event, ctx);
    }
  },
};
