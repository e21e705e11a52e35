import { approverParams } from '../shared/approverParams.js';
import { orderFacts, type OrderFacts } from '../../lib/orderFacts.js';
import type { Evidence, Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { PassRule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * RV-10: why an order needs a contract — empty when it needs none. Reasons, as evidence:
 * `contract.required` set on the order; the amount (including tax unless
 * `review.contract.includeTax` is false) **reaching** `review.contract.requiredAbove[currency]`
 * (`≥`; no threshold for the currency means no amount reason); a custom-made line when
 * `review.contract.requiredForCustomMade`.
 *
 * @example
 * contractReasons(order, policy); // [{ field: 'total', value: 120000000, limit: 100000000 }]
 */
export function contractReasons(
  order: Order,
  policy: Pick<Policy, 'review'>,
  facts: OrderFacts = orderFacts(order),
): Evidence[] {
  const settings = policy.review.contract;
  const reasons: Evidence[] = [];
  if (order.contract.required) reasons.push({ field: 'contract.required', value: true });
  const threshold = settings.requiredAbove[order.currency];
  // An order IN-2 returns for its amounts is judged on resubmission.
  if (threshold !== undefined && facts.complete) {
    const { totals } = facts;
    const amount = settings.includeTax ? totals.total : totals.untaxed;
    if (amount >= threshold)
      reasons.push({
        field: settings.includeTax ? 'total' : 'untaxed',
        value: amount,
        limit: threshold,
      });
  }
  if (settings.requiredForCustomMade) {
    const i = order.lines.findIndex((line) => line.customMade);
    if (i >= 0) reasons.push({ field: `lines.${String(i)}.customMade`, value: true });
  }
  return reasons;
}

/**
 * RV-10 at review: an order that needs a contract (`contractReasons`) whose contract has not been
 * legally reviewed (`contract.legalReviewed`) → one `approval` finding
 * `review.contract.legalReview` with `steps` = `policy.review.routes.legal`; the reasons are the
 * evidence. Legal review comes before signing.
 *
 * @example
 * contractReview(Order.parse({ ...input, contract: { required: true } }), ctx);
 * // [{ ruleId: 'RV-10', severity: 'approval', messageKey: 'review.contract.legalReview', steps: ['legalReview'], … }]
 */
export const contractReview: PassRule = (order, ctx, facts = orderFacts(order)) => {
  const { policy } = ctx;
  if (order.contract.legalReviewed) return [];
  const reasons = contractReasons(order, policy, facts);
  const steps = policy.review.routes.legal;
  if (reasons.length === 0 || steps.length === 0) return [];
  return [
    finding(policy, {
      ruleId: 'RV-10',
      severity: 'approval',
      messageKey: 'review.contract.legalReview',
      params: { ...approverParams(policy, steps) },
      evidence: [...reasons, { field: 'contract.legalReviewed', value: false }],
      steps: [...steps],
    }),
  ];
};

/**
 * RV-10 at CONFIRM time: the customer's signature (or written confirmation) makes the order
 * formal, so an order that needs a contract and has no `contract.customerSignedAt` cannot be
 * confirmed — one `block` finding `review.contract.unsigned`.
 *
 * @example
 * const blockers = contractBlockers(order, policy);
 * if (blockers.length > 0) return { ok: false, issues: blockers };
 */
export function contractBlockers(order: Order, policy: Policy): Finding[] {
  if (order.contract.customerSignedAt !== undefined) return [];
  const reasons = contractReasons(order, policy);
  if (reasons.length === 0) return [];
  return [
    finding(policy, {
      ruleId: 'RV-10',
      severity: 'block',
      messageKey: 'review.contract.unsigned',
      params: { contract: order.contract.number },
      evidence: [...reasons, { field: 'contract.customerSignedAt', value: undefined }],
    }),
  ];
}
