import { describe, expect, it } from 'vitest';
import {
  approvalsDue,
  approveStep,
  buildRoute,
  DEFAULT_STEPS,
  finding,
  formatMessage,
  loadPolicy,
  type Effect,
  type Finding,
  type Policy,
  type PolicyInput,
} from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const now = '2026-03-02T01:00:00.000Z';
const reviewDeadline = '2026-03-03T01:00:00.000Z';

function needs(policy: Policy, ruleId: Finding['ruleId'], steps: string[]): Finding {
  return finding(policy, { ruleId, severity: 'approval', messageKey: 'test', steps });
}

/** The regular review moved into the joint review's stage, so both are open at once. */
const sameStage = {
  approvals: { steps: { regularReview: { ...DEFAULT_STEPS.regularReview, stage: 20 } } },
} satisfies PolicyInput;

/** A regular order with complex technical requirements: regular review and joint review (RV-4, RV-5). */
const jointOrder = makeOrder({ id: 'o-1', technicalComplexity: true });

/** The `approval.granted` records of an order's audit trail, as plain data. */
async function grantedData(desk: ReturnType<typeof makeDesk>['desk']) {
  return (await desk.history('o-1'))
    .filter((e) => e.type === 'approval.granted')
    .map((e) => e.data as Record<string, unknown>);
}

const stillDue = (effects: readonly Effect[]) =>
  effects.filter((e) => e.type === 'notify' && e.messageKey.includes('.stillDue.'));

