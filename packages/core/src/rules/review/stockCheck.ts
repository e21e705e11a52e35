import { formatQuantity } from '../../lib/display.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { finding } from '../shared/finding.js';

/**
 * One line short of stock (RV-11): what a procurement need is raised for.
 *
 * @example
 * const s: StockShortage = { index: 1, lineId: 'l2', productId: 'V-50', quantity: 10, available: 4, shortQuantity: 6 };
 */
export interface StockShortage {
  /** Index of the line in `order.lines`. */
  index: number;
  lineId: string;
  productId: string;
  quantity: number;
  available: number;
  /** quantity − available, always > 0. */
  shortQuantity: number;
}

/**
 * Result of the RV-11 stock check: the findings to show and the shortages to procure.
 *
 * @example
 * const { findings, shortages }: StockCheck = stockShortages(order, policy);
 */
export interface StockCheck {
  findings: Finding[];
  shortages: StockShortage[];
}

/**
 * RV-11: the lines whose stock available to promise (`availableQuantity`) is below the ordered
 * quantity. Lines without a stock figure are not judged (the ERP reported none). For the
 * procurement-need effect after confirmation.
 *
 * @example
 * shortagesOf(order); // [{ index: 1, lineId: 'l2', productId: 'P-200', quantity: 10, available: 4, shortQuantity: 6 }]
 */
export function shortagesOf(order: Pick<Order, 'lines'>): StockShortage[] {
  const out: StockShortage[] = [];
  order.lines.forEach((line, index) => {
    const available = line.availableQuantity;
    // Stock is checked after confirmation, when IN-2 has made sure every line has a quantity.
    const quantity = line.quantity;
    if (available !== undefined && quantity !== undefined && available < quantity) {
      out.push({
        index,
        lineId: line.id,
        productId: line.productId,
        quantity,
        available,
        shortQuantity: quantity - available,
      });
    }
  });
  return out;
}

/**
 * RV-11: stock is checked after confirmation; each shortage is shown on the order as a `warn`
 * finding `review.stock.shortage` (params `line` 1-based, `lineId`, `product`, `quantity`,
 * `available`, `short`) and returned in `shortages` for the procurement-need effect. Not part of
 * the review rules: the workflow calls it once the order is confirmed.
 *
 * @example
 * const { findings, shortages } = stockShortages(order, policy);
 * // findings: [{ ruleId: 'RV-11', severity: 'warn', messageKey: 'review.stock.shortage', params: { line: 2, short: '6', … }, … }]
 * // shortages: [{ index: 1, lineId: 'l2', shortQuantity: 6, … }]
 */
export function stockShortages(order: Order, policy: Policy): StockCheck {
  const shortages = shortagesOf(order);
  const findings = shortages.map((s) => {
    const line = order.lines[s.index];
    return finding(policy, {
      ruleId: 'RV-11',
      severity: 'warn',
      messageKey: 'review.stock.shortage',
      params: {
        line: s.index + 1,
        lineId: s.lineId,
        product: line?.productName || s.productId,
        quantity: formatQuantity(s.quantity),
        available: formatQuantity(s.available),
        short: formatQuantity(s.shortQuantity),
      },
      evidence: [
        {
          field: `lines.${String(s.index)}.availableQuantity`,
          value: s.available,
          limit: s.quantity,
        },
      ],
    });
  });
  return { findings, shortages };
}
