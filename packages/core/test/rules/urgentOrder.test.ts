import { describe, expect, it } from 'vitest';
import { urgentOrder } from '../../src/rules/intake/urgentOrder.js';
import { makeContext, makeOrder, makePolicy } from '../support/orders.js';

const ctx = makeContext();
const pick = (findings: { severity: string; messageKey: string }[]) =>
  findings.map((f) => [f.severity, f.messageKey]);

describe('IN-4 urgent orders', () => {
  it('IN-4 ignores an order that is not urgent', () => {
    expect(urgentOrder(makeOrder(), ctx)).toEqual([]);
    expect(urgentOrder(makeOrder({ urgency: { feasible: false } }), ctx)).toEqual([]);
  });

  it('IN-4 records that an assessed urgent order is processed first with the shorter deadline', () => {
    const findings = urgentOrder(
      makeOrder({ urgent: true, urgency: { reason: 'line stop', feasible: true } }),
      ctx,
    );
    expect(findings).toMatchObject([
      {
        ruleId: 'IN-4',
        severity: 'info',
        messageKey: 'intake.urgent.prioritised',
        params: { hours: 4 },
      },
    ]);
  });

  it('IN-4 takes the urgent deadline from the policy', () => {
    const policy = makePolicy({ review: { deadlines: { urgentHours: 2 } } });
    const [f] = urgentOrder(
      makeOrder({ urgent: true, urgency: { feasible: true } }),
      makeContext({ policy }),
    );
    expect(f!.params.hours).toBe(2);
  });

  it('IN-4 returns an urgent order without feasibility assessment to sales', () => {
    expect(pick(urgentOrder(makeOrder({ urgent: true }), ctx))).toEqual([
      ['info', 'intake.urgent.prioritised'],
      ['block', 'intake.urgent.feasibilityMissing'],
    ]);
    // A reason alone is not an assessment: the feasibility verdict is what counts.
    expect(
      pick(urgentOrder(makeOrder({ urgent: true, urgency: { reason: 'line stop' } }), ctx)),
    ).toContainEqual(['block', 'intake.urgent.feasibilityMissing']);
  });

  it('IN-4 does not require the assessment when the policy does not', () => {
    const policy = makePolicy({ intake: { urgent: { requireFeasibility: false } } });
    expect(pick(urgentOrder(makeOrder({ urgent: true }), makeContext({ policy })))).toEqual([
      ['info', 'intake.urgent.prioritised'],
    ]);
  });

  it('IN-4 warns when the urgent order is assessed as infeasible', () => {
    const findings = urgentOrder(
      makeOrder({ urgent: true, urgency: { feasible: false, note: 'no capacity before April' } }),
      ctx,
    );
    expect(pick(findings)).toEqual([
      ['info', 'intake.urgent.prioritised'],
      ['warn', 'intake.urgent.infeasible'],
    ]);
    expect(findings[1]!.evidence).toContainEqual({
      field: 'urgency.note',
      value: 'no capacity before April',
    });
  });
});
