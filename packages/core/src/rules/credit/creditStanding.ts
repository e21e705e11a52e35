import type { Finding } from '../../model/Finding.js';
import type { Policy } from '../../policy/Policy.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import { finding } from '../shared/finding.js';
import type { ReleasePath } from '../../policy/creditPolicy.js';
import type {
  CreditHold,
  CreditRelease,
  CreditWorkflowState,
} from '../../state/CreditWorkflowState.js';

/**
 * Money recorded as received ahead of shipping for the order (minor units of its currency).
 *
 * @example
 * paymentsReceived(state.credit); // 150_000
 */
export function paymentsReceived(
  credit: Pick<CreditWorkflowState, 'prepayments'> | undefined,
): number {
  let sum = 0;
  for (const p of credit?.prepayments ?? []) sum += p.amount;
  return sum;
}

/**
 * Whether a credit release is in force at `at`: approved, and `at` is before its expiry (the
 * expiry instant itself is already too late). A release never outlives its expiry.
 *
 * @example
 * isReleaseInForce({ ...release, expiresAt: '2026-03-05T18:00:00+08:00' }, '2026-03-05T18:00:00+08:00'); // false
 */
export function isReleaseInForce(release: CreditRelease | undefined, at: string): boolean {
  if (release === undefined) return false;
  return release.expiresAt === undefined || Date.parse(at) < Date.parse(release.expiresAt);
}

/**
 * The path that releases a hold at `at`, if any, trying the hold's paths in the policy's
 * order: a credit release in force, prepayments covering the hold's amount, a guarantee recorded.
 *
 * @example
 * releasingPath(hold, state.credit, clock.now()); // 'prepayment'
 */
export function releasingPath(
  hold: CreditHold,
  credit: CreditWorkflowState,
  at: string,
): ReleasePath | undefined {
  for (const path of hold.paths) {
    switch (path) {
      case 'approval':
        if (isReleaseInForce(credit.release, at)) return path;
        break;
      case 'prepayment':
        if (paymentsReceived(credit) >= hold.prepaymentRequired) return path;
        break;
      case 'guarantee':
        if (credit.guarantee !== undefined) return path;
        break;
    }
  }
  return undefined;
}

/**
 * The holds no release path covers at `at` (CR-1, CR-4, CR-6). An order leaves credit hold only
 * when this is empty, and is not confirmed or shipped unpaid while it is not.
 *
 * @example
 * openCreditHolds(state.credit, clock.now()).map((h) => h.ruleId); // ['CR-4']
 */
export function openCreditHolds(credit: CreditWorkflowState | undefined, at: string): CreditHold[] {
  if (credit === undefined) return [];
  return credit.holds.filter((h) => releasingPath(h, credit, at) === undefined);
}

/**
 * Confirmation and unpaid shipping need every credit hold covered at that instant: a hold whose
 * only cover was a release that has since expired blocks (CR-4 finding
 * `credit.release.lapsed`, or the hold's own rule). Empty when nothing is open.
 *
 * @example
 * creditReleaseBlockers(state, policy, clock.now()); // [] while the release is in force
 */
export function creditReleaseBlockers(
  state: Pick<OrderWorkflow, 'credit'>,
  policy: Policy,
  now: string,
): Finding[] {
  return openCreditHolds(state.credit, now).map((h) =>
    finding(policy, {
      ruleId: h.ruleId,
      severity: 'block',
      messageKey: 'credit.release.lapsed',
      params: { expiresAt: state.credit?.release?.expiresAt ?? '' },
      evidence: [
        { field: 'credit.release.expiresAt', value: state.credit?.release?.expiresAt, limit: now },
      ],
    }),
  );
}
