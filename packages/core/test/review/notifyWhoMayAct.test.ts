import { describe, expect, it } from 'vitest';
import { MemoryStore, type Effect } from '../../src/index.js';
import { makeCustomer } from '../support/credit.js';
import { gate } from '../support/gate.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, companyRoles, people, testClock, testIds } from '../support/people.js';

type Schedule = Extract<Effect, { type: 'scheduleApproval' }>;
const schedules = (effects: readonly Effect[]) =>
  effects.filter((e): e is Schedule => e.type === 'scheduleApproval');

/** The company, with the salesperson Li also named in production (the review) and as finance director. */
function liHoldsApproverRoles() {
  return companyPolicy({
    roles: {
      ...companyRoles,
      production: { ...companyRoles.production, users: [people.li.id, people.liu.id] },
      financeDirector: {
        ...companyRoles.financeDirector,
        users: [people.li.id, people.qian.id],
      },
    },
  });
}

describe('approval activities ask only who may act on the step now (segregation of duties)', () => {
  it('RV-3 decision 009: the review step is not asked of the order’s own salesperson, who holds its role', async () => {
    const og = gate({
      policy: liHoldsApproverRoles(),
      store: new MemoryStore(),
      clock: testClock(),
      ids: testIds(),
    });
    const r = await og.submit(makeOrder(), people.li);
    expect(r.ok).toBe(true);
    const asked = schedules(r.ok ? r.effects : []);
    expect(asked.length).toBeGreaterThan(0);
    for (const s of asked) {
      expect(s.users).not.toContain(people.li.id);
      expect(s.barred).toContain(people.li.id);
    }
    expect(asked.find((s) => s.roles.includes('production'))?.users).toEqual([people.liu.id]);
  });

  it('CR-4 a held order tells the credit approvers who may release it — the finance director, not the owner who also holds that role', async () => {
    const og = gate({
      policy: liHoldsApproverRoles(),
      store: new MemoryStore(),
      clock: testClock(),
      ids: testIds(),
    });
    await og.putCustomer(makeCustomer({ credit: { limit: { amount: 100_000, currency: 'CNY' } } }));
    const r = await og.submit(makeOrder(), people.li);
    expect(r.ok && r.value.workflow.status).toBe('credit_hold');
    const effects = r.ok ? r.effects : [];
    const credit = schedules(effects).filter((s) => s.roles.includes('financeDirector'));
    expect(credit).toHaveLength(1);
    expect(credit[0]?.users).toEqual([people.qian.id]);
    expect(credit[0]?.barred).toContain(people.li.id);
    // the owner is told the order is held, as information, not asked to act
    expect(effects.find((e) => e.type === 'notify')).toMatchObject({
      to: { users: [people.li.id] },
      messageKey: 'credit.hold.entered',
    });
  });
});
