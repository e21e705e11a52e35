import { describe, expect, it } from 'vitest';
import { gate, orderDesk } from '../support/gate.js';
import { ValidationError } from '../../src/errors.js';
import { MESSAGES } from '../../src/i18n/catalogue.js';
import { formatMessage } from '../../src/i18n/formatMessage.js';
import type { CustomerInput } from '../../src/model/Customer.js';
import type { PolicyInput } from '../../src/policy/Policy.js';
import { MemoryStore } from '../../src/store/MemoryStore.js';
import type { WorkflowEvent } from '../../src/state/WorkflowEvent.js';
import { CREDIT_DAY, daysBefore, makeCustomer, receivable } from '../support/credit.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, companyRoles, people, testClock, testIds } from '../support/people.js';
import { formatFinding } from '../../src/i18n/formatMessage.js';
import { loadPolicy } from '../../src/policy/loadPolicy.js';

const ORDER_TOTAL = 565_000;
const overLimit: Partial<CustomerInput> = {
  receivables: [receivable('r1', 9_500_000, CREDIT_DAY)],
}; // excess 65_000

async function setup(
  customer: Partial<CustomerInput> = overLimit,
  policy: PolicyInput = {},
  orderOverrides = {},
) {
  const clock = testClock();
  const store = new MemoryStore();
  const desk = orderDesk(gate({ policy: companyPolicy(policy), store, clock, ids: testIds() }));
  await desk.putCustomer(makeCustomer(customer));
  const submitted = await desk.submit(makeOrder(orderOverrides), people.li);
  const view = submitted.ok ? submitted.value : submitted.recorded;
  if (!view) throw new Error(submitted.ok ? '' : submitted.code);
  const id = view.order.id;
  const act = (event: WorkflowEvent) => desk.act(id, event);
  return {
    desk,
    clock,
    store,
    submitted: { ...submitted, value: view, effects: submitted.effects ?? [] },
    id,
    act,
  };
}

