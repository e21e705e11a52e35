import type { MessageCatalogue } from './Message.js';
import { INTAKE_MESSAGES } from './messages/intake.js';
import { REVIEW_MESSAGES } from './messages/review.js';
import { WORKFLOW_MESSAGES } from './messages/workflow.js';

/**
 * Every message core can produce, in English and Simplified Chinese, merged from one file per
 * rule area.
 */
export const MESSAGES: MessageCatalogue = {
  ...INTAKE_MESSAGES,
  ...REVIEW_MESSAGES,
  ...WORKFLOW_MESSAGES,
};
