import { approverParams } from '../shared/approverParams.js';
import type { Rule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * RV-3: an order takes effect only after the sales department head approves it. Every order
 * gets one `approval` finding `review.salesHead.required` with `steps` =
 * `policy.review.routes.always` (default `['salesHead']`); none when the policy empties that
 * route. Whether the head signs first or last is the step's `stage` (our reading of the regulations: last by
 * default), not this rule's concern.
 *
 * @example
 * salesHeadApproval(order, ctx);
 * // [{ ruleId: 'RV-3', severity: 'approval', messageKey: 'review.salesHead.required', steps: ['salesHead'], … }]
 */
export const salesHeadApproval: Rule = (_order, ctx) => {
  const { policy } = ctx;
  const steps = policy.review.routes.always;
  if (steps.length === 0) return [];
  return [
    finding(policy, {
      ruleId: 'RV-3',
      severity: 'approval',
      messageKey: 'review.salesHead.required',
      params: { ...approverParams(policy, steps) },
      steps: [...steps],
    }),
  ];
};
