import { orderFacts } from '../../lib/orderFacts.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import { finding } from '../shared/finding.js';
import type { CreditContext, CreditFacts } from './CreditContext.js';
import { creditHoldFinding } from './creditHoldFinding.js';

/**
 * CR-1: a customer never credit-evaluated (no `evaluatedAt`) needs prepayment or a credit
 * approval: a hold (`credit.evaluation.never`) released by the paths of
 * `credit.releasePaths['CR-1']`, the prepayment being the whole order.
 *
 * @example
 * creditEvaluation(order, facts, ctx); // [] for an evaluated customer
 */
export function creditEvaluation(order: Order, facts: CreditFacts, ctx: CreditContext): Finding[] {
  if (facts.evaluated) return [];
  return [
    creditHoldFinding(ctx.policy, order, facts.customer, {
      ruleId: 'CR-1',
      messageKey: 'credit.evaluation.never',
      params: { customer: facts.customer.name || facts.customer.id },
      evidence: [{ field: 'customer.credit.evaluatedAt', value: undefined }],
      prepayment: facts.orderTotal,
    }),
  ];
}

/**
 * CR-1 when the caller supplied no credit facts at all. Credit fails closed: by default
 * (`credit.withoutFacts: 'hold'`) the order is held as for a never-evaluated customer
 * (`credit.facts.missingHold`, released by `releasePaths['CR-1']`, the prepayment being the whole
 * order); with `'info'` one `info` finding records that credit was not checked.
 *
 * @example
 * creditWithoutFacts(order, ctx)[0]?.messageKey; // 'credit.facts.missingHold' ('credit.facts.missing' with 'info')
 */
export function creditWithoutFacts(order: Order, ctx: CreditContext): Finding[] {
  const { policy } = ctx;
  const customer = order.customer.name || order.customer.id;
  if (policy.credit.withoutFacts === 'info') {
    return [
      finding(policy, {
        ruleId: 'CR-1',
        severity: 'info',
        messageKey: 'credit.facts.missing',
        params: { customer },
        evidence: [{ field: 'customer', value: undefined }],
      }),
    ];
  }
  return [
    creditHoldFinding(policy, order, undefined, {
      ruleId: 'CR-1',
      messageKey: 'credit.facts.missingHold',
      params: { customer },
      evidence: [{ field: 'customer', value: undefined }],
      prepayment: orderFacts(order).totals.total,
    }),
  ];
}