describe('one approver, one act', () => {
  it('RV-4 RV-5 one act: a production approval covers the regular and the joint review when both are open', async () => {
    const { desk } = makeDesk(companyPolicy(sameStage));
    const submitted = await desk.submit(jointOrder, people.li);
    expect(submitted.ok && submitted.value.workflow.route?.steps.map((s) => s.status)).toEqual([
      'active',
      'active',
      'waiting',
    ]);
    const r = await desk.approve('o-1', people.liu, {
      step: 'regularReview',
      comment: 'Capacity booked in week 14',
    });
    if (!r.ok) expect.fail(r.code);
    const steps = r.value.workflow.route!.steps;
    const [joint, regular] = [steps[0]!, steps[1]!];
    expect([joint.key, regular.key]).toEqual(['jointReview', 'regularReview']);
    expect(regular).toMatchObject({ status: 'approved' });
    expect(regular.approvals).toEqual([
      expect.objectContaining({ actor: 'u-liu', comment: 'Capacity booked in week 14' }),
    ]);
    expect(regular.approvals[0]).not.toHaveProperty('coveredBy');
    expect(joint.approvals).toEqual([
      expect.objectContaining({
        actor: 'u-liu',
        role: 'production',
        comment: 'Capacity booked in week 14',
        coveredBy: 'regularReview',
      }),
    ]);
    expect(stillDue(r.effects)).toEqual([]);
    // One approval record per step covered, in the audit trail too.
    const granted = await grantedData(desk);
    expect(granted.map((d) => [d.step, d.coveredBy])).toEqual([
      ['regularReview', undefined],
      ['jointReview', 'regularReview'],
    ]);
    expect(granted[0]?.covered).toEqual(['jointReview']);
    // Liu has nothing left to do; the others finish the route.
    expect(await desk.approve('o-1', people.liu)).toMatchObject({
      ok: false,
      code: 'ALREADY_APPROVED',
    });
    for (const who of [people.sun, people.zhao, people.wang]) {
      const next = await desk.approve('o-1', who);
      if (!next.ok) expect.fail(`${who.id}: ${next.code}`);
    }
    expect((await desk.get('o-1'))?.workflow.status).toBe('approved');
  });

  it('RV-4 RV-5 one act: with coverOpenSteps off, the approver is told plainly that a second act is due now', async () => {
    const { desk } = makeDesk(
      companyPolicy({ approvals: { ...sameStage.approvals, coverOpenSteps: false } }),
    );
    await desk.submit(jointOrder, people.li);
    const first = await desk.approve('o-1', people.liu, { step: 'regularReview' });
    if (!first.ok) expect.fail(first.code);
    expect(first.value.workflow.route?.steps[0]?.approvals).toEqual([]);
    const [notice] = stillDue(first.effects);
    expect(notice).toMatchObject({
      type: 'notify',
      to: { users: ['u-liu'] },
      messageKey: 'review.approval.stillDue.open',
      params: { actor: 'u-liu', stepsEn: 'Joint review (technical, finance, production)' },
      ruleId: 'RV-4',
    });
    if (notice?.type !== 'notify') return;
    expect(formatMessage(notice.messageKey, notice.params, 'en')).toBe(
      'u-liu, your approval is recorded. Joint review (technical, finance, production) also needs your approval now: that is a separate act.',
    );
    expect(formatMessage(notice.messageKey, notice.params, 'zh')).toContain(
      '联合评审(技术、财务、生产)',
    );
    const second = await desk.approve('o-1', people.liu);
    expect(second.ok && second.value.workflow.route?.steps[0]?.approvals).toEqual([
      expect.objectContaining({ actor: 'u-liu', role: 'production' }),
    ]);
    expect(second.ok && stillDue(second.effects)).toEqual([]);
  });

  it('RV-4 RV-5 one act: with the default stages the joint review opens after the regular review, and the approver is told it is due', async () => {
    const { desk } = makeDesk();
    await desk.submit(jointOrder, people.li);
    const r = await desk.approve('o-1', people.liu);
    if (!r.ok) expect.fail(r.code);
    // The regular review is stage 10, the joint review stage 20: the act covers only the first…
    expect(r.value.workflow.route?.steps.map((s) => [s.key, s.status, s.approvals.length])).toEqual(
      [
        ['regularReview', 'approved', 1],
        ['jointReview', 'active', 0],
        ['salesHead', 'waiting', 0],
      ],
    );
    // …and says so: the joint review, open now, needs Liu again.
    expect(stillDue(r.effects)).toEqual([
      expect.objectContaining({
        messageKey: 'review.approval.stillDue.open',
        to: { users: ['u-liu'] },
      }),
    ]);
    expect((await grantedData(desk)).at(-1)?.stillDue).toEqual(['jointReview']);
  });

  it('RV-4 RV-5 one act: a step of a later stage is never covered; the route says the act will be due', () => {
    const policy = companyPolicy();
    const route = buildRoute(
      [
        needs(policy, 'RV-5', ['regularReview', 'engineeringReview']),
        needs(policy, 'RV-4', ['jointReview']),
      ],
      { policy, now, reviewDeadline },
    );
    const ctx = { policy, owners: ['u-li'] };
    expect(approvalsDue(route, { actor: people.liu, at: now }, ctx)).toEqual([
      { step: 'regularReview', stage: 10, open: true, role: 'production' },
      { step: 'jointReview', stage: 20, open: false, role: 'production' },
    ]);
    const r = approveStep(route, { actor: people.liu, at: now }, ctx);
    if (!r.ok) expect.fail(r.code);
    expect(r.covered).toEqual([]);
    // Stage 10 still waits for engineering, so the joint review is not open yet.
    expect(r.stillDue).toEqual([
      { step: 'jointReview', stage: 20, open: false, role: 'production' },
    ]);
    expect(r.route.steps.find((s) => s.key === 'jointReview')?.status).toBe('waiting');
    // The owner is never due anything.
    expect(approvalsDue(route, { actor: people.li, at: now }, ctx)).toEqual([]);
  });

  it('RV-3 SoD one act: an act never covers a step the actor could sign only for a barred person', () => {
    // Liu stands in for Wang, the sales head, who owns the order; the head's step is moved into
    // the regular review's stage.
    const policy = companyPolicy({
      delegations: [{ from: 'u-wang', to: 'u-liu', roles: ['salesHead'] }],
      approvals: { steps: { salesHead: { ...DEFAULT_STEPS.salesHead, stage: 10 } } },
    });
    const route = buildRoute(
      [needs(policy, 'RV-5', ['regularReview']), needs(policy, 'RV-3', ['salesHead'])],
      { policy, now, reviewDeadline },
    );
    const barred = approveStep(
      route,
      { actor: people.liu, at: now },
      { policy, owners: ['u-wang'] },
    );
    expect(barred.ok && barred.covered).toEqual([]);
    expect(barred.ok && barred.stillDue).toEqual([]);
    expect(barred.ok && barred.route.steps.find((s) => s.key === 'salesHead')?.approvals).toEqual(
      [],
    );
    // When the owner is someone else, the same act signs both, the head's step on Wang's behalf.
    const free = approveStep(route, { actor: people.liu, at: now }, { policy, owners: ['u-li'] });
    expect(free.ok && free.covered.map((c) => c.record)).toEqual([
      expect.objectContaining({
        actor: 'u-liu',
        onBehalfOf: 'u-wang',
        role: 'salesHead',
        coveredBy: 'regularReview',
      }),
    ]);
    expect(free.ok && free.route.steps.every((s) => s.status === 'approved')).toBe(true);
  });

  it('RV-4 RV-5 one act: while an act of theirs waits for an earlier stage, allowedActions says which step and that it is not open yet', async () => {
    // The regular route also takes the engineering review, in the production review's stage: the
    // joint review (stage 20) opens only once both are done.
    const { desk, og } = makeDesk(
      companyPolicy({ review: { routes: { regular: ['regularReview', 'engineeringReview'] } } }),
    );
    await desk.submit(jointOrder, people.li);
    const first = await desk.approve('o-1', people.liu);
    if (!first.ok) expect.fail(first.code);
    expect(stillDue(first.effects)).toEqual([
      expect.objectContaining({ messageKey: 'review.approval.stillDue.later' }),
    ]);
    const approve = (await og.allowedActions('o-1', people.liu)).find(
      (a) => a.action === 'approve',
    );
    expect(approve).toMatchObject({
      allowed: false,
      code: 'STEP_NOT_ACTIVE',
      ruleId: 'RV-4',
      messageKey: 'review.approval.notYetOpen',
      params: { stepEn: 'Joint review (technical, finance, production)' },
    });
    if (approve?.allowed !== false) return;
    expect(formatMessage(approve.messageKey, approve.params, 'en')).toBe(
      'Step Joint review (technical, finance, production) is not open yet: it opens once the earlier steps of the route are done.',
    );
    expect(formatMessage(approve.messageKey, approve.params, 'zh')).toBe(
      '“联合评审(技术、财务、生产)”尚未开始:须待审批路线的前序环节完成后方可审批。',
    );
    expect(await og.workQueue(people.liu)).toEqual([]);
    // The engineering review done, the joint review opens and Liu's second act is due now.
    if (!(await desk.approve('o-1', people.huang)).ok) expect.fail('engineering review');
    expect(
      (await og.allowedActions('o-1', people.liu)).find((a) => a.action === 'approve'),
    ).toEqual({ action: 'approve', allowed: true });
    expect((await og.workQueue(people.liu)).map((w) => [w.orderId, w.actions])).toEqual([
      ['o-1', ['approve']],
    ]);
  });

  it('one act: the policy switch defaults to covering open steps', () => {
    expect(loadPolicy({}).approvals.coverOpenSteps).toBe(true);
    expect(loadPolicy({ approvals: { coverOpenSteps: false } }).approvals.coverOpenSteps).toBe(
      false,
    );
  });
});
