import { describe, expect, it } from 'vitest';
import { exceptionalOrder } from '../../src/rules/review/exceptionalOrder.js';
import { hasCreditTerms } from '../../src/rules/shared/creditTerms.js';
import { makeCustomer } from '../support/credit.js';
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
          { field: 'customer.credit.creditTerms', value: false },
        ],
      },
    ]);
  });

  it('RV-7 CR-8 exempts a customer whose credit profile gives it credit terms (decision 014)', () => {
    const order = makeOrder({ shipBeforePayment: true });
    const terms = makeCustomer({ credit: { creditTerms: true } });
    expect(hasCreditTerms(terms)).toBe(true);
    expect(exceptionalOrder(order, makeContext({ customer: terms }))).toEqual([]);
    // The same order for a customer without credit terms, or without facts, needs the chain.
    expect(exceptionalOrder(order, makeContext({ customer: makeCustomer() }))).toHaveLength(1);
    expect(hasCreditTerms(undefined)).toBe(false);
    expect(exceptionalOrder(order, makeContext())).toHaveLength(1);
  });

  it("RV-7 CR-8 the order's payment-term code does not give credit terms, whatever it says (decision 014)", () => {
    const customer = makeCustomer();
    for (const paymentTerms of ['NET30', 'NET90', 'PREPAID', ''])
      expect(
        exceptionalOrder(
          makeOrder({ shipBeforePayment: true, paymentTerms }),
          makeContext({ customer }),
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
