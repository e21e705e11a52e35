import { describe, expect, it } from 'vitest';
import {
  formatFinding,
  formatMessage,
  MESSAGES,
  ValidationError,
  type Effect,
  type MessageParam,
  type OrderView,
  type Result,
} from '../../src/index.js';
import { approveAllChangeSteps, changeDesk, confirmedOrder, ok } from '../support/change.js';
import { makeCustomer, receivable } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder, makeOrderInput } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const base = {
  baseRevision: 1,
  reason: 'Customer asked',
  impact: 'Production plan moves',
};

/** A change of line l2's quantity (10 today): 12 makes the order 6,102.00 CNY with tax. */
const quantity = (n: number) => ({
  ...base,
  patch: [{ op: 'updateLine' as const, lineId: 'l2', set: { quantity: n } }],
});

/** The refusal of a result that must be refused. */
function refused<T>(r: Result<T>) {
  if (r.ok) return expect.fail('expected a refusal');
  return r;
}

const stepOf = (view: OrderView, key: string) =>
  view.workflow.change?.pending?.route.steps.find((s) => s.key === key);

/** A refusal's message exists in both languages and renders with no placeholder left. */
function rendersInBothLanguages(r: {
  messageKey: string;
  params: Readonly<Record<string, MessageParam>>;
}) {
  expect(MESSAGES[r.messageKey], r.messageKey).toBeDefined();
  for (const lang of ['en', 'zh'] as const)
    expect(formatMessage(r.messageKey, r.params, lang)).not.toMatch(/\{\w+\}/);
}

/** The value of a result that must succeed. */
function value<T>(r: Result<T>): T {
  if (!r.ok) return expect.fail(`${r.code}: ${r.message}`);
  return r.value;
}

