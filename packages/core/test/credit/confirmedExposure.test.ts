import { describe, expect, it } from 'vitest';
import type { Ordergate } from '../../src/index.js';
import { creditExposure } from '../../src/rules/credit/creditExposure.js';
import { approveAllChangeSteps } from '../support/change.js';
import { makeCustomer } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeLine, makeOrder, makePolicy, SUBMITTED_AT } from '../support/orders.js';
import { people } from '../support/people.js';

/** 1,000,000.00 CNY. */
const LIMIT = 100_000_000;

/** An order of one line of `amount` CNY minor units, no tax, for customer c-1. */
function orderOf(id: string, amount: number, extra: Parameters<typeof makeOrder>[0] = {}) {
  return makeOrder({
    id,
    lines: [makeLine({ quantity: 1, unitPrice: amount, listPrice: amount, taxBp: 0 })],
    ...extra,
  });
}

const customer = (openOrders: { id: string; amount: number; reference?: string }[] = []) =>
  makeCustomer({
    credit: { limit: { amount: LIMIT, currency: 'CNY' } },
    openOrders: openOrders.map((o) => ({ currency: 'CNY', ...o })),
  });

/** Submits, approves and confirms an order through the façade. */
async function confirmed(og: Ordergate, order: ReturnType<typeof makeOrder>) {
  const r = await og.submit(order, people.li);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  for (const who of [people.liu, people.wang]) await og.approve(order.id, who);
  const c = await og.confirm(order.id, people.li);
  if (!c.ok) throw new Error(`${c.code}: ${c.message}`);
}

describe('CR-4 exposure counts the orders confirmed here and not yet invoiced', () => {
  it('CR-4 two 600,000.00 orders do not both pass a 1,000,000.00 limit: the first, confirmed here, counts when the second is assessed', async () => {
    const { og } = makeDesk();
    await og.putCustomer(customer());
    await confirmed(og, orderOf('o-a', 60_000_000));
    const second = await og.submit(orderOf('o-b', 60_000_000), people.li);
    expect(second.ok && second.value.workflow.status).toBe('credit_hold');
    const cr4 = second.ok ? second.value.workflow.findings.find((f) => f.ruleId === 'CR-4') : null;
    expect(cr4?.severity).toBe('block');
    expect(cr4?.evidence).toEqual(
      expect.arrayContaining([
        { field: 'exposure', value: 120_000_000, limit: LIMIT },
        { field: 'exposure.openOrders', value: 60_000_000 },
        { field: 'exposure.openOrders.confirmedHere', value: 60_000_000 },
      ]),
    );
    // The order's picture counts them the same way.
    expect((await og.order('o-b'))?.credit?.exposure).toMatchObject({
      openOrders: 60_000_000,
      confirmedHere: 60_000_000,
      thisOrder: 60_000_000,
      total: 120_000_000,
    });
  });

  it('CR-4 CR-5 boundary: exposure exactly at the limit passes (with the near-limit warning); one minor unit over holds', async () => {
    const { og } = makeDesk();
    await og.putCustomer(customer());
    await confirmed(og, orderOf('o-a', 60_000_000));
    const at = await og.submit(orderOf('o-at', 40_000_000), people.li);
    expect(at.ok && at.value.workflow.status).toBe('in_review');
    expect(
      at.ok &&
        at.value.workflow.findings.filter((f) => f.ruleId.startsWith('CR')).map((f) => f.ruleId),
    ).toEqual(['CR-5']);
    const over = await og.submit(orderOf('o-over', 40_000_001), people.li);
    expect(over.ok && over.value.workflow.status).toBe('credit_hold');
    expect(
      over.ok && over.value.workflow.findings.find((f) => f.ruleId === 'CR-4')?.evidence[0],
    ).toEqual({ field: 'exposure', value: 100_000_001, limit: LIMIT });
  });

  it('CR-4 an order confirmed here that the ERP also reports in its open orders counts once, at the ERP amount', async () => {
    const { og } = makeDesk();
    await og.putCustomer(customer());
    await confirmed(og, orderOf('o-a', 60_000_000, { externalRef: 'S00041' }));
    // The ERP's next sync lists it by its own reference, 100,000.00 of it already invoiced.
    await og.putCustomer(customer([{ id: 'erp-41', amount: 50_000_000, reference: 'S00041' }]));
    const second = await og.submit(orderOf('o-b', 50_000_000), people.li);
    expect(second.ok && second.value.workflow.status).toBe('in_review');
    expect((await og.order('o-b'))?.credit?.exposure).toMatchObject({
      openOrders: 50_000_000,
      confirmedHere: 0,
      total: 100_000_000,
    });
    const over = await og.submit(orderOf('o-c', 50_000_001), people.li);
    expect(over.ok && over.value.workflow.status).toBe('credit_hold');
  });

  it('CR-4 an order confirmed here drops out of the open orders once its settlement records it invoiced (it is a receivable then)', async () => {
    const { og } = makeDesk();
    await og.putCustomer(customer());
    await confirmed(og, orderOf('o-a', 60_000_000));
    expect((await og.settle('o-a', people.zhao, { invoiced: true, invoiceRef: 'INV-1' })).ok).toBe(
      true,
    );
    const second = await og.submit(orderOf('o-b', 60_000_000), people.li);
    expect(second.ok && second.value.workflow.status).toBe('in_review');
  });

  it('CR-4 orders of other customers, orders not yet confirmed and cancelled orders do not count', async () => {
    const { og, desk } = makeDesk();
    await og.putCustomer(customer());
    await og.putCustomer(
      makeCustomer({ id: 'c-2', credit: { limit: { amount: LIMIT, currency: 'CNY' } } }),
    );
    await confirmed(og, orderOf('o-other', 90_000_000, { customer: { id: 'c-2', name: 'Other' } }));
    expect((await og.submit(orderOf('o-review', 90_000_000), people.li)).ok).toBe(true);
    await confirmed(og, orderOf('o-cancel', 90_000_000));
    expect((await og.requestCancellation('o-cancel', people.li, 'Project stopped')).ok).toBe(true);
    expect((await approveAllChangeSteps(desk, 'o-cancel')).workflow.status).toBe('cancelled');
    const next = await og.submit(orderOf('o-next', 90_000_000), people.li);
    expect(next.ok && next.value.workflow.status).toBe('in_review');
  });
});

