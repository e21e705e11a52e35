import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../src/i18n/formatMessage.js';
import { paymentConfirmed, shippingBlockers } from '../../src/rules/credit/shippingBlockers.js';
import type { OrderWorkflow } from '../../src/state/OrderWorkflow.js';
import { makeCustomer, step, submitted } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const NOW = '2026-03-10T09:00:00+08:00';
const customer = makeCustomer();

function approvedState(order = makeOrder(), policy = companyPolicy()): OrderWorkflow {
  let state = submitted(order, customer, policy, '2026-03-02T09:00:00+08:00');
  for (let i = 0; i < 10 && state.status === 'in_review'; i++) {
    const active = state.route?.steps.find((s) => s.status === 'active');
    const who = {
      regularReview: people.liu,
      salesHead: people.wang,
      marketingVpReview: people.zheng,
      financeDirectorOpinion: people.qian,
      presidentApproval: people.ma,
    }[active?.key ?? ''];
    if (!who) throw new Error(`no approver for ${active?.key ?? '?'}`);
    const r = step(
      state,
      { type: 'APPROVE', actor: who },
      { policy, order, now: '2026-03-02T10:00:00+08:00', customer },
    );
    if (!r.ok) throw new Error(r.code);
    state = r.state;
  }
  return state;
}

