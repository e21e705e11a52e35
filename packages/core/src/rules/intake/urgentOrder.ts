import type { Finding } from '../../model/Finding.js';
import type { Rule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * IN-4: an urgent order.
 * - Always an `info` finding `intake.urgent.prioritised` recording that it is processed first and
 *   that its review deadline is `policy.review.deadlines.urgentHours` (param `hours`).
 * - No urgency-and-feasibility assessment (`urgency.feasible` not set) while
 *   `policy.intake.urgent.requireFeasibility` → `block` `intake.urgent.feasibilityMissing`: back to
 *   sales until the assessment is recorded.
 * - Assessed as not feasible (`urgency.feasible === false`) → `warn` `intake.urgent.infeasible`:
 *   the reviewers see it and agree a new date or terms with the customer; it does not stop review.
 *
 * @example
 * urgentOrder(Order.parse({ ...input, urgent: true, urgency: { feasible: true } }), ctx);
 * // [{ ruleId: 'IN-4', severity: 'info', messageKey: 'intake.urgent.prioritised', params: { hours: 4 }, … }]
 */
export const urgentOrder: Rule = (order, ctx) => {
  if (!order.urgent) return [];
  const { policy } = ctx;
  const hours = policy.review.deadlines.urgentHours;
  const out: Finding[] = [
    finding(policy, {
      ruleId: 'IN-4',
      severity: 'info',
      messageKey: 'intake.urgent.prioritised',
      params: { hours },
      evidence: [{ field: 'urgent', value: true, limit: hours }],
    }),
  ];
  const feasible = order.urgency?.feasible;
  if (feasible === undefined) {
    if (policy.intake.urgent.requireFeasibility) {
      out.push(
        finding(policy, {
          ruleId: 'IN-4',
          severity: 'block',
          messageKey: 'intake.urgent.feasibilityMissing',
          evidence: [{ field: 'urgency.feasible', value: undefined }],
        }),
      );
    }
  } else if (!feasible) {
    out.push(
      finding(policy, {
        ruleId: 'IN-4',
        severity: 'warn',
        messageKey: 'intake.urgent.infeasible',
        evidence: [
          { field: 'urgency.feasible', value: false },
          ...(order.urgency?.note ? [{ field: 'urgency.note', value: order.urgency.note }] : []),
        ],
      }),
    );
  }
  return out;
};