describe('CH-5 an approved change re-runs the rules on the new revision', () => {
  /** A confirmed order o-1 (5,650.00 CNY with tax) of a customer with the limit given. */
  async function orderUnderLimit(limit: number) {
    const { desk, clock } = changeDesk();
    await desk.putCustomer(makeCustomer({ credit: { limit: { amount: limit, currency: 'CNY' } } }));
    const order = await confirmedOrder(desk);
    return { desk, clock, order };
  }

  /** Requests `change` and has every step approved; the last approval's result. */
  async function approved(desk: ReturnType<typeof changeDesk>['desk'], change: object) {
    ok(await desk.requestChange('o-1', people.li, change as never));
    ok(await desk.approveChange('o-1', people.liu)); // RV-5 production review
    return desk.approveChange('o-1', people.wang); // CH-1 sales head
  }

  it('CH-5 CR-4 a quantity increase that takes the exposure just over the limit puts the order on credit hold naming CR-4', async () => {
    const { desk } = await orderUnderLimit(610_199); // the new revision is 610,200 with tax
    const r = await approved(desk, quantity(12));
    const view = ok(r);
    expect(view.order.revision).toBe(2);
    expect(view.order.lines[1]!.quantity).toBe(12);
    expect(view.workflow.status).toBe('credit_hold');
    expect(view.workflow.credit?.holds.map((h) => h.ruleId)).toEqual(['CR-4']);
    expect(view.workflow.credit?.resumeStatus).toBe('confirmed');
    // the re-run's findings are on the result…
    if (!r.ok) return;
    const hold = r.findings.find((f) => f.ruleId === 'CR-4' && f.severity === 'block');
    expect(hold?.messageKey).toBe('credit.limit.exceeded');
    // …and in the audit record of the re-run, with the credit.held that follows it
    const history = await desk.history('o-1');
    const types = history.map((e) => e.type);
    expect(types.slice(types.indexOf('order.revised'))).toEqual([
      'order.revised',
      'change.notified',
      'change.reassessed',
      'credit.held',
    ]);
    const reassessed = history.find((e) => e.type === 'change.reassessed');
    expect(reassessed?.data).toMatchObject({
      changeRequest: 'o-1/change-1',
      revision: 2,
      exposureRaised: true,
      holds: ['CR-4'],
    });
    expect(reassessed?.ruleIds).toContain('CR-4');
    expect(
      reassessed?.type === 'change.reassessed' &&
        reassessed.data.findings.some((f) => f.messageKey === 'credit.limit.exceeded'),
    ).toBe(true);
  });

  it('CH-5 CR-4 a credit release sends the changed order back to confirmed, at its new revision', async () => {
    const { desk } = await orderUnderLimit(610_199);
    ok(await approved(desk, quantity(12)));
    const released = ok(
      await desk.og.releaseCredit('o-1', people.qian, { reason: 'Customer pays on delivery' }),
    );
    expect(released.workflow.status).toBe('confirmed');
    expect(released.order.revision).toBe(2);
    expect(released.workflow.route?.steps.every((s) => s.status === 'approved')).toBe(true);
  });

  it('CH-5 CR-4 a quantity increase that reaches the limit exactly, or stays under it, confirms', async () => {
    for (const limit of [610_200, 610_201]) {
      const { desk } = await orderUnderLimit(limit);
      const r = await approved(desk, quantity(12));
      const view = ok(r);
      expect(view.workflow.status).toBe('confirmed');
      expect(view.order.revision).toBe(2);
      expect(r.ok && r.findings.some((f) => f.ruleId === 'CR-4')).toBe(false);
      const reassessed = (await desk.history('o-1')).find((e) => e.type === 'change.reassessed');
      expect(reassessed?.data).toMatchObject({ exposureRaised: true, holds: [] });
    }
  });

  it('CH-5 CR-4 a change that does not raise the amount is not judged for credit again, even with the customer over the limit on other business', async () => {
    const { desk } = await orderUnderLimit(1_000_000);
    // since confirmation the customer owes 9,000.00 CNY elsewhere: over the limit with this order
    await desk.putCustomer(
      makeCustomer({
        credit: { limit: { amount: 1_000_000, currency: 'CNY' } },
        receivables: [receivable('r1', 900_000, '2026-04-30')],
      }),
    );
    const r = await approved(desk, quantity(8));
    const view = ok(r);
    expect(view.workflow.status).toBe('confirmed');
    expect(r.ok && r.findings.some((f) => f.ruleId === 'CR-4' && f.severity === 'block')).toBe(
      true,
    );
    const reassessed = (await desk.history('o-1')).find((e) => e.type === 'change.reassessed');
    expect(reassessed?.data).toMatchObject({ exposureRaised: false, holds: [] });
  });

  it('CH-5 RV-6 the discount a price change gives is judged on the new revision: on the result and in change.reassessed', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    ok(
      await desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'updateLine', lineId: 'l1', set: { unitPrice: 140_000 } }],
      }),
    );
    const done = await approveAllChangeSteps(desk, 'o-1');
    expect(done.workflow.status).toBe('confirmed');
    const rv6 = done.workflow.findings.find((f) => f.ruleId === 'RV-6');
    expect(rv6?.messageKey).toBe('review.discount.lineBeyondAuthority');
    const reassessed = (await desk.history('o-1')).find((e) => e.type === 'change.reassessed');
    expect(reassessed?.ruleIds).toContain('RV-6');
  });

  it('CH-5 RV-1 a change the new revision fails when it takes effect is refused BLOCKED; the request stays pending', async () => {
    const { desk, clock } = changeDesk({ review: { pricing: { minLeadTimeDays: 7 } } });
    await confirmedOrder(desk);
    // requested on 2 March for 9 March: exactly the minimum lead time, so it may be asked…
    ok(
      await desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-03-09' }],
      }),
    );
    ok(await desk.approveChange('o-1', people.liu));
    // …but approved a day later, when 9 March is six days away
    clock.advanceHours(24);
    const r = refused(await desk.approveChange('o-1', people.wang));
    expect(r).toMatchObject({
      code: 'BLOCKED',
      ruleId: 'RV-1',
      messageKey: 'change.apply.blocked',
      params: { request: 'o-1/change-1', count: 1 },
    });
    expect(r.findings.map((f) => f.messageKey)).toEqual(['review.pricing.leadTime.tooShort']);
    rendersInBothLanguages(r);
    const view = (await desk.get('o-1'))!;
    expect(view.workflow.status).toBe('change_pending');
    expect(view.order.revision).toBe(1);
  });
});

