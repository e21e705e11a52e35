import { describe, expect, it } from 'vitest';
import { jointReview } from '../../src/rules/review/jointReview.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';
import type { PolicyInput } from '../../src/policy/Policy.js';

// The helper order: 5,000.00 CNY before tax, 5,650.00 CNY with 13 % VAT.
const TOTAL = 565_000;
const UNTAXED = 500_000;
const joint = (j: NonNullable<NonNullable<PolicyInput['review']>['jointReview']>) =>
  makeContext({ policy: makePolicy({ review: { jointReview: j } }) });

describe('RV-4 joint review', () => {
  it('RV-4 passes an ordinary order below the threshold', () => {
    expect(jointReview(makeOrder(), makeContext())).toEqual([]);
  });

  it('RV-4 sends a special product to joint review, naming the line', () => {
    const order = makeOrder({ lines: [makeLine(), makeLine({ id: 'l2', special: true })] });
    expect(jointReview(order, makeContext())).toMatchObject([
      {
        ruleId: 'RV-4',
        severity: 'approval',
        messageKey: 'review.jointReview.special',
        params: { specialLines: '2' },
        evidence: [{ field: 'lines.1.special', value: true }],
        steps: ['jointReview'],
      },
    ]);
  });

  it('RV-4 counts custom-made lines as special by default, and not when the policy says so', () => {
    const order = makeOrder({ lines: [makeLine({ customMade: true })] });
    expect(jointReview(order, makeContext())).toMatchObject([
      { messageKey: 'review.jointReview.special', evidence: [{ field: 'lines.0.customMade' }] },
    ]);
    expect(jointReview(order, joint({ customMadeIsSpecial: false }))).toEqual([]);
  });

  it('RV-4 counts an amount exactly at the threshold as large (≥)', () => {
    const findings = jointReview(makeOrder(), joint({ largeAmount: { CNY: TOTAL } }));
    expect(findings).toMatchObject([
      {
        messageKey: 'review.jointReview.largeAmount',
        params: { total: '5,650.00 CNY', threshold: '5,650.00 CNY' },
        evidence: [{ field: 'total', value: TOTAL, limit: TOTAL }],
      },
    ]);
    expect(jointReview(makeOrder(), joint({ largeAmount: { CNY: TOTAL + 1 } }))).toEqual([]);
  });

  it('RV-4 compares the amount including tax by default, before tax when the policy says so', () => {
    expect(jointReview(makeOrder(), joint({ largeAmount: { CNY: UNTAXED + 1 } }))).toHaveLength(1);
    expect(
      jointReview(makeOrder(), joint({ largeAmount: { CNY: UNTAXED + 1 }, includeTax: false })),
    ).toEqual([]);
    expect(
      jointReview(makeOrder(), joint({ largeAmount: { CNY: UNTAXED }, includeTax: false })),
    ).toMatchObject([{ evidence: [{ field: 'untaxed', value: UNTAXED }] }]);
  });

  it('RV-4 uses the default ¥1,000,000 threshold', () => {
    const big = makeOrder({
      lines: [makeLine({ quantity: 1, unitPrice: 88_495_576, listPrice: 88_495_576 })],
    });
    // 884,955.76 + 13 % = 1,000,000.01 CNY
    expect(jointReview(big, makeContext())).toMatchObject([
      { messageKey: 'review.jointReview.largeAmount' },
    ]);
  });

  it('RV-4 sends an order in a currency without threshold to joint review unless the policy ignores it', () => {
    const order = makeOrder({ currency: 'GBP' });
    expect(jointReview(order, makeContext())).toMatchObject([
      { messageKey: 'review.jointReview.unknownCurrency', params: { currency: 'GBP' } },
    ]);
    expect(jointReview(order, joint({ unknownCurrency: 'ignore' }))).toEqual([]);
  });

  it('RV-4 sends complex technical requirements to joint review', () => {
    expect(jointReview(makeOrder({ technicalComplexity: true }), makeContext())).toMatchObject([
      {
        messageKey: 'review.jointReview.complex',
        evidence: [{ field: 'technicalComplexity', value: true }],
      },
    ]);
  });

  it('RV-4 lists every trigger in one finding', () => {
    const order = makeOrder({
      technicalComplexity: true,
      lines: [
        makeLine({ special: true }),
        makeLine({ id: 'l2' }),
        makeLine({ id: 'l3', special: true }),
      ],
    });
    const findings = jointReview(order, joint({ largeAmount: { CNY: 1 } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      messageKey: 'review.jointReview.special.largeAmount.complex',
      params: { specialLines: '1, 3', triggers: 'special,largeAmount,complex' },
      steps: ['jointReview'],
    });
    expect(findings[0]!.evidence.map((e) => e.field)).toEqual([
      'lines.0.special',
      'lines.2.special',
      'total',
      'technicalComplexity',
    ]);
  });

  it('RV-4 takes the step from the policy', () => {
    const policy = makePolicy({
      approvals: {
        steps: {
          committee: {
            label: { en: 'Review committee', zh: '评审委员会' },
            roles: ['technical', 'finance'],
            stage: 20,
            ruleId: 'RV-4',
            mode: 'all',
          },
        },
      },
      review: { jointReview: { step: 'committee' } },
    });
    expect(
      jointReview(makeOrder({ technicalComplexity: true }), makeContext({ policy })),
    ).toMatchObject([
      {
        steps: ['committee'],
        params: { approverEn: 'Review committee', approverZh: '评审委员会' },
      },
    ]);
  });
});
