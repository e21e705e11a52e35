import type { Finding } from '../model/Finding.js';
import type { Order } from '../model/Order.js';
import { orderFacts, type OrderFacts } from '../lib/orderFacts.js';
import type { PassRule, RuleContext } from './shared/RuleContext.js';
import { requiredInformation } from './intake/requiredInformation.js';
import { urgentOrder } from './intake/urgentOrder.js';
import { verbalOrder } from './intake/verbalOrder.js';
import { advancePayment } from './review/advancePayment.js';
import { contractReview } from './review/contractReview.js';
import { discountAuthority } from './review/discountAuthority.js';
import { exceptionalOrder } from './review/exceptionalOrder.js';
import { jointReview } from './review/jointReview.js';
import { orderRoute } from './review/orderRoute.js';
import { pricingPolicy } from './review/pricingPolicy.js';
import { salesHeadApproval } from './review/salesHeadApproval.js';

/**
 * The rules run when an order is assessed for review, intake first: IN-2 required information,
 * IN-3 verbal orders, IN-4 urgent orders, RV-1 pricing policy, RV-3 sales head, RV-4 joint
 * review, RV-5 route, RV-6 discount authority, RV-7 exceptional orders, RV-8 advance payment,
 * RV-10 contract review.
 *
 * Not here, because they run at other moments: IN-1 numbering (the desk, at entry), RV-2
 * deadlines and RV-9 returns (workflow and approvals), the CONFIRM-time blockers
 * (`confirmationBlockers`), the production gate (`productionBlockers`) and the stock check after
 * confirmation (`stockShortages`).
 *
 * @example
 * const findings = REVIEW_RULES.flatMap((rule) => rule(order, ctx));
 */
export const REVIEW_RULES: readonly PassRule[] = Object.freeze([
  requiredInformation,
  verbalOrder,
  urgentOrder,
  pricingPolicy,
  salesHeadApproval,
  jointReview,
  orderRoute,
  discountAuthority,
  exceptionalOrder,
  advancePayment,
  contractReview,
]);

/**
 * Runs every review rule (`REVIEW_RULES`, in order) on a parsed order and returns all findings.
 * The order's amounts (`orderFacts`) are computed once, from the order as it is at the call, and
 * shared by the rules of this pass; nothing is remembered for the next call.
 *
 * @example
 * const findings = assessReview(order, { policy, submittedAt: clock.now(), submitter: actor });
 * const blocked = findings.some((f) => f.severity === 'block');
 */
export function assessReview(
  order: Order,
  ctx: RuleContext,
  facts: OrderFacts = orderFacts(order),
): Finding[] {
  const out: Finding[] = [];
  for (const rule of REVIEW_RULES) {
    for (const f of rule(order, ctx, facts)) out.push(f);
  }
  return out;
}
