import type { CreditProfile } from '../../model/Customer.js';
import type { Policy } from '../../policy/Policy.js';

/** A customer's credit limit at one instant (CR-3, CR-4). */
export interface EffectiveLimit {
  /** Limit to judge exposure against, in minor units of `currency`; undefined when unlimited. */
  amount: number | undefined;
  /** Currency of the limit (exposure is counted in it); undefined when no limit is on file. */
  currency: string | undefined;
  /** The limit on file (0 when none and the policy reads a missing limit as zero). */
  base: number | undefined;
  /** Sum of the approved temporary increases in force at the instant. */
  temporary: number;
}

/**
 * The limit in force at `at`: the limit on file plus every approved temporary increase in force
 * (approved at or before `at`, expiring after it), CR-3. Increases in another currency than the
 * limit are not counted (`CreditDesk` never approves one). No limit on file reads as zero or as
 * unlimited, as `credit.missingLimit` says.
 *
 * @example
 * effectiveLimit(customer.credit, '2026-03-02T09:00:00+08:00', policy).amount; // 60_000_000 with a 10,000.00 increase in force
 */
export function effectiveLimit(
  profile: Pick<CreditProfile, 'limit' | 'temporaryIncreases'>,
  at: string,
  policy: Pick<Policy, 'credit'>,
): EffectiveLimit {
  const limit = profile.limit;
  if (limit === undefined) {
    const zero = policy.credit.missingLimit === 'zero';
    return {
      amount: zero ? 0 : undefined,
      currency: undefined,
      base: zero ? 0 : undefined,
      temporary: 0,
    };
  }
  const t = Date.parse(at);
  let temporary = 0;
  for (const inc of profile.temporaryIncreases) {
    if (inc.currency !== limit.currency) continue;
    if (Date.parse(inc.approvedAt) <= t && t < Date.parse(inc.expiresAt)) temporary += inc.amount;
  }
  return {
    amount: limit.amount + temporary,
    currency: limit.currency,
    base: limit.amount,
    temporary,
  };
}
