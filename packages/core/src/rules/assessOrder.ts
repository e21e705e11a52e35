import type { Customer } from '../model/Customer.js';
import type { Finding } from '../model/Finding.js';
import type { Order } from '../model/Order.js';
import type { RuleContext } from './shared/RuleContext.js';
import { orderFacts } from '../lib/orderFacts.js';
import { assessReview } from './reviewRules.js';
// credit (CR)
import type { ExchangeRate } from '../model/ExchangeRate.js';
import { assessCredit } from './credit/assessCredit.js';

/** Context of a full assessment: the rule context plus the customer's credit facts, if known. */
export interface AssessContext extends RuleContext {
  customer?: Customer;
  /** Credit (CR-4): rates for foreign-currency exposure; the customer's own `rates` when absent. */
  rates?: readonly ExchangeRate[];
  /** Credit (CR-4): the customer's orders this engine confirmed and has not seen invoiced. */
  confirmedOrders?: readonly Order[];
}

/**
 * Assesses an order against every assessment-time rule of the policy (intake, review, credit)
 * and returns all findings, intake first, credit last. Pure: the same order, policy and context
 * give the same findings. The order's amounts are computed once, from the order as it is now.
 * Credit exposure counts this order's amount, so an order IN-2 returns for its amounts (a
 * missing quantity or price, totals out of range) is judged for credit when it comes back.
 *
 * @example
 * const findings = assessOrder(order, { policy, submittedAt: now, submitter: actor });
 * const blocked = findings.some((f) => f.severity === 'block');
 */
export function assessOrder(order: Order, ctx: AssessContext): Finding[] {
  const facts = orderFacts(order);
  const review = assessReview(order, ctx, facts);
  if (!facts.complete) return review;
  // credit (CR-1…CR-7) after intake and review; see assessCredit for facts-less orders.
  return [...review, ...assessCredit(order, ctx, facts)];
}
