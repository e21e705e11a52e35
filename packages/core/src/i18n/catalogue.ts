import type { MessageCatalogue } from './messages/Message.js';
import { CHANGE_MESSAGES } from './messages/change.js';
import { CREDIT_MESSAGES } from './messages/credit.js';
import { INTAKE_MESSAGES } from './messages/intake.js';
import { REVIEW_MESSAGES } from './messages/review.js';
import { WORKFLOW_MESSAGES } from './messages/workflow.js';
// tracking (TR) and archive (AR)
import { ARCHIVE_MESSAGES } from './messages/archive.js';
import { TRACKING_MESSAGES } from './messages/tracking.js';

/**
 * Every message core can produce, in English and Simplified Chinese, merged from one file per
 * rule area.
 */
export const MESSAGES: MessageCatalogue = {
  ...INTAKE_MESSAGES,
  ...REVIEW_MESSAGES,
  ...WORKFLOW_MESSAGES,
  ...CHANGE_MESSAGES,
  ...CREDIT_MESSAGES,
  ...TRACKING_MESSAGES,
  ...ARCHIVE_MESSAGES,
};
