import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import { isoDateDayNumber, isoDateOfDayNumber } from '../../lib/zonedTime.js';
import type { CreditContext, CreditFacts } from './CreditContext.js';
import { creditHoldFinding } from './creditHoldFinding.js';

/**
 * CR-6 abnormal credit besides grade D (see `creditGrade`): receivables overdue by more than
 * `credit.overdueSuspendDays` (default 90; the ageing of CR-7 feeds this) →
 * `credit.overdue.abnormal`; a flagged incident → `credit.incident.abnormal`. Each is a hold
 * released by `credit.releasePaths['CR-6']` (prepayment of the whole order or a guarantee by
 * default), or a warning when a guarantee is on file.
 *
 * @example
 * abnormalCredit(order, facts, ctx).map((f) => f.messageKey); // ['credit.overdue.abnormal']
 */
export function abnormalCredit(order: Order, facts: CreditFacts, ctx: CreditContext): Finding[] {
  const { policy } = ctx;
  const out: Finding[] = [];
  const oldest = facts.exposure.oldestDueDate;
  const maxDays = policy.credit.overdueSuspendDays;
  const asOfDay = isoDateDayNumber(facts.asOfDate);
  // Overdue by more than maxDays ⇔ due before (asOf − maxDays): one string comparison.
  if (oldest !== undefined && oldest < isoDateOfDayNumber(asOfDay - maxDays)) {
    const days = asOfDay - isoDateDayNumber(oldest);
    out.push(
      creditHoldFinding(policy, order, facts.customer, {
        ruleId: 'CR-6',
        messageKey: 'credit.overdue.abnormal',
        params: { days, dueDate: oldest, maxDays, asOf: facts.asOfDate },
        evidence: [{ field: 'customer.receivables.dueDate', value: oldest, limit: maxDays }],
        prepayment: facts.orderTotal,
      }),
    );
  }
  const incident = facts.customer.credit.incident?.trim();
  if (incident) {
    out.push(
      creditHoldFinding(policy, order, facts.customer, {
        ruleId: 'CR-6',
        messageKey: 'credit.incident.abnormal',
        params: { incident },
        evidence: [{ field: 'customer.credit.incident', value: incident }],
        prepayment: facts.orderTotal,
      }),
    );
  }
  return out;
}
