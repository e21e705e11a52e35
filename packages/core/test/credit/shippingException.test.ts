import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  type Effect,
  type OrderView,
  type Result,
  type ShippingException,
} from '../../src/index.js';
import { makeCustomer } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';
import { confirmedOrder } from '../support/tracking.js';

/** The value of a result that must succeed. */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

const exceptions = (v: OrderView): readonly ShippingException[] =>
  v.workflow.credit?.shippingExceptions ?? [];

/** Both languages render every effect message without a placeholder left. */
function rendered(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) =>
    'messageKey' in e
      ? (['en', 'zh'] as const).map((lang) => {
          const text = formatMessage(e.messageKey, e.params, lang);
          expect(text, `${e.messageKey} ${lang}`).not.toMatch(/\{\w+\}|undefined/);
          expect(text).not.toBe(e.messageKey);
          return text;
        })
      : [],
  );
}

const REASON = 'Customer line stoppage; payment on receipt of goods';
const CHAIN = ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'];

describe('RV-7 CR-8 shipping before payment asked for after confirmation', () => {
  it('RV-7 CR-8 the exception runs marketing VP → finance director → president in order; approved, the goods ship unpaid and the shipment and delivery name it', async () => {
    const { og, orderId, clock } = await confirmedOrder();
    const blocked = await og.recordProgress(orderId, people.zhou, {
      step: 'shipping',
      status: 'started',
    });
    expect(!blocked.ok && blocked.findings.map((f) => f.ruleId)).toEqual(['CR-8']);

    const requested = await og.requestShippingException(orderId, people.li, { reason: REASON });
    const pending = exceptions(ok(requested))[0]!;
    expect(pending).toMatchObject({
      id: 'SBP-1',
      status: 'pending',
      reason: REASON,
      requestedBy: 'u-li',
    });
    expect(pending.route.steps.map((s) => [s.key, s.status, s.ruleIds])).toEqual([
      ['marketingVpReview', 'active', ['RV-7', 'CR-8']],
      ['financeDirectorOpinion', 'waiting', ['RV-7', 'CR-8']],
      ['presidentApproval', 'waiting', ['RV-7', 'CR-8']],
    ]);
    expect(requested.ok && requested.effects.map((e) => e.type)).toEqual([
      'postMessage',
      'scheduleApproval',
    ]);
    expect(requested.ok && requested.effects[1]).toMatchObject({
      step: 'marketingVpReview',
      roles: ['marketingVP'],
    });
    rendered(requested.ok ? requested.effects : []);

    // Out of order: the finance director and the president wait for the marketing VP.
    expect(
      await og.approveShippingException(orderId, people.qian, { step: 'financeDirectorOpinion' }),
    ).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
      ruleId: 'RV-7',
      messageKey: 'credit.shippingException.stepNotActive',
      params: { stepEn: 'Finance director opinion', stepZh: '财务总监意见' },
    });
    // The president's act is due later: not yet open, and said so (one approver, one act).
    expect(await og.approveShippingException(orderId, people.ma)).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
      messageKey: 'credit.shippingException.stepNotActive',
    });

    const vp = await og.approveShippingException(orderId, people.zheng, { comment: 'Key account' });
    expect(vp.ok && vp.effects.map((e) => [e.type, 'step' in e ? e.step : ''])).toEqual([
      ['closeApproval', 'marketingVpReview'],
      ['scheduleApproval', 'financeDirectorOpinion'],
    ]);
    clock.advanceHours(2);
    const fd = await og.approveShippingException(orderId, people.qian);
    expect(fd.ok && fd.effects.map((e) => [e.type, 'step' in e ? e.step : ''])).toEqual([
      ['closeApproval', 'financeDirectorOpinion'],
      ['scheduleApproval', 'presidentApproval'],
    ]);
    // Still pending: the goods wait for the president.
    expect(
      (await og.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'started' })).ok,
    ).toBe(false);
    const president = await og.approveShippingException(orderId, people.ma);
    const approved = exceptions(ok(president))[0]!;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'u-ma' });
    expect(president.ok && president.effects.at(-1)).toMatchObject({
      type: 'notify',
      to: { users: ['u-li'] },
      messageKey: 'credit.shippingException.approved',
      params: { exception: 'SBP-1' },
      ruleId: 'CR-8',
    });
    expect(rendered(president.ok ? president.effects : []).join('\n')).toContain(
      'Shipping before payment approved (SBP-1)',
    );

    const shipped = await og.recordProgress(orderId, people.zhou, {
      step: 'shipping',
      status: 'started',
      reference: 'WB-77',
    });
    expect(ok(shipped).workflow.tracking?.steps.shipping).toMatchObject({
      status: 'started',
      reference: 'WB-77',
      shippingException: 'SBP-1',
    });
    expect(shipped.ok && shipped.effects.map((e) => 'messageKey' in e && e.messageKey)).toContain(
      'credit.shippingException.shipped',
    );
    const done = await og.recordProgress(orderId, people.zhou, {
      step: 'shipping',
      status: 'done',
    });
    expect(ok(done).workflow.tracking?.steps.shipping?.shippingException).toBe('SBP-1');
    clock.advanceHours(24);
    const delivered = ok(await og.deliver(orderId, people.zhou, { reference: 'DN-77' }));
    expect(delivered.workflow.tracking?.delivery?.shippingException).toBe('SBP-1');

    const trail = await og.history(orderId);
    const types = trail.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'credit.shippingException.requested',
        'credit.shippingException.approved',
      ]),
    );
    const granted = trail.filter(
      (e) => e.type === 'approval.granted' && e.data.shippingException === 'SBP-1',
    );
    expect(granted.map((e) => (e.type === 'approval.granted' ? e.data.step : ''))).toEqual(CHAIN);
    expect(granted.map((e) => (e.type === 'approval.granted' ? e.data.actor : ''))).toEqual([
      'u-zheng',
      'u-qian',
      'u-ma',
    ]);
    const progress = trail.filter(
      (e) => e.type === 'fulfilment.progress' && e.data.step === 'shipping',
    );
    expect(
      progress.map((e) => (e.type === 'fulfilment.progress' ? e.data.shippingException : '')),
    ).toEqual(['SBP-1', 'SBP-1']);
    const delivery = trail.find((e) => e.type === 'order.delivered');
    expect(delivery?.type === 'order.delivered' && delivery.data.shippingException).toBe('SBP-1');
    expect((await og.verify()).ok).toBe(true);
  });

  it('RV-7 segregation of duties: neither the order owner who asked nor a delegate on their behalf approves or rejects the exception', async () => {
    const policy = companyPolicy({
      delegations: [{ from: 'u-zheng', to: 'u-chen', roles: ['marketingVP'] }],
    });
    // Zheng (a marketing VP) owns this order as its salesperson, confirms it and asks.
    const { og } = makeDesk(policy);
    const orderId = ok(await og.submit(makeOrder({ salesperson: 'u-zheng' }), people.li)).order.id;
    for (const who of [people.liu, people.wang]) ok(await og.approve(orderId, who));
    ok(await og.confirm(orderId, people.zheng));
    ok(await og.requestShippingException(orderId, people.zheng, { reason: REASON }));
    expect(await og.approveShippingException(orderId, people.zheng)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'credit.shippingException.selfApproval',
      params: { actor: 'u-zheng', party: 'u-zheng' },
    });
    expect(await og.rejectShippingException(orderId, people.zheng, 'No')).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    const onBehalf = await og.approveShippingException(orderId, people.chen);
    expect(onBehalf).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'credit.shippingException.selfApprovalOnBehalf',
      params: { actor: 'u-chen', party: 'u-zheng' },
    });
    if (!onBehalf.ok)
      expect(formatMessage(onBehalf.messageKey, onBehalf.params, 'zh')).toContain('代u-zheng');
  });

  it('RV-7 the requester is barred from the chain even when not the owner: a marketing VP asking for it cannot approve its first step', async () => {
    const policy = companyPolicy({
      credit: { shippingException: { requestRoles: ['marketingVP'] } },
    });
    const { og, orderId } = await confirmedOrder({}, policy);
    ok(await og.requestShippingException(orderId, people.zheng, { reason: REASON }));
    expect(await og.approveShippingException(orderId, people.zheng)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      ruleId: 'RV-7',
    });
  });

  it('RV-7 CR-8 a rejected exception leaves the goods waiting for payment; a new one may be asked for (SBP-2)', async () => {
    const { og, orderId } = await confirmedOrder();
    ok(await og.requestShippingException(orderId, people.li, { reason: REASON }));
    expect(await og.rejectShippingException(orderId, people.zheng, '  ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
      messageKey: 'credit.shippingException.reasonRequired',
    });
    // Only a reviewer of the active step rejects: the finance director's step is not open yet.
    expect(await og.rejectShippingException(orderId, people.qian, 'No')).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      messageKey: 'credit.shippingException.notReviewer',
    });
    const rejected = await og.rejectShippingException(orderId, people.zheng, 'Overdue invoices');
    expect(exceptions(ok(rejected))[0]).toMatchObject({
      status: 'rejected',
      decidedBy: 'u-zheng',
      rejection: 'Overdue invoices',
    });
    expect(rejected.ok && rejected.effects.map((e) => e.type)).toEqual(['closeApproval', 'notify']);
    expect(rendered(rejected.ok ? rejected.effects : []).join('\n')).toContain('驳回');
    expect(
      (await og.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'started' })).ok,
    ).toBe(false);
    expect(await og.approveShippingException(orderId, people.zheng)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      messageKey: 'credit.shippingException.nonePending',
    });
    const again = ok(await og.requestShippingException(orderId, people.li, { reason: REASON }));
    expect(exceptions(again).map((e) => `${e.id}:${e.status}`)).toEqual([
      'SBP-1:rejected',
      'SBP-2:pending',
    ]);
    expect(
      (await og.history(orderId)).filter((e) => e.type === 'credit.shippingException.rejected'),
    ).toHaveLength(1);
  });

  it('RV-7 CR-8 who may ask, and when: the owner with a reason, one at a time, before shipping, only while payment is short', async () => {
    const { og, orderId } = await confirmedOrder();
    expect(await og.requestShippingException(orderId, people.li, { reason: ' ' })).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
      ruleId: 'RV-7',
    });
    expect(
      await og.requestShippingException(orderId, people.chen, { reason: REASON }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      messageKey: 'credit.shippingException.notAllowed',
    });
    ok(await og.requestShippingException(orderId, people.li, { reason: REASON }));
    expect(await og.requestShippingException(orderId, people.li, { reason: REASON })).toMatchObject(
      {
        ok: false,
        code: 'CONFLICT',
        messageKey: 'credit.shippingException.pending',
        params: { exception: 'SBP-1' },
      },
    );
    for (const who of [people.zheng, people.qian, people.ma])
      ok(await og.approveShippingException(orderId, who));
    // Approved: a second exception is not needed.
    expect(await og.requestShippingException(orderId, people.li, { reason: REASON })).toMatchObject(
      { ok: false, code: 'INVALID_TRANSITION', messageKey: 'credit.shippingException.notNeeded' },
    );
  });

  it('CR-8 delivering without a recorded shipment passes the same gate: unpaid → BLOCKED; paid / credit terms / approved exception → delivered', async () => {
    /** A confirmed order whose production was recorded, and no shipment. */
    const produced = async () => {
      const h = await confirmedOrder();
      for (const status of ['started', 'done'] as const)
        ok(await h.og.recordProgress(h.orderId, people.zhou, { step: 'production', status }));
      return h;
    };

    const unpaid = await produced();
    ok(await unpaid.og.recordPrepayment(unpaid.orderId, people.zhao, { amount: 564_999 }));
    const refused = await unpaid.og.deliver(unpaid.orderId, people.zhou, { reference: 'DN-1' });
    expect(refused).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      ruleId: 'CR-8',
      messageKey: 'tracking.step.blocked.shipping',
    });
    expect(!refused.ok && refused.findings.map((f) => [f.ruleId, f.messageKey])).toEqual([
      ['CR-8', 'credit.shipping.paymentRequired'],
    ]);
    expect((await unpaid.og.order(unpaid.orderId))?.workflow.status).toBe('in_fulfilment');
    expect((await unpaid.og.history(unpaid.orderId)).map((e) => e.type)).not.toContain(
      'order.delivered',
    );
    // The last minor unit paid: the whole order is paid and the goods may be delivered.
    ok(await unpaid.og.recordPrepayment(unpaid.orderId, people.zhao, { amount: 1 }));
    const paid = ok(await unpaid.og.deliver(unpaid.orderId, people.zhou, { reference: 'DN-1' }));
    expect(paid.workflow.status).toBe('delivered');
    expect(paid.workflow.tracking?.delivery?.shippingException).toBeUndefined();

    const terms = await produced();
    await terms.og.putCustomer(makeCustomer({ credit: { creditTerms: true } }));
    const onTerms = ok(await terms.og.deliver(terms.orderId, people.zhou));
    expect(onTerms.workflow.status).toBe('delivered');
    expect(onTerms.workflow.tracking?.delivery?.shippingException).toBeUndefined();

    const excepted = await produced();
    ok(await excepted.og.requestShippingException(excepted.orderId, people.li, { reason: REASON }));
    ok(await excepted.og.approveShippingException(excepted.orderId, people.zheng));
    ok(await excepted.og.approveShippingException(excepted.orderId, people.qian));
    // Still pending before the president: delivery waits like shipping would.
    expect(await excepted.og.deliver(excepted.orderId, people.zhou)).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      ruleId: 'CR-8',
    });
    ok(await excepted.og.approveShippingException(excepted.orderId, people.ma));
    const underException = ok(await excepted.og.deliver(excepted.orderId, people.zhou));
    expect(underException.workflow.status).toBe('delivered');
    expect(underException.workflow.tracking?.delivery?.shippingException).toBe('SBP-1');
    const delivered = (await excepted.og.history(excepted.orderId)).find(
      (e) => e.type === 'order.delivered',
    );
    expect(delivered?.type === 'order.delivered' && delivered.data.shippingException).toBe('SBP-1');
  });

  it('RV-7 CH-3 cancelling an order with a pending shipping exception withdraws it and closes its open approval activities', async () => {
    const { og, orderId } = await confirmedOrder();
    ok(await og.requestShippingException(orderId, people.li, { reason: REASON }));
    ok(await og.approveShippingException(orderId, people.zheng)); // the finance director's step opens
    ok(await og.requestCancellation(orderId, people.li, 'Project stopped'));
    // CH-3: finance and production review the cancellation, then the sales head approves it
    ok(await og.approveChange(orderId, people.zhao));
    ok(await og.approveChange(orderId, people.liu));
    const last = await og.approveChange(orderId, people.wang);
    const cancelled = ok(last);
    expect(cancelled.workflow.status).toBe('cancelled');
    expect(exceptions(cancelled)[0]).toMatchObject({
      id: 'SBP-1',
      status: 'withdrawn',
      decidedAt: expect.any(String),
      decidedBy: expect.any(String),
    });
    const closed = last.ok
      ? last.effects
          .filter((e) => e.type === 'closeApproval')
          .map((e) => ('step' in e ? e.step : ''))
      : [];
    expect(closed).toContain('financeDirectorOpinion');
    expect(closed).not.toContain('presidentApproval'); // never opened, nothing to close
    // Nobody is asked to decide it any more.
    expect(await og.approveShippingException(orderId, people.qian)).toMatchObject({ ok: false });
    expect((await og.verify()).ok).toBe(true);
  });

  it('CR-8 boundary: payment one minor unit short still needs the exception; the whole order paid, or credit terms, make it unneeded; started shipping makes it too late', async () => {
    const short = await confirmedOrder();
    ok(await short.og.recordPrepayment(short.orderId, people.zhao, { amount: 564_999 }));
    expect(
      (await short.og.requestShippingException(short.orderId, people.li, { reason: REASON })).ok,
    ).toBe(true);

    const paid = await confirmedOrder();
    ok(await paid.og.recordPrepayment(paid.orderId, people.zhao, { amount: 565_000 }));
    expect(
      await paid.og.requestShippingException(paid.orderId, people.li, { reason: REASON }),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', ruleId: 'CR-8' });
    ok(
      await paid.og.recordProgress(paid.orderId, people.zhou, {
        step: 'shipping',
        status: 'started',
      }),
    );
    expect(
      await paid.og.requestShippingException(paid.orderId, people.li, { reason: REASON }),
    ).toMatchObject({ ok: false, messageKey: 'credit.shippingException.alreadyShipping' });

    const terms = await confirmedOrder();
    await terms.og.putCustomer(makeCustomer({ credit: { creditTerms: true } }));
    expect(
      await terms.og.requestShippingException(terms.orderId, people.li, { reason: REASON }),
    ).toMatchObject({ ok: false, messageKey: 'credit.shippingException.notNeeded' });
  });

  it('RV-7 CR-8 an order not yet confirmed takes no exception request (its review decides shipping before payment)', async () => {
    const { og } = await confirmedOrder();
    expect(ok(await og.submit(makeOrder({ id: 'o-2' }), people.li)).workflow.status).toBe(
      'in_review',
    );
    expect(await og.requestShippingException('o-2', people.li, { reason: REASON })).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      messageKey: 'workflow.invalidTransition',
    });
  });

  it('RV-7 CR-8 an order whose review approved shipping before payment ships unpaid, the shipment naming the review', async () => {
    const { og, orderId } = await confirmedOrder({ shipBeforePayment: true });
    const shipped = ok(
      await og.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'started' }),
    );
    expect(shipped.workflow.tracking?.steps.shipping?.shippingException).toBe('review');
  });

  it('RV-7 CR-8 allowedActions and work queues: the owner may ask, each approver sees the exception when its step is open', async () => {
    const { og, orderId } = await confirmedOrder();
    const allowed = async (who: (typeof people)[keyof typeof people]) =>
      Object.fromEntries(
        (await og.allowedActions(orderId, who))
          .filter((a) => a.action.endsWith('ShippingException'))
          .map((a) => [a.action, a.allowed ? true : a.code]),
      );
    expect(await allowed(people.li)).toEqual({
      requestShippingException: true,
      approveShippingException: 'INVALID_TRANSITION',
      rejectShippingException: 'INVALID_TRANSITION',
    });
    expect((await allowed(people.chen)).requestShippingException).toBe('NOT_ELIGIBLE');
    expect((await og.workQueue(people.zheng)).map((i) => i.orderId)).toEqual([]);
    ok(await og.requestShippingException(orderId, people.li, { reason: REASON }));
    expect(await allowed(people.zheng)).toEqual({
      requestShippingException: 'NOT_ELIGIBLE',
      approveShippingException: true,
      rejectShippingException: true,
    });
    expect((await allowed(people.li)).requestShippingException).toBe('CONFLICT');
    expect((await allowed(people.qian)).approveShippingException).toBe('STEP_NOT_ACTIVE');
    const queue = await og.workQueue(people.zheng);
    expect(queue).toEqual([
      expect.objectContaining({
        orderId,
        status: 'confirmed',
        actions: ['approveShippingException'],
        dueAt: expect.any(String) as string,
      }),
    ]);
    expect(await og.workQueue(people.qian)).toEqual([]);
    ok(await og.approveShippingException(orderId, people.zheng));
    expect((await og.workQueue(people.qian)).map((i) => i.actions)).toEqual([
      ['approveShippingException'],
    ]);
    expect(await og.workQueue(people.zheng)).toEqual([]);
  });

  it('CH-3 allowedActions on a confirmed order probes a cancellation as its parse gives it (the probe used to throw a TypeError)', async () => {
    const { og, orderId } = await confirmedOrder();
    const actions = await og.allowedActions(orderId, people.li);
    expect(actions.find((a) => a.action === 'requestCancellation')).toEqual({
      action: 'requestCancellation',
      allowed: true,
    });
  });
});