describe('CH-2 RV-1 a change request runs the review rules on the revision it would make', () => {
  it('RV-1 CH-2 a change that moves the delivery date into the past is refused BLOCKED naming RV-1; today passes', async () => {
    const { desk, store } = changeDesk();
    await confirmedOrder(desk);
    const before = store.snapshot();
    const past = refused(
      await desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-03-01' }],
      }),
    );
    expect(past).toMatchObject({
      code: 'BLOCKED',
      ruleId: 'RV-1',
      messageKey: 'change.request.blocked',
      params: { count: 1 },
    });
    expect(past.findings.map((f) => f.messageKey)).toEqual(['review.pricing.deliveryDate.past']);
    rendersInBothLanguages(past);
    expect(store.snapshot()).toEqual(before);
    ok(
      await desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-03-02' }],
      }),
    );
  });
});

describe('CH-4 RV-5 RV-7 change routes cite the rule that puts each step on them', () => {
  it('CH-4 RV-5 a technical change re-opens the RV-5 review: the production step and its findings cite RV-5 as well as CH-4', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    const view = ok(
      await desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'updateLine', lineId: 'l2', set: { specification: 'DN65 PN16' } }],
      }),
    );
    const production = stepOf(view, 'regularReview')!;
    expect(production.ruleIds).toEqual(expect.arrayContaining(['CH-4', 'RV-5']));
    const findings = view.workflow.change!.pending!.findings;
    expect(findings.find((f) => f.ruleId === 'RV-5')).toMatchObject({
      severity: 'approval',
      messageKey: 'review.route.regular',
      steps: ['regularReview'],
    });
    expect(findings.find((f) => f.ruleId === 'CH-4')?.messageKey).toBe('change.route.review');
  });

  it('CH-4 RV-5 a material change the customer asked for cites RV-5 on the non-regular route', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    const view = ok(
      await desk.requestChange('o-1', people.li, { ...quantity(12), customerRequested: true }),
    );
    expect(stepOf(view, 'engineeringReview')?.ruleIds).toEqual(
      expect.arrayContaining(['CH-4', 'RV-5']),
    );
    expect(
      view.workflow.change!.pending!.findings.find((f) => f.ruleId === 'RV-5')?.messageKey,
    ).toBe('review.route.nonRegular.changed');
  });

  it('CH-4 RV-7 a payment-term change outside policy puts the RV-7 chain on the route, each step citing RV-7; an allowed term does not', async () => {
    const policy = { review: { pricing: { allowedPaymentTerms: ['NET30', 'NET60'] } } };
    const outside = changeDesk(policy);
    await confirmedOrder(outside.desk);
    const view = ok(
      await outside.desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'set', field: 'paymentTerms', value: 'NET90' }],
      }),
    );
    for (const key of ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'])
      expect(stepOf(view, key)?.ruleIds, key).toContain('RV-7');
    const rv7 = view.workflow.change!.pending!.findings.find((f) => f.ruleId === 'RV-7')!;
    expect(rv7).toMatchObject({
      severity: 'approval',
      messageKey: 'review.exceptional.paymentTerms',
    });
    expect(formatFinding(rv7, 'zh')).toContain('NET90');
    const done = await approveAllChangeSteps(outside.desk, 'o-1');
    expect(done.order.paymentTerms).toBe('NET90');

    const allowed = changeDesk(policy);
    await confirmedOrder(allowed.desk);
    const plain = ok(
      await allowed.desk.requestChange('o-1', people.li, {
        ...base,
        patch: [{ op: 'set', field: 'paymentTerms', value: 'NET60' }],
      }),
    );
    expect(stepOf(plain, 'marketingVpReview')).toBeUndefined();
    expect(plain.workflow.change!.pending!.findings.some((f) => f.ruleId === 'RV-7')).toBe(false);
  });
});

