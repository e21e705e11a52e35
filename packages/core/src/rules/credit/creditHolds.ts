import type { Finding } from '../../model/Finding.js';
import type { RuleId } from '../../model/RuleId.js';
import type { Policy } from '../../policy/Policy.js';
import type { ReleasePath } from '../../policy/creditPolicy.js';

import type { CreditHoldRuleId } from '../../state/CreditWorkflowState.js';

export type { CreditHoldRuleId };

/**
 * Rules whose blocks are credit holds (CR-1 never evaluated, CR-4 over the limit, CR-6 abnormal
 * credit): the order waits on credit hold for a release path rather than going back to sales,
 * which is where intake and review blocks (IN, RV) send it.
 *
 * @example
 * CREDIT_HOLD_RULES.has('CR-4'); // true: over the limit holds for credit
 */
export const CREDIT_HOLD_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['CR-1', 'CR-4', 'CR-6']);

/**
 * Evidence field of a hold finding carrying the prepayment (order currency) that releases it.
 *
 * @example
 * finding.evidence.find((e) => e.field === PREPAYMENT_EVIDENCE)?.value; // 36_000_000
 */
export const PREPAYMENT_EVIDENCE = 'prepaymentRequired';

/**
 * Whether a finding is a credit hold: a `block` from CR-1, CR-4 or CR-6. The workflow holds the
 * order when every block of an assessment is one.
 *
 * @example
 * findings.filter((f) => f.severity === 'block').every(isCreditHold); // → credit_hold
 */
export function isCreditHold(finding: Pick<Finding, 'ruleId' | 'severity'>): boolean {
  return finding.severity === 'block' && CREDIT_HOLD_RULES.has(finding.ruleId);
}

/**
 * The release paths the policy allows for a hold of `ruleId` (`credit.releasePaths`).
 *
 * @example
 * holdReleasePaths(policy, 'CR-6'); // ['prepayment', 'guarantee']
 */
export function holdReleasePaths(
  policy: Pick<Policy, 'credit'>,
  ruleId: CreditHoldRuleId,
): readonly ReleasePath[] {
  return policy.credit.releasePaths[ruleId];
}

/**
 * The prepayment (minor units of the order's currency) that releases a hold finding, as the rule
 * recorded it in its evidence; 0 when the finding names none.
 *
 * @example
 * prepaymentRequiredOf(holdFinding); // 1_500_000
 */
export function prepaymentRequiredOf(finding: Pick<Finding, 'evidence'>): number {
  const e = finding.evidence.find((x) => x.field === PREPAYMENT_EVIDENCE);
  return typeof e?.value === 'number' ? e.value : 0;
}
