import type { MessageCatalogue } from '../Message.js';

/** Messages of the order lifecycle that are not a rule's finding. */
export const WORKFLOW_MESSAGES: MessageCatalogue = {
  'review.approved': {
    en: 'Every approval step is done: the order is approved and may be confirmed to the customer.',
    zh: '所有审批环节均已完成:订单已批准,可向客户确认。',
  },
  'review.approval.requested': {
    en: 'Your approval is requested for "{step}" by {deadline}.',
    zh: '请在 {deadline} 前完成"{step}"审批。',
  },
};