describe('CR-4 creditExposure with confirmedOrders (pure)', () => {
  const policy = makePolicy();
  const mine = orderOf('o-new', 10_000_000);

  it('CR-4 dedupes by order id, by the ERP reference and by the order number; this order never counts twice', () => {
    const here = [
      orderOf('o-1', 1_000, {}),
      orderOf('o-2', 2_000, { externalRef: 'S00002' }),
      orderOf('o-3', 3_000, { number: 'SO-2026-000003' }),
      orderOf('o-4', 4_000, { externalRef: 'S00004' }),
      mine,
    ];
    const erp = customer([
      { id: 'o-1', amount: 900 },
      { id: 'erp-2', amount: 1_900, reference: 'S00002' },
      { id: 'erp-3', amount: 2_900, reference: 'SO-2026-000003' },
    ]);
    const e = creditExposure(mine, erp, { policy, at: SUBMITTED_AT, confirmedOrders: here });
    expect(e).toMatchObject({
      openOrders: 900 + 1_900 + 2_900 + 4_000,
      confirmedHere: 4_000,
      thisOrder: 10_000_000,
    });
    expect(e.total).toBe(e.receivables + e.openOrders + e.thisOrder);
  });

  it('CR-4 an empty ERP reference matches nothing: an order without one is counted unless listed by id', () => {
    const here = [orderOf('o-1', 1_000)];
    const erp = customer([{ id: 'erp-9', amount: 500, reference: '' }]);
    expect(
      creditExposure(mine, erp, { policy, at: SUBMITTED_AT, confirmedOrders: here }).openOrders,
    ).toBe(1_500);
  });

  it('CR-4 counts confirmed orders with tax unless credit.includeTax is false, and converts their currency', () => {
    const taxed = makeOrder({ id: 'o-t' }); // 5,000.00 + 13 % tax
    const usd = orderOf('o-usd', 10_000, { currency: 'USD' });
    const c = makeCustomer({ rates: [{ from: 'USD', to: 'CNY', rate: '7.1234' }] });
    expect(
      creditExposure(mine, c, { policy, at: SUBMITTED_AT, confirmedOrders: [taxed, usd] })
        .confirmedHere,
    ).toBe(565_000 + 71_234);
    const untaxed = makePolicy({ credit: { includeTax: false } });
    expect(
      creditExposure(mine, c, { policy: untaxed, at: SUBMITTED_AT, confirmedOrders: [taxed] })
        .confirmedHere,
    ).toBe(500_000);
    expect(() =>
      creditExposure(mine, makeCustomer(), { policy, at: SUBMITTED_AT, confirmedOrders: [usd] }),
    ).toThrow(/confirmedOrders\.0\.currency/);
  });
});
