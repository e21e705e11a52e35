import { describe, expect, it } from 'vitest';
import { gate, orderDesk, creditDesk } from '../support/gate.js';
import { ValidationError } from '../../src/errors.js';
import { MemoryStore } from '../../src/store/MemoryStore.js';
import { CREDIT_DAY, makeCustomer, receivable } from '../support/credit.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people, testClock, testIds } from '../support/people.js';

async function setup(policy = companyPolicy()) {
  const clock = testClock();
  const store = new MemoryStore();
  const ids = testIds();
  const orders = orderDesk(gate({ policy, store, clock, ids }));
  const credit = creditDesk(gate({ policy, store, clock, ids }));
  // 95,000.00 owed against a 100,000.00 limit: the helper order (5,650.00) goes over.
  await orders.putCustomer(
    makeCustomer({ receivables: [receivable('r1', 9_500_000, CREDIT_DAY)] }),
  );
  return { clock, store, orders, credit };
}

const raise = {
  customerId: 'c-1',
  limit: { amount: 20_000_000, currency: 'CNY' },
  reason: 'Two years of prompt payment',
};

describe('CR-3 grade and limit changes are approved requests', () => {
  it('CR-3 sales proposes, finance reviews, the general manager approves; the new limit applies then', async () => {
    const { credit } = await setup();
    const proposed = await credit.proposeChange({ ...raise, grade: 'A' }, people.li);
    expect(proposed.ok).toBe(true);
    if (!proposed.ok) return;
    const req = proposed.value;
    expect(req.route.steps.map((s) => [s.key, s.roles, s.status])).toEqual([
      ['creditLimitFinanceReview', ['finance'], 'active'],
      ['creditLimitManagementApproval', ['generalManager'], 'waiting'],
    ]);
    expect(req.before).toEqual({ grade: 'B', limit: { amount: 10_000_000, currency: 'CNY' } });

    // Management cannot approve before finance has reviewed.
    expect(
      await credit.approve(req.id, people.he, { step: 'creditLimitManagementApproval' }),
    ).toMatchObject({ ok: false, code: 'STEP_NOT_ACTIVE' });
    expect((await credit.customer('c-1'))?.credit.limit?.amount).toBe(10_000_000);

    expect(await credit.approve(req.id, people.zhao)).toMatchObject({
      ok: true,
      value: { status: 'pending' },
    });
    expect((await credit.customer('c-1'))?.credit.limit?.amount).toBe(10_000_000);
    const done = await credit.approve(req.id, people.he);
    expect(done).toMatchObject({ ok: true, value: { status: 'approved' } });
    const after = await credit.customer('c-1');
    expect(after?.credit).toMatchObject({
      grade: 'A',
      limit: { amount: 20_000_000, currency: 'CNY' },
    });
    expect(after?.receivables).toHaveLength(1); // facts untouched
  });

  it('CR-3 the proposer never approves their own request, and only proposing roles may propose', async () => {
    const { credit } = await setup(
      companyPolicy({
        roles: { finance: { label: { en: 'Finance', zh: '财务' }, groups: ['finance', 'sales'] } },
      }),
    );
    const r = await credit.proposeChange(raise, people.li);
    if (!r.ok) throw new Error(r.code);
    expect(await credit.approve(r.value.id, people.li)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    expect(await credit.approve(r.value.id, people.qian)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await credit.proposeChange(raise, people.zhao)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
  });

  it("CR-3 every step is recorded in the customer's hash chain", async () => {
    const { credit, orders } = await setup();
    const r = await credit.proposeChange(raise, people.li);
    if (!r.ok) throw new Error(r.code);
    await credit.approve(r.value.id, people.zhao);
    await credit.approve(r.value.id, people.he);
    const history = await credit.history('c-1');
    expect(history.map((e) => e.type)).toEqual([
      'customer.created',
      'credit.change.requested',
      'approval.granted',
      'approval.granted',
      'credit.change.approved',
    ]);
    expect(history.slice(1).every((e) => e.ruleIds?.includes('CR-3'))).toBe(true);
    expect(history.at(-1)?.data).toMatchObject({
      before: { limit: { amount: 10_000_000 } },
      after: { limit: { amount: 20_000_000 } },
    });
    expect(await orders.verify()).toMatchObject({ ok: true });
  });

  it('CR-3 the new limit applies to later assessments only', async () => {
    const { credit, orders } = await setup();
    const before = await orders.submit(makeOrder({ id: 'o-early' }), people.li);
    expect(before.ok && before.value.workflow.status).toBe('credit_hold');
    const r = await credit.proposeChange(raise, people.li);
    if (!r.ok) throw new Error(r.code);
    await credit.approve(r.value.id, people.zhao);
    await credit.approve(r.value.id, people.he);
    const early = await orders.get('o-early');
    expect(early?.workflow.status).toBe('credit_hold');
    expect(early?.workflow.findings.find((f) => f.ruleId === 'CR-4')?.evidence[0]).toMatchObject({
      limit: 10_000_000,
    });
    const later = await orders.submit(makeOrder({ id: 'o-later' }), people.li);
    expect(later.ok && later.value.workflow.status).toBe('in_review');
  });

  it('CR-3 a rejection needs a reason and an active-step approver; a rejected request never applies', async () => {
    const { credit } = await setup();
    const r = await credit.proposeChange(raise, people.li);
    if (!r.ok) throw new Error(r.code);
    expect(await credit.reject(r.value.id, people.zhao, ' ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(await credit.reject(r.value.id, people.he, 'no')).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await credit.reject(r.value.id, people.zhao, 'Payment record too short')).toMatchObject({
      ok: true,
      value: { status: 'rejected' },
    });
    expect(await credit.approve(r.value.id, people.he)).toMatchObject({
      ok: false,
      code: 'NOT_PENDING',
    });
    expect((await credit.customer('c-1'))?.credit.limit?.amount).toBe(10_000_000);
  });

  it('CR-3 malformed proposals are refused naming every field', async () => {
    const { credit } = await setup();
    await expect(
      credit.proposeChange(
        { customerId: 'c-1', limit: { amount: -1, currency: 'CNY' }, reason: '' },
        people.li,
      ),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof ValidationError && e.issues.map((i) => i.path).join() === 'limit.amount',
    );
    // A blank reason is no malformed input: the proposal is refused, as a blank reason is elsewhere.
    for (const reason of ['', '   ']) {
      expect(await credit.proposeChange({ ...raise, reason }, people.li)).toMatchObject({
        ok: false,
        code: 'REASON_REQUIRED',
        ruleId: 'CR-3',
        messageKey: 'refusal.REASON_REQUIRED',
      });
    }
    await expect(
      credit.proposeChange({ customerId: 'c-1', reason: 'nothing' }, people.li),
    ).rejects.toThrow(/grade, a new limit/);
    expect(await credit.proposeChange({ ...raise, customerId: 'c-404' }, people.li)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('CR-3 the route of a limit change is policy', async () => {
    const { credit } = await setup(
      companyPolicy({ credit: { limitChange: { steps: ['creditApproval'] } } }),
    );
    const r = await credit.proposeChange(raise, people.li);
    if (!r.ok) throw new Error(r.code);
    expect(r.value.route.steps.map((s) => s.key)).toEqual(['creditApproval']);
    expect(await credit.approve(r.value.id, people.qian)).toMatchObject({
      ok: true,
      value: { status: 'approved' },
    });
  });
});

describe('CR-3 temporary limit increases', () => {
  it('CR-3 an approved temporary increase raises the limit until it expires', async () => {
    const { credit, orders, clock } = await setup();
    const r = await credit.proposeTemporaryIncrease(
      {
        customerId: 'c-1',
        amount: 1_000_000,
        currency: 'CNY',
        expiresAt: '2026-03-05T09:00:00+08:00',
        reason: 'Spring order',
      },
      people.li,
    );
    if (!r.ok) throw new Error(r.code);
    await credit.approve(r.value.id, people.zhao);
    await credit.approve(r.value.id, people.he);
    expect(await credit.effectiveLimit('c-1')).toMatchObject({
      amount: 11_000_000,
      base: 10_000_000,
      temporary: 1_000_000,
    });
    const during = await orders.submit(makeOrder({ id: 'o-during' }), people.li);
    expect(during.ok && during.value.workflow.status).toBe('in_review');
    clock.set('2026-03-05T09:00:00+08:00');
    expect((await credit.effectiveLimit('c-1'))?.amount).toBe(10_000_000);
    const after = await orders.submit(makeOrder({ id: 'o-after' }), people.li);
    expect(after.ok && after.value.workflow.status).toBe('credit_hold');
  });

  it("CR-3 an increase must be in the limit's currency and expire in the future", async () => {
    const { credit, clock } = await setup();
    const base = { customerId: 'c-1', amount: 1_000, reason: 'x' };
    expect(
      await credit.proposeTemporaryIncrease(
        { ...base, currency: 'USD', expiresAt: '2026-04-01T00:00:00+08:00' },
        people.li,
      ),
    ).toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
    expect(
      await credit.proposeTemporaryIncrease(
        { ...base, currency: 'CNY', expiresAt: '2026-03-01T00:00:00+08:00' },
        people.li,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_EXPIRY' });
    const r = await credit.proposeTemporaryIncrease(
      { ...base, currency: 'CNY', expiresAt: '2026-03-03T00:00:00+08:00' },
      people.li,
    );
    if (!r.ok) throw new Error(r.code);
    await credit.approve(r.value.id, people.zhao);
    clock.set('2026-03-04T00:00:00+08:00');
    // Approving an increase that has already expired would apply nothing: refused.
    expect(await credit.approve(r.value.id, people.he)).toMatchObject({
      ok: false,
      code: 'INVALID_EXPIRY',
    });
  });

  it("CR-7 the desk ages a customer's receivables against its clock", async () => {
    const { credit, clock } = await setup();
    expect((await credit.ageing('c-1'))?.buckets[0]).toMatchObject({
      key: 'current',
      amount: 9_500_000,
    });
    clock.set('2026-04-15T09:00:00+08:00');
    expect((await credit.ageing('c-1'))?.buckets.find((b) => b.amount > 0)?.key).toBe('31-60');
  });
});
