import { describe, expect, it } from 'vitest';
import {
  approveStep,
  buildRoute,
  checkDeadlines,
  finding,
  isRouteComplete,
  type Finding,
  type Route,
} from '../../src/index.js';
import { companyPolicy, people } from '../support/people.js';

const now = '2026-03-02T01:00:00.000Z';
const reviewDeadline = '2026-03-03T01:00:00.000Z';
const owners = ['u-li'];

function needs(
  policy: ReturnType<typeof companyPolicy>,
  ruleId: Finding['ruleId'],
  steps: string[],
): Finding {
  return finding(policy, { ruleId, severity: 'approval', messageKey: 'test', steps });
}

describe('approval routes from findings', () => {
  const policy = companyPolicy();

  it('RV-3 puts the sales head last by default and activates only the first stage', () => {
    const route = buildRoute(
      [
        needs(policy, 'RV-3', ['salesHead']),
        needs(policy, 'RV-4', ['jointReview']),
        needs(policy, 'RV-5', ['regularReview']),
      ],
      { policy, now, reviewDeadline },
    );
    expect(route.steps.map((s) => s.key)).toEqual(['regularReview', 'jointReview', 'salesHead']);
    expect(route.steps.map((s) => s.status)).toEqual(['active', 'waiting', 'waiting']);
    expect(route.steps[0]!.deadline).toBe(reviewDeadline);
  });

  it('RV-3 reading: policy can move the sales head first', () => {
    const first = companyPolicy({
      approvals: {
        steps: {
          salesHead: {
            label: { en: 'Head', zh: '主管' },
            roles: ['salesHead'],
            stage: 0,
            ruleId: 'RV-3',
          },
        },
      },
    });
    const route = buildRoute(
      [needs(first, 'RV-3', ['salesHead']), needs(first, 'RV-5', ['regularReview'])],
      { policy: first, now, reviewDeadline },
    );
    expect(route.steps[0]!.key).toBe('salesHead');
  });

  it('a step required by several rules appears once and names every rule (RV-3, RV-6)', () => {
    const route = buildRoute(
      [needs(policy, 'RV-3', ['salesHead']), needs(policy, 'RV-6', ['salesHead'])],
      { policy, now, reviewDeadline },
    );
    expect(route.steps).toHaveLength(1);
    expect(route.steps[0]!.ruleIds).toEqual(['RV-3', 'RV-6']);
  });

  it('RV-7 exceptional chain runs marketing VP → finance director → president in order', () => {
    let route: Route = buildRoute(
      [needs(policy, 'RV-7', ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'])],
      { policy, now, reviewDeadline },
    );
    const president = approveStep(route, { actor: people.ma, at: now }, { policy, owners });
    expect(president).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
      step: 'presidentApproval',
    });
    for (const who of [people.zheng, people.qian, people.ma]) {
      const r = approveStep(route, { actor: who, at: now }, { policy, owners });
      expect(r.ok).toBe(true);
      if (r.ok) route = r.route;
    }
    expect(isRouteComplete(route)).toBe(true);
    expect(route.steps.map((s) => s.approvals[0]!.actor)).toEqual(['u-zheng', 'u-qian', 'u-ma']);
  });
});

describe('RV-4 joint review: one from each department', () => {
  const policy = companyPolicy();
  const route = buildRoute([needs(policy, 'RV-4', ['jointReview'])], {
    policy,
    now,
    reviewDeadline,
  });

  it('stays open until technical, finance and production have all signed', () => {
    let r = route;
    for (const [i, who] of [people.sun, people.zhao].entries()) {
      const res = approveStep(r, { actor: who, at: now }, { policy, owners });
      expect(res.ok).toBe(true);
      if (res.ok) {
        r = res.route;
        expect(res.stepCompleted).toBe(false);
      }
      expect(r.steps[0]!.approvals).toHaveLength(i + 1);
    }
    const last = approveStep(r, { actor: people.liu, at: now }, { policy, owners });
    expect(last.ok && last.stepCompleted).toBe(true);
  });

  it('a second approver from a department already signed adds nothing', () => {
    const two = companyPolicy({
      roles: { finance: { label: { en: 'F', zh: '财' }, groups: ['finance'], users: ['u-zhao2'] } },
    });
    const r0 = buildRoute([needs(two, 'RV-4', ['jointReview'])], {
      policy: two,
      now,
      reviewDeadline,
    });
    const r1 = approveStep(r0, { actor: people.zhao, at: now }, { policy: two, owners });
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    const r2 = approveStep(
      r1.route,
      { actor: { id: 'u-zhao2', groups: [] }, at: now },
      { policy: two, owners },
    );
    expect(r2).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
  });
});