describe('CH-2 a pending request can be withdrawn by its requester or the order’s owner', () => {
  it('CH-2 the requester withdraws a pending change: the order is unchanged, back to confirmed, open approvals closed through the outbox', async () => {
    const { desk, og, delivered } = makeDesk();
    await confirmedOrder(desk);
    ok(await desk.requestChange('o-1', people.li, quantity(12)));
    const r = await og.withdrawChange('o-1', people.li, 'Customer kept the old quantity');
    const view = ok(r);
    expect(view.workflow.status).toBe('confirmed');
    expect(view.workflow.change?.pending).toBeUndefined();
    expect(view.workflow.change?.history[0]).toMatchObject({
      id: 'o-1/change-1',
      decision: { outcome: 'withdrawn', by: 'u-li', reason: 'Customer kept the old quantity' },
    });
    expect(view.order).toMatchObject({ revision: 1 });
    expect(view.order.lines[1]!.quantity).toBe(10);
    // the production review was waiting: its activity is closed, delivered through the outbox
    const closed = (effects: readonly Effect[]) =>
      effects.flatMap((e) => (e.type === 'closeApproval' ? [e.step] : []));
    expect(r.ok && closed(r.effects)).toEqual(['regularReview']);
    expect(closed(delivered)).toContain('regularReview');
    expect(await og.pendingEffects()).toEqual([]);
    const withdrawn = (await og.history('o-1')).find((e) => e.type === 'change.withdrawn');
    expect(withdrawn).toMatchObject({
      ruleIds: ['CH-2'],
      actor: 'u-li',
      data: { changeRequest: 'o-1/change-1', kind: 'change', by: 'u-li' },
    });
    // a new request may follow at once
    ok(await desk.requestChange('o-1', people.li, quantity(11)));
  });

  it('CH-2 the owner may withdraw a request a colleague raised, and so may the colleague; a reason is optional', async () => {
    for (const who of [people.li, people.zhou]) {
      const { desk } = changeDesk({ change: { requestRoles: ['salesAssistant'] } });
      await confirmedOrder(desk);
      ok(await desk.requestChange('o-1', people.zhou, quantity(12)));
      const view = ok(await desk.og.withdrawChange('o-1', who));
      expect(view.workflow.change?.history[0]?.decision).toEqual({
        outcome: 'withdrawn',
        at: expect.any(String),
        by: who.id,
      });
    }
  });

  it('CH-2 anyone else — a reviewer of it included — is refused NOT_ELIGIBLE naming CH-2, and nothing changes', async () => {
    const { desk, store } = changeDesk();
    await confirmedOrder(desk);
    ok(await desk.requestChange('o-1', people.li, quantity(12)));
    const before = store.snapshot();
    for (const who of [people.wang, people.liu, people.chen]) {
      const r = refused(await desk.og.withdrawChange('o-1', who, 'no longer needed'));
      expect(r).toMatchObject({
        code: 'NOT_ELIGIBLE',
        ruleId: 'CH-2',
        messageKey: 'change.withdraw.notAllowed',
        params: { actor: who.id, request: 'o-1/change-1' },
      });
      rendersInBothLanguages(r);
    }
    expect(store.snapshot()).toEqual(before);
  });

  it('CH-3 a pending cancellation is withdrawn like a change; with nothing pending there is nothing to withdraw', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    expect(await desk.og.withdrawChange('o-1', people.li)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    ok(await desk.requestCancellation('o-1', people.li, 'Project stopped'));
    const view = ok(await desk.og.withdrawChange('o-1', people.li));
    expect(view.workflow.status).toBe('confirmed');
    const withdrawn = (await desk.history('o-1')).find((e) => e.type === 'change.withdrawn');
    expect(withdrawn?.data).toMatchObject({ kind: 'cancel', reason: '' });
  });

  it('CH-2 allowedActions offers withdrawChange to the requester and the owner only', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    ok(await desk.requestChange('o-1', people.li, quantity(12)));
    const withdraw = async (who: typeof people.li) =>
      (await desk.og.allowedActions('o-1', who)).find((a) => a.action === 'withdrawChange');
    expect(await withdraw(people.li)).toEqual({ action: 'withdrawChange', allowed: true });
    expect(await withdraw(people.wang)).toMatchObject({
      allowed: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'CH-2',
    });
  });
});

