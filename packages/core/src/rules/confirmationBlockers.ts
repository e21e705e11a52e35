import type { Finding } from '../model/Finding.js';
import type { Order } from '../model/Order.js';
import type { Policy } from '../policy/Policy.js';
import { verbalConfirmationBlockers } from './intake/verbalOrder.js';
import { contractBlockers } from './review/contractReview.js';

/**
 * What stops an approved order from being confirmed: a verbal order without its written
 * confirmation (IN-3, `block` mode) and a required contract the customer has not signed
 * (RV-10). Empty when the order may be confirmed.
 *
 * @example
 * const blockers = confirmationBlockers(order, policy);
 * if (blockers.length > 0) return { ok: false, issues: blockers };
 */
export function confirmationBlockers(order: Order, policy: Policy): Finding[] {
  return [...verbalConfirmationBlockers(order, policy), ...contractBlockers(order, policy)];
}
