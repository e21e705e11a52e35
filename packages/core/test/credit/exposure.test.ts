import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageReceivables, customerAgeing } from '../../src/rules/credit/ageingReport.js';
import { creditExposure } from '../../src/rules/credit/creditExposure.js';
import { currencyConverter } from '../../src/rules/credit/currencyConverter.js';
import { parseOrThrow, ValidationError } from '../../src/errors.js';
import { Customer } from '../../src/model/Customer.js';
import type { Receivable } from '../../src/model/Customer.js';
import { CREDIT_DAY, daysBefore, makeCustomer, receivable } from '../support/credit.js';
import { makeOrder, makePolicy, SUBMITTED_AT } from '../support/orders.js';

const policy = makePolicy();
const order = makeOrder(); // 565_000 CNY with tax
const USD_CNY = [{ from: 'USD', to: 'CNY', rate: '7.1234' }];

describe('CR-4 exposure', () => {
  it('CR-4 exposure = open receivables + confirmed-uninvoiced orders + this order', () => {
    const customer = makeCustomer({
      receivables: [
        receivable('r1', 100_000, CREDIT_DAY),
        receivable('r2', 250_000, daysBefore(CREDIT_DAY, 10)),
      ],
      openOrders: [{ id: 'so-2', amount: 300_000, currency: 'CNY' }],
    });
    const e = creditExposure(order, customer, { policy, at: SUBMITTED_AT });
    expect(e).toMatchObject({
      currency: 'CNY',
      receivables: 350_000,
      openOrders: 300_000,
      thisOrder: 565_000,
      total: 1_215_000,
      limit: 10_000_000,
    });
    expect(e.oldestDueDate).toBe(daysBefore(CREDIT_DAY, 10));
  });

  it('CR-4 an open order that is this order is not counted twice', () => {
    const customer = makeCustomer({
      openOrders: [{ id: order.id, amount: 565_000, currency: 'CNY' }],
    });
    expect(creditExposure(order, customer, { policy, at: SUBMITTED_AT }).total).toBe(565_000);
  });

  it("CR-4 foreign-currency amounts convert with the caller's rates, each rounded half away from zero", () => {
    // 0.07 USD × 7.1234 = 0.498638 CNY → 49.8638 fen → 50; 0.01 USD → 7.1234 fen → 7.
    const customer = makeCustomer({
      receivables: [receivable('r1', 7, CREDIT_DAY, 'USD'), receivable('r2', 1, CREDIT_DAY, 'USD')],
      rates: USD_CNY,
    });
    expect(creditExposure(order, customer, { policy, at: SUBMITTED_AT }).receivables).toBe(50 + 7);
  });

  it("CR-4 rates passed per call override the customer's", () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 10_000, CREDIT_DAY, 'USD')],
      rates: USD_CNY,
    });
    const e = creditExposure(order, customer, {
      policy,
      at: SUBMITTED_AT,
      rates: [{ from: 'USD', to: 'CNY', rate: '7' }],
    });
    expect(e.receivables).toBe(70_000);
  });

  it('CR-4 conversion scales between currencies with different minor units (JPY has none)', () => {
    const conv = currencyConverter('CNY', [{ from: 'JPY', to: 'CNY', rate: '0.0478' }], policy);
    expect(conv.convert(10_000, 'JPY')).toBe(47_800); // ¥10,000 → 478.00 CNY
    const toJpy = currencyConverter('JPY', [{ from: 'CNY', to: 'JPY', rate: '20.9' }], policy);
    expect(toJpy.convert(150, 'CNY')).toBe(31); // 1.50 CNY → 31.35 JPY → 31
  });

  it('CR-4 conversion stays exact beyond 2^53 intermediate products', () => {
    const conv = currencyConverter(
      'CNY',
      [{ from: 'USD', to: 'CNY', rate: '7.123456789012' }],
      policy,
    );
    const amount = 9_000_000_000_000; // 90 billion USD
    const exact = (BigInt(amount) * 7_123_456_789_012n + 500_000_000_000n) / 1_000_000_000_000n;
    expect(conv.convert(amount, 'USD')).toBe(Number(exact));
  });

  it('CR-4 an amount in a currency with no rate is refused with a typed error naming the field', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 100, CREDIT_DAY), receivable('r2', 100, CREDIT_DAY, 'USD')],
      openOrders: [{ id: 'so-1', amount: 5, currency: 'EUR' }],
    });
    try {
      creditExposure(order, customer, { policy, at: SUBMITTED_AT });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).code).toBe('INVALID_INPUT');
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual([
        'receivables.1.currency',
        'openOrders.0.currency',
      ]);
    }
  });

  it("CR-4 a currency missing from the policy's currency table is unknown even with a rate", () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 100, CREDIT_DAY, 'XAU')],
      rates: [{ from: 'XAU', to: 'CNY', rate: '600' }],
    });
    expect(() => creditExposure(order, customer, { policy, at: SUBMITTED_AT })).toThrow(
      /receivables\.0\.currency: unknown currency XAU/,
    );
  });

  it('CR-4 a malformed rate is refused naming it', () => {
    expect(() =>
      currencyConverter('CNY', [{ from: 'USD', to: 'CNY', rate: '7,1' }], policy),
    ).toThrow(/rates\.0\.rate/);
  });
});

