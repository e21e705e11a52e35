import { describe, expect, it } from 'vitest';
import { exceptionalOrder, hasCreditTerms } from '../../src/rules/review/exceptionalOrder.js';
import { makeContext, makeOrder, makePolicy } from '../support/orders.js';

describe('RV-7 exceptional orders', () => {
  it('RV-7 passes an order paid before shipping', () => {
    expect(exceptionalOrder(makeOrder(), makeContext())).toEqual([]);
  });

  it('RV-7 sends shipping before payment through marketing VP, finance director and president, in that order', () => {
    expect(exceptionalOrder(makeOrder({ shipBeforePayment: true }), makeContext())).toMatchObject([
      {
        ruleId: 'RV-7',
        severity: 'approval',
        messageKey: 'review.exceptional.shipBeforePayment',
        steps: ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'],
        params: {
          approverEn: 'Marketing VP review → Finance director opinion → President approval',
          approverZh: '营销副总裁审核 → 财务总监意见 → 总裁批准',
        },
        evidence: [
          { field: 'shipBeforePayment', value: true },
          { field: 'paymentTerms', value: 'NET30' },
        ],
      },
    ]);
  });

  it('RV-7 exempts payment terms the policy gives as credit terms (CR-8 reading)', () => {
    const policy = makePolicy({ credit: { creditTermsPaymentTerms: ['NET30'] } });
    const order = makeOrder({ shipBeforePayment: true });
    expect(hasCreditTerms(order, policy)).toBe(true);
    expect(exceptionalOrder(order, makeContext({ policy }))).toEqual([]);
    expect(
      exceptionalOrder(
        makeOrder({ shipBeforePayment: true, paymentTerms: 'PREPAID' }),
        makeContext({ policy }),
      ),
    ).toHaveLength(1);
  });

  it('RV-7 takes the chain from the policy', () => {
    const policy = makePolicy({
      review: { routes: { exceptional: ['financeDirectorOpinion', 'presidentApproval'] } },
    });
    const [f] = exceptionalOrder(makeOrder({ shipBeforePayment: true }), makeContext({ policy }));
    expect(f!.steps).toEqual(['financeDirectorOpinion', 'presidentApproval']);
  });
});