describe('CH-7 a contract change takes effect once its amendment is signed and in the ledger', () => {
  const contract = {
    required: true,
    number: 'HT-2026-017',
    legalReviewed: true,
    customerSignedAt: '2026-03-01T10:00:00+08:00',
  };
  const terms = { ...base, patch: [{ op: 'set' as const, field: 'paymentTerms', value: 'NET60' }] };

  /** A confirmed contract order with an approved change of its payment terms, awaiting signature. */
  async function awaiting() {
    const gate = changeDesk();
    await confirmedOrder(gate.desk, { contract });
    gate.clock.advanceHours(1);
    ok(await gate.desk.requestChange('o-1', people.li, terms));
    gate.clock.advanceHours(1);
    const view = await approveAllChangeSteps(gate.desk, 'o-1');
    return { ...gate, view };
  }

  it('CH-7 an approved change of a contract order waits for the signed amendment: the order keeps its revision until it is recorded', async () => {
    const { desk, clock, view } = await awaiting();
    expect(view.workflow.status).toBe('change_pending');
    expect(view.order).toMatchObject({ revision: 1, paymentTerms: 'NET30' });
    expect(view.workflow.change?.pending?.awaitingSignature).toEqual({
      approvedAt: '2026-03-02T03:00:00.000Z',
      approvedBy: 'u-wang',
    });
    const waiting = (await desk.history('o-1')).find((e) => e.type === 'change.awaitingSignature');
    expect(waiting).toMatchObject({
      ruleIds: ['CH-7'],
      data: { changeRequest: 'o-1/change-1', kind: 'change', contractNumber: 'HT-2026-017' },
    });
    // nobody approves it a second time
    expect((await desk.approveChange('o-1', people.wang)).ok).toBe(false);

    clock.advanceHours(24);
    const r = await desk.og.recordAmendmentSigned('o-1', people.wu, {
      reference: 'HT-2026-017-A1',
      signedAt: '2026-03-03T10:00:00+08:00',
    });
    const signed = ok(r);
    expect(signed.workflow.status).toBe('confirmed');
    expect(signed.order).toMatchObject({ revision: 2, paymentTerms: 'NET60' });
    expect(signed.workflow.change?.history[0]).toMatchObject({
      decision: { outcome: 'approved', by: 'u-wang', revision: 2 },
      amendment: {
        reference: 'HT-2026-017-A1',
        signedAt: '2026-03-03T10:00:00+08:00',
        recordedBy: 'u-wu',
      },
    });
    // the ledger shows the amendment
    const ledger = value(await desk.og.contractLedger(people.wang));
    const entry = ledger.find((e) => e.contractNumber === 'HT-2026-017')!;
    expect(entry.revision).toBe(2);
    expect(entry.changes.find((c) => c.type === 'contract.changed')?.amendment).toEqual({
      reference: 'HT-2026-017-A1',
      signedAt: '2026-03-03T10:00:00+08:00',
    });
  });

  it('CH-7 a contract termination takes effect only once it is signed', async () => {
    const { desk, clock } = changeDesk();
    await confirmedOrder(desk, { contract });
    ok(await desk.requestCancellation('o-1', people.li, 'Customer withdrew'));
    const view = await approveAllChangeSteps(desk, 'o-1');
    expect(view.workflow.status).toBe('change_pending');
    expect(view.workflow.change?.pending?.awaitingSignature).toBeDefined();
    clock.advanceHours(2);
    const r = await desk.og.recordAmendmentSigned('o-1', people.wu, {
      reference: 'HT-2026-017-T',
      signedAt: '2026-03-02T10:00:00+08:00',
    });
    expect(ok(r).workflow.status).toBe('cancelled');
    expect(r.ok && r.effects.some((e) => e.type === 'cancelOrder')).toBe(true);
    const entry = (await desk.history('o-1')).find((e) => e.type === 'contract.changed');
    expect(entry?.data).toMatchObject({
      kind: 'termination',
      amendment: { reference: 'HT-2026-017-T' },
    });
  });

  it('CH-7 only a role of change.contract.recordRoles records the signature, with a reference', async () => {
    const { desk } = await awaiting();
    for (const who of [people.li, people.wang]) {
      const r = refused(
        await desk.og.recordAmendmentSigned('o-1', who, {
          reference: 'A1',
          signedAt: '2026-03-02T11:00:00+08:00',
        }),
      );
      expect(r).toMatchObject({ code: 'NOT_ELIGIBLE', ruleId: 'CH-7' });
      rendersInBothLanguages(r);
    }
    const blank = refused(
      await desk.og.recordAmendmentSigned('o-1', people.wu, {
        reference: '  ',
        signedAt: '2026-03-02T11:00:00+08:00',
      }),
    );
    expect(blank).toMatchObject({ code: 'REFERENCE_REQUIRED', ruleId: 'CH-7' });
    const legal = changeDesk({ change: { contract: { recordRoles: ['salesAssistant'] } } });
    await confirmedOrder(legal.desk, { contract });
    ok(await legal.desk.requestChange('o-1', people.li, terms));
    await approveAllChangeSteps(legal.desk, 'o-1');
    ok(
      await legal.desk.og.recordAmendmentSigned('o-1', people.zhou, {
        reference: 'A1',
        signedAt: '2026-03-02T09:00:00+08:00',
      }),
    );
  });

  it('CH-7 the signing instant is neither ahead of now nor before the request: both ends pass, a second beyond is INVALID_DATE', async () => {
    // requested at 10:00, now 11:00 (Shanghai)
    const cases: [string, boolean][] = [
      ['2026-03-02T09:59:59+08:00', false],
      ['2026-03-02T10:00:00+08:00', true],
      ['2026-03-02T11:00:00+08:00', true],
      ['2026-03-02T11:00:01+08:00', false],
    ];
    for (const [signedAt, passes] of cases) {
      const { desk } = await awaiting();
      const r = await desk.og.recordAmendmentSigned('o-1', people.wu, {
        reference: 'A1',
        signedAt,
      });
      if (passes) expect(ok(r).order.revision, signedAt).toBe(2);
      else {
        const no = refused(r);
        expect(no, signedAt).toMatchObject({ code: 'INVALID_DATE', ruleId: 'CH-7' });
        rendersInBothLanguages(no);
      }
    }
    const { desk } = await awaiting();
    await expect(
      desk.og.recordAmendmentSigned('o-1', people.wu, { reference: 'A1', signedAt: '3 March' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('CH-7 with no approved change awaiting a signature, recording one is refused naming CH-7', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk, { contract });
    ok(await desk.requestChange('o-1', people.li, terms));
    const r = refused(
      await desk.og.recordAmendmentSigned('o-1', people.wu, {
        reference: 'A1',
        signedAt: '2026-03-02T09:00:00+08:00',
      }),
    );
    expect(r).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleId: 'CH-7',
      messageKey: 'change.amendment.notAwaiting',
    });
    rendersInBothLanguages(r);
  });

  it('CH-7 a change awaiting its signature can be withdrawn, and is in the work queue of the roles that record it', async () => {
    const { desk } = await awaiting();
    expect((await desk.og.workQueue(people.wu)).map((i) => i.actions)).toEqual([
      ['recordAmendmentSigned'],
    ]);
    const r = await desk.og.withdrawChange('o-1', people.li, 'Customer will not sign');
    const view = ok(r);
    expect(view.workflow.status).toBe('confirmed');
    // those asked to record the signature are told it is no longer coming
    expect(r.ok && r.effects.find((e) => e.type === 'notify')).toMatchObject({
      to: { users: [], roles: ['legal'] },
      messageKey: 'change.withdrawn.reason',
    });
    expect(view.order.paymentTerms).toBe('NET30');
  });
});

describe('CH-1 RV-9 only a draft or returned order is edited, and the edit is recorded as a diff', () => {
  /** An order o-1 the assessment returned to sales: no payment terms (IN-2). */
  async function returnedOrder() {
    const gate = changeDesk();
    const r = await gate.desk.submit(makeOrderInput({ paymentTerms: '' }), people.li);
    expect(r).toMatchObject({ ok: false, code: 'RETURNED' });
    return gate;
  }

  it('CH-1 RV-9 the owner corrects a returned order: the diff is on the trail, and review judges it on resubmission', async () => {
    const { desk } = await returnedOrder();
    const r = await desk.og.editOrder('o-1', people.li, [
      { op: 'set', field: 'paymentTerms', value: 'NET30' },
      { op: 'updateLine', lineId: 'l2', set: { quantity: 12 } },
    ]);
    const view = ok(r);
    expect(view.workflow.status).toBe('returned');
    expect(view.order).toMatchObject({ paymentTerms: 'NET30', revision: 1 });
    const edited = (await desk.history('o-1')).find((e) => e.type === 'order.edited');
    expect(edited).toMatchObject({
      ruleIds: ['RV-9'],
      actor: 'u-li',
      data: {
        revision: 1,
        by: 'u-li',
        source: 'edit',
        header: [{ field: 'paymentTerms', before: '', after: 'NET30' }],
        lines: [
          {
            kind: 'changed',
            lineId: 'l2',
            changes: [{ field: 'quantity', before: 10, after: 12 }],
          },
        ],
      },
    });
    expect(r.ok && r.effects.map((e) => e.type === 'postMessage' && e.messageKey)).toEqual([
      'change.edit.recorded',
    ]);
    const resubmitted = ok(await desk.submit(view.order, people.li));
    expect(resubmitted.workflow.status).toBe('in_review');
  });

  it('RV-9 resubmitting a returned order with other data records the correction as its diff', async () => {
    const { desk } = await returnedOrder();
    ok(await desk.submit(makeOrderInput({ paymentTerms: 'NET60' }), people.li));
    const edited = (await desk.history('o-1')).filter((e) => e.type === 'order.edited');
    expect(edited.map((e) => e.data)).toEqual([
      {
        revision: 1,
        by: 'u-li',
        source: 'resubmission',
        header: [{ field: 'paymentTerms', before: '', after: 'NET60' }],
        lines: [],
      },
    ]);
  });

  it('CH-1 a confirmed order refuses any edit outside a change request, naming CH-1 — an edit and a resubmission alike', async () => {
    const { desk, store } = changeDesk();
    await confirmedOrder(desk);
    const before = store.snapshot();
    const edit = refused(
      await desk.og.editOrder('o-1', people.li, [{ op: 'set', field: 'notes', value: 'x' }]),
    );
    expect(edit).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleId: 'CH-1',
      messageKey: 'change.edit.locked',
    });
    rendersInBothLanguages(edit);
    const resubmit = refused(await desk.submit(makeOrder({ notes: 'x' }), people.li));
    expect(resubmit).toMatchObject({
      code: 'ALREADY_SUBMITTED',
      ruleId: 'CH-1',
      messageKey: 'change.edit.locked',
    });
    expect(store.snapshot()).toEqual(before);
    // while a change is pending too
    ok(await desk.requestChange('o-1', people.li, quantity(12)));
    expect(
      await desk.og.editOrder('o-1', people.li, [{ op: 'set', field: 'notes', value: 'x' }]),
    ).toMatchObject({ ok: false, ruleId: 'CH-1' });
  });

  it('RV-9 an order under review is corrected only once returned, by its owner, with an edit that fits and changes something', async () => {
    const { desk } = changeDesk();
    ok(await desk.submit(makeOrder(), people.li));
    const notes = [{ op: 'set' as const, field: 'notes', value: 'x' }];
    expect(refused(await desk.og.editOrder('o-1', people.li, notes))).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleId: 'RV-9',
      messageKey: 'change.edit.underReview',
    });
    ok(await desk.returnToSales('o-1', people.liu, 'Check the delivery date'));
    const other = refused(await desk.og.editOrder('o-1', people.chen, notes));
    expect(other).toMatchObject({ code: 'NOT_ELIGIBLE', ruleId: 'RV-9' });
    rendersInBothLanguages(other);
    expect(
      refused(
        await desk.og.editOrder('o-1', people.li, [{ op: 'set', field: 'notes', value: '' }]),
      ),
    ).toMatchObject({ code: 'INVALID_PATCH', ruleId: 'RV-9', messageKey: 'change.edit.noChange' });
    const misfit = refused(
      await desk.og.editOrder('o-1', people.li, [
        { op: 'updateLine', lineId: 'l9', set: { quantity: 1 } },
      ]),
    );
    expect(misfit).toMatchObject({ code: 'INVALID_PATCH', ruleId: 'RV-9' });
    expect(misfit.findings.map((f) => [f.ruleId, f.messageKey])).toEqual([
      ['RV-9', 'change.patch.unknownLine'],
    ]);
    await expect(desk.og.editOrder('o-1', people.li, [])).rejects.toBeInstanceOf(ValidationError);
    ok(await desk.og.editOrder('o-1', people.li, notes));
  });

  it('CH-1 allowedActions offers editOrder to the owner of a returned order, and refuses it on a confirmed one naming CH-1', async () => {
    const returned = await returnedOrder();
    const edit = async (og: typeof returned.desk.og, who: typeof people.li) =>
      (await og.allowedActions('o-1', who)).find((a) => a.action === 'editOrder');
    expect(await edit(returned.desk.og, people.li)).toEqual({ action: 'editOrder', allowed: true });
    expect(await edit(returned.desk.og, people.chen)).toMatchObject({
      allowed: false,
      ruleId: 'RV-9',
    });
    const confirmed = changeDesk();
    await confirmedOrder(confirmed.desk);
    expect(await edit(confirmed.desk.og, people.li)).toMatchObject({
      allowed: false,
      ruleId: 'CH-1',
      messageKey: 'change.edit.locked',
    });
  });
});

