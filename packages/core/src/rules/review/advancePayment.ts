import { formatLinePositions } from '../../lib/display.js';
import { orderFacts, type OrderFacts } from '../../lib/orderFacts.js';
import { formatMoney } from '../../i18n/formatMoney.js';
import type { Finding } from '../../model/Finding.js';
import { applyBasisPoints, percentToBasisPoints } from '../../model/Money.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { PassRule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

function customLines(order: Order): number[] {
  const out: number[] = [];
  order.lines.forEach((line, i) => {
    if (line.customMade) out.push(i);
  });
  return out;
}

/**
 * RV-8: the advance payment (minor units of the order's currency) that must be received before
 * production starts: `review.advancePayment.customMadePercent` of the order total including tax
 * when any line is custom-made, rounded half away from zero; 0 otherwise. The workflow's
 * production gate compares what was received with this.
 *
 * @example
 * requiredAdvance(order, policy); // 3_390_000 for a 11,300,000 (113,000.00) order with a custom line, 30 %
 */
export function requiredAdvance(
  order: Order,
  policy: Pick<Policy, 'review'>,
  facts: OrderFacts = orderFacts(order),
): number {
  if (!order.lines.some((line) => line.customMade)) return 0;
  return applyBasisPoints(
    facts.totals.total,
    percentToBasisPoints(policy.review.advancePayment.customMadePercent),
  );
}

/**
 * RV-8 at review: custom-made lines → one `info` finding `review.advance.required` stating the
 * advance due before production (params `lines`, `amount`, `percent`). Information only:
 * the block comes at the production gate (`productionBlockers`). Nothing when the advance is 0,
 * or when IN-2 returns the order for its amounts (`OrderFacts.complete`).
 *
 * @example
 * advancePayment(Order.parse({ ...input, lines: [{ ...line, customMade: true }] }), ctx);
 * // [{ ruleId: 'RV-8', severity: 'info', messageKey: 'review.advance.required',
 * //    params: { lines: '1', amount: '33,900.00 CNY', percent: 30 }, … }]
 */
export const advancePayment: PassRule = (order, ctx, facts = orderFacts(order)) => {
  const { policy } = ctx;
  // An order IN-2 returns for its amounts is judged on resubmission.
  if (!facts.complete) return [];
  const amount = requiredAdvance(order, policy, facts);
  if (amount <= 0) return [];
  const lines = customLines(order);
  return [
    finding(policy, {
      ruleId: 'RV-8',
      severity: 'info',
      messageKey: 'review.advance.required',
      params: {
        lines: formatLinePositions(lines),
        amount: formatMoney(amount, order.currency, policy),
        percent: policy.review.advancePayment.customMadePercent,
      },
      evidence: [
        ...lines.map((i) => ({ field: `lines.${String(i)}.customMade`, value: true })),
        { field: 'total', value: facts.totals.total, limit: amount },
      ],
    }),
  ];
};

/**
 * RV-8 at the production gate: production may not start while the advance received (minor
 * units) is below `requiredAdvance` — one `block` finding `review.advance.missing` with
 * `required`, `received` and `outstanding`. Empty when enough was received or none is required.
 *
 * @example
 * const blockers = productionBlockers(order, policy, payments.advanceReceived);
 * if (blockers.length > 0) return { ok: false, issues: blockers };
 */
export function productionBlockers(
  order: Order,
  policy: Policy,
  advanceReceived: number,
): Finding[] {
  const required = requiredAdvance(order, policy);
  if (advanceReceived >= required) return [];
  return [
    finding(policy, {
      ruleId: 'RV-8',
      severity: 'block',
      messageKey: 'review.advance.missing',
      params: {
        required: formatMoney(required, order.currency, policy),
        received: formatMoney(advanceReceived, order.currency, policy),
        outstanding: formatMoney(required - advanceReceived, order.currency, policy),
      },
      evidence: [{ field: 'advanceReceived', value: advanceReceived, limit: required }],
    }),
  ];
}
