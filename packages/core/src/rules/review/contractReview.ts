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
 * RV-10: whether the policy has contracts legally reviewed — `review.routes.legal` names the
 * legal review's steps; an empty list means no legal review is asked for.
 *
 * @example
 * legalReviewRequired(policy); // true with the default policy (['legalReview'])
 */
export function legalReviewRequired(policy: Pick<Policy, 'review'>): boolean {
  return policy.review.routes.legal.length > 0;
}

/**
 * RV-10 at CONFIRM time: legal review comes before signing, and the customer's signature (or
 * written confirmation) makes the order formal. An order that needs a contract cannot be
 * confirmed while its contract is not legally reviewed (`contract.legalReviewed`, when the policy
 * asks for legal review) or not signed (`contract.customerSignedAt`) — one `block` finding that
 * says what is missing: `review.contract.unreviewed`, `review.contract.unsigned`, or
 * `review.contract.unreviewedUnsigned` for both. The façade's `recordContractReview` and
 * `recordContractSigned` record them.
 *
 * @example
 * const blockers = contractBlockers(order, policy);
 * if (blockers.length > 0) return { ok: false, issues: blockers };
 */
export function contractBlockers(order: Order, policy: Policy): Finding[] {
  const unreviewed = legalReviewRequired(policy) && !order.contract.legalReviewed;
  const unsigned = order.contract.customerSignedAt === undefined;
  if (!unreviewed && !unsigned) return [];
  const reasons = contractReasons(order, policy);
  if (reasons.length === 0) return [];
  const messageKey = unreviewed
    ? unsigned
      ? 'review.contract.unreviewedUnsigned'
      : 'review.contract.unreviewed'
    : 'review.contract.unsigned';
  return [
    finding(policy, {
      ruleId: 'RV-10',
      severity: 'block',
      messageKey,
      params: {
        contract: order.contract.number,
        ...(unreviewed ? approverParams(policy, policy.review.routes.legal) : {}),
      },
      evidence: [
        ...reasons,
        ...(unreviewed ? [{ field: 'contract.legalReviewed', value: false }] : []),
        ...(unsigned ? [{ field: 'contract.customerSignedAt', value: undefined }] : []),
      ],
    }),
  ];
}
