import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import { finding } from '../shared/finding.js';
import type { CreditContext, CreditFacts } from './CreditContext.js';
import { creditHoldFinding } from './creditHoldFinding.js';
import { GRADE_LABELS } from './gradeLabels.js';

/**
 * CR-2, CR-5, CR-6 by grade. What a grade triggers is `credit.gradeActions` (default A, B pass;
 * C warn; D block):
 * - `warn` → CR-5 `credit.grade.low`: the order goes on, collection is followed up closely;
 * - `block` → CR-6 `credit.grade.abnormal`: a hold released by `credit.releasePaths['CR-6']`
 *   (prepayment of the whole order, or a guarantee), or a warning when a guarantee is on file;
 * - an evaluated customer without a grade → CR-2 `credit.grade.missing` (warn).
 *
 * @example
 * creditGrade(order, { ...facts, customer: { ...c, credit: { ...c.credit, grade: 'C' } } }, ctx)[0]?.ruleId; // 'CR-5'
 */
export function creditGrade(order: Order, facts: CreditFacts, ctx: CreditContext): Finding[] {
  const { policy } = ctx;
  const grade = facts.customer.credit.grade;
  if (grade === undefined) {
    if (!facts.evaluated) return [];
    return [
      finding(policy, {
        ruleId: 'CR-2',
        severity: 'warn',
        messageKey: 'credit.grade.missing',
        params: { customer: facts.customer.name || facts.customer.id },
        evidence: [{ field: 'customer.credit.grade', value: undefined }],
      }),
    ];
  }
  const action = policy.credit.gradeActions[grade];
  const params = { grade, gradeEn: GRADE_LABELS[grade].en, gradeZh: GRADE_LABELS[grade].zh };
  const evidence = [{ field: 'customer.credit.grade', value: grade, limit: action }];
  switch (action) {
    case 'pass':
      return [];
    case 'warn':
      return [
        finding(policy, {
          ruleId: 'CR-5',
          severity: 'warn',
          messageKey: 'credit.grade.low',
          params,
          evidence,
        }),
      ];
    case 'block':
      return [
        creditHoldFinding(policy, order, facts.customer, {
          ruleId: 'CR-6',
          messageKey: 'credit.grade.abnormal',
          params,
          evidence,
          prepayment: facts.orderTotal,
        }),
      ];
  }
}
