// Issue 11 (sync and write-back): the Odoo connector through the ERP-neutral `ErpConnector`
// interface, against the recorded Odoo 18 and 19 traffic — changed orders in pages with opaque
// checkpoints, orders by id, credit facts (CR-2, CR-3, CR-7), one effect applied idempotently.
import { ValidationError, type Effect } from '@ordergate/core';
import { expect, it } from 'vitest';
import { OdooConnector, type ErpConnector, type ErpOrderPage } from '../src/index.js';
import { describeOdoo } from './support/odooHarness.js';
import { createScenario, type Scenario } from './support/odooScenario.js';

/** As in odoo.read.test.ts: everything but the benchmark's orders. */
const NOT_BENCH = [
  '|',
  ['client_order_ref', '=', false],
  ['client_order_ref', 'not like', 'OGBENCH-'],
];

async function pages(erp: ErpConnector, checkpoint?: string): Promise<ErpOrderPage[]> {
  const out: ErpOrderPage[] = [];
  for await (const page of erp.changedOrders(checkpoint)) out.push(page);
  return out;
}

describeOdoo('read-sync', (ctx) => {
  let s: Scenario;
  const mapping = () => ({
    grade: { source: 'tag' as const, tags: { [s.tagName]: 'B' as const } },
  });

  it('sets up a customer, invoice and orders', async () => {
    s = await ctx.scenario('setup', async () => {
      const admin = await OdooConnector.connect(ctx.config());
      return createScenario(admin.client, 'read');
    });
    expect(s.draftOrderId).toBeGreaterThan(0);
  });

  it('issue 11: changedOrders pages every order once in core shape, with its customer and a checkpoint', async () => {
    const odoo = await ctx.connect(
      {},
      { read: { mapping: mapping() }, sync: { domain: NOT_BENCH, pageSize: 10 } },
    );
    const erp = odoo.asErpConnector();
    expect(erp.erp).toBe('odoo');
    const all = await pages(erp);
    expect(all.length).toBeGreaterThan(1);
    const ids = all.flatMap((p) => p.orders.map((o) => o.order.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(String(s.draftOrderId));
    for (const page of all) {
      expect(typeof page.checkpoint).toBe('string');
      expect(JSON.parse(page.checkpoint)).toMatchObject({ version: 1 });
      for (const o of page.orders) {
        expect(o.changedAt).toMatch(/Z$/);
        expect(o.ref).toMatch(/^S\d+/);
        expect(page.customers.some((c) => c.id === o.order.customer.id)).toBe(true);
      }
    }
    const draft = all.flatMap((p) => p.orders).find((o) => o.order.id === String(s.draftOrderId));
    expect(draft!.order.customer).toEqual({
      id: String(s.companyId),
      name: `OG Customer ${s.suffix}`,
    });
  });

  it('issue 11: resuming from the last checkpoint reads nothing new when nothing changed', async () => {
    const odoo = await ctx.connect({}, { sync: { domain: NOT_BENCH, pageSize: 50 } });
    const erp = odoo.asErpConnector();
    const first = await pages(erp);
    const checkpoint = first.at(-1)!.checkpoint;
    const again = await pages(erp, checkpoint);
    expect(again.flatMap((p) => p.orders)).toEqual([]);
    // the checkpoint is handed back as it was: the text survives a store
    expect(again.at(-1)!.checkpoint).toBe(checkpoint);
  });

  it('issue 11: a checkpoint another connector wrote is refused naming it, before any call', async () => {
    const odoo = await ctx.connect();
    const calls = odoo.stats.calls;
    await expect(pages(odoo.asErpConnector(), '{"cursor":"abc"}')).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(pages(odoo.asErpConnector(), 'not json')).rejects.toThrow(/odoo checkpoint/);
    expect(odoo.stats.calls).toBe(calls);
  });

  it('issue 11: ordersById reads the named orders in core shape; a non-Odoo id is a RangeError', async () => {
    const odoo = await ctx.connect(
      { context: { tz: 'Asia/Shanghai' } },
      { read: { mapping: mapping() } },
    );
    const erp = odoo.asErpConnector();
    const { orders, customers, rejected } = await erp.ordersById([String(s.draftOrderId)]);
    expect(rejected).toEqual([]);
    expect(orders.map((o) => o.order.id)).toEqual([String(s.draftOrderId)]);
    expect(orders[0]!.order.requestedDeliveryDate).toBe('2027-01-01');
    expect(customers.map((c) => c.id)).toEqual([String(s.companyId)]);
    await expect(erp.ordersById(['S00042'])).rejects.toBeInstanceOf(RangeError);
  });

  it('issue 11, CR-2, CR-3, CR-7: creditFacts reads grade, limit and receivables by customer id', async () => {
    const odoo = await ctx.connect({}, { read: { mapping: mapping() } });
    const [c] = await odoo.asErpConnector().creditFacts([String(s.companyId)]);
    expect(c!.credit?.grade).toBe('B');
    expect(c!.credit?.limit?.amount).toBe(500050);
    expect(c!.receivables).toEqual([
      expect.objectContaining({ id: String(s.invoiceId), amount: 123456 }),
    ]);
  });
});

describeOdoo('writeback', (ctx) => {
  let s: Scenario;

  it('sets up orders to write on', async () => {
    s = await ctx.scenario('setup', async () => {
      const admin = await OdooConnector.connect(ctx.config());
      return createScenario(admin.client, 'wb');
    });
  });

  it('issue 11: apply(effect) resolves once the effect is in Odoo, and again without a second write', async () => {
    const odoo = await ctx.connect();
    const erp = odoo.asErpConnector();
    const effect: Effect = {
      type: 'postMessage',
      key: `${s.suffix}:msg:1`,
      orderId: String(s.draftOrderId),
      messageKey: 'test.message',
      params: { n: 1 },
      ruleId: 'RV-3',
    };
    await expect(erp.apply(effect)).resolves.toBeUndefined();
    const writes = odoo.stats.calls;
    await expect(erp.apply(effect)).resolves.toBeUndefined();
    // the second apply looks the key up and writes nothing: one call (the look-up) more
    expect(odoo.stats.calls - writes).toBe(1);
  });
});