describe('CR-8 goods ship only after payment', () => {
  it('CR-8 an unpaid order without credit terms cannot ship', () => {
    const policy = companyPolicy();
    const order = makeOrder();
    const blockers = shippingBlockers(order, approvedState(order, policy), { policy, now: NOW });
    expect(blockers.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['CR-8:block']);
    expect(formatFinding(blockers[0]!, 'en')).toContain(
      '0.00 CNY of 5,650.00 CNY is confirmed, 5,650.00 CNY outstanding',
    );
    expect(formatFinding(blockers[0]!, 'zh')).toContain('须收款后方可发货');
  });

  it('CR-8 partial payment still blocks; payment of the whole order lets it ship', () => {
    const policy = companyPolicy();
    const order = makeOrder();
    let state = approvedState(order, policy);
    const ctx = { policy, order, now: NOW, customer };
    const paid = (amount: number) => {
      const r = step(state, { type: 'RECORD_PREPAYMENT', actor: people.zhao, amount }, ctx);
      if (!r.ok) throw new Error(r.code);
      state = r.state;
    };
    paid(500_000);
    expect(paymentConfirmed(order, state)).toBe(500_000);
    expect(shippingBlockers(order, state, { policy, now: NOW })).toHaveLength(1);
    paid(65_000);
    expect(shippingBlockers(order, state, { policy, now: NOW })).toEqual([]);
  });

  it('CR-8 settlement recorded as paid, or the advance the ERP reported, count as payment', () => {
    const policy = companyPolicy();
    const order = makeOrder();
    const state = approvedState(order, policy);
    const tracking = {
      steps: {},
      alerts: {},
      issues: [],
      settlement: { paid: false, invoiced: false },
    };
    expect(
      shippingBlockers(
        order,
        { ...state, tracking: { ...tracking, advanceReceived: 565_000 } },
        { policy, now: NOW },
      ),
    ).toEqual([]);
    expect(
      shippingBlockers(
        order,
        { ...state, tracking: { ...tracking, settlement: { paid: true, invoiced: false } } },
        { policy, now: NOW },
      ),
    ).toEqual([]);
  });

  it('CR-8 a customer whose credit profile gives it credit terms ships unpaid (decision 014)', () => {
    const policy = companyPolicy();
    const order = makeOrder({ paymentTerms: 'NET30' });
    const terms = makeCustomer({ credit: { creditTerms: true } });
    const state = approvedState(order, policy);
    expect(shippingBlockers(order, state, { policy, now: NOW, customer: terms })).toEqual([]);
  });

  it("CR-8 the order's payment-term code alone gives no credit terms; without the customer's facts none either (decision 014)", () => {
    const policy = companyPolicy();
    const order = makeOrder({ paymentTerms: 'NET30' });
    const state = approvedState(order, policy);
    const without = shippingBlockers(order, state, { policy, now: NOW, customer });
    expect(without.map((f) => f.ruleId)).toEqual(['CR-8']);
    expect(without[0]?.evidence).toContainEqual({
      field: 'customer.credit.creditTerms',
      value: false,
    });
    expect(shippingBlockers(order, state, { policy, now: NOW }).map((f) => f.ruleId)).toEqual([
      'CR-8',
    ]);
  });

  it('CR-8 shipping before payment needs the RV-7 chain approved', () => {
    const policy = companyPolicy();
    const order = makeOrder({ shipBeforePayment: true });
    const fresh = submitted(order, customer, policy, '2026-03-02T09:00:00+08:00');
    expect(fresh.route?.steps.some((s) => s.ruleIds.includes('RV-7'))).toBe(true);
    // Mid-review: the exception is not approved yet.
    expect(shippingBlockers(order, fresh, { policy, now: NOW }).map((f) => f.ruleId)).toEqual([
      'CR-8',
    ]);
    expect(shippingBlockers(order, approvedState(order, policy), { policy, now: NOW })).toEqual([]);
  });

  it('CR-8 credit terms do not cover an order whose credit release expired', () => {
    const policy = companyPolicy();
    const order = makeOrder({ paymentTerms: 'NET30' });
    const terms = makeCustomer({ credit: { creditTerms: true } });
    const state = approvedState(order, policy);
    const held: OrderWorkflow = {
      ...state,
      credit: {
        holds: [
          {
            ruleId: 'CR-4',
            messageKey: 'credit.limit.exceeded',
            paths: ['approval'],
            prepaymentRequired: 1,
          },
        ],
        prepayments: [],
        release: {
          by: 'u-qian',
          role: 'financeDirector',
          reason: 'x',
          at: '2026-03-02T10:00:00+08:00',
          expiresAt: '2026-03-09T00:00:00+08:00',
        },
      },
    };
    expect(
      shippingBlockers(order, held, {
        policy,
        now: '2026-03-08T23:59:00+08:00',
        customer: terms,
      }),
    ).toEqual([]);
    expect(
      shippingBlockers(order, held, { policy, now: NOW, customer: terms }).map(
        (f) => `${f.ruleId}:${f.messageKey}`,
      ),
    ).toEqual(['CR-4:credit.release.lapsed']);
  });

  it("CR-8 RV-7 through the façade: the stored customer's credit terms let its order ship unpaid and need no RV-7 chain (decision 014)", async () => {
    const { og } = makeDesk();
    const approvers = [people.liu, people.wang, people.zheng, people.qian, people.ma];
    const throughReview = async (id: string) => {
      for (let round = 0; round < 10; round++) {
        if ((await og.order(id))?.workflow.status !== 'in_review') break;
        for (const who of approvers) await og.approve(id, who);
      }
      expect((await og.confirm(id, people.li)).ok).toBe(true);
    };
    await og.putCustomer(makeCustomer({ credit: { creditTerms: true } }));
    const submitted = await og.submit(makeOrder({ shipBeforePayment: true }), people.li);
    expect(submitted.ok && submitted.value.workflow.route?.steps.map((s) => s.key)).toEqual([
      'regularReview',
      'salesHead',
    ]);
    await throughReview('o-1');
    const shipped = await og.recordProgress('o-1', people.zhou, {
      step: 'shipping',
      status: 'started',
    });
    expect(shipped.ok).toBe(true);
    // The ERP withdraws the credit terms: the next order ships only after payment.
    await og.putCustomer(makeCustomer({ credit: { creditTerms: false } }));
    expect((await og.submit(makeOrder({ id: 'o-2' }), people.li)).ok).toBe(true);
    await throughReview('o-2');
    const blocked = await og.recordProgress('o-2', people.zhou, {
      step: 'shipping',
      status: 'started',
    });
    expect(!blocked.ok && blocked.findings.map((f) => f.ruleId)).toEqual(['CR-8']);
  });
});
