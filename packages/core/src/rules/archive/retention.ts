import { addYearsToDate, localDate } from '../../lib/localDate.js';
import type { Policy } from '../../policy/Policy.js';

/**
 * AR-6: the date an archive is kept until — the policy's `archive.retention.years` anniversary of
 * the archiving date in the policy's time zone (our reading of the regulations: the tenth anniversary).
 *
 * @example
 * retainUntil('2026-04-20T10:00:00+08:00', policy); // '2036-04-20'
 */
export function retainUntil(archivedAt: string, policy: Policy): string {
  return addYearsToDate(localDate(archivedAt, policy.timeZone), policy.archive.retention.years);
}

/**
 * AR-6: whether an archive may be disposed of at `now`: its retention date has passed (the
 * anniversary itself is still kept) and it is not on legal hold.
 *
 * @example
 * isDueForDisposal({ retainUntil: '2036-04-20', legalHold: false }, '2036-04-21T00:00:00+08:00', policy); // true
 */
export function isDueForDisposal(
  entry: { retainUntil: string; legalHold: boolean },
  now: string,
  policy: Policy,
): boolean {
  return !entry.legalHold && localDate(now, policy.timeZone) > entry.retainUntil;
}
