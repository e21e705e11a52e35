import { expect } from 'vitest';
import {
  MemoryStore,
  type Result,
  type Order,
  type OrderInput,
  type OrderView,
  type Policy,
  type PolicyInput,
} from '../../src/index.js';
import { gate, orderDesk } from './gate.js';
import { makeOrder } from './orders.js';

type OrderDesk = ReturnType<typeof orderDesk>;
import { companyPolicy, people, testClock, testIds } from './people.js';

/** Unwraps a desk result, failing the test with the refusal when it is not ok. */
export function ok(r: Result<OrderView>): OrderView {
  if (!r.ok) expect.fail(`${r.code}: ${r.message}`);
  return r.value;
}

/** A desk over a fresh MemoryStore with the company's roles, a movable clock and sequential ids. */
export function changeDesk(overrides: PolicyInput = {}) {
  const policy: Policy = companyPolicy(overrides);
  const store = new MemoryStore();
  const clock = testClock();
  const desk = orderDesk(gate({ policy, store, clock, ids: testIds() }));
  return { desk, policy, store, clock };
}

/**
 * Submits an order owned by Li, has every step of its review route approved by whoever may
 * approve it, and confirms it: the order is `confirmed` at revision 1.
 */
export async function confirmedOrder(
  desk: OrderDesk,
  overrides: Partial<OrderInput> = {},
): Promise<Order> {
  const submitted = ok(await desk.submit(makeOrder(overrides), people.li));
  const approvers = [
    people.liu,
    people.huang,
    people.sun,
    people.zhao,
    people.wu,
    people.zheng,
    people.qian,
    people.ma,
    people.he,
    people.wang,
  ];
  for (let guard = 0; guard < 20; guard++) {
    const view = (await desk.get(submitted.order.id))!;
    if (view.workflow.status !== 'in_review') break;
    let moved = false;
    for (const who of approvers) {
      if ((await desk.approve(submitted.order.id, who)).ok) {
        moved = true;
        break;
      }
    }
    if (!moved)
      expect.fail(
        `nobody could approve ${JSON.stringify(view.workflow.route?.steps.map((s) => s.key))}`,
      );
  }
  const confirmed = ok(await desk.confirm(submitted.order.id, people.li));
  expect(confirmed.workflow.status).toBe('confirmed');
  return confirmed.order;
}

/** Approves every step of the pending change route with whoever may, in order; returns the last view. */
export async function approveAllChangeSteps(desk: OrderDesk, orderId: string): Promise<OrderView> {
  const approvers = [
    people.zhao,
    people.liu,
    people.huang,
    people.sun,
    people.wu,
    people.zheng,
    people.qian,
    people.ma,
    people.he,
    people.wang,
  ];
  let view = (await desk.get(orderId))!;
  // Stops when every step is approved: the change took effect, or (CH-7) waits for its signature.
  const open = (v: OrderView) =>
    v.workflow.status === 'change_pending' &&
    v.workflow.change?.pending?.awaitingSignature === undefined;
  for (let guard = 0; guard < 30 && open(view); guard++) {
    let moved = false;
    for (const who of approvers) {
      const r = await desk.approveChange(orderId, who);
      if (r.ok) {
        view = r.value;
        moved = true;
        break;
      }
    }
    if (!moved)
      expect.fail(
        `nobody could approve ${JSON.stringify(view.workflow.change?.pending?.route.steps.map((s) => [s.key, s.roles, s.status]))}`,
      );
  }
  return view;
}
