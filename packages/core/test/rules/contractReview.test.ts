import { describe, expect, it } from 'vitest';
import {
  contractBlockers,
  contractReasons,
  contractReview,
} from '../../src/rules/review/contractReview.js';
import type { PolicyInput } from '../../src/policy/Policy.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

const TOTAL = 565_000;
const UNTAXED = 500_000;
const contractPolicy = (c: NonNullable<NonNullable<PolicyInput['review']>['contract']>) =>
  makePolicy({ review: { contract: c } });

describe('RV-10 contract review', () => {
  it('RV-10 passes an order that needs no contract', () => {
    expect(contractReview(makeOrder(), makeContext())).toEqual([]);
    expect(contractBlockers(makeOrder(), makePolicy())).toEqual([]);
  });

  it('RV-10 sends a required contract to legal review before signing', () => {
    const order = makeOrder({ contract: { required: true, number: 'HT-2026-017' } });
    expect(contractReview(order, makeContext())).toMatchObject([
      {
        ruleId: 'RV-10',
        severity: 'approval',
        messageKey: 'review.contract.legalReview',
        steps: ['legalReview'],
        evidence: [
          { field: 'contract.required', value: true },
          { field: 'contract.legalReviewed', value: false },
        ],
      },
    ]);
  });

  it('RV-10 needs no further legal review once the contract is reviewed', () => {
    expect(
      contractReview(
        makeOrder({ contract: { required: true, legalReviewed: true } }),
        makeContext(),
      ),
    ).toEqual([]);
  });

  it('RV-10 requires a contract from the policy amount, reaching the threshold counting (≥), tax included by default', () => {
    const at = contractPolicy({ requiredAbove: { CNY: TOTAL } });
    const above = contractPolicy({ requiredAbove: { CNY: TOTAL + 1 } });
    expect(contractReasons(makeOrder(), at)).toEqual([
      { field: 'total', value: TOTAL, limit: TOTAL },
    ]);
    expect(contractReview(makeOrder(), makeContext({ policy: at }))).toHaveLength(1);
    expect(contractReview(makeOrder(), makeContext({ policy: above }))).toEqual([]);
    const untaxed = contractPolicy({ requiredAbove: { CNY: UNTAXED }, includeTax: false });
    expect(contractReasons(makeOrder(), untaxed)).toEqual([
      { field: 'untaxed', value: UNTAXED, limit: UNTAXED },
    ]);
    expect(contractReasons(makeOrder({ currency: 'USD' }), at)).toEqual([]);
  });

  it('RV-10 requires a contract for custom-made products only when the policy says so', () => {
    const order = makeOrder({ lines: [makeLine(), makeLine({ id: 'l2', customMade: true })] });
    expect(contractReview(order, makeContext())).toEqual([]);
    const policy = contractPolicy({ requiredForCustomMade: true });
    expect(contractReview(order, makeContext({ policy }))).toMatchObject([
      {
        evidence: [
          { field: 'lines.1.customMade', value: true },
          { field: 'contract.legalReviewed' },
        ],
      },
    ]);
  });

  it('RV-10 blocks confirmation until the customer has signed', () => {
    const unsigned = makeOrder({
      contract: { required: true, legalReviewed: true, number: 'HT-2026-017' },
    });
    expect(contractBlockers(unsigned, makePolicy())).toMatchObject([
      {
        ruleId: 'RV-10',
        severity: 'block',
        messageKey: 'review.contract.unsigned',
        params: { contract: 'HT-2026-017' },
      },
    ]);
    const signed = makeOrder({
      contract: {
        required: true,
        legalReviewed: true,
        customerSignedAt: '2026-03-05T10:00:00+08:00',
      },
    });
    expect(contractBlockers(signed, makePolicy())).toEqual([]);
  });

  it('RV-10 takes the legal route from the policy', () => {
    const policy = makePolicy({
      review: { routes: { legal: ['legalReview', 'generalManagerApproval'] } },
    });
    const [f] = contractReview(
      makeOrder({ contract: { required: true } }),
      makeContext({ policy }),
    );
    expect(f!.steps).toEqual(['legalReview', 'generalManagerApproval']);
  });
});
