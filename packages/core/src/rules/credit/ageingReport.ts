import { ValidationError, type InputIssue } from '../../errors.js';
import { isoDateDayNumber, isoDateOfDayNumber, zonedDayNumber } from '../../lib/zonedTime.js';
import type { Customer, Receivable } from '../../model/Customer.js';
import type { Policy } from '../../policy/Policy.js';
import { currencyConverter, unknownCurrencyIssue } from './currencyConverter.js';
import type { ExchangeRate } from '../../model/ExchangeRate.js';

/**
 * One ageing bucket (CR-7): receivables whose days past due lie in `minDays…maxDays` (both
 * inclusive; `current` has no `minDays` and `maxDays` 0 — not yet due or due today; the last
 * bucket has no `maxDays`).
 */
export interface AgeingBucket {
  /** `current`, `1-30`, `31-60`, `61-90`, `91+` with the default bounds. */
  key: string;
  minDays?: number;
  maxDays?: number;
  /** Sum in minor units of the report's currency. */
  amount: number;
  count: number;
}

/** A receivables ageing (CR-7) as of one calendar date. */
export interface AgeingReport {
  asOf: string;
  currency: string;
  buckets: AgeingBucket[];
  /** Sum of every bucket. */
  total: number;
  /** Sum of every bucket but `current`. */
  overdue: number;
  /** Days past due of the oldest open receivable (0 when nothing is overdue). */
  oldestDaysOverdue: number;
}

/** Options of `ageReceivables`. */
export interface AgeReceivablesOptions {
  /** The calendar date the ageing is counted at (`YYYY-MM-DD`), from the caller's clock. */
  asOf: string;
  /** Currency of the report; other currencies convert with `rates`. */
  currency: string;
  policy: Pick<Policy, 'credit' | 'currencies'>;
  rates?: readonly ExchangeRate[];
}

function bucketShells(bounds: readonly number[]): AgeingBucket[] {
  const out: AgeingBucket[] = [{ key: 'current', maxDays: 0, amount: 0, count: 0 }];
  let from = 1;
  for (const to of bounds) {
    out.push({
      key: `${String(from)}-${String(to)}`,
      minDays: from,
      maxDays: to,
      amount: 0,
      count: 0,
    });
    from = to + 1;
  }
  out.push({ key: `${String(from)}+`, minDays: from, amount: 0, count: 0 });
  return out;
}

/**
 * Ages receivables into the policy's buckets (CR-7; default current, 1–30, 31–60, 61–90, >90 days
 * past due) as of `asOf`. Days past due = `asOf` − due date in calendar days; a receivable due
 * today is current. Amounts in another currency convert one by one (rounded half away from zero),
 * so the buckets add up to the receivables part of `creditExposure`.
 *
 * The loop compares due dates as `YYYY-MM-DD` strings against each bucket's earliest date,
 * computed once, so a large ledger costs one string comparison or two per receivable.
 *
 * @example
 * ageReceivables(customer.receivables, { asOf: '2026-03-02', currency: 'CNY', policy }).buckets
 *   .map((b) => `${b.key}: ${b.amount}`);
 * @throws {ValidationError} naming every `receivables.<i>.currency` that does not convert.
 */
export function ageReceivables(
  receivables: readonly Receivable[],
  options: AgeReceivablesOptions,
): AgeingReport {
  const { asOf, currency, policy } = options;
  const bounds = policy.credit.ageingBuckets;
  const asOfDay = isoDateDayNumber(asOf);
  // edges[k]: the earliest due date still in bucket k (bucket 0 = current: due today or later).
  const n = bounds.length;
  const edges: string[] = [asOf];
  for (const b of bounds) edges.push(isoDateOfDayNumber(asOfDay - b));
  const sums = new Array<number>(n + 2).fill(0);
  const counts = new Array<number>(n + 2).fill(0);
  const conv = currencyConverter(currency, options.rates ?? [], policy);
  const issues: InputIssue[] = [];
  let oldest: string | undefined;

  for (let i = 0; i < receivables.length; i++) {
    const r = receivables[i]!;
    let amount = r.amount;
    if (r.currency !== currency) {
      const v = conv.convert(amount, r.currency);
      if (v === undefined) {
        issues.push(
          unknownCurrencyIssue(`receivables.${String(i)}.currency`, r.currency, currency),
        );
        continue;
      }
      amount = v;
    }
    const due = r.dueDate;
    let k = 0;
    while (k <= n && due < edges[k]!) k++;
    sums[k]! += amount;
    counts[k]! += 1;
    if (amount > 0 && (oldest === undefined || due < oldest)) oldest = due;
  }
  if (issues.length > 0) throw new ValidationError('credit facts', issues);

  const buckets = bucketShells(bounds);
  let total = 0;
  for (let k = 0; k < buckets.length; k++) {
    buckets[k]!.amount = sums[k]!;
    buckets[k]!.count = counts[k]!;
    total += sums[k]!;
  }
  const oldestDays = oldest === undefined ? 0 : Math.max(0, asOfDay - isoDateDayNumber(oldest));
  return {
    asOf,
    currency,
    buckets,
    total,
    overdue: total - sums[0]!,
    oldestDaysOverdue: oldestDays,
  };
}

/**
 * A customer's ageing (CR-7) at an instant: the calendar date of `at` in the policy's time zone,
 * in the currency of the customer's limit (or of its first receivable when it has none), with
 * the customer's rates unless others are given.
 *
 * @example
 * const report = customerAgeing(customer, { policy, at: clock.now() });
 * report.buckets.find((b) => b.key === '91+')?.amount;
 */
export function customerAgeing(
  customer: Customer,
  options: {
    policy: Pick<Policy, 'credit' | 'currencies' | 'timeZone'>;
    at: string;
    rates?: readonly ExchangeRate[];
    currency?: string;
  },
): AgeingReport {
  const { policy } = options;
  const currency =
    options.currency ??
    customer.credit.limit?.currency ??
    customer.receivables[0]?.currency ??
    'CNY';
  return ageReceivables(customer.receivables, {
    asOf: creditDate(options.at, policy),
    currency,
    policy,
    rates: options.rates ?? customer.rates,
  });
}

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in the policy's time zone: the day receivables
 * are aged at (CR-6, CR-7).
 *
 * @example
 * creditDate('2026-03-01T17:00:00Z', policy); // '2026-03-02' in Asia/Shanghai
 */
export function creditDate(at: string, policy: Pick<Policy, 'timeZone'>): string {
  return isoDateOfDayNumber(zonedDayNumber(at, policy.timeZone));
}
