import { describe, expect, it } from 'vitest';
import {
  formatFinding,
  INPUT_LIMITS,
  ValidationError,
  type CustomerInput,
  type Ordergate,
  type OrderInput,
  type PolicyInput,
} from '../../src/index.js';
import { makeCustomer } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeOrderInput } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

/** `makeOrder`'s total with tax: 5,650.00 CNY. */
const TOTAL = 565_000;
const RECEIVED_AT = '2026-03-01T16:20:00+08:00';

const paid = (amount: number, reference = 'BANK-0301-004') => ({
  prepayments: [{ amount, reference, receivedAt: RECEIVED_AT }],
});

/** A façade whose customer c-1 has the given credit profile. */
async function deskFor(credit: CustomerInput['credit'], policy?: PolicyInput) {
  const made = makeDesk(companyPolicy(policy));
  await made.og.putCustomer(makeCustomer({ credit }));
  return made;
}

const NEVER_EVALUATED = { evaluatedAt: undefined };

async function submit(og: Ordergate, input: OrderInput) {
  const r = await og.submit(input, people.li);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

async function confirm(og: Ordergate, id: string) {
  for (const who of [people.liu, people.wang]) await og.approve(id, who);
  const r = await og.confirm(id, people.li);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
}

describe('CR-1 CR-4 CR-6 CR-8 money received before submission is part of the order', () => {
  it('CR-1 CR-8 an order of a never-evaluated customer paid in full before submission is not held, and its goods ship without another record', async () => {
    const { og } = await deskFor(NEVER_EVALUATED);
    const view = await submit(og, makeOrderInput(paid(TOTAL)));
    expect(view.workflow.status).toBe('in_review');
    const cr1 = view.workflow.findings.find((f) => f.ruleId === 'CR-1');
    expect(cr1).toMatchObject({ severity: 'warn', messageKey: 'credit.evaluation.never' });
    expect(cr1?.evidence).toContainEqual({ field: 'prepayments', value: TOTAL, limit: TOTAL });
    expect(formatFinding(cr1!, 'en')).toContain(
      'The 5,650.00 CNY received before submission covers it: the order may go on.',
    );
    expect(formatFinding(cr1!, 'zh')).toContain('提交前已收款5,650.00 CNY,足以覆盖,订单可以继续。');
    expect(view.workflow.credit?.prepayments).toEqual([
      {
        at: RECEIVED_AT,
        by: 'u-li',
        amount: TOTAL,
        reference: 'BANK-0301-004',
        source: 'order',
      },
    ]);
    const recorded = (await og.history('o-1')).find((e) => e.type === 'credit.prepayment.recorded');
    expect(recorded).toMatchObject({
      ruleIds: ['CR-8'],
      data: { amount: TOTAL, currency: 'CNY', source: 'order', reference: 'BANK-0301-004' },
    });
    await confirm(og, 'o-1');
    const shipped = await og.recordProgress('o-1', people.zhou, {
      step: 'shipping',
      status: 'started',
    });
    expect(shipped.ok).toBe(true);
  });

  it('CR-1 boundary: one minor unit short of the order total holds; finance recording that unit releases it (both count)', async () => {
    const { og } = await deskFor(NEVER_EVALUATED);
    const view = await submit(og, makeOrderInput(paid(TOTAL - 1)));
    expect(view.workflow.status).toBe('credit_hold');
    expect(view.workflow.findings.find((f) => f.ruleId === 'CR-1')?.severity).toBe('block');
    const topped = await og.recordPrepayment('o-1', people.zhao, {
      amount: 1,
      reference: 'BANK-2',
    });
    expect(topped.ok && topped.value.workflow.status).toBe('in_review');
  });

  it('CR-4 a prepayment covering the excess over the limit exactly keeps the order off credit hold; one minor unit less holds it', async () => {
    // Limit 5,000.00: the 5,650.00 order is 650.00 over it.
    const { og } = await deskFor({ limit: { amount: 500_000, currency: 'CNY' } });
    const covered = await submit(og, makeOrderInput({ id: 'o-at', ...paid(65_000) }));
    expect(covered.workflow.status).toBe('in_review');
    expect(covered.workflow.findings.find((f) => f.ruleId === 'CR-4')).toMatchObject({
      severity: 'warn',
      messageKey: 'credit.limit.exceeded',
    });
    const short = await submit(og, makeOrderInput({ id: 'o-short', ...paid(64_999, 'BANK-9') }));
    expect(short.workflow.status).toBe('credit_hold');
    expect(short.workflow.credit?.holds).toEqual([
      expect.objectContaining({ ruleId: 'CR-4', prepaymentRequired: 65_000 }),
    ]);
  });

  it('CR-4 CR-6 a prepayment lifts only holds the policy lets a prepayment release', async () => {
    const approvalOnly = await deskFor(
      { limit: { amount: 500_000, currency: 'CNY' } },
      { credit: { releasePaths: { 'CR-4': ['approval'] } } },
    );
    const held = await submit(approvalOnly.og, makeOrderInput(paid(TOTAL)));
    expect(held.workflow.status).toBe('credit_hold');
    // CR-6 (grade D) is released by a prepayment or a guarantee: paid in full, it does not arise.
    const gradeD = await deskFor({ grade: 'D' });
    const view = await submit(gradeD.og, makeOrderInput(paid(TOTAL)));
    expect(view.workflow.status).toBe('in_review');
    expect(view.workflow.findings.find((f) => f.ruleId === 'CR-6')?.severity).toBe('warn');
  });

  it('CR-8 a returned order resubmitted with the same prepayment counts it once', async () => {
    const { og } = await deskFor({});
    const incomplete = makeOrderInput({
      ...paid(TOTAL),
      contact: { name: '', phone: '+86 21 5555 0101', email: 'zhang.wei@example.cn' },
    });
    expect(await og.submit(incomplete, people.li)).toMatchObject({ ok: false, code: 'RETURNED' });
    const view = await submit(og, makeOrderInput(paid(TOTAL)));
    expect(view.workflow.credit?.prepayments.map((p) => p.amount)).toEqual([TOTAL]);
    const events = (await og.history('o-1')).filter((e) => e.type === 'credit.prepayment.recorded');
    expect(events).toHaveLength(1);
    // Resubmitted without it (refunded), it no longer counts.
    expect((await og.returnToSales('o-1', people.liu, 'Refund, pay again')).ok).toBe(true);
    const refunded = await submit(og, makeOrderInput());
    expect(refunded.workflow.credit?.prepayments).toEqual([]);
  });

  it('CR-8 finance recording again a payment the order arrived with is refused as the same money (CONFLICT)', async () => {
    const { og } = await deskFor({});
    await submit(og, makeOrderInput(paid(100_000)));
    const again = await og.recordPrepayment('o-1', people.zhao, {
      amount: 100_000,
      reference: ' BANK-0301-004 ',
    });
    expect(again).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      ruleId: 'CR-8',
      messageKey: 'credit.prepayment.duplicate',
    });
    expect(
      (await og.recordPrepayment('o-1', people.zhao, { amount: 1, reference: 'BANK-0302-001' })).ok,
    ).toBe(true);
  });

  it('CR-1 CR-8 prepayments are parsed with bounds: positive whole minor units, a named payment, each once, a safe sum, at most the list limit', async () => {
    const { og, store } = await deskFor({});
    const before = store.snapshot();
    const paths = async (prepayments: unknown) => {
      const error = await og
        .submit(makeOrderInput({ prepayments } as Partial<OrderInput>), people.li)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((i) => i.path);
    };
    expect(await paths([{ amount: 0, reference: 'B-1' }])).toEqual(['prepayments.0.amount']);
    expect(await paths([{ amount: -5, reference: 'B-1' }])).toEqual(['prepayments.0.amount']);
    expect(await paths([{ amount: 1.5, reference: 'B-1' }])).toEqual(['prepayments.0.amount']);
    expect(await paths([{ amount: 1, reference: ' ' }])).toEqual(['prepayments.0.reference']);
    expect(
      await paths([{ amount: 1, reference: 'B-1', receivedAt: '2026-03-01T16:20:00' }]),
    ).toEqual(['prepayments.0.receivedAt']);
    expect(
      await paths([
        { amount: 1, reference: 'B-1' },
        { amount: 2, reference: 'B-1' },
      ]),
    ).toEqual(['prepayments.1.reference']);
    expect(
      await paths([
        { amount: Number.MAX_SAFE_INTEGER, reference: 'B-1' },
        { amount: 1, reference: 'B-2' },
      ]),
    ).toEqual(['prepayments']);
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ amount: 1, reference: `B-${String(i)}` }));
    expect(await paths(many(INPUT_LIMITS.listLength + 1))).toEqual(['prepayments']);
    expect(store.snapshot()).toEqual(before);
    // At the limits it is an order.
    expect(
      (await og.submit(makeOrderInput({ prepayments: many(INPUT_LIMITS.listLength) }), people.li))
        .ok,
    ).toBe(true);
  });
});
