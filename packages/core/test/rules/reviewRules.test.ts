import { describe, expect, it } from 'vitest';
import { confirmationBlockers } from '../../src/rules/confirmationBlockers.js';
import { requiredInformation } from '../../src/rules/intake/requiredInformation.js';
import { REVIEW_RULES, assessReview } from '../../src/rules/reviewRules.js';
import type { Order } from '../../src/model/Order.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const messy = (): Order =>
  makeOrder({
    paymentTerms: '',
    channel: 'verbal',
    urgent: true,
    shipBeforePayment: true,
    technicalComplexity: true,
    customerRequestedChange: true,
    contract: { required: true },
    lines: [makeLine({ discountBp: 500, customMade: true }), makeLine({ id: 'l2', unitPrice: 0 })],
  });

describe('IN/RV review rules (assessReview)', () => {
  it('IN-2…RV-10 run in catalogue order, intake first', () => {
    expect(REVIEW_RULES).toHaveLength(11);
    expect(REVIEW_RULES[0]).toBe(requiredInformation);
    expect(Object.isFrozen(REVIEW_RULES)).toBe(true);
  });

  it('RV-3 and RV-5 are all a clean regular order needs', () => {
    const findings = assessReview(makeOrder(), makeContext());
    expect(findings.map((f) => [f.ruleId, f.severity, f.steps])).toEqual([
      ['RV-3', 'approval', ['salesHead']],
      ['RV-5', 'approval', ['regularReview']],
    ]);
  });

  it('IN-2, IN-3, IN-4, RV-1, RV-3…RV-8 and RV-10 all report on a messy order, intake findings first', () => {
    const findings = assessReview(messy(), makeContext());
    const ids = findings.map((f) => f.ruleId);
    expect(new Set(ids)).toEqual(
      new Set([
        'IN-2',
        'IN-3',
        'IN-4',
        'RV-1',
        'RV-3',
        'RV-4',
        'RV-5',
        'RV-6',
        'RV-7',
        'RV-8',
        'RV-10',
      ]),
    );
    const lastIntake = Math.max(...ids.map((id, i) => (id.startsWith('IN-') ? i : -1)));
    const firstReview = ids.findIndex((id) => id.startsWith('RV-'));
    expect(lastIntake).toBeLessThan(firstReview);
  });

  it('IN/RV assessReview equals running every rule in order', () => {
    const ctx = makeContext();
    const order = messy();
    expect(assessReview(order, ctx)).toEqual(REVIEW_RULES.flatMap((rule) => rule(order, ctx)));
  });

  it('IN/RV assessReview is pure: no mutation, same answer every time', () => {
    const order = deepFreeze(messy());
    const ctx = makeContext({
      policy: makePolicy({ review: { pricing: { minLeadTimeDays: 60 } } }),
    });
    const first = assessReview(order, ctx);
    expect(assessReview(order, ctx)).toEqual(first);
    expect(assessReview(structuredClone(order), ctx)).toEqual(first);
  });

  it('IN-3 and RV-10 confirmationBlockers gathers the CONFIRM-time blocks', () => {
    const policy = makePolicy();
    expect(confirmationBlockers(makeOrder(), policy)).toEqual([]);
    expect(confirmationBlockers(messy(), policy).map((f) => [f.ruleId, f.severity])).toEqual([
      ['IN-3', 'block'],
      ['RV-10', 'block'],
    ]);
  });
});
