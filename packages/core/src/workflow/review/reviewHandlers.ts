import type { AreaHandlers } from '../shared/AreaHandlers.js';
import type { ReviewEvent } from '../../state/WorkflowEvent.js';
import { confirm, recordWrittenConfirmation } from './confirm.js';
import { recordContractReview, recordContractSigned } from './contract.js';
import { checkDeadlines } from './deadlines.js';
import { approve, rejectOrReturn } from './review.js';
import { assess, submit } from '../intake/submit.js';
import { withSubmissionParties } from '../shared/orderParties.js';

/**
 * Intake and review (IN, RV): submit, assess, approve, reject, return, confirm, deadlines, the
 * contract's legal review and signature (RV-10).
 *
 * @example
 * REVIEW_HANDLERS.accepts.APPROVE; // ['in_review']
 */
export const REVIEW_HANDLERS: AreaHandlers<ReviewEvent> = {
  accepts: {
    SUBMIT: ['draft', 'returned'],
    ASSESS: ['submitted'],
    APPROVE: ['in_review'],
    REJECT: ['in_review'],
    RETURN: ['in_review'],
    CONFIRM: ['approved'],
    RECORD_WRITTEN_CONFIRMATION: ['submitted', 'in_review', 'approved', 'credit_hold'],
    RECORD_CONTRACT_REVIEW: ['in_review', 'approved'],
    RECORD_CONTRACT_SIGNED: ['in_review', 'credit_hold', 'approved'],
    CHECK_DEADLINES: ['in_review'],
  },
  handle(state, event, ctx) {
    switch (event.type) {
      case 'SUBMIT':
        // Segregation of duties follows the people: every owner and submitter stays barred.
        return withSubmissionParties(submit(state, event.actor, ctx), {
          actor: event.actor,
          order: ctx.order,
        });
      case 'ASSESS':
        return assess(state, ctx);
      case 'APPROVE':
        return approve(state, event, ctx);
      case 'REJECT':
      case 'RETURN':
        return rejectOrReturn(state, event, ctx);
      case 'CONFIRM':
        return confirm(state, event.actor, ctx);
      case 'RECORD_WRITTEN_CONFIRMATION':
        return recordWrittenConfirmation(state, event, ctx);
      case 'RECORD_CONTRACT_REVIEW':
        return recordContractReview(state, event, ctx);
      case 'RECORD_CONTRACT_SIGNED':
        return recordContractSigned(state, event, ctx);
      case 'CHECK_DEADLINES':
        return checkDeadlines(state, ctx);
    }
  },
};
