import { isPricedLine, type Order } from '../model/Order.js';
import {
  lineTotals,
  sumLineTotals,
  withinSafeRange,
  type LineTotals,
  type OrderTotals,
} from '../model/orderTotals.js';

/**
 * Amounts several rules need, computed once per assessment pass.
 *
 * @example
 * const { totals, lines, complete } = orderFacts(order); // totals.total, lines[0].net
 */
export interface OrderFacts {
  totals: OrderTotals;
  /** Totals of each line, in line order. */
  lines: readonly LineTotals[];
  /**
   * Every line has a quantity above zero and a unit price (`isPricedLine`) and every figure is a
   * safe integer. Rules judge amounts (RV-4 large amount, RV-6 order discount, RV-8, RV-10, the
   * credit rules) only then; otherwise IN-2 returns the order and they judge it on resubmission.
   */
  complete: boolean;
}

/**
 * The order's line totals and order totals (the same figures as `orderTotals`), computed in one
 * pass over the order as it is now. Nothing is remembered between calls (an order may be
 * changed and assessed again): `assessReview` and `assessOrder` compute the facts once per pass
 * and hand them to the rules that need them.
 *
 * @example
 * orderFacts(order).totals.total; // amount including tax, minor units
 */
export function orderFacts(order: Pick<Order, 'lines'>): OrderFacts {
  const lines = order.lines.map(lineTotals);
  const totals = sumLineTotals(order.lines, lines);
  let complete = withinSafeRange(totals);
  for (let i = 0; complete && i < lines.length; i++) {
    complete = isPricedLine(order.lines[i]!) && withinSafeRange(lines[i]!);
  }
  return { totals, lines, complete };
}
