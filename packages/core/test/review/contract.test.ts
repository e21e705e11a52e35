import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  MemoryStore,
  ValidationError,
  type Effect,
  type OrderView,
  type Policy,
  type Result,
} from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { gate } from '../support/gate.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, companyRoles, people, testClock, testIds } from '../support/people.js';

function ok(r: Result<OrderView>): OrderView {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

const CONTRACT = { required: true, number: 'HT-2026-031' };
/** A regular order that needs a contract: route production → legal → sales head (RV-5, RV-10, RV-3). */
const contractOrder = (id = 'o-1') => makeOrder({ id, number: '', contract: CONTRACT });
const LEGAL_OPINION = { outcome: 'approved' as const, reference: 'LEGAL-2026-031' };

const at = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
const notices = (effects: readonly Effect[], key: string) =>
  effects.filter((e) => e.type === 'notify' && e.messageKey === key);

/** Both renderings of a refusal or notice: every placeholder filled. */
function rendered(key: string, params: Parameters<typeof formatMessage>[1]) {
  const en = formatMessage(key, params, 'en');
  const zh = formatMessage(key, params, 'zh');
  for (const text of [en, zh]) expect(text).not.toMatch(/\{\w+\}|undefined/);
  return { en, zh };
}

describe('RV-10 the contract path: legal review, signature, confirmation', () => {
  it('RV-10 an approved contract order is blocked at confirm until signed; the legal review is recorded on its step, the signature after it, and then it confirms', async () => {
    const { og, clock } = makeDesk();
    const submitted = ok(await og.submit(contractOrder(), people.li));
    expect(submitted.workflow.route?.steps.map((s) => s.key)).toEqual([
      'regularReview',
      'legalReview',
      'salesHead',
    ]);
    ok(await og.approve('o-1', people.liu));

    // The legal department records its review, with the legal opinion's reference.
    clock.advanceHours(2);
    const reviewedAt = clock.now();
    const reviewed = await og.recordContractReview('o-1', people.wu, {
      ...LEGAL_OPINION,
      comment: 'Standard terms, liability capped',
    });
    const view = ok(reviewed);
    expect(view.order.contract.legalReviewed).toBe(true);
    expect(view.order.revision).toBe(1);
    expect(view.workflow.route?.steps.find((s) => s.key === 'legalReview')).toMatchObject({
      status: 'approved',
      approvals: [
        expect.objectContaining({ actor: 'u-wu', comment: 'Standard terms, liability capped' }),
      ],
    });
    expect(view.workflow.contract?.review).toEqual({
      outcome: 'approved',
      by: 'u-wu',
      at: reviewedAt,
      reference: 'LEGAL-2026-031',
      comment: 'Standard terms, liability capped',
      steps: ['legalReview'],
      reviewed: true,
    });
    const [told] = notices(reviewed.ok ? reviewed.effects : [], 'review.contract.reviewed');
    expect(told).toMatchObject({ to: { users: ['u-li'] }, ruleId: 'RV-10' });
    if (told?.type === 'notify')
      expect(rendered(told.messageKey, told.params)).toEqual({
        en: 'Legal review of the contract recorded by u-wu (reference LEGAL-2026-031): the contract may go to the customer for signature.',
        zh: 'u-wu已登记合同法务审核(编号 LEGAL-2026-031):合同可交客户签署。',
      });
    expect(ok(await og.approve('o-1', people.wang)).workflow.status).toBe('approved');

    // Approved, but not yet signed: confirmation is refused, naming RV-10 and what is missing.
    const blocked = await og.confirm('o-1', people.li);
    expect(blocked).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      ruleId: 'RV-10',
      messageKey: 'workflow.confirm.blocked',
      params: { rules: 'RV-10' },
    });
    if (blocked.ok) return;
    expect(blocked.findings.map((f) => [f.ruleId, f.messageKey])).toEqual([
      ['RV-10', 'review.contract.unsigned'],
    ]);
    expect(rendered(blocked.findings[0]!.messageKey, blocked.findings[0]!.params).en).toBe(
      'The order cannot be confirmed: the customer has not signed the contract or confirmed the order in writing. Record the signature first.',
    );
    // The panel says the same, and the salesperson's queue shows the signature to record.
    const allowed = await og.allowedActions('o-1', people.li);
    expect(allowed.find((a) => a.action === 'confirm')).toMatchObject({
      allowed: false,
      code: 'BLOCKED',
      ruleId: 'RV-10',
    });
    expect(allowed.find((a) => a.action === 'recordContractSigned')).toEqual({
      action: 'recordContractSigned',
      allowed: true,
    });
    expect((await og.workQueue(people.li)).map((w) => [w.orderId, w.actions])).toEqual([
      ['o-1', ['recordContractSigned']],
    ]);

    // The customer signed the next morning, an hour before it is recorded.
    clock.advanceHours(20);
    const signedAt = at(clock.now(), -3_600_000);
    const signed = await og.recordContractSigned('o-1', people.li, {
      signedAt,
      reference: 'HT-2026-031',
    });
    const afterSigning = ok(signed);
    expect(afterSigning.order.contract.customerSignedAt).toBe(signedAt);
    expect(afterSigning.workflow.contract?.signature).toEqual({
      signedAt,
      reference: 'HT-2026-031',
      by: 'u-li',
      at: clock.now(),
    });
    expect(afterSigning.revisions).toEqual([]);
    const message = signed.ok ? signed.effects.find((e) => e.type === 'postMessage') : undefined;
    expect(message).toMatchObject({ messageKey: 'review.contract.signed', ruleId: 'RV-10' });
    if (message?.type === 'postMessage')
      expect(rendered(message.messageKey, message.params).zh).toBe(
        '客户签署合同已登记(编号 HT-2026-031,签署时间 2026-03-03 06:00)。',
      );

    expect((await og.workQueue(people.li)).map((w) => [w.orderId, w.actions])).toEqual([
      ['o-1', ['confirm']],
    ]);
    expect(ok(await og.confirm('o-1', people.li)).workflow.status).toBe('confirmed');
    const trail = (await og.history('o-1')).map((e) => e.type);
    expect(trail.filter((t) => t.startsWith('contract.') || t.startsWith('order.'))).toEqual([
      'order.submitted',
      'order.assessed',
      'contract.reviewed',
      'order.approved',
      'contract.signed',
      'order.confirmed',
    ]);
    expect((await og.verify()).ok).toBe(true);
  });

  it('RV-10 a plain approval of the legal step is the legal review too: one act, and recording it again is refused', async () => {
    const { og } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    ok(await og.approve('o-1', people.liu));
    const r = await og.approve('o-1', people.wu);
    const view = ok(r);
    expect(view.order.contract.legalReviewed).toBe(true);
    expect(view.workflow.contract?.review).toMatchObject({
      outcome: 'approved',
      by: 'u-wu',
      steps: ['legalReview'],
      reviewed: true,
    });
    expect(view.workflow.contract?.review).not.toHaveProperty('reference');
    expect(notices(r.ok ? r.effects : [], 'review.contract.reviewedByApproval')).toHaveLength(1);
    const again = await og.recordContractReview('o-1', people.wu, LEGAL_OPINION);
    expect(again).toMatchObject({
      ok: false,
      code: 'ALREADY_RECORDED',
      ruleId: 'RV-10',
      messageKey: 'review.contract.alreadyReviewed',
    });
    expect(
      (await og.allowedActions('o-1', people.wu)).find((a) => a.action === 'recordContractReview'),
    ).toMatchObject({ allowed: false, code: 'ALREADY_RECORDED', ruleId: 'RV-10' });
  });

  it('RV-10 the legal step of a later stage is not open yet; once the earlier stage is done the legal department records its review', async () => {
    const { og } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    const early = await og.recordContractReview('o-1', people.wu, LEGAL_OPINION);
    expect(early).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
      ruleId: 'RV-10',
      step: 'legalReview',
      messageKey: 'review.approval.notYetOpen',
    });
    if (!early.ok)
      expect(rendered(early.messageKey, early.params).en).toBe(
        'Step Legal review of the contract is not open yet: it opens once the earlier steps of the route are done.',
      );
    expect(
      (await og.allowedActions('o-1', people.wu)).find((a) => a.action === 'recordContractReview'),
    ).toMatchObject({ allowed: false, code: 'STEP_NOT_ACTIVE', ruleId: 'RV-10' });
    ok(await og.approve('o-1', people.liu));
    expect(
      (await og.allowedActions('o-1', people.wu)).find((a) => a.action === 'recordContractReview'),
    ).toEqual({ action: 'recordContractReview', allowed: true });
    expect((await og.workQueue(people.wu)).map((w) => w.actions)).toEqual([
      ['approve', 'recordContractReview'],
    ]);
    ok(await og.recordContractReview('o-1', people.wu, LEGAL_OPINION));
  });

  it('RV-10 RV-2 an overdue legal step escalates to the legal department’s next level, who may record the review', async () => {
    const { og, clock } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    const route = ok(await og.approve('o-1', people.liu)).workflow.route!;
    const deadline = route.steps.find((s) => s.key === 'legalReview')!.deadline!;
    expect(await og.recordContractReview('o-1', people.he, LEGAL_OPINION)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'RV-10',
    });
    clock.set(at(deadline, 1));
    await og.runScheduledChecks();
    const view = ok(await og.recordContractReview('o-1', people.he, LEGAL_OPINION));
    expect(view.workflow.contract?.review).toMatchObject({ by: 'u-he', reviewed: true });
    expect(view.workflow.route?.steps[1]?.approvals).toEqual([
      expect.objectContaining({ actor: 'u-he', escalated: true }),
    ]);
  });

  it('RV-10 RV-9 a contract the legal review refuses goes back to sales with the reason; resubmitted, it is reviewed afresh', async () => {
    const { og } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    ok(await og.approve('o-1', people.liu));
    const refusal = { outcome: 'rejected' as const, reference: 'LEGAL-2026-032' };
    expect(await og.recordContractReview('o-1', people.wu, refusal)).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
      ruleId: 'RV-10',
      messageKey: 'review.contract.reasonRequired',
    });
    expect(
      await og.recordContractReview('o-1', people.wu, { ...refusal, reference: '  ' }),
    ).toMatchObject({
      ok: false,
      code: 'REFERENCE_REQUIRED',
      ruleId: 'RV-10',
      messageKey: 'review.contract.referenceRequired',
    });
    const r = await og.recordContractReview('o-1', people.wu, {
      ...refusal,
      comment: 'Liability clause missing',
    });
    const view = ok(r);
    expect(view.workflow).toMatchObject({
      status: 'returned',
      lastReturn: { by: 'u-wu', reason: 'Liability clause missing' },
      contract: {
        review: {
          outcome: 'rejected',
          by: 'u-wu',
          reference: 'LEGAL-2026-032',
          comment: 'Liability clause missing',
          steps: ['legalReview'],
          reviewed: false,
        },
      },
    });
    expect(view.order.contract.legalReviewed).toBe(false);
    const [told] = notices(r.ok ? r.effects : [], 'review.contract.rejected');
    if (told?.type !== 'notify') return expect.fail('the owner is told');
    expect(told.to).toEqual({ users: ['u-li'] });
    expect(rendered(told.messageKey, told.params).en).toBe(
      'The legal review refused the contract (reference LEGAL-2026-032): Liability clause missing. The order goes back to sales to correct the contract.',
    );
    const trail = await og.history('o-1');
    expect(trail.slice(-2).map((e) => [e.type, e.ruleIds])).toEqual([
      ['contract.reviewed', ['RV-10']],
      ['order.returned', ['RV-9', 'RV-10']],
    ]);
    // Corrected and resubmitted: the legal review is due again, nothing of the old one stays.
    const again = ok(await og.submit(contractOrder(), people.li));
    expect(again.workflow.contract).toBeUndefined();
    expect(again.workflow.route?.steps.map((s) => s.key)).toContain('legalReview');
  });

  it('RV-10 SoD: the order’s owner may not record its legal review, nor a delegate on their behalf; the legal department may', async () => {
    // Li, the salesperson, also holds the legal role and delegates it to Chen.
    const policy = companyPolicy({
      roles: { legal: { ...companyRoles.legal, users: ['u-li'] } },
      delegations: [{ from: 'u-li', to: 'u-chen', roles: ['legal'] }],
    });
    const { og } = makeDesk(policy);
    ok(await og.submit(contractOrder(), people.li));
    ok(await og.approve('o-1', people.liu));
    const own = await og.recordContractReview('o-1', people.li, LEGAL_OPINION);
    expect(own).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      ruleId: 'RV-10',
      messageKey: 'review.approval.selfApproval',
    });
    const delegate = await og.recordContractReview('o-1', people.chen, LEGAL_OPINION);
    expect(delegate).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      ruleId: 'RV-10',
      messageKey: 'review.approval.selfApprovalOnBehalf',
      params: { party: 'u-li' },
    });
    for (const r of [own, delegate]) if (!r.ok) rendered(r.messageKey, r.params);
    expect(await og.recordContractReview('o-1', people.outsider, LEGAL_OPINION)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'RV-10',
    });
    expect(
      ok(await og.recordContractReview('o-1', people.wu, LEGAL_OPINION)).order.contract,
    ).toMatchObject({ legalReviewed: true });
  });

  it('RV-10 the signature: by the owner, those who confirm or legal; once; dated no later than now and not before the legal review', async () => {
    const { og, clock } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    const signature = (signedAt: string) => ({ signedAt, reference: 'HT-2026-031' });
    // Legal review comes before signing.
    const early = await og.recordContractSigned('o-1', people.li, signature(clock.now()));
    expect(early).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      ruleId: 'RV-10',
      messageKey: 'review.contract.signedBeforeReview',
      params: { approverEn: 'Legal review of the contract' },
    });
    ok(await og.approve('o-1', people.liu));
    clock.advanceHours(1);
    const reviewedAt = clock.now();
    ok(await og.recordContractReview('o-1', people.wu, LEGAL_OPINION));
    clock.advanceHours(1);
    const now = clock.now();
    expect(
      await og.recordContractSigned('o-1', people.outsider, signature(reviewedAt)),
    ).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'RV-10',
      messageKey: 'review.contract.signatureNotAllowed',
    });
    expect(
      await og.recordContractSigned('o-1', people.li, { signedAt: now, reference: ' ' }),
    ).toMatchObject({ ok: false, code: 'REFERENCE_REQUIRED', ruleId: 'RV-10' });
    // Just after now: not yet signed.
    const future = await og.recordContractSigned('o-1', people.li, signature(at(now, 1)));
    expect(future).toMatchObject({
      ok: false,
      code: 'INVALID_DATE',
      ruleId: 'RV-10',
      messageKey: 'review.contract.signedInFuture',
    });
    if (!future.ok) rendered(future.messageKey, future.params);
    // Just before the legal review: signed before it was reviewed.
    const before = await og.recordContractSigned('o-1', people.li, signature(at(reviewedAt, -1)));
    expect(before).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      ruleId: 'RV-10',
      messageKey: 'review.contract.signedBeforeReviewed',
    });
    if (!before.ok) rendered(before.messageKey, before.params);
    // At the legal review's instant, by the sales assistant (a confirm role): recorded.
    ok(await og.recordContractSigned('o-1', people.zhou, signature(reviewedAt)));
    expect(await og.recordContractSigned('o-1', people.li, signature(now))).toMatchObject({
      ok: false,
      code: 'ALREADY_RECORDED',
      ruleId: 'RV-10',
      messageKey: 'review.contract.alreadySigned',
      params: { signedAt: '2026-03-02 10:00' },
    });
  });

  it('RV-10 at "now" exactly, a signature is recorded', async () => {
    const { og, clock } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    ok(await og.approve('o-1', people.liu));
    ok(await og.recordContractReview('o-1', people.wu, LEGAL_OPINION));
    const signed = ok(
      await og.recordContractSigned('o-1', people.li, {
        signedAt: clock.now(),
        reference: 'HT-2026-031',
      }),
    );
    expect(signed.order.contract.customerSignedAt).toBe(clock.now());
  });

  it('RV-10 an order that needs no contract has none to review or sign', async () => {
    const { og } = makeDesk();
    ok(await og.submit(makeOrder({ id: 'o-1', number: '' }), people.li));
    for (const r of [
      await og.recordContractReview('o-1', people.wu, LEGAL_OPINION),
      await og.recordContractSigned('o-1', people.li, {
        signedAt: '2026-03-02T09:00:00+08:00',
        reference: 'HT-1',
      }),
    ])
      expect(r).toMatchObject({
        ok: false,
        code: 'INVALID_TRANSITION',
        ruleId: 'RV-10',
        messageKey: 'review.contract.notNeeded',
      });
  });

  it('RV-10 malformed input is a ValidationError and writes nothing', async () => {
    const { og } = makeDesk();
    ok(await og.submit(contractOrder(), people.li));
    const before = (await og.history('o-1')).length;
    await expect(
      og.recordContractReview('o-1', people.wu, {
        outcome: 'maybe' as 'approved',
        reference: 'L-1',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      og.recordContractSigned('o-1', people.li, { signedAt: '2026-03-04', reference: 'HT-1' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await og.history('o-1')).toHaveLength(before);
  });
});

describe('RV-10 an order approved without its legal review (the policy asked for none then)', () => {
  /** The same store under two policies: no legal review when the order was approved, then the default. */
  async function approvedUnreviewed() {
    const store = new MemoryStore();
    const clock = testClock();
    const ports = { store, clock, ids: testIds() };
    const before: Policy = companyPolicy({ review: { routes: { legal: [] } } });
    const then = gate({ ...ports, policy: before });
    ok(await then.submit(contractOrder(), people.li));
    ok(await then.approve('o-1', people.liu));
    expect(ok(await then.approve('o-1', people.wang)).workflow.status).toBe('approved');
    expect(await then.recordContractReview('o-1', people.wu, LEGAL_OPINION)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      ruleId: 'RV-10',
      messageKey: 'review.contract.noLegalReview',
    });
    // Li, the order's salesperson, also holds the legal role under the later policy.
    const later = companyPolicy({ roles: { legal: { ...companyRoles.legal, users: ['u-li'] } } });
    return { og: gate({ ...ports, policy: later }), clock };
  }

  it('RV-10 confirm says both are missing, then the signature alone; the legal review is recorded directly, by legal only', async () => {
    const { og, clock } = await approvedUnreviewed();
    const blocked = await og.confirm('o-1', people.li);
    expect(!blocked.ok && blocked.findings.map((f) => f.messageKey)).toEqual([
      'review.contract.unreviewedUnsigned',
    ]);
    if (!blocked.ok)
      expect(rendered(blocked.findings[0]!.messageKey, blocked.findings[0]!.params).en).toBe(
        'The order cannot be confirmed: its contract has not been legally reviewed, nor signed by the customer. It needs Legal review of the contract, then the customer’s signature.',
      );
    expect(await og.recordContractReview('o-1', people.li, LEGAL_OPINION)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      ruleId: 'RV-10',
      messageKey: 'review.approval.selfApproval',
    });
    expect(await og.recordContractReview('o-1', people.zhao, LEGAL_OPINION)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'RV-10',
      messageKey: 'review.approval.notEligible',
      params: { stepEn: 'Legal review of the contract' },
    });
    const reviewed = ok(await og.recordContractReview('o-1', people.wu, LEGAL_OPINION));
    expect(reviewed.workflow.contract?.review).toMatchObject({ steps: [], reviewed: true });
    const unsigned = await og.confirm('o-1', people.li);
    expect(!unsigned.ok && unsigned.findings.map((f) => f.messageKey)).toEqual([
      'review.contract.unsigned',
    ]);
    ok(
      await og.recordContractSigned('o-1', people.li, {
        signedAt: clock.now(),
        reference: 'HT-2026-031',
      }),
    );
    expect(ok(await og.confirm('o-1', people.li)).workflow.status).toBe('confirmed');
  });

  it('RV-10 RV-9 refused there, the approved order goes back to sales', async () => {
    const { og } = await approvedUnreviewed();
    const view = ok(
      await og.recordContractReview('o-1', people.wu, {
        outcome: 'rejected',
        reference: 'LEGAL-2026-040',
        comment: 'Wrong legal entity',
      }),
    );
    expect(view.workflow).toMatchObject({
      status: 'returned',
      contract: { review: { outcome: 'rejected', steps: [], reviewed: false } },
    });
  });
});
