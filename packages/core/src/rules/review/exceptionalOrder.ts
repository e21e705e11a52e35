import { approverParams } from '../shared/approverParams.js';
import type { Rule } from '../shared/RuleContext.js';
import { hasCreditTerms } from '../shared/creditTerms.js';
import { finding } from '../shared/finding.js';

/**
 * RV-7: shipping before payment makes an order exceptional: one `approval` finding
 * `review.exceptional.shipBeforePayment` with `steps` = `policy.review.routes.exceptional` —
 * marketing VP review, finance director opinion, president approval, run in that order because
 * the step definitions give them ascending stages.
 *
 * Not when the customer has credit terms (`hasCreditTerms`, the customer's credit profile as the
 * ERP sends it in `ctx.customer`; decision 014): our reading of the regulations on CR-8 lets such
 * a customer ship unpaid within its limit, and CR-4 watches the limit. Without the customer's
 * facts there are no credit terms, so the chain is asked for.
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
  if (!order.shipBeforePayment || hasCreditTerms(ctx.customer)) return [];
  const steps = policy.review.routes.exceptional;
  return [
    finding(policy, {
      ruleId: 'RV-7',
      severity: 'approval',
      messageKey: 'review.exceptional.shipBeforePayment',
      params: { ...approverParams(policy, steps) },
      evidence: [
        { field: 'shipBeforePayment', value: true },
        { field: 'customer.credit.creditTerms', value: false },
      ],
      steps: [...steps],
    }),
  ];
};
