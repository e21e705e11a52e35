import { describe, expect, it } from 'vitest';
import { leadTimeDays, pricingPolicy } from '../../src/rules/review/pricingPolicy.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';
import type { PolicyInput } from '../../src/policy/Policy.js';

const EXCEPTIONAL = ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'];
const pricing = (p: NonNullable<NonNullable<PolicyInput['review']>['pricing']>) =>
  makeContext({ policy: makePolicy({ review: { pricing: p } }) });

describe('RV-1 pricing policy: payment terms', () => {
  it('RV-1 passes the default policy (any payment term) and an allowed term', () => {
    expect(pricingPolicy(makeOrder(), makeContext())).toEqual([]);
    expect(
      pricingPolicy(makeOrder(), pricing({ allowedPaymentTerms: ['NET30', 'PREPAID'] })),
    ).toEqual([]);
  });

  it('RV-1 classes a payment term outside the list as exceptional by default: an RV-7 finding naming the RV-1 check', () => {
    const findings = pricingPolicy(
      makeOrder({ paymentTerms: 'NET90' }),
      pricing({ allowedPaymentTerms: ['NET30', 'PREPAID'] }),
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'RV-7',
        severity: 'approval',
        messageKey: 'review.exceptional.paymentTerms',
        params: { term: 'NET90', allowed: 'NET30, PREPAID', check: 'RV-1 paymentTerms' },
        evidence: [{ field: 'paymentTerms', value: 'NET90', limit: ['NET30', 'PREPAID'] }],
        steps: EXCEPTIONAL,
      },
    ]);
  });

  it('RV-1 blocks a payment term outside the list when the policy says block', () => {
    const findings = pricingPolicy(
      makeOrder({ paymentTerms: 'NET90' }),
      pricing({ allowedPaymentTerms: ['NET30'], paymentTermsDeviation: 'block' }),
    );
    expect(findings).toMatchObject([
      { ruleId: 'RV-1', severity: 'block', messageKey: 'review.pricing.paymentTerms.notAllowed' },
    ]);
    expect(findings[0]!.steps).toBeUndefined();
  });

  it('RV-1 leaves an empty payment term to IN-2', () => {
    expect(
      pricingPolicy(makeOrder({ paymentTerms: '' }), pricing({ allowedPaymentTerms: ['NET30'] })),
    ).toEqual([]);
  });
});

