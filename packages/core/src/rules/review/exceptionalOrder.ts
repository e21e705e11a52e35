import { approverParams } from '../shared/approverParams.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { Rule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * Whether an order's payment terms give the customer credit terms (`credit.creditTermsPaymentTerms`),
 * under which goods ship before payment within the credit limit as a matter of course (our
 * reading of CR-8).
 *
 * @example
 * hasCreditTerms(order, policy); // true for NET30 when the policy lists it
 */
export function hasCreditTerms(
  order: Pick<Order, 'paymentTerms'>,
  policy: Pick<Policy, 'credit'>,
): boolean {
  return (
    order.paymentTerms !== '' && policy.credit.creditTermsPaymentTerms.includes(order.paymentTerms)
  );
}

/**
 * RV-7: shipping before payment makes an order exceptional: one `approval` finding
 * `review.exceptional.shipBeforePayment` with `steps` = `policy.review.routes.exceptional` —
 * marketing VP review, finance director opinion, president approval, run in that order because
 * the step definitions give them ascending stages.
 *
 * Not when the order's payment terms are credit terms (`hasCreditTerms`): our reading of the regulations
 * on CR-8 lets such a customer ship unpaid within its limit, and CR-4 watches the limit.
 *
 * The other RV-7 causes come from the rules that detect them: a payment term or lead time outside
 * policy classed as exceptional (RV-1 `pricingPolicy`), a discount above
 * `exceptionalAbovePercent` (RV-6 `discountAuthority`); a changed unit price of a confirmed
 * order belongs to change control (CH-4).
 *
 * @example
 * exceptionalOrder(Order.parse({ ...input, shipBeforePayment: true }), ctx);
 * // [{ ruleId: 'RV-7', severity: 'approval', messageKey: 'review.exceptional.shipBeforePayment',
 * //    steps: ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'], … }]
 */
export const exceptionalOrder: Rule = (order, ctx) => {
  const { policy } = ctx;
  if (!order.shipBeforePayment || hasCreditTerms(order, policy)) return [];
  const steps = policy.review.routes.exceptional;
  return [
    finding(policy, {
      ruleId: 'RV-7',
      severity: 'approval',
      messageKey: 'review.exceptional.shipBeforePayment',
      params: { ...approverParams(policy, steps) },
      evidence: [
        { field: 'shipBeforePayment', value: true },
        {
          field: 'paymentTerms',
          value: order.paymentTerms,
          limit: policy.credit.creditTermsPaymentTerms,
        },
      ],
      steps: [...steps],
    }),
  ];
};
