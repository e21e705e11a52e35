import { creditReleaseParams } from '../shared/creditReleaseParams.js';
import { formatMoney } from '../../i18n/formatMoney.js';
import type { Customer } from '../../model/Customer.js';
import type { Evidence, Finding, MessageParam } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { finding } from '../shared/finding.js';
import { holdReleasePaths, PREPAYMENT_EVIDENCE, type CreditHoldRuleId } from './creditHolds.js';

/** What a credit rule supplies for a hold. */
export interface CreditHoldSpec {
  ruleId: CreditHoldRuleId;
  messageKey: string;
  params: Record<string, MessageParam>;
  evidence: Evidence[];
  /** Prepayment (order currency, minor units) that releases this hold. */
  prepayment: number;
}

/**
 * Money received for the order before it was submitted (`Order.prepayments`), in minor units of
 * its currency.
 *
 * @example
 * prepaidBeforeSubmission(order); // 565_000
 */
export function prepaidBeforeSubmission(order: Pick<Order, 'prepayments'>): number {
  let sum = 0;
  for (const p of order.prepayments ?? []) sum += p.amount;
  return sum;
}

/**
 * A credit hold finding (CR-1, CR-4, CR-6): `block` with the release paths the policy allows in
 * the message (`outcomeEn`/`outcomeZh`) and the releasing prepayment in its evidence. The hold
 * does not arise — the finding is a `warn` instead, the order goes on and the message says what
 * covers it — when the policy lets a guarantee release this kind of hold and one is on file, or
 * when it lets a prepayment release it and the money received before submission
 * (`Order.prepayments`) covers the prepayment the hold asks for (reaching it is enough).
 *
 * @example
 * creditHoldFinding(policy, order, customer, { ruleId: 'CR-4', messageKey: 'credit.limit.exceeded', params, evidence, prepayment: 150_000 });
 */
export function creditHoldFinding(
  policy: Policy,
  order: Order,
  customer: Customer | undefined,
  spec: CreditHoldSpec,
): Finding {
  const paths = holdReleasePaths(policy, spec.ruleId);
  const guaranteed = customer?.credit.guaranteeOnFile === true && paths.includes('guarantee');
  const prepaid = prepaidBeforeSubmission(order);
  const paidAhead = !guaranteed && paths.includes('prepayment') && prepaid >= spec.prepayment;
  const release = creditReleaseParams(policy, paths, {
    amount: spec.prepayment,
    currency: order.currency,
  });
  const received = formatMoney(prepaid, order.currency, policy);
  const outcome = guaranteed
    ? {
        outcomeEn: 'The guarantee on file covers it: the order may go on.',
        outcomeZh: '客户已提供担保,订单可以继续。',
      }
    : paidAhead
      ? {
          outcomeEn: `The ${received} received before submission covers it: the order may go on.`,
          outcomeZh: `提交前已收款${received},足以覆盖,订单可以继续。`,
        }
      : {
          outcomeEn: `The order is on credit hold until ${release.releaseEn}.`,
          outcomeZh: `订单处于信用冻结,须${release.releaseZh}后方可继续。`,
        };
  return finding(policy, {
    ruleId: spec.ruleId,
    severity: guaranteed || paidAhead ? 'warn' : 'block',
    messageKey: spec.messageKey,
    params: { ...spec.params, ...outcome },
    evidence: [
      ...spec.evidence,
      ...(guaranteed
        ? [{ field: 'customer.credit.guaranteeOnFile', value: true }]
        : paidAhead
          ? [{ field: 'prepayments', value: prepaid, limit: spec.prepayment }]
          : [{ field: PREPAYMENT_EVIDENCE, value: spec.prepayment, limit: order.currency }]),
    ],
  });
}
