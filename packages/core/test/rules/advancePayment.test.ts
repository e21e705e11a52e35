import { describe, expect, it } from 'vitest';
import {
  advancePayment,
  productionBlockers,
  requiredAdvance,
} from '../../src/rules/review/advancePayment.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

// The helper order totals 5,650.00 CNY with tax; 30 % is 1,695.00.
const custom = makeOrder({
  lines: [
    makeLine({ customMade: true }),
    makeLine({ id: 'l2', quantity: 10, unitPrice: 20_000, listPrice: 20_000 }),
  ],
});
const policy = makePolicy();

describe('RV-8 advance payment', () => {
  it('RV-8 requires no advance without custom-made lines', () => {
    expect(requiredAdvance(makeOrder(), policy)).toBe(0);
    expect(advancePayment(makeOrder(), makeContext())).toEqual([]);
    expect(productionBlockers(makeOrder(), policy, 0)).toEqual([]);
  });

  it('RV-8 states the 30 % advance on the order total including tax at review', () => {
    expect(requiredAdvance(custom, policy)).toBe(169_500);
    expect(advancePayment(custom, makeContext())).toMatchObject([
      {
        ruleId: 'RV-8',
        severity: 'info',
        messageKey: 'review.advance.required',
        params: { lines: '1', amount: '1,695.00 CNY', percent: 30 },
        evidence: [
          { field: 'lines.0.customMade', value: true },
          { field: 'total', value: 565_000, limit: 169_500 },
        ],
      },
    ]);
  });

  it('RV-8 takes the percentage from the policy', () => {
    const half = makePolicy({ review: { advancePayment: { customMadePercent: 50 } } });
    expect(requiredAdvance(custom, half)).toBe(282_500);
    const none = makePolicy({ review: { advancePayment: { customMadePercent: 0 } } });
    expect(requiredAdvance(custom, none)).toBe(0);
    expect(advancePayment(custom, makeContext({ policy: none }))).toEqual([]);
    expect(productionBlockers(custom, none, 0)).toEqual([]);
  });

  it('RV-8 rounds the advance half away from zero in minor units', () => {
    const tiny = makeOrder({
      lines: [makeLine({ quantity: 1, unitPrice: 5, listPrice: 5, taxBp: 0, customMade: true })],
    });
    expect(requiredAdvance(tiny, policy)).toBe(2); // 30 % of 0.05 = 0.015 → 0.02
  });

  it('RV-8 blocks production until the advance is received', () => {
    expect(productionBlockers(custom, policy, 100_000)).toMatchObject([
      {
        ruleId: 'RV-8',
        severity: 'block',
        messageKey: 'review.advance.missing',
        params: { required: '1,695.00 CNY', received: '1,000.00 CNY', outstanding: '695.00 CNY' },
        evidence: [{ field: 'advanceReceived', value: 100_000, limit: 169_500 }],
      },
    ]);
  });

  it('RV-8 lets production start once the advance is received in full (exactly or more)', () => {
    expect(productionBlockers(custom, policy, 169_499)).toHaveLength(1);
    expect(productionBlockers(custom, policy, 169_500)).toEqual([]);
    expect(productionBlockers(custom, policy, 565_000)).toEqual([]);
  });
});
