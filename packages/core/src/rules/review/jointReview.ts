import { approverParams } from '../shared/approverParams.js';
import { formatLinePositions } from '../../lib/display.js';
import { orderFacts } from '../../lib/orderFacts.js';
import { formatMoney } from '../../i18n/formatMoney.js';
import type { Evidence, MessageParam } from '../../model/Finding.js';
import type { PassRule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * What sends an order to joint review, in the order they appear in the message key.
 * `largeAmount` and `unknownCurrency` exclude each other.
 *
 * @example
 * const t: JointReviewTrigger = 'largeAmount'; // message key review.jointReview.largeAmount
 */
export type JointReviewTrigger = 'special' | 'largeAmount' | 'unknownCurrency' | 'complex';

/**
 * RV-4: special products, large-amount orders and orders with complex technical requirements
 * need a joint review in which technical, finance and production each sign off. One `approval`
 * finding with `steps` = `[policy.review.jointReview.step]`, listing every trigger found:
 *
 * - `special`: a line marked `special`, or `customMade` when `jointReview.customMadeIsSpecial`
 *   (default: a non-standard product needs the same technical and production check) — param
 *   `specialLines` (1-based positions), evidence per line;
 * - `largeAmount`: the order amount (including tax unless `jointReview.includeTax` is false)
 *   **reaches** `jointReview.largeAmount[currency]` — `amount ≥ threshold` counts, in line with
 *   our reading of the regulations that reaching a threshold counts — params `total`, `threshold`;
 * - `unknownCurrency`: no threshold for the order's currency and `unknownCurrency` is
 *   `jointReview` (the conservative default) — param `currency`;
 * - `complex`: `technicalComplexity`.
 *
 * The message key names the triggers found, in the order above: `review.jointReview.largeAmount`,
 * `review.jointReview.special.largeAmount.complex`… (every combination exists in both languages),
 * so the whole message is in one language whatever the mix.
 *
 * @example
 * jointReview(Order.parse({ ...input, technicalComplexity: true }), ctx);
 * // [{ ruleId: 'RV-4', severity: 'approval', messageKey: 'review.jointReview.complex', steps: ['jointReview'], … }]
 */
export const jointReview: PassRule = (order, ctx, facts = orderFacts(order)) => {
  const { policy } = ctx;
  const settings = policy.review.jointReview;
  const triggers: JointReviewTrigger[] = [];
  const evidence: Evidence[] = [];
  const params: Record<string, MessageParam> = {};

  const special: number[] = [];
  order.lines.forEach((line, i) => {
    if (line.special || (settings.customMadeIsSpecial && line.customMade)) {
      special.push(i);
      evidence.push({
        field: `lines.${String(i)}.${line.special ? 'special' : 'customMade'}`,
        value: true,
      });
    }
  });
  if (special.length > 0) {
    triggers.push('special');
    params.specialLines = formatLinePositions(special);
  }

  const threshold = settings.largeAmount[order.currency];
  if (threshold === undefined) {
    if (settings.unknownCurrency === 'jointReview') {
      triggers.push('unknownCurrency');
      params.currency = order.currency;
      evidence.push({
        field: 'currency',
        value: order.currency,
        limit: Object.keys(settings.largeAmount),
      });
    }
  } else if (facts.complete) {
    // An order IN-2 returns for its amounts is judged on resubmission.
    const { totals } = facts;
    const amount = settings.includeTax ? totals.total : totals.untaxed;
    if (amount >= threshold) {
      triggers.push('largeAmount');
      params.total = formatMoney(amount, order.currency, policy);
      params.threshold = formatMoney(threshold, order.currency, policy);
      evidence.push({
        field: settings.includeTax ? 'total' : 'untaxed',
        value: amount,
        limit: threshold,
      });
    }
  }

  if (order.technicalComplexity) {
    triggers.push('complex');
    evidence.push({ field: 'technicalComplexity', value: true });
  }

  if (triggers.length === 0) return [];
  const steps = [settings.step];
  return [
    finding(policy, {
      ruleId: 'RV-4',
      severity: 'approval',
      messageKey: `review.jointReview.${triggers.join('.')}`,
      params: { ...params, ...approverParams(policy, steps), triggers: triggers.join(',') },
      evidence,
      steps,
    }),
  ];
};