describe('RV-1 pricing policy: lead time', () => {
  // Submitted Monday 2 March 2026, 09:00 Shanghai.
  it('RV-1 passes a delivery date exactly the minimum lead time after submission', () => {
    expect(
      pricingPolicy(
        makeOrder({ requestedDeliveryDate: '2026-03-16' }),
        pricing({ minLeadTimeDays: 14 }),
      ),
    ).toEqual([]);
  });

  it('RV-1 blocks a lead time one day short (default outcome)', () => {
    const findings = pricingPolicy(
      makeOrder({ requestedDeliveryDate: '2026-03-15' }),
      pricing({ minLeadTimeDays: 14 }),
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.leadTime.tooShort',
        params: { date: '2026-03-15', days: 13, minDays: 14 },
      },
    ]);
  });

  it('RV-1 sends a short lead time to the RV-7 chain when the policy classes it as exceptional', () => {
    const findings = pricingPolicy(
      makeOrder({ requestedDeliveryDate: '2026-03-15' }),
      pricing({ minLeadTimeDays: 14, leadTimeDeviation: 'exceptional' }),
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'RV-7',
        severity: 'approval',
        messageKey: 'review.exceptional.leadTime',
        steps: EXCEPTIONAL,
        params: { check: 'RV-1 leadTime' },
      },
    ]);
  });

  it('RV-1 counts days from the submission date in the policy time zone', () => {
    // 17:00 UTC on 1 March is already 2 March in Shanghai.
    const order = makeOrder({ requestedDeliveryDate: '2026-03-15' });
    const submittedAt = '2026-03-01T17:00:00Z';
    const shanghai = makeContext({
      submittedAt,
      policy: makePolicy({ review: { pricing: { minLeadTimeDays: 14 } } }),
    });
    const utc = makeContext({
      submittedAt,
      policy: makePolicy({ timeZone: 'UTC', review: { pricing: { minLeadTimeDays: 14 } } }),
    });
    expect(leadTimeDays(order, shanghai)).toEqual({ days: 13, unit: 'calendar' });
    expect(leadTimeDays(order, utc)).toEqual({ days: 14, unit: 'calendar' });
    expect(pricingPolicy(order, shanghai)).toHaveLength(1);
    expect(pricingPolicy(order, utc)).toEqual([]);
  });

  it('RV-1 blocks a delivery date before the submission date, whatever the minimum', () => {
    const findings = pricingPolicy(
      makeOrder({ requestedDeliveryDate: '2026-03-01' }),
      makeContext(),
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.deliveryDate.past',
        params: { date: '2026-03-01', submitted: '2026-03-02' },
      },
    ]);
    const exceptional = pricing({ minLeadTimeDays: 5, leadTimeDeviation: 'exceptional' });
    expect(
      pricingPolicy(makeOrder({ requestedDeliveryDate: '2026-02-20' }), exceptional),
    ).toMatchObject([
      { ruleId: 'RV-1', severity: 'block', messageKey: 'review.pricing.deliveryDate.past' },
    ]);
  });

  it('RV-1 accepts same-day delivery with the default minimum of 0 days', () => {
    expect(
      pricingPolicy(makeOrder({ requestedDeliveryDate: '2026-03-02' }), makeContext()),
    ).toEqual([]);
  });

  it('RV-1 leaves a missing delivery date to IN-2', () => {
    expect(
      pricingPolicy(
        makeOrder({ requestedDeliveryDate: undefined }),
        pricing({ minLeadTimeDays: 14 }),
      ),
    ).toEqual([]);
  });

  it('RV-1 counts working days when the policy sets a business calendar', () => {
    const policy = (minLeadTimeDays: number, holidays: string[] = []) =>
      makeContext({
        policy: makePolicy({
          review: { pricing: { minLeadTimeDays }, deadlines: { calendar: { holidays } } },
        }),
      });
    // Mon 2 → Mon 9 March: Tue, Wed, Thu, Fri, Mon = 5 working days.
    const order = makeOrder({ requestedDeliveryDate: '2026-03-09' });
    expect(leadTimeDays(order, policy(0))).toEqual({ days: 5, unit: 'working' });
    expect(pricingPolicy(order, policy(5))).toEqual([]);
    expect(pricingPolicy(order, policy(6))).toMatchObject([
      {
        ruleId: 'RV-1',
        messageKey: 'review.pricing.leadTime.tooShortWorkingDays',
        params: { days: 5, minDays: 6 },
      },
    ]);
    expect(pricingPolicy(order, policy(5, ['2026-03-04']))).toMatchObject([
      { params: { days: 4, minDays: 5 } },
    ]);
  });
});

describe('RV-1 pricing policy: prices', () => {
  it('RV-1 requires a list price on every line only when the policy does', () => {
    const order = makeOrder({ lines: [makeLine(), makeLine({ id: 'l2', listPrice: undefined })] });
    expect(pricingPolicy(order, makeContext())).toEqual([]);
    expect(pricingPolicy(order, pricing({ requireListPrice: true }))).toMatchObject([
      {
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.listPrice.missing',
        params: { line: 2, lineId: 'l2' },
        evidence: [{ field: 'lines.1.listPrice' }],
      },
    ]);
  });

  it('RV-1 blocks a zero unit price', () => {
    const order = makeOrder({ lines: [makeLine(), makeLine({ id: 'free', unitPrice: 0 })] });
    expect(pricingPolicy(order, makeContext())).toMatchObject([
      {
        ruleId: 'RV-1',
        severity: 'block',
        messageKey: 'review.pricing.unitPrice.zero',
        params: { line: 2 },
      },
    ]);
  });

  it('RV-1 reports every failed check at once', () => {
    const order = makeOrder({
      paymentTerms: 'NET90',
      requestedDeliveryDate: '2026-03-03',
      lines: [makeLine({ unitPrice: 0, listPrice: undefined })],
    });
    const findings = pricingPolicy(
      order,
      pricing({ allowedPaymentTerms: ['NET30'], minLeadTimeDays: 7, requireListPrice: true }),
    );
    expect(findings.map((f) => f.messageKey)).toEqual([
      'review.exceptional.paymentTerms',
      'review.pricing.leadTime.tooShort',
      'review.pricing.listPrice.missing',
      'review.pricing.unitPrice.zero',
    ]);
  });
});
