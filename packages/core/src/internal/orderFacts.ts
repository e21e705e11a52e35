import type { Order } from '../model/Order.js';
import {
  lineTotals,
  sumLineTotals,
  type LineTotals,
  type OrderTotals,
} from '../model/orderTotals.js';

/**
 * Amounts several rules need, computed once per order.
 *
 * @example
 * const { totals, lines } = orderFacts(order); // totals.total, lines[0].net
 */
export interface OrderFacts {
  totals: OrderTotals;
  /** Totals of each line, in line order. */
  lines: readonly LineTotals[];
}

// One review pass runs eleven rules over the same order object; several need its totals. A
// single-entry cache keyed by object identity serves that pass at the cost of one comparison —
// cheaper than a WeakMap, whose bookkeeping costs more than the totals of a short order. Orders
// arrive parsed and are treated as immutable values, so identity is a sound key.
let lastOrder: Order | undefined;
let lastFacts: OrderFacts | undefined;

/**
 * The order's line totals and order totals (the same figures as `orderTotals`), computed in one
 * pass and remembered for the order object last asked about.
 *
 * @example
 * orderFacts(order).totals.total; // amount including tax, minor units
 */
export function orderFacts(order: Order): OrderFacts {
  if (order === lastOrder && lastFacts !== undefined) return lastFacts;
  const lines = order.lines.map(lineTotals);
  const facts: OrderFacts = { totals: sumLineTotals(order.lines, lines), lines };
  lastOrder = order;
  lastFacts = facts;
  return facts;
}
