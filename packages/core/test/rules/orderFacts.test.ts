import { describe, expect, it } from 'vitest';
import { orderFacts } from '../../src/internal/orderFacts.js';
import { lineTotals, orderTotals } from '../../src/model/orderTotals.js';
import { makeLine, makeOrder } from '../support/orders.js';

describe('RV-4/RV-6/RV-8/RV-10 shared order facts', () => {
  const orders = [
    makeOrder(),
    makeOrder({ lines: [] }),
    makeOrder({ lines: [makeLine({ listPrice: undefined, discountBp: 333, quantity: 0.7 })] }),
    makeOrder({
      lines: [
        makeLine({ discountBp: 1_250, taxBp: 600 }),
        makeLine({ id: 'l2', unitPrice: 99_999, listPrice: 120_001, quantity: 3 }),
      ],
    }),
  ];

  it('RV-4/RV-6 give exactly the figures of orderTotals and lineTotals', () => {
    for (const order of orders) {
      const facts = orderFacts(order);
      expect(facts.totals).toEqual(orderTotals(order));
      expect(facts.lines).toEqual(order.lines.map(lineTotals));
    }
  });

  it('RV-4/RV-6 never serve one order the facts of another', () => {
    const a = orders[0]!;
    const b = orders[3]!;
    expect(orderFacts(a)).toBe(orderFacts(a));
    expect(orderFacts(b).totals).toEqual(orderTotals(b));
    expect(orderFacts(a).totals).toEqual(orderTotals(a));
    expect(orderFacts(structuredClone(b)).totals).toEqual(orderTotals(b));
  });
});
