import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROLES,
  DEFAULT_STEPS,
  formatMessage,
  levelAbove,
  loadPolicy,
  PolicyError,
  type Effect,
  type OrderView,
  type Policy,
  type Result,
} from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

function ok(r: Result<OrderView>): OrderView {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

const at = (deadline: string, ms: number) => new Date(Date.parse(deadline) + ms).toISOString();

/**
 * A regular order with complex technical requirements (RV-4, RV-5) whose production review is
 * done: the joint review (technical, finance, production) is the active step.
 */
async function jointReviewOpen(policy: Policy = companyPolicy()) {
  const desk = makeDesk(policy);
  ok(await desk.og.submit(makeOrder({ id: 'o-1', technicalComplexity: true }), people.li));
  const view = ok(await desk.og.approve('o-1', people.liu, { step: 'regularReview' }));
  const joint = view.workflow.route!.steps.find((s) => s.key === 'jointReview')!;
  expect(joint.status).toBe('active');
  return { ...desk, deadline: joint.deadline! };
}

const escalations = (effects: readonly Effect[]) =>
  effects.filter((e) => e.type === 'notify' && e.ruleId === 'RV-2');

describe('RV-2 an overdue step escalates to the one level the policy names for it', () => {
  it('RV-2 RV-4 the joint review escalates to the general manager — the level above all three departments — at its deadline: not just before, not at it, just after', async () => {
    const { og, clock, deadline } = await jointReviewOpen();
    clock.set(at(deadline, -1));
    expect(await og.runScheduledChecks()).toEqual([]);
    clock.set(deadline);
    expect(await og.runScheduledChecks()).toEqual([]);
    clock.set(at(deadline, 1));
    const [check] = await og.runScheduledChecks();
    expect(check?.orderId).toBe('o-1');
    const [notice] = escalations(check!.effects);
    // Not [generalManager, financeDirector]: finance's own next level is not the step's.
    expect(notice).toMatchObject({
      to: { roles: ['generalManager'], users: ['u-li'] },
      messageKey: 'review.deadline.escalated',
    });
    if (notice?.type !== 'notify') return;
    expect(formatMessage(notice.messageKey, notice.params, 'en')).toBe(
      'Review step Joint review (technical, finance, production) is overdue and has been escalated to General manager.',
    );
    expect(formatMessage(notice.messageKey, notice.params, 'zh')).toBe(
      '评审环节“联合评审(技术、财务、生产)”已超时,已上报总经理处理。',
    );
    const overdue = (await og.history('o-1')).flatMap((e) =>
      e.type === 'review.overdue' ? [e.data] : [],
    );
    expect(overdue).toEqual([{ step: 'jointReview', deadline, escalatedTo: ['generalManager'] }]);
    // Escalated once: a later check finds nothing new.
    clock.set(at(deadline, 3_600_000));
    expect(await og.runScheduledChecks()).toEqual([]);
    // The finance director, finance's next level, gets no say over the whole joint review…
    expect(await og.approve('o-1', people.qian, { step: 'jointReview' })).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    // …the general manager does.
    const gm = ok(await og.approve('o-1', people.he, { step: 'jointReview' }));
    expect(gm.workflow.route?.steps.find((s) => s.key === 'jointReview')).toMatchObject({
      status: 'approved',
      overdue: true,
      escalatedTo: ['generalManager'],
      approvals: [expect.objectContaining({ actor: 'u-he', escalated: true })],
    });
  });

  it("RV-2 a step's escalateTo names its level: the joint review escalated to the finance director when the policy says so", async () => {
    const { og, clock, deadline } = await jointReviewOpen(
      companyPolicy({
        approvals: {
          steps: { jointReview: { ...DEFAULT_STEPS.jointReview, escalateTo: 'financeDirector' } },
        },
      }),
    );
    clock.set(at(deadline, 1));
    const [check] = await og.runScheduledChecks();
    expect(escalations(check!.effects)).toEqual([
      expect.objectContaining({ to: { roles: ['financeDirector'], users: ['u-li'] } }),
    ]);
    expect(ok(await og.approve('o-1', people.qian)).workflow.route?.steps[1]).toMatchObject({
      key: 'jointReview',
      status: 'approved',
    });
  });

  it("RV-2 RV-3 a one-role step escalates to its role's next level (the regulations' 上一级): the sales head's to the general manager", async () => {
    const { og, clock } = makeDesk();
    ok(await og.submit(makeOrder({ id: 'o-1' }), people.li));
    const route = ok(await og.approve('o-1', people.liu)).workflow.route!;
    const deadline = route.steps.find((s) => s.key === 'salesHead')!.deadline!;
    clock.set(deadline);
    expect(await og.runScheduledChecks()).toEqual([]);
    clock.set(at(deadline, 1));
    const [check] = await og.runScheduledChecks();
    expect(escalations(check!.effects)).toEqual([
      expect.objectContaining({ to: { roles: ['generalManager'], users: ['u-li'] } }),
    ]);
  });

  it('RV-2 a step with no level above it is flagged overdue and the owner is told nobody is named to escalate to', async () => {
    // The sales head's step given to the president, who has no next level.
    const { og, clock } = makeDesk(
      companyPolicy({
        approvals: { steps: { salesHead: { ...DEFAULT_STEPS.salesHead, roles: ['president'] } } },
      }),
    );
    ok(await og.submit(makeOrder({ id: 'o-1' }), people.li));
    const route = ok(await og.approve('o-1', people.liu)).workflow.route!;
    clock.set(at(route.steps[1]!.deadline!, 1));
    const [check] = await og.runScheduledChecks();
    const [notice] = escalations(check!.effects);
    expect(notice).toMatchObject({
      to: { roles: [], users: ['u-li'] },
      messageKey: 'review.deadline.noLevelAbove',
    });
    if (notice?.type !== 'notify') return;
    expect(formatMessage(notice.messageKey, notice.params, 'en')).toBe(
      'Review step Sales department head approval is overdue; the policy names no level above it to escalate it to.',
    );
    expect(formatMessage(notice.messageKey, notice.params, 'zh')).toBe(
      '评审环节“销售部门负责人审批”已超时;制度未规定可上报的上一级。',
    );
    expect((await og.order('o-1'))?.workflow.route?.steps[1]).toMatchObject({
      overdue: true,
      escalatedTo: [],
    });
  });
});

describe('RV-2 the level above a step, from the policy', () => {
  it('RV-2 levelAbove is the first level every role of the step reaches', () => {
    const roles = { roles: DEFAULT_ROLES };
    expect(levelAbove(roles, ['finance'])).toBe('financeDirector');
    expect(levelAbove(roles, ['technical', 'finance', 'production'])).toBe('generalManager');
    expect(levelAbove(roles, ['finance', 'financeDirector'])).toBe('generalManager');
    expect(levelAbove(roles, ['marketingVP', 'finance'])).toBe('president');
    expect(levelAbove(roles, ['president'])).toBeUndefined();
    expect(levelAbove(roles, [])).toBeUndefined();
    // a loop in the policy ends the chain instead of running for ever
    const loop = { roles: { a: { nextLevel: 'b' }, b: { nextLevel: 'a' } } };
    expect(levelAbove(loop, ['a'])).toBe('b');
  });

  it('RV-2 the default policy gives every default step one level, the joint review the general manager', () => {
    const policy = loadPolicy({});
    expect(levelAbove(policy, policy.approvals.steps.jointReview!.roles)).toBe('generalManager');
    expect(levelAbove(policy, policy.approvals.steps.changeDepartmentReview!.roles)).toBe(
      'generalManager',
    );
  });

  it('RV-2 a step whose roles reach no common level must name its escalateTo (strict policy)', () => {
    const document = {
      roles: {
        quality: { label: { en: 'Quality', zh: '质量' }, nextLevel: 'qualityDirector' },
        qualityDirector: { label: { en: 'Quality director', zh: '质量总监' } },
      },
      approvals: {
        steps: {
          qualityFinance: {
            label: { en: 'Quality and finance', zh: '质量与财务' },
            roles: ['quality', 'finance'],
            stage: 15,
            ruleId: 'RV-5' as const,
          },
        },
      },
    };
    let error: unknown;
    try {
      loadPolicy(document);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues).toEqual([
      expect.objectContaining({
        path: 'approvals.steps.qualityFinance.escalateTo',
        message: expect.stringContaining('reach no common next level') as string,
      }),
    ]);
    const named = loadPolicy({
      ...document,
      approvals: {
        steps: {
          qualityFinance: { ...document.approvals.steps.qualityFinance, escalateTo: 'president' },
        },
      },
    });
    expect(named.approvals.steps.qualityFinance?.escalateTo).toBe('president');
  });
});
