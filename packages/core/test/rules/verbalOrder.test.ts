import { describe, expect, it } from 'vitest';
import {
  verbalConfirmationBlockers,
  verbalConfirmationDeadline,
  verbalOrder,
} from '../../src/rules/intake/verbalOrder.js';
import { assessReview } from '../../src/rules/reviewRules.js';
import { makeContext, makeOrder, makePolicy } from '../support/orders.js';

const ctx = makeContext();
const verbal = makeOrder({ channel: 'verbal' });
const confirmed = makeOrder({
  channel: 'verbal',
  writtenConfirmation: { at: '2026-03-02T15:00:00+08:00', reference: 'fax 2026-031' },
});
const deadlinePolicy = makePolicy({ intake: { verbal: { mode: 'deadline' } } });

describe('IN-3 verbal orders (block mode, default)', () => {
  it('IN-3 ignores written and electronic orders', () => {
    for (const channel of ['written', 'electronic'] as const) {
      const order = makeOrder({ channel });
      expect(verbalOrder(order, ctx)).toEqual([]);
      expect(verbalConfirmationBlockers(order, ctx.policy)).toEqual([]);
    }
  });

  it('IN-3 warns at assessment, without blocking review', () => {
    const findings = verbalOrder(verbal, ctx);
    expect(findings).toMatchObject([
      { ruleId: 'IN-3', severity: 'warn', messageKey: 'intake.verbal.confirmationPending' },
    ]);
    expect(
      assessReview(verbal, ctx).filter((f) => f.ruleId === 'IN-3' && f.severity === 'block'),
    ).toEqual([]);
  });

  it('IN-3 blocks confirmation until the written confirmation is recorded', () => {
    expect(verbalConfirmationBlockers(verbal, ctx.policy)).toMatchObject([
      {
        ruleId: 'IN-3',
        severity: 'block',
        messageKey: 'intake.verbal.confirmationBlocked',
        evidence: [{ field: 'channel', value: 'verbal' }, { field: 'writtenConfirmation' }],
      },
    ]);
  });

  it('IN-3 lets a verbal order with its written confirmation through', () => {
    expect(verbalOrder(confirmed, ctx)).toEqual([]);
    expect(verbalConfirmationBlockers(confirmed, ctx.policy)).toEqual([]);
  });

  it('IN-3 has no confirmation deadline in block mode', () => {
    expect(verbalConfirmationDeadline(verbal, ctx)).toBeUndefined();
  });
});

describe('IN-3 verbal orders (deadline mode)', () => {
  const dctx = makeContext({ policy: deadlinePolicy });

  it('IN-3 warns with the deadline, shown in the policy time zone', () => {
    expect(verbalOrder(verbal, dctx)).toMatchObject([
      {
        ruleId: 'IN-3',
        severity: 'warn',
        messageKey: 'intake.verbal.confirmationDeadline',
        params: { deadline: '2026-03-04 09:00', hours: 48 },
      },
    ]);
  });

  it('IN-3 computes the deadline as submission plus the policy hours', () => {
    expect(verbalConfirmationDeadline(verbal, dctx)).toBe('2026-03-04T01:00:00.000Z');
    const policy = makePolicy({
      intake: { verbal: { mode: 'deadline', confirmationDeadlineHours: 24 } },
    });
    expect(verbalConfirmationDeadline(verbal, makeContext({ policy }))).toBe(
      '2026-03-03T01:00:00.000Z',
    );
    expect(verbalOrder(verbal, makeContext({ policy }))[0]!.params.deadline).toBe(
      '2026-03-03 09:00',
    );
  });

  it('IN-3 does not block confirmation in deadline mode', () => {
    expect(verbalConfirmationBlockers(verbal, deadlinePolicy)).toEqual([]);
  });

  it('IN-3 has no deadline once confirmed or for a written order', () => {
    expect(verbalConfirmationDeadline(confirmed, dctx)).toBeUndefined();
    expect(verbalConfirmationDeadline(makeOrder(), dctx)).toBeUndefined();
    expect(verbalOrder(confirmed, dctx)).toEqual([]);
  });
});
