import { describe, expect, it } from 'vitest';
import {
  discountAuthority,
  discountAuthorityBp,
  lineDiscountBp,
} from '../../src/rules/review/discountAuthority.js';
import type { PolicyInput } from '../../src/policy/Policy.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

const roles = {
  salesperson: { label: { en: 'Salesperson', zh: '销售人员' }, groups: ['sales'] },
  salesAssistant: { label: { en: 'Sales assistant', zh: '销售助理' }, groups: ['assistants'] },
};
const withAuthority = (discount: NonNullable<NonNullable<PolicyInput['review']>['discount']>) =>
  makeContext({ policy: makePolicy({ roles, review: { discount } }) });
const EXCEPTIONAL = ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'];

describe('RV-6 discount authority', () => {
  it('RV-6 passes an order at list prices', () => {
    expect(discountAuthority(makeOrder(), makeContext())).toEqual([]);
  });

  it('RV-6 sends any discount by a salesperson to the sales head (default authority 0 %), per line and on the total', () => {
    // line 2: 10 × 200.00 at 12.5 % off → net 1,750.00; order 4,750.00 of 5,000.00 list = 5 %.
    const order = makeOrder({
      lines: [
        makeLine(),
        makeLine({
          id: 'l2',
          quantity: 10,
          unitPrice: 20_000,
          listPrice: 20_000,
          discountBp: 1_250,
        }),
      ],
    });
    const findings = discountAuthority(order, makeContext());
    expect(findings).toMatchObject([
      {
        ruleId: 'RV-6',
        severity: 'approval',
        messageKey: 'review.discount.lineBeyondAuthority',
        params: { line: 2, lineId: 'l2', percent: '12.5', authority: '0' },
        steps: ['salesHead'],
      },
      {
        ruleId: 'RV-6',
        messageKey: 'review.discount.orderBeyondAuthority',
        params: { percent: '5', authority: '0' },
        evidence: [
          { field: 'untaxed', value: 475_000, limit: 500_000 },
          { field: 'effectiveDiscountBp', value: 500, limit: 0 },
        ],
        steps: ['salesHead'],
      },
    ]);
  });

  it('RV-6 treats a net price below list as a discount even without discountBp', () => {
    const order = makeOrder({ lines: [makeLine({ unitPrice: 135_000 })] });
    expect(discountAuthority(order, makeContext())[0]).toMatchObject({
      params: { line: 1, percent: '10' },
      evidence: [
        { field: 'lines.0.unitPrice', value: 135_000, limit: 150_000 },
        { field: 'lines.0.discountBp', value: 0 },
        { field: 'lines.0.effectiveDiscountBp', value: 1_000, limit: 0 },
      ],
    });
  });

  it('RV-6 does not count a price above list as a discount, nor let it hide a discount on another line', () => {
    const order = makeOrder({
      lines: [
        makeLine({ unitPrice: 165_000 }),
        makeLine({ id: 'l2', quantity: 10, unitPrice: 18_000, listPrice: 20_000 }),
      ],
    });
    const findings = discountAuthority(order, makeContext());
    expect(findings.map((f) => f.messageKey)).toEqual(['review.discount.lineBeyondAuthority']);
    expect(findings[0]!.params.line).toBe(2);
  });

  it('RV-6 uses discountBp for a line without list price and skips the order-total check', () => {
    const order = makeOrder({ lines: [makeLine({ listPrice: undefined, discountBp: 300 })] });
    expect(discountAuthority(order, makeContext())).toMatchObject([
      {
        messageKey: 'review.discount.lineBeyondAuthority',
        params: { percent: '3' },
        evidence: [
          { field: 'lines.0.discountBp', value: 300 },
          { field: 'lines.0.effectiveDiscountBp' },
        ],
      },
    ]);
  });

  it('RV-6 allows a discount exactly at the authority and refuses one basis point more', () => {
    const ctx = withAuthority({ authorityByRole: { salesperson: 10 } });
    const at = makeOrder({ lines: [makeLine({ listPrice: undefined, discountBp: 1_000 })] });
    const above = makeOrder({ lines: [makeLine({ listPrice: undefined, discountBp: 1_001 })] });
    expect(discountAuthority(at, ctx)).toEqual([]);
    expect(discountAuthority(above, ctx)).toMatchObject([
      { params: { percent: '10.01', authority: '10' } },
    ]);
  });

  it('RV-6 judges at basis-point precision: rounding noise is no discount', () => {
    // 1 fen off 10,000.00 is 0.0001 %, which rounds to 0 bp.
    const order = makeOrder({
      lines: [makeLine({ quantity: 1, unitPrice: 999_999, listPrice: 1_000_000 })],
    });
    expect(discountAuthority(order, makeContext())).toEqual([]);
    expect(lineDiscountBp({ quantity: 1, listPrice: 1_000_000, discountBp: 0 }, 999_950)).toBe(1);
  });

  it("RV-6 takes the submitter's highest authority over the roles they hold", () => {
    const policy = makePolicy({
      roles,
      review: { discount: { authorityByRole: { salesperson: 5, salesAssistant: 8 } } },
    });
    expect(discountAuthorityBp(policy, { id: 'u-li', groups: ['sales'] })).toBe(500);
    expect(discountAuthorityBp(policy, { id: 'u-li', groups: ['sales', 'assistants'] })).toBe(800);
    expect(discountAuthorityBp(policy, { id: 'u-x', groups: ['warehouse'] })).toBe(0);
    expect(
      discountAuthorityBp(
        makePolicy({ roles, review: { discount: { authorityByRole: { salesperson: 2.5 } } } }),
        { id: 'u-li', groups: ['sales'] },
      ),
    ).toBe(250);
  });

  it('RV-6 lets a policy authority change the outcome', () => {
    const order = makeOrder({ lines: [makeLine({ unitPrice: 142_500 })] }); // 5 % below list
    expect(discountAuthority(order, makeContext()).length).toBeGreaterThan(0);
    expect(
      discountAuthority(order, withAuthority({ authorityByRole: { salesperson: 5 } })),
    ).toEqual([]);
  });

  it('RV-6 takes the approval step from the policy', () => {
    const ctx = makeContext({
      policy: makePolicy({ review: { discount: { approvalStep: 'generalManagerApproval' } } }),
    });
    const [f] = discountAuthority(makeOrder({ lines: [makeLine({ discountBp: 100 })] }), ctx);
    expect(f).toMatchObject({
      steps: ['generalManagerApproval'],
      params: { approverEn: 'General manager approval' },
    });
  });

  it('RV-6 makes a discount above the exceptional limit an RV-7 exceptional order, besides the sales head', () => {
    const ctx = withAuthority({ exceptionalAbovePercent: 20 });
    const order = makeOrder({ lines: [makeLine({ discountBp: 2_500 })] });
    const findings = discountAuthority(order, ctx);
    expect(findings.map((f) => [f.ruleId, f.messageKey])).toEqual([
      ['RV-6', 'review.discount.lineBeyondAuthority'],
      ['RV-7', 'review.exceptional.lineDiscount'],
      ['RV-6', 'review.discount.orderBeyondAuthority'],
      ['RV-7', 'review.exceptional.orderDiscount'],
    ]);
    expect(findings[1]).toMatchObject({
      severity: 'approval',
      steps: EXCEPTIONAL,
      params: { percent: '25', limit: '20', line: 1 },
    });
  });

  it('RV-6 keeps a discount exactly at the exceptional limit out of RV-7', () => {
    const findings = discountAuthority(
      makeOrder({ lines: [makeLine({ discountBp: 2_000 })] }),
      withAuthority({ exceptionalAbovePercent: 20 }),
    );
    expect(findings.every((f) => f.ruleId === 'RV-6')).toBe(true);
  });
});
