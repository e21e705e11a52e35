import type { Customer } from '../model/Customer.js';
import type { Finding } from '../model/Finding.js';
import type { Order } from '../model/Order.js';
import type { RuleContext } from './RuleContext.js';
import { assessReview } from './reviewRules.js';

/** Context of a full assessment: the rule context plus the customer's credit facts, if known. */
export interface AssessContext extends RuleContext {
  customer?: Customer;
}

/**
 * Assesses an order against every assessment-time rule of the policy (intake, review) and
 * returns all findings, intake first. Pure: the same order, policy and context give the same
 * findings.
 *
 * @example
 * const findings = assessOrder(order, { policy, submittedAt: now, submitter: actor });
 * const blocked = findings.some((f) => f.severity === 'block');
 */
export function assessOrder(order: Order, ctx: AssessContext): Finding[] {
  return assessReview(order, ctx);
}