describe('CR-4 over-limit order goes on credit hold', () => {
  it('CR-4 an order over the limit waits in credit_hold (not returned) and asks the finance director to release it', async () => {
    const { submitted } = await setup();
    const wf = submitted.value.workflow;
    expect(wf.status).toBe('credit_hold');
    expect(wf.route).toBeUndefined();
    expect(wf.credit?.holds).toEqual([
      {
        ruleId: 'CR-4',
        messageKey: 'credit.limit.exceeded',
        paths: ['approval', 'prepayment', 'guarantee'],
        prepaymentRequired: 65_000,
      },
    ]);
    const schedule = submitted.effects.find((e) => e.type === 'scheduleApproval');
    expect(schedule).toMatchObject({
      step: 'creditApproval',
      roles: ['financeDirector'],
      ruleIds: ['CR-4'],
    });
    expect(
      submitted.effects.some((e) => e.type === 'notify' && e.messageKey === 'credit.hold.entered'),
    ).toBe(true);
  });

  it('CR-4 an intake block with a credit hold returns the order to sales (IN/RV blocks return, credit holds hold)', async () => {
    const { submitted } = await setup(
      overLimit,
      {},
      { contact: { name: '', phone: '', email: '' } },
    );
    expect(submitted.value.workflow.status).toBe('returned');
    expect(submitted.value.workflow.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['IN-2', 'CR-4']),
    );
  });

  it('CR-4 a held order accepts no review approvals until released', async () => {
    const { act } = await setup();
    const r = await act({ type: 'APPROVE', actor: people.liu });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('CR-4 the finance director releases with a reason: review starts then, its route built at release', async () => {
    const { act, clock, desk, id } = await setup();
    clock.advanceHours(30);
    const r = await act({
      type: 'RELEASE_CREDIT',
      actor: people.qian,
      reason: 'Long-standing customer, payment promised',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.workflow.status).toBe('in_review');
    expect(r.value.workflow.route?.steps.map((s) => s.key)).toEqual(['regularReview', 'salesHead']);
    // RV-2 deadline counts from the release, not from the submission 30 hours ago.
    expect(Date.parse(r.value.workflow.route!.reviewDeadline)).toBe(
      Date.parse(clock.now()) + 24 * 3_600_000,
    );
    expect(r.value.workflow.credit?.release).toMatchObject({
      by: 'u-qian',
      role: 'financeDirector',
      reason: 'Long-standing customer, payment promised',
    });
    const types = (await desk.history(id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'credit.held',
        'approval.granted',
        'credit.release.granted',
        'credit.released',
        'review.started',
      ]),
    );
    expect((await desk.verify(id)).ok).toBe(true);
  });

  it('CR-4 a release needs a reason', async () => {
    const { act } = await setup();
    expect(await act({ type: 'RELEASE_CREDIT', actor: people.qian, reason: '  ' })).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
  });

  it("CR-4 only the policy's credit role releases; the owner never does (segregation of duties)", async () => {
    const policy = {
      roles: {
        ...companyRoles,
        financeDirector: { ...companyRoles.financeDirector, groups: ['finance_director', 'sales'] },
      },
    };
    const { act } = await setup(overLimit, policy);
    expect(await act({ type: 'RELEASE_CREDIT', actor: people.zhao, reason: 'ok' })).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await act({ type: 'RELEASE_CREDIT', actor: people.li, reason: 'ok' })).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    expect(
      await act({ type: 'RELEASE_CREDIT', actor: people.chen, reason: 'colleague' }),
    ).toMatchObject({ ok: true });
  });

  it('CR-4 the releasing role is policy', async () => {
    const { act } = await setup(overLimit, {
      approvals: {
        steps: {
          creditApproval: {
            label: { en: 'Credit', zh: '信用' },
            roles: ['finance'],
            stage: 25,
            ruleId: 'CR-4',
          },
        },
      },
    });
    expect(await act({ type: 'RELEASE_CREDIT', actor: people.qian, reason: 'ok' })).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await act({ type: 'RELEASE_CREDIT', actor: people.zhao, reason: 'ok' })).toMatchObject({
      ok: true,
    });
  });

  it('CR-4 prepayment covering the excess releases the hold; less does not', async () => {
    const { act } = await setup();
    const partial = await act({
      type: 'RECORD_PREPAYMENT',
      actor: people.zhao,
      amount: 60_000,
      reference: 'BANK-1',
    });
    expect(partial.ok && partial.value.workflow.status).toBe('credit_hold');
    const rest = await act({
      type: 'RECORD_PREPAYMENT',
      actor: people.zhao,
      amount: 5_000,
      reference: 'BANK-2',
    });
    expect(rest.ok && rest.value.workflow.status).toBe('in_review');
  });

  it('CR-4 prepayments are recorded by finance, never by the owner', async () => {
    const { act } = await setup();
    expect(
      await act({ type: 'RECORD_PREPAYMENT', actor: people.li, amount: 65_000 }),
    ).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    for (const amount of [-5, 0]) {
      expect(await act({ type: 'RECORD_PREPAYMENT', actor: people.zhao, amount })).toMatchObject({
        ok: false,
        code: 'INVALID_AMOUNT',
        ruleId: 'CR-4',
        messageKey: 'credit.prepayment.notPositive',
      });
    }
    // Not a whole number of minor units: malformed input, not a refusal.
    await expect(
      act({ type: 'RECORD_PREPAYMENT', actor: people.zhao, amount: 1.5 }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('CR-4 the credit refusals render in English and Chinese with every parameter filled', () => {
    const params = { expiresAt: 'tomorrow', amount: '-0.05 CNY' };
    for (const key of [
      'credit.release.expiryMalformed',
      'credit.prepayment.notPositive',
      'credit.guarantee.referenceRequired',
    ]) {
      for (const locale of ['en', 'zh'] as const) {
        expect(MESSAGES[key]?.[locale], key).toBeTruthy();
        expect(formatMessage(key, params, locale)).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('CR-4 a guarantee without its document reference is refused, not thrown', async () => {
    const { act } = await setup();
    expect(
      await act({ type: 'RECORD_GUARANTEE', actor: people.zhao, reference: '  ' }),
    ).toMatchObject({
      ok: false,
      code: 'REFERENCE_REQUIRED',
      ruleId: 'CR-4',
      messageKey: 'credit.guarantee.referenceRequired',
    });
  });

  it('CR-4 a guarantee recorded by finance releases the hold', async () => {
    const { act } = await setup();
    const r = await act({ type: 'RECORD_GUARANTEE', actor: people.zhao, reference: 'BG-2026-001' });
    expect(r.ok && r.value.workflow.status).toBe('in_review');
  });

  it('CR-4 the credit approver may decline: back to sales with the reason; a resubmission is held again', async () => {
    const { act, desk } = await setup();
    expect(await act({ type: 'DECLINE_CREDIT', actor: people.qian, reason: '' })).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    const r = await act({
      type: 'DECLINE_CREDIT',
      actor: people.qian,
      reason: 'Ask for prepayment terms',
    });
    expect(r.ok && r.value.workflow.status).toBe('returned');
    expect(r.ok && r.value.workflow.lastReturn?.reason).toBe('Ask for prepayment terms');
    const again = await desk.submit(makeOrder(), people.li);
    expect(again.ok && again.value.workflow.status).toBe('credit_hold');
    expect(again.ok && again.value.workflow.credit?.release).toBeUndefined();
  });
});

describe('CR-6 abnormal credit is released by prepayment or guarantee only', () => {
  it('CR-6 grade D: approval cannot release; prepayment of the whole order does', async () => {
    const { act } = await setup({ credit: { grade: 'D' } });
    const byApproval = await act({
      type: 'RELEASE_CREDIT',
      actor: people.qian,
      reason: 'trust me',
    });
    expect(byApproval).toMatchObject({ ok: false, code: 'BLOCKED' });
    expect(byApproval.ok ? [] : byApproval.findings?.map((f) => f.ruleId)).toEqual(['CR-6']);
    const short = await act({
      type: 'RECORD_PREPAYMENT',
      actor: people.zhao,
      amount: ORDER_TOTAL - 1,
    });
    expect(short.ok && short.value.workflow.status).toBe('credit_hold');
    const paid = await act({ type: 'RECORD_PREPAYMENT', actor: people.zhao, amount: 1 });
    expect(paid.ok && paid.value.workflow.status).toBe('in_review');
  });

  it('CR-6 overdue receivables and CR-4 together: every hold must be released', async () => {
    const { act } = await setup({
      receivables: [receivable('r1', 9_500_000, daysBefore(CREDIT_DAY, 120))],
    });
    const released = await act({ type: 'RELEASE_CREDIT', actor: people.qian, reason: 'limit ok' });
    expect(released.ok && released.value.workflow.status).toBe('credit_hold'); // CR-6 still open
    const guaranteed = await act({
      type: 'RECORD_GUARANTEE',
      actor: people.zhao,
      reference: 'BG-9',
    });
    expect(guaranteed.ok && guaranteed.value.workflow.status).toBe('in_review');
  });
});

describe('CR-1 never-evaluated customer', () => {
  it('CR-1 is held, and a credit approval releases it', async () => {
    const { submitted, act } = await setup({ credit: { evaluatedAt: undefined } });
    expect(submitted.value.workflow.status).toBe('credit_hold');
    const r = await act({
      type: 'RELEASE_CREDIT',
      actor: people.qian,
      reason: 'Evaluation scheduled',
    });
    expect(r.ok && r.value.workflow.status).toBe('in_review');
  });

  it('CR-1 by default an order without credit facts is held, never passed silently; a credit approval releases it', async () => {
    const policy = loadPolicy({ roles: companyRoles }); // credit.withoutFacts left to its default
    expect(policy.credit.withoutFacts).toBe('hold');
    const desk = orderDesk(
      gate({
        policy,
        store: new MemoryStore(),
        clock: testClock(),
        ids: testIds(),
      }),
    );
    const r = await desk.submit(makeOrder(), people.li);
    if (!r.ok) return expect.fail(r.code);
    const { workflow } = r.value;
    expect(workflow.status).toBe('credit_hold');
    expect(workflow.route).toBeUndefined();
    expect(workflow.credit?.holds).toEqual([
      {
        ruleId: 'CR-1',
        messageKey: 'credit.facts.missingHold',
        paths: ['approval', 'prepayment'],
        prepaymentRequired: ORDER_TOTAL,
      },
    ]);
    const cr1 = workflow.findings.find((f) => f.ruleId === 'CR-1');
    expect(cr1?.severity).toBe('block');
    expect(formatFinding(cr1!, 'en')).toContain('No credit facts were supplied for');
    expect(r.effects.find((e) => e.type === 'scheduleApproval')).toMatchObject({
      step: 'creditApproval',
      ruleIds: ['CR-1'],
    });
    expect(await desk.approve(r.value.order.id, people.liu)).toMatchObject({ ok: false });
    const released = await desk.act(r.value.order.id, {
      type: 'RELEASE_CREDIT',
      actor: people.qian,
      reason: 'Credit facts checked by phone with the ERP team',
    });
    expect(released.ok && released.value.workflow.status).toBe('in_review');
  });

  it('CR-1 an order held for missing facts is assessed on its facts once they are loaded and it is resubmitted', async () => {
    const policy = loadPolicy({ roles: companyRoles });
    const desk = orderDesk(
      gate({
        policy,
        store: new MemoryStore(),
        clock: testClock(),
        ids: testIds(),
      }),
    );
    const held = await desk.submit(makeOrder(), people.li);
    expect(held.ok && held.value.workflow.status).toBe('credit_hold');
    await desk.putCustomer(makeCustomer()); // the connector delivers the facts: evaluated, within limit
    const declined = await desk.act('o-1', {
      type: 'DECLINE_CREDIT',
      actor: people.qian,
      reason: 'Resubmit now that the credit facts are loaded',
    });
    expect(declined.ok && declined.value.workflow.status).toBe('returned');
    const again = await desk.submit(makeOrder(), people.li);
    expect(again.ok && again.value.workflow.status).toBe('in_review');
    expect(again.ok && again.value.workflow.findings.some((f) => f.ruleId === 'CR-1')).toBe(false);
  });

  it("CR-1 with credit.withoutFacts 'info' an order without credit facts goes to review with an info finding", async () => {
    const clock = testClock();
    const desk = orderDesk(
      gate({
        policy: companyPolicy({ credit: { withoutFacts: 'info' } }),
        store: new MemoryStore(),
        clock,
        ids: testIds(),
      }),
    );
    const r = await desk.submit(makeOrder(), people.li);
    expect(r.ok && r.value.workflow.status).toBe('in_review');
    expect(r.ok && r.value.workflow.findings.find((f) => f.ruleId === 'CR-1')?.severity).toBe(
      'info',
    );
  });
});

describe('CR-4 releases expire as stated', () => {
  async function approvedWithRelease(hours: number) {
    const s = await setup();
    const expiresAt = new Date(Date.parse(s.clock.now()) + hours * 3_600_000).toISOString();
    const r = await s.act({
      type: 'RELEASE_CREDIT',
      actor: people.qian,
      reason: 'Until month end',
      expiresAt,
    });
    if (!r.ok) throw new Error(r.code);
    await s.act({ type: 'APPROVE', actor: people.liu });
    const a = await s.act({ type: 'APPROVE', actor: people.wang });
    if (!a.ok || a.value.workflow.status !== 'approved') throw new Error('not approved');
    return { ...s, expiresAt };
  }

  it('CR-4 an expiry that is not in the future is refused', async () => {
    const { act, clock } = await setup();
    expect(
      await act({
        type: 'RELEASE_CREDIT',
        actor: people.qian,
        reason: 'x',
        expiresAt: clock.now(),
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_EXPIRY' });
    // An instant that does not exist is not a release at all: the parse names the field.
    for (const expiresAt of ['tomorrow', '2026-03-02T18:00:00+99:99', '2026-02-30T18:00:00Z']) {
      const error = await act({
        type: 'RELEASE_CREDIT',
        actor: people.qian,
        reason: 'x',
        expiresAt,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['expiresAt']);
    }
  });

  it('CR-4 before expiry the order confirms', async () => {
    const { act, clock } = await approvedWithRelease(48);
    clock.advanceHours(47);
    expect(await act({ type: 'CONFIRM', actor: people.li })).toMatchObject({ ok: true });
  });

  it('CR-4 at expiry confirmation is blocked, the check puts it back on hold, a new release resumes it', async () => {
    const { act, clock } = await approvedWithRelease(48);
    clock.advanceHours(48);
    const blocked = await act({ type: 'CONFIRM', actor: people.li });
    expect(blocked).toMatchObject({ ok: false, code: 'BLOCKED' });
    expect(blocked.ok ? [] : blocked.findings?.map((f) => `${f.ruleId}:${f.messageKey}`)).toEqual([
      'CR-4:credit.release.lapsed',
    ]);
    const held = await act({ type: 'CHECK_CREDIT_RELEASE' });
    expect(held.ok && held.value.workflow.status).toBe('credit_hold');
    expect(
      held.ok &&
        held.effects.some((e) => e.type === 'scheduleApproval' && e.step === 'creditApproval'),
    ).toBe(true);
    const renewed = await act({ type: 'RELEASE_CREDIT', actor: people.qian, reason: 'Extended' });
    expect(renewed.ok && renewed.value.workflow.status).toBe('approved');
    expect(await act({ type: 'CONFIRM', actor: people.li })).toMatchObject({ ok: true });
  });

  it('CR-4 the scheduled desk check re-holds an order whose release expired, and only then', async () => {
    const { desk, id, clock } = await approvedWithRelease(48);
    clock.advanceHours(47);
    expect(await desk.checkDeadlines()).toEqual([]);
    expect((await desk.get(id))?.workflow.status).toBe('approved');
    clock.advanceHours(1);
    expect(await desk.checkDeadlines()).toEqual([id]);
    expect((await desk.get(id))?.workflow.status).toBe('credit_hold');
  });

  it('CR-4 a check while the release is in force changes nothing', async () => {
    const { act } = await approvedWithRelease(48);
    const r = await act({ type: 'CHECK_CREDIT_RELEASE' });
    expect(r.ok && r.value.workflow.status).toBe('approved');
    expect(r.ok && r.effects).toEqual([]);
  });

  it('CR-4 a prepayment after expiry covers the hold without a new release', async () => {
    const { act, clock } = await approvedWithRelease(1);
    clock.advanceHours(2);
    await act({ type: 'RECORD_PREPAYMENT', actor: people.zhao, amount: 65_000 });
    expect(await act({ type: 'CONFIRM', actor: people.li })).toMatchObject({ ok: true });
  });
});