describe('approval modes all and M of N', () => {
  it('mode all needs every listed role; mode mOfN needs m distinct people', () => {
    const policy = companyPolicy({
      approvals: {
        steps: {
          board: {
            label: { en: 'Board', zh: '董事会' },
            roles: ['generalManager', 'president'],
            mode: 'all',
            stage: 50,
            ruleId: 'RV-7',
          },
          panel: {
            label: { en: 'Panel', zh: '小组' },
            roles: ['finance', 'technical', 'production'],
            mode: 'mOfN',
            m: 2,
            stage: 60,
            ruleId: 'RV-4',
          },
        },
      },
    });
    let route = buildRoute([needs(policy, 'RV-7', ['board', 'panel'])], {
      policy,
      now,
      reviewDeadline,
    });
    const gm = approveStep(route, { actor: people.he, at: now }, { policy, owners });
    expect(gm.ok && !gm.stepCompleted).toBe(true);
    if (!gm.ok) return;
    const again = approveStep(gm.route, { actor: people.he, at: now }, { policy, owners });
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_APPROVED' });
    const pres = approveStep(gm.route, { actor: people.ma, at: now }, { policy, owners });
    expect(pres.ok && pres.stepCompleted).toBe(true);
    if (!pres.ok) return;
    route = pres.route;
    const a = approveStep(route, { actor: people.zhao, at: now }, { policy, owners });
    expect(a.ok && !a.stepCompleted).toBe(true);
    if (!a.ok) return;
    const b = approveStep(a.route, { actor: people.sun, at: now }, { policy, owners });
    expect(b.ok && b.stepCompleted).toBe(true);
    if (b.ok) expect(isRouteComplete(b.route)).toBe(true);
  });

  it('mode mOfN without m is refused at policy load', () => {
    expect(() =>
      companyPolicy({
        approvals: {
          steps: {
            bad: {
              label: { en: 'B', zh: 'B' },
              roles: ['finance'],
              mode: 'mOfN',
              stage: 1,
              ruleId: 'RV-4',
            },
          },
        },
      }),
    ).toThrow(/approvals\.steps\.bad\.m/);
  });
});

describe('segregation of duties and delegation', () => {
  it('SoD: the owner may not approve even when they hold the role', () => {
    const policy = companyPolicy({
      roles: {
        salesHead: { label: { en: 'H', zh: '主管' }, groups: ['sales_heads'], users: ['u-li'] },
      },
    });
    const route = buildRoute([needs(policy, 'RV-3', ['salesHead'])], {
      policy,
      now,
      reviewDeadline,
    });
    expect(approveStep(route, { actor: people.li, at: now }, { policy, owners })).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    expect(approveStep(route, { actor: people.wang, at: now }, { policy, owners }).ok).toBe(true);
  });

  it('delegation lets a deputy approve on behalf of the head while it is valid', () => {
    const policy = companyPolicy({
      roles: { salesHead: { label: { en: 'H', zh: '主管' }, users: ['u-wang'] } },
      delegations: [
        {
          from: 'u-wang',
          to: 'u-zhou',
          validFrom: '2026-03-01T00:00:00Z',
          validUntil: '2026-03-05T00:00:00Z',
        },
      ],
    });
    const route = buildRoute([needs(policy, 'RV-3', ['salesHead'])], {
      policy,
      now,
      reviewDeadline,
    });
    const ok = approveStep(route, { actor: people.zhou, at: now }, { policy, owners });
    expect(ok.ok && ok.record).toMatchObject({
      actor: 'u-zhou',
      onBehalfOf: 'u-wang',
      role: 'salesHead',
    });
    const late = approveStep(
      route,
      { actor: people.zhou, at: '2026-03-06T00:00:00Z' },
      { policy, owners },
    );
    expect(late).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
  });

  it('SoD: a delegate may not approve on behalf of the order owner', () => {
    const policy = companyPolicy({
      roles: { salesHead: { label: { en: 'H', zh: '主管' }, users: ['u-li'] } },
      delegations: [{ from: 'u-li', to: 'u-zhou' }],
    });
    const route = buildRoute([needs(policy, 'RV-3', ['salesHead'])], {
      policy,
      now,
      reviewDeadline,
    });
    expect(approveStep(route, { actor: people.zhou, at: now }, { policy, owners })).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
  });
});

describe('RV-2 deadlines and escalation', () => {
  const policy = companyPolicy();
  const route = buildRoute([needs(policy, 'RV-3', ['salesHead'])], { policy, now, reviewDeadline });

  it('is not overdue at the deadline itself, only strictly after', () => {
    expect(checkDeadlines(route, policy, reviewDeadline).overdue).toEqual([]);
    const later = new Date(Date.parse(reviewDeadline) + 1000).toISOString();
    const r = checkDeadlines(route, policy, later);
    expect(r.overdue).toEqual([
      { step: 'salesHead', deadline: reviewDeadline, escalatedTo: ['generalManager'] },
    ]);
    expect(r.route.steps[0]!.overdue).toBe(true);
  });

  it('escalates once, and the next level may then approve the step', () => {
    const later = '2026-03-04T00:00:00.000Z';
    const first = checkDeadlines(route, policy, later);
    expect(checkDeadlines(first.route, policy, later).overdue).toEqual([]);
    expect(approveStep(route, { actor: people.he, at: later }, { policy, owners })).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    const gm = approveStep(first.route, { actor: people.he, at: later }, { policy, owners });
    expect(gm.ok && gm.record.escalated).toBe(true);
    expect(gm.ok && gm.stepCompleted).toBe(true);
  });

  it("a step's own deadlineHours is capped by the review deadline", () => {
    const p = companyPolicy({
      approvals: {
        steps: {
          salesHead: {
            label: { en: 'H', zh: '主管' },
            roles: ['salesHead'],
            stage: 90,
            ruleId: 'RV-3',
            deadlineHours: 8,
          },
        },
      },
    });
    const r = buildRoute([needs(p, 'RV-3', ['salesHead'])], { policy: p, now, reviewDeadline });
    expect(r.steps[0]!.deadline).toBe('2026-03-02T09:00:00.000Z');
    const longer = buildRoute([needs(p, 'RV-3', ['salesHead'])], {
      policy: p,
      now,
      reviewDeadline: '2026-03-02T05:00:00.000Z',
    });
    expect(longer.steps[0]!.deadline).toBe('2026-03-02T05:00:00.000Z');
  });
});
