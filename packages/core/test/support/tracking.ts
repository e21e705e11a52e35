import { type OrderInput, type Policy } from '../../src/index.js';
import { archiveDesk, trackingDesk } from './gate.js';
import { makeDesk } from './desk.js';
import { makeOrder } from './orders.js';
import { makeCustomer } from './credit.js';
import { companyPolicy, people } from './people.js';

/**
 * A confirmed regular order `o-1` (approved by production and the sales head, confirmed by its
 * owner) on a fresh desk, with tracking and archive desks over the same store.
 */
export async function confirmedOrder(
  overrides: Partial<OrderInput> = {},
  policy: Policy = companyPolicy(),
) {
  const h = makeDesk(policy);
  const order = makeOrder(overrides);
  const submitted = await h.desk.submit(order, people.li);
  if (!submitted.ok) throw new Error(`submit failed: ${submitted.code} ${submitted.message}`);
  // Whoever can approve the active steps does, until the route is done.
  const approvers = [
    people.liu,
    people.sun,
    people.zhao,
    people.huang,
    people.wu,
    people.zheng,
    people.qian,
    people.ma,
    people.he,
    people.wang,
  ];
  for (
    let round = 0;
    round < 10 && (await h.desk.get(order.id))?.workflow.status === 'in_review';
    round++
  ) {
    for (const who of approvers) await h.desk.approve(order.id, who);
  }
  if ((await h.desk.get(order.id))?.workflow.status !== 'approved')
    throw new Error('the order was not approved');
  const confirmed = await h.desk.confirm(order.id, people.li);
  if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.code} ${confirmed.message}`);
  const tracking = trackingDesk(h.og);
  const archives = archiveDesk(h.og);
  return { ...h, tracking, archives, orderId: order.id };
}

/** Asserts a desk result is ok and returns its value. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

/**
 * A confirmed order taken through production, payment, shipping, delivery and invoicing: settled
 * and eligible for archiving (AR-1).
 */
export async function settledOrder(
  overrides: Partial<OrderInput> = {},
  policy: Policy = companyPolicy(),
) {
  const h = await confirmedOrder(overrides, policy);
  const { tracking, orderId, clock } = h;
  ok(
    await tracking.recordProgress(orderId, people.zhou, { step: 'production', status: 'started' }),
  );
  ok(await tracking.recordProgress(orderId, people.zhou, { step: 'production', status: 'done' }));
  ok(await tracking.settle(orderId, people.zhao, { paid: true, paymentRef: 'BANK-1' }));
  ok(
    await tracking.recordProgress(orderId, people.zhou, {
      step: 'shipping',
      status: 'done',
      reference: 'WB-1',
    }),
  );
  clock.advanceHours(24);
  ok(await tracking.deliver(orderId, people.zhou, { reference: 'DN-1' }));
  ok(await tracking.settle(orderId, people.zhao, { invoiced: true, invoiceRef: 'INV-1' }));
  return h;
}

/**
 * Gives the order's customer `c-1` credit terms on its stored profile (decision 014), so its
 * goods may ship and be delivered unpaid past the CR-8 gate.
 */
export async function onCreditTerms(h: { og: { putCustomer(c: unknown): Promise<unknown> } }) {
  await h.og.putCustomer(makeCustomer({ credit: { creditTerms: true } }));
}
