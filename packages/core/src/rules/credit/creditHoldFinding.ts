import { creditReleaseParams } from '../shared/creditReleaseParams.js';
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
 * A credit hold finding (CR-1, CR-4, CR-6): `block` with the release paths the policy allows in
 * the message (`outcomeEn`/`outcomeZh`) and the releasing prepayment in its evidence. When a
 * guarantee is already on file and the policy lets a guarantee release this kind of hold, the
 * finding is a `warn` instead: the order goes on, and the message says the guarantee covers it.
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
  const covered = customer?.credit.guaranteeOnFile === true && paths.includes('guarantee');
  const release = creditReleaseParams(policy, paths, {
    amount: spec.prepayment,
    currency: order.currency,
  });
  const outcome = covered
    ? {
        outcomeEn: 'The guarantee on file covers it: the order may go on.',
        outcomeZh: '客户已提供担保,订单可以继续。',
      }
    : {
        outcomeEn: `The order is on credit hold until ${release.releaseEn}.`,
        outcomeZh: `订单处于信用冻结,须${release.releaseZh}后方可继续。`,
      };
  return finding(policy, {
    ruleId: spec.ruleId,
    severity: covered ? 'warn' : 'block',
    messageKey: spec.messageKey,
    params: { ...spec.params, ...outcome },
    evidence: [
      ...spec.evidence,
      ...(covered
        ? [{ field: 'customer.credit.guaranteeOnFile', value: true }]
        : [{ field: PREPAYMENT_EVIDENCE, value: spec.prepayment, limit: order.currency }]),
    ],
  });
}
