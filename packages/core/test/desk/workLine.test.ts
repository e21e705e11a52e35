import { describe, expect, it } from 'vitest';
import { orderTotals } from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeOrderInput } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const UNTIL = '2026-03-06T23:59:59+08:00';
/** Wang, the sales head, is away this week: Zhou, his assistant, signs for him. */
const policy = () =>
  companyPolicy({
    delegations: [
      { from: people.wang.id, to: people.zhou.id, roles: ['salesHead'], validUntil: UNTIL },
    ],
  });

describe('work-queue lines', () => {
  it('RV-2 RV-5 a line carries customer, total with tax, its step’s rules and overdue; a delegate’s step names whom for and until when', async () => {
    const { desk, og } = makeDesk(policy());
    const input = makeOrderInput();
    expect((await desk.submit(input, people.li)).ok).toBe(true);
    const [line] = await og.workQueue(people.liu);
    const view = (await og.order(input.id))!;
    const step = view.workflow.route!.steps.find((s) => s.status === 'active')!;
    expect(line).toMatchObject({
      orderId: input.id,
      customer: { id: view.order.customer.id, name: view.order.customer.name },
      amount: { total: orderTotals(view.order).total, currency: view.order.currency },
      ruleIds: [...step.ruleIds].sort(),
      overdue: false,
      steps: [{ key: step.key, label: step.label, ruleIds: [...step.ruleIds] }],
    });
    expect(line!.steps[0]!.onBehalfOf).toBeUndefined();

    expect((await desk.approve(input.id, people.liu)).ok).toBe(true);
    const [own] = await og.workQueue(people.wang);
    const [sub] = await og.workQueue(people.zhou);
    expect(own!.steps.map((s) => s.onBehalfOf)).toEqual([undefined]);
    expect(sub).toMatchObject({
      orderId: input.id,
      actions: ['approve'],
      steps: [{ onBehalfOf: people.wang.id, delegatedUntil: UNTIL }],
    });
    // the approval records whose authority the substitute used, as before
    expect((await desk.approve(input.id, people.zhou)).ok).toBe(true);
    const approvals = (await og.order(input.id))!.workflow.route!.steps.flatMap((s) => s.approvals);
    expect(approvals.find((a) => a.actor === people.zhou.id)).toMatchObject({
      onBehalfOf: people.wang.id,
      role: 'salesHead',
    });
  });

  it('RV-2 past its due time a line is overdue; past the delegation window the delegate has nothing to sign', async () => {
    const { desk, og, clock } = makeDesk(policy());
    const input = makeOrderInput();
    expect((await desk.submit(input, people.li)).ok).toBe(true);
    expect((await desk.approve(input.id, people.liu)).ok).toBe(true);
    clock.set('2026-03-09T09:00:00+08:00');
    expect(await og.workQueue(people.wang)).toMatchObject([{ orderId: input.id, overdue: true }]);
    expect(await og.workQueue(people.zhou)).toEqual([]);
  });
});
