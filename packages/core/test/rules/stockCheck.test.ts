import { describe, expect, it } from 'vitest';
import { shortagesOf, stockShortages } from '../../src/rules/review/stockCheck.js';
import { makeLine, makeOrder, makePolicy } from '../support/orders.js';

const policy = makePolicy();

describe('RV-11 stock check', () => {
  it('RV-11 does not judge lines without a stock figure', () => {
    expect(stockShortages(makeOrder(), policy)).toEqual({ findings: [], shortages: [] });
  });

  it('RV-11 passes stock that covers the quantity exactly', () => {
    const order = makeOrder({ lines: [makeLine({ quantity: 2, availableQuantity: 2 })] });
    expect(shortagesOf(order)).toEqual([]);
  });

  it('RV-11 warns per short line and lists the shortages for procurement', () => {
    const order = makeOrder({
      lines: [
        makeLine({ availableQuantity: 5 }),
        makeLine({
          id: 'l2',
          productId: 'V-50',
          productName: 'Gate valve',
          quantity: 10,
          availableQuantity: 4,
        }),
      ],
    });
    const { findings, shortages } = stockShortages(order, policy);
    expect(shortages).toEqual([
      { index: 1, lineId: 'l2', productId: 'V-50', quantity: 10, available: 4, shortQuantity: 6 },
    ]);
    expect(findings).toMatchObject([
      {
        ruleId: 'RV-11',
        severity: 'warn',
        messageKey: 'review.stock.shortage',
        params: {
          line: 2,
          lineId: 'l2',
          product: 'Gate valve',
          quantity: '10',
          available: '4',
          short: '6',
        },
        evidence: [{ field: 'lines.1.availableQuantity', value: 4, limit: 10 }],
      },
    ]);
  });

  it('RV-11 shows fractional shortages without float noise', () => {
    const order = makeOrder({ lines: [makeLine({ quantity: 0.3, availableQuantity: 0.1 })] });
    expect(stockShortages(order, policy).findings[0]!.params.short).toBe('0.2');
  });
});