describe('CR-4 exposure properties', () => {
  const amount = fc.integer({ min: 0, max: 1_000_000_000 });
  const date = fc.integer({ min: -200, max: 200 }).map((d) => daysBefore(CREDIT_DAY, d));
  const currency = fc.constantFrom('CNY', 'USD');
  const recv = fc.record({
    id: fc.uuid(),
    amount,
    currency,
    dueDate: date,
    reference: fc.constant(''),
  });
  const open = fc.record({ id: fc.uuid(), amount, currency, reference: fc.constant('') });

  it('CR-4 exposure never decreases when a receivable or an open order is added', () => {
    fc.assert(
      fc.property(
        fc.array(recv, { maxLength: 20 }),
        fc.array(open, { maxLength: 10 }),
        recv,
        open,
        (rs, os, r, o) => {
          const base = makeCustomer({ receivables: rs, openOrders: os, rates: USD_CNY });
          const before = creditExposure(order, base, { policy, at: SUBMITTED_AT }).total;
          const withR = creditExposure(
            order,
            { ...base, receivables: [...rs, r] },
            { policy, at: SUBMITTED_AT },
          ).total;
          const withO = creditExposure(
            order,
            { ...base, openOrders: [...os, { ...o, id: `x-${o.id}` }] },
            { policy, at: SUBMITTED_AT },
          ).total;
          expect(withR).toBeGreaterThanOrEqual(before);
          expect(withO).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('CR-7 the ageing buckets add up to the receivables part of exposure', () => {
    fc.assert(
      fc.property(fc.array(recv, { maxLength: 40 }), (rs) => {
        const customer = makeCustomer({ receivables: rs, rates: USD_CNY });
        const report = customerAgeing(customer, { policy, at: SUBMITTED_AT });
        expect(report.buckets.reduce((s, b) => s + b.amount, 0)).toBe(report.total);
        expect(report.total).toBe(
          creditExposure(order, customer, { policy, at: SUBMITTED_AT }).receivables,
        );
        expect(report.buckets.reduce((s, b) => s + b.count, 0)).toBe(rs.length);
      }),
    );
  });
});

describe('CR-7 ageing', () => {
  const ages = (days: number[]): Receivable[] =>
    days.map((d, i) => receivable(`r${String(i)}`, 100 * (i + 1), daysBefore(CREDIT_DAY, d)));

  it('CR-7 default buckets: current (not yet due or due today), 1–30, 31–60, 61–90, >90 days past due', () => {
    const report = ageReceivables(ages([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400]), {
      asOf: CREDIT_DAY,
      currency: 'CNY',
      policy,
    });
    expect(report.buckets.map((b) => [b.key, b.count, b.amount])).toEqual([
      ['current', 2, 100 + 200],
      ['1-30', 2, 300 + 400],
      ['31-60', 2, 500 + 600],
      ['61-90', 2, 700 + 800],
      ['91+', 2, 900 + 1000],
    ]);
    expect(report.overdue).toBe(report.total - 300);
    expect(report.oldestDaysOverdue).toBe(400);
  });

  it('CR-7 buckets are policy', () => {
    const report = ageReceivables(ages([0, 7, 8, 15]), {
      asOf: CREDIT_DAY,
      currency: 'CNY',
      policy: makePolicy({ credit: { ageingBuckets: [7] } }),
    });
    expect(report.buckets.map((b) => [b.key, b.count])).toEqual([
      ['current', 1],
      ['1-7', 1],
      ['8+', 2],
    ]);
  });

  it("CR-7 ageing is counted against the injected clock in the policy's time zone", () => {
    const customer = makeCustomer({ receivables: [receivable('r1', 100, '2026-03-01')] });
    // 2026-03-01T17:00Z is already 2 March in Shanghai: one day past due.
    expect(customerAgeing(customer, { policy, at: '2026-03-01T17:00:00Z' }).buckets[1]!.count).toBe(
      1,
    );
    expect(customerAgeing(customer, { policy, at: '2026-03-01T15:00:00Z' }).buckets[0]!.count).toBe(
      1,
    );
  });

  it('CR-7 ageing across a leap day and a year end', () => {
    const report = ageReceivables([receivable('r1', 1, '2023-12-31')], {
      asOf: '2024-03-01',
      currency: 'CNY',
      policy,
    });
    expect(report.oldestDaysOverdue).toBe(61);
    expect(report.buckets.find((b) => b.count === 1)?.key).toBe('61-90');
  });
});

describe('CR-4 CR-7 bad credit data is refused with a typed error naming the field', () => {
  it.each([
    [
      'negative receivable',
      { receivables: [{ id: 'r1', amount: -1, currency: 'CNY', dueDate: '2026-03-01' }] },
      'receivables.0.amount',
    ],
    [
      'fractional amount',
      { openOrders: [{ id: 'o1', amount: 1.5, currency: 'CNY' }] },
      'openOrders.0.amount',
    ],
    [
      'negative limit',
      { credit: { limit: { amount: -100, currency: 'CNY' } } },
      'credit.limit.amount',
    ],
    [
      'due date not a date',
      { receivables: [{ id: 'r1', amount: 1, currency: 'CNY', dueDate: '2026-02-30' }] },
      'receivables.0.dueDate',
    ],
    [
      'due date not even a date shape',
      { receivables: [{ id: 'r1', amount: 1, currency: 'CNY', dueDate: 'soon' }] },
      'receivables.0.dueDate',
    ],
    [
      'currency not a code',
      { receivables: [{ id: 'r1', amount: 1, currency: 'yuan', dueDate: '2026-03-01' }] },
      'receivables.0.currency',
    ],
    ['rate as a float', { rates: [{ from: 'USD', to: 'CNY', rate: 7.1 }] }, 'rates.0.rate'],
  ])('CR-4 %s', (_name, input, path) => {
    try {
      parseOrThrow(Customer, { id: 'c-1', ...input }, 'customer');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
  });
});
