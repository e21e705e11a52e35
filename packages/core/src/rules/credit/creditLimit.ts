import { currencyConverter } from './currencyConverter.js';
import type { CreditExposure } from './creditExposure.js';
import { formatMoney } from '../../i18n/formatMoney.js';
import type { Finding } from '../../model/Finding.js';
import { percentToBasisPoints } from '../../model/Money.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { finding } from '../shared/finding.js';
import type { CreditContext, CreditFacts } from './CreditContext.js';
import { creditHoldFinding } from './creditHoldFinding.js';

/** exposure / limit ≥ basisPoints / 10 000, exactly (products may pass 2^53). */
function reaches(total: number, limit: number, basisPoints: number): boolean {
  const a = total * 10_000;
  const b = limit * basisPoints;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a >= b;
  return BigInt(total) * 10_000n >= BigInt(limit) * BigInt(basisPoints);
}

/**
 * The prepayment in the order's currency that brings exposure back to the limit: the smallest
 * amount whose conversion covers the excess, capped at the order total (paying the whole order
 * means this order adds no exposure, whatever was owed before).
 */
function prepaymentForExcess(
  excess: number,
  order: Order,
  facts: CreditFacts,
  ctx: CreditContext,
): number {
  const total = facts.orderTotal;
  const e: CreditExposure = facts.exposure;
  if (e.currency === order.currency) return Math.min(total, excess);
  const conv = currencyConverter(e.currency, ctx.rates ?? facts.customer.rates, ctx.policy);
  const value = (p: number) => conv.convert(p, order.currency) ?? 0;
  if (value(total) < excess) return total;
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (value(mid) >= excess) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function moneyParams(e: CreditExposure, policy: Policy) {
  const m = (n: number) => formatMoney(n, e.currency, policy);
  return {
    exposure: m(e.total),
    receivables: m(e.receivables),
    openOrders: m(e.openOrders),
    thisOrder: m(e.thisOrder),
    limit: m(e.limit ?? 0),
  };
}

/**
 * CR-4 and CR-5 on the limit. Exposure = open receivables + confirmed-uninvoiced orders + this
 * order (`creditExposure`), against the limit in force (temporary increases included):
 * - over the limit → CR-4 hold `credit.limit.exceeded`, released by `credit.releasePaths['CR-4']`
 *   (credit approval, a prepayment covering the excess, a guarantee); a guarantee on file turns it
 *   into a warning. Exactly at the limit is not over it.
 * - otherwise reaching `credit.nearLimitPercent` of the limit (default 90 %, reaching counts) →
 *   CR-5 warning `credit.limit.near`.
 * Not for a never-evaluated customer (CR-1 decides) or an unlimited one.
 *
 * @example
 * creditLimit(order, facts, ctx).map((f) => f.ruleId); // ['CR-4'] when over the limit
 */
export function creditLimit(order: Order, facts: CreditFacts, ctx: CreditContext): Finding[] {
  const { policy } = ctx;
  const e = facts.exposure;
  if (!facts.evaluated || e.limit === undefined) return [];
  const evidence = [
    { field: 'exposure', value: e.total, limit: e.limit },
    { field: 'exposure.receivables', value: e.receivables },
    { field: 'exposure.openOrders', value: e.openOrders },
    ...(e.confirmedHere > 0
      ? [{ field: 'exposure.openOrders.confirmedHere', value: e.confirmedHere }]
      : []),
    { field: 'exposure.thisOrder', value: e.thisOrder },
  ];
  if (e.total > e.limit) {
    const excess = e.total - e.limit;
    return [
      creditHoldFinding(policy, order, facts.customer, {
        ruleId: 'CR-4',
        messageKey: 'credit.limit.exceeded',
        params: { ...moneyParams(e, policy), excess: formatMoney(excess, e.currency, policy) },
        evidence,
        prepayment: prepaymentForExcess(excess, order, facts, ctx),
      }),
    ];
  }
  const bp = percentToBasisPoints(policy.credit.nearLimitPercent);
  if (e.limit > 0 && reaches(e.total, e.limit, bp)) {
    return [
      finding(policy, {
        ruleId: 'CR-5',
        severity: 'warn',
        messageKey: 'credit.limit.near',
        params: {
          ...moneyParams(e, policy),
          used: Math.floor((e.total * 100) / e.limit),
          percent: policy.credit.nearLimitPercent,
        },
        evidence,
      }),
    ];
  }
  return [];
}
