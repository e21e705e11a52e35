import type { OrderFacts } from '../../lib/orderFacts.js';
import type { Actor } from '../../model/Actor.js';
import type { Customer } from '../../model/Customer.js';
import type { Order } from '../../model/Order.js';
import type { Finding } from '../../model/Finding.js';
import type { Policy } from '../../policy/Policy.js';

/**
 * What a rule may look at besides the order. Rules are pure: everything time- or user-dependent
 * comes in here.
 */
export interface RuleContext {
  policy: Policy;
  /** When the order was received for review (ISO instant): lead time and deadlines count from it. */
  submittedAt: string;
  /** Who submitted the order; their roles decide their discount authority (RV-6). */
  submitter: Actor;
  /**
   * The customer with its credit facts, when the caller has them: its credit terms decide whether
   * shipping before payment is exceptional (RV-7, `hasCreditTerms`); the credit rules judge the
   * rest (`CreditContext`).
   */
  customer?: Customer;
}

/**
 * A rule: a pure function of (order, context) returning its findings; an empty list means the
 * order passes it.
 *
 * @example
 * const noVerbal: Rule = (order, ctx) => order.channel === 'verbal' ? [finding(ctx.policy, {...})] : [];
 */
export type Rule = (order: Order, ctx: RuleContext) => Finding[];

/**
 * A rule of an assessment pass: a `Rule` that may also take the order's amounts (`orderFacts`)
 * computed once for the whole pass by `assessReview`; called on its own it computes them.
 *
 * @example
 * const large: PassRule = (order, ctx, facts = orderFacts(order)) => facts.complete ? […] : [];
 */
export type PassRule = (order: Order, ctx: RuleContext, facts?: OrderFacts) => Finding[];
