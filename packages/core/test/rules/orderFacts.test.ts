import { describe, expect, it } from 'vitest';
import { orderFacts } from '../../src/lib/orderFacts.js';
import { lineTotals, orderTotals } from '../../src/model/orderTotals.js';
import type { Order } from '../../src/model/Order.js';
import { assessReview } from '../../src/rules/reviewRules.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

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
    expect(orderFacts(b).totals).toEqual(orderTotals(b));
    expect(orderFacts(a).totals).toEqual(orderTotals(a));
    expect(orderFacts(structuredClone(b)).totals).toEqual(orderTotals(b));
  });

  it('RV-4 judges an order changed in place on its amounts now, not on those of an earlier pass', () => {
    const policy = makePolicy({ review: { jointReview: { largeAmount: { CNY: 1_000_000 } } } });
    const ctx = makeContext({ policy });
    const order = makeOrder();
    const large = (o: Order) => assessReview(o, ctx).some((f) => f.ruleId === 'RV-4');
    expect(large(order)).toBe(false);
    order.lines[0]!.quantity = 1_000;
    expect(large(order)).toBe(true);
    order.lines[0]!.quantity = 1;
    expect(large(order)).toBe(false);
  });

  it('IN-2 facts: an order with a line lacking a quantity or price, or out of range, is not complete', () => {
    expect(orderFacts(makeOrder()).complete).toBe(true);
    expect(orderFacts(makeOrder({ lines: [makeLine({ quantity: undefined })] })).complete).toBe(
      false,
    );
    expect(orderFacts(makeOrder({ lines: [makeLine({ unitPrice: undefined })] })).complete).toBe(
      false,
    );
    const huge = makeOrder({
      lines: [makeLine({ quantity: 1e12, unitPrice: 1e9, listPrice: undefined })],
    });
    expect(orderFacts(huge).complete).toBe(false);
    expect(Number.isFinite(orderFacts(huge).totals.total)).toBe(true);
  });
});
