import { applyBasisPoints, roundHalfAwayFromZero } from './Money.js';
import type { Order, OrderLine } from './Order.js';

/** Totals of one line in minor units. */
export interface LineTotals {
  /** quantity × unit price, before discount. */
  gross: number;
  /** Discount taken off `gross`. */
  discount: number;
  /** gross − discount. */
  net: number;
  tax: number;
  /** net + tax. */
  total: number;
}

/**
 * Computes a line's totals in integer minor units, rounding half away from zero at each step
 * (gross, discount, tax). A line without a quantity or a unit price (IN-2 returns such an order)
 * counts as zero.
 *
 * @example
 * lineTotals({ quantity: 3, unitPrice: 10_000, discountBp: 1_000, taxBp: 1_300 } as OrderLine);
 * // { gross: 30000, discount: 3000, net: 27000, tax: 3510, total: 30510 }
 */
export function lineTotals(
  line: Pick<OrderLine, 'quantity' | 'unitPrice' | 'discountBp' | 'taxBp'>,
): LineTotals {
  const gross = roundHalfAwayFromZero((line.quantity ?? 0) * (line.unitPrice ?? 0));
  const discount = applyBasisPoints(gross, line.discountBp);
  const net = gross - discount;
  const tax = applyBasisPoints(net, line.taxBp);
  return { gross, discount, net, tax, total: net + tax };
}

/** Totals of an order in minor units of its currency. */
export interface OrderTotals {
  gross: number;
  discount: number;
  untaxed: number;
  tax: number;
  total: number;
  /** Sum of quantity × list price where every line has one; else undefined. */
  list: number | undefined;
}

/**
 * Sums the lines of an order.
 *
 * @example
 * orderTotals(order).total; // amount including tax, minor units
 */
export function orderTotals(order: Pick<Order, 'lines'>): OrderTotals {
  return sumLineTotals(order.lines, order.lines.map(lineTotals));
}

/**
 * Adds up line totals already computed for `lines` (same order): the order totals, and the
 * list-price total when every line has a list price.
 *
 * @example
 * sumLineTotals(order.lines, order.lines.map(lineTotals)).untaxed;
 */
export function sumLineTotals(
  lines: readonly Pick<OrderLine, 'quantity' | 'listPrice'>[],
  totals: readonly LineTotals[],
): OrderTotals {
  let gross = 0;
  let discount = 0;
  let tax = 0;
  let list: number | undefined = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    const line = lines[i]!;
    gross += t.gross;
    discount += t.discount;
    tax += t.tax;
    if (list !== undefined) {
      list =
        line.listPrice === undefined
          ? undefined
          : list + roundHalfAwayFromZero((line.quantity ?? 0) * line.listPrice);
    }
  }
  const untaxed = gross - discount;
  return { gross, discount, untaxed, tax, total: untaxed + tax, list };
}

/**
 * Whether every figure of a line's or an order's totals is a safe integer: amounts past
 * `Number.MAX_SAFE_INTEGER` lose units, so IN-2 returns an order whose totals leave that range
 * and no rule judges its amounts.
 *
 * @example
 * withinSafeRange(orderTotals(order)); // false for 1e15 units at 1e6 minor units each
 */
export function withinSafeRange(totals: LineTotals | OrderTotals): boolean {
  return (
    Number.isSafeInteger(totals.gross) &&
    Number.isSafeInteger(totals.discount) &&
    Number.isSafeInteger(totals.tax) &&
    Number.isSafeInteger(totals.total) &&
    ('list' in totals
      ? totals.list === undefined || Number.isSafeInteger(totals.list)
      : Number.isSafeInteger(totals.net))
  );
}