describe('CH-6 the departments told of a change follow the changed fields, per policy', () => {
  const told = (effects: readonly Effect[]) =>
    effects
      .flatMap((e) => (e.type === 'notify' && e.ruleId === 'CH-6' ? (e.to.roles ?? []) : []))
      .sort();
  const date = {
    ...base,
    patch: [{ op: 'set' as const, field: 'requestedDeliveryDate', value: '2026-05-20' }],
  };

  it('CH-6 by default finance is told of a new delivery date, as invoicing is planned on it', () => {
    expect(companyPolicy().change.notify.requestedDeliveryDate).toContain('finance');
  });

  it('CH-6 change.notify overrides one field’s departments; the other fields keep the default', async () => {
    const { desk } = changeDesk({ change: { notify: { requestedDeliveryDate: ['logistics'] } } });
    await confirmedOrder(desk);
    ok(await desk.requestChange('o-1', people.li, date));
    ok(await desk.approveChange('o-1', people.liu));
    const r = await desk.approveChange('o-1', people.wang);
    expect(r.ok && told(r.effects)).toEqual(['logistics']);
    ok(await desk.requestChange('o-1', people.li, { ...quantity(12), baseRevision: 2 }));
    ok(await desk.approveChange('o-1', people.liu));
    const q = await desk.approveChange('o-1', people.wang);
    expect(q.ok && told(q.effects)).toEqual([
      'finance',
      'logistics',
      'procurement',
      'production',
      'warehouse',
    ]);
  });
});

describe('CH-1 CH-3 allowedActions on a confirmed order', () => {
  // A finding of this work: the cancellation probe lacked the parsed request's defaults and
  // allowedActions threw a TypeError on every confirmed order.
  it('CH-3 allowedActions answers on a confirmed order: the owner may request a cancellation, an outsider may not', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    const cancel = async (who: typeof people.li) =>
      (await desk.og.allowedActions('o-1', who)).find((a) => a.action === 'requestCancellation');
    expect(await cancel(people.li)).toEqual({ action: 'requestCancellation', allowed: true });
    expect(await cancel(people.chen)).toMatchObject({ allowed: false, code: 'NOT_ELIGIBLE' });
  });
});

describe('CH-1 the work queue', () => {
  it('CH-1 a pending change is in the work queue of whoever may approve its active step', async () => {
    const { desk } = changeDesk();
    await confirmedOrder(desk);
    ok(await desk.requestChange('o-1', people.li, quantity(12)));
    expect(await desk.og.workQueue(people.liu)).toEqual([
      expect.objectContaining({
        orderId: 'o-1',
        status: 'change_pending',
        actions: ['approveChange'],
      }),
    ]);
    expect(await desk.og.workQueue(people.wang)).toEqual([]);
  });
});
