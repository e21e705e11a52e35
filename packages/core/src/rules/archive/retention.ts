import { addYearsToDate, localDate } from '../../lib/localDate.js';
import type { Policy } from '../../policy/Policy.js';

/**
 * AR-6: the retention date of an archive — the policy's `archive.retention.years` anniversary of
 * the archiving date in the policy's time zone (our reading of the regulations: the tenth
 * anniversary). The archive is kept until that day and due for disposal from it (a 29 February
 * archive's anniversary in a common year is 28 February).
 *
 * @example
 * retainUntil('2026-04-20T10:00:00+08:00', policy); // '2036-04-20'
 */
export function retainUntil(archivedAt: string, policy: Policy): string {
  return addYearsToDate(localDate(archivedAt, policy.timeZone), policy.archive.retention.years);
}

/**
 * AR-6: whether an archive is due for disposal at `now`: its retention date (the anniversary) has
 * come, in the policy's time zone — on the anniversary itself, not the day before — and it is not
 * on legal hold. `dueForDisposal()` lists exactly the archives this says yes to.
 *
 * @example
 * isDueForDisposal({ retainUntil: '2036-04-20', legalHold: false }, '2036-04-19T23:59:59+08:00', policy); // false
 * isDueForDisposal({ retainUntil: '2036-04-20', legalHold: false }, '2036-04-20T00:00:00+08:00', policy); // true
 */
export function isDueForDisposal(
  entry: { retainUntil: string; legalHold: boolean },
  now: string,
  policy: Policy,
): boolean {
  return !entry.legalHold && localDate(now, policy.timeZone) >= entry.retainUntil;
}
