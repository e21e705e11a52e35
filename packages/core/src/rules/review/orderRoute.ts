import { approverParams } from '../shared/approverParams.js';
import { formatLinePositions } from '../../lib/display.js';
import type { Evidence, MessageParam } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Rule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * Why an order is non-regular, in the order they appear in the message key.
 *
 * @example
 * const r: NonRegularReason = 'neverShipped'; // message key review.route.nonRegular.neverShipped
 */
export type NonRegularReason = 'changed' | 'neverShipped' | 'docsIncomplete';

/**
 * RV-5: a **regular** order — every line shipped before to the same requirements with complete
 * technical documents, and no customer-requested change.
 *
 * @example
 * isRegularOrder(order); // true
 */
export function isRegularOrder(order: Pick<Order, 'lines' | 'customerRequestedChange'>): boolean {
  if (order.customerRequestedChange) return false;
  for (const line of order.lines) {
    if (!line.shippedBefore || !line.technicalDocsComplete) return false;
  }
  return true;
}

/**
 * RV-5: routes the order by its kind, as one `approval` finding.
 *
 * - Regular (`isRegularOrder`): `review.route.regular`, `steps` = `policy.review.routes.regular`
 *   (production/workshop supervisor by default).
 * - Non-regular: `steps` = `policy.review.routes.nonRegular` (engineering supervisor, the sales
 *   head's agreement and the general manager's approval of the product plan), with every reason in
 *   the evidence and the message: `changed` (customer-requested change), `neverShipped` (params
 *   `newLines`), `docsIncomplete` (params `docsLines`). The key names the reasons found, e.g.
 *   `review.route.nonRegular.neverShipped.docsIncomplete`.
 *
 * @example
 * orderRoute(Order.parse({ ...input, customerRequestedChange: true }), ctx);
 * // [{ ruleId: 'RV-5', severity: 'approval', messageKey: 'review.route.nonRegular.changed',
 * //    steps: ['engineeringReview', 'salesHead', 'generalManagerApproval'], … }]
 */
export const orderRoute: Rule = (order, ctx) => {
  const { policy } = ctx;
  const routes = policy.review.routes;
  if (isRegularOrder(order)) {
    if (routes.regular.length === 0) return [];
    return [
      finding(policy, {
        ruleId: 'RV-5',
        severity: 'approval',
        messageKey: 'review.route.regular',
        params: { ...approverParams(policy, routes.regular) },
        steps: [...routes.regular],
      }),
    ];
  }
  const reasons: NonRegularReason[] = [];
  const evidence: Evidence[] = [];
  const params: Record<string, MessageParam> = {};
  if (order.customerRequestedChange) {
    reasons.push('changed');
    evidence.push({ field: 'customerRequestedChange', value: true });
  }
  const neverShipped: number[] = [];
  const docsIncomplete: number[] = [];
  order.lines.forEach((line, i) => {
    if (!line.shippedBefore) {
      neverShipped.push(i);
      evidence.push({ field: `lines.${String(i)}.shippedBefore`, value: false });
    }
    if (!line.technicalDocsComplete) {
      docsIncomplete.push(i);
      evidence.push({ field: `lines.${String(i)}.technicalDocsComplete`, value: false });
    }
  });
  if (neverShipped.length > 0) {
    reasons.push('neverShipped');
    params.newLines = formatLinePositions(neverShipped);
  }
  if (docsIncomplete.length > 0) {
    reasons.push('docsIncomplete');
    params.docsLines = formatLinePositions(docsIncomplete);
  }
  if (routes.nonRegular.length === 0) return [];
  return [
    finding(policy, {
      ruleId: 'RV-5',
      severity: 'approval',
      messageKey: `review.route.nonRegular.${reasons.join('.')}`,
      params: {
        ...params,
        ...approverParams(policy, routes.nonRegular),
        reasons: reasons.join(','),
      },
      evidence,
      steps: [...routes.nonRegular],
    }),
  ];
};
