// Reading and syncing against a real Odoo (recorded): mapping into core types (IN-2 fields,
// CR-3 limit, CR-2 grade, CR-4 exposure, CR-7 receivables), batching and checkpoints.
import { describe, expect, it } from 'vitest';
import { OdooConnector, OdooNetworkError, type OdooSyncPage } from '../src/index.js';
import { connectionReset, describeOdoo } from './support/odooHarness.js';
import { createScenario, type Scenario } from './support/odooScenario.js';

/** Everything but the benchmark's 10,000 orders (bench/odoo-sync.ts) that may share the database. */
const NOT_BENCH = [
  '|',
  ['client_order_ref', '=', false],
  ['client_order_ref', 'not like', 'OGBENCH-'],
];

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

  it('picks the transport from the server version and sends the context', async () => {
    const odoo = await ctx.connect({ context: { lang: 'en_US', tz: 'Asia/Shanghai' } });
    expect(odoo.client.server.major).toBe(ctx.major);
    expect(odoo.client.transport).toBe(ctx.major >= 19 ? 'json2' : 'jsonrpc');
    expect(odoo.stats.calls).toBe(2); // version + credentials
    expect(odoo.client.uid).toBeGreaterThan(0);
  });

  it('speaks JSON-RPC when forced, on any version', async () => {
    const odoo = await ctx.connect({ transport: 'jsonrpc' });
    expect(odoo.client.transport).toBe('jsonrpc');
    expect(await odoo.client.searchCount('sale.order', [['id', '=', s.draftOrderId]])).toBe(1);
  });

  it('maps a sale.order with its lines into a core Order', async () => {
    const odoo = await ctx.connect(
      { context: { tz: 'Asia/Shanghai' } },
      { read: { mapping: mapping() } },
    );
    const { orders, customers, rejected } = await odoo.readOrders([s.draftOrderId]);
    expect(rejected).toEqual([]);
    const rec = orders[0]!;
    const o = rec.order;
    expect(o.id).toBe(String(s.draftOrderId));
    expect(o.number).toMatch(/^S\d+/);
    // the customer is the commercial partner, the contact the person on the order
    expect(o.customer).toEqual({ id: String(s.companyId), name: `OG Customer ${s.suffix}` });
    expect(o.contact).toMatchObject({ name: `OG Buyer ${s.suffix}`, phone: '+86 512 0000 0000' });
    expect(o.deliveryAddress).toMatchObject({ city: 'Suzhou', postalCode: '215000' });
    expect(o.invoice.taxId).toBe('CN91320000TEST');
    expect(o.currency).toMatch(/^[A-Z]{3}$/);
    // naive UTC 2026-12-31 16:30:00 is 2027-01-01 in Shanghai
    expect(o.requestedDeliveryDate).toBe('2027-01-01');
    expect(o.enteredAt).toMatch(/Z$/);
    expect(o.notes).toBe('Deliver to gate 3 & call first');
    // the section line is not goods; floats became minor units with the currency's decimals
    expect(o.lines).toHaveLength(2);
    expect(o.lines[0]).toMatchObject({ quantity: 3, unitPrice: 1999, discountBp: 1250 });
    expect(o.lines[1]).toMatchObject({ quantity: 1.5, unitPrice: 100001 });
    expect(o.lines[0]!.productId).toBe(String(s.productIds[0]));
    expect(o.lines[0]!.model).not.toBe('');
    expect(rec.odoo).toMatchObject({
      state: 'draft',
      locked: false,
      clientOrderRef: `OGT-${s.suffix}-D`,
    });
    expect(rec.odoo.writeDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(customers.map((c) => c.id)).toEqual([String(s.companyId)]);
  });

  it('reads credit facts: limit (CR-3), grade from a tag (CR-2), receivables (CR-7), open orders (CR-4)', async () => {
    const odoo = await ctx.connect({}, { read: { mapping: mapping() } });
    const [c] = await odoo.readCustomers([s.companyId]);
    expect(c!.credit.limit).toEqual({ amount: 500050, currency: c!.credit.limit!.currency });
    expect(c!.credit.grade).toBe('B');
    expect(c!.receivables).toEqual([
      expect.objectContaining({ id: String(s.invoiceId), amount: 123456, dueDate: '2026-02-09' }),
    ]);
    expect(c!.openOrders).toEqual([
      expect.objectContaining({
        id: String(s.confirmedOrderId),
        amount: expect.any(Number) as number,
      }),
    ]);
    expect(c!.openOrders[0]!.amount).toBeGreaterThanOrEqual(20050);
    expect(odoo.stats.calls).toBeLessThanOrEqual(2 + 6);
  });

  it('full sync: pages with checkpoints, every order once, calls ≈ pages + a constant', async () => {
    const odoo = await ctx.connect({}, { read: { mapping: mapping() } });
    const total = await odoo.client.searchCount('sale.order', NOT_BENCH);
    const before = odoo.stats.calls;
    const seen: string[] = [];
    let last: OdooSyncPage | undefined;
    for await (const page of odoo.sync({ domain: NOT_BENCH, pageSize: 10 })) {
      seen.push(...page.orders.map((r) => r.order.id));
      last = page;
      for (const r of page.orders) {
        expect(page.customers.some((c) => c.id === r.order.customer.id)).toBe(true);
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length + last!.rejected.length).toBeLessThanOrEqual(total);
    expect(seen).toContain(String(s.draftOrderId));
    const pages = Math.ceil(total / 10);
    // models read per page: orders, lines, partners, invoices, open orders
    // + the one-time look-ups: currencies, partner tags (grade), taxes
    expect(odoo.stats.calls - before).toBeLessThanOrEqual(pages * 5 + 3 + 3);
  });

  it('incremental sync from a checkpoint returns only what changed', async () => {
    const odoo = await ctx.connect();
    let checkpoint: OdooSyncPage['checkpoint'] | undefined;
    for await (const page of odoo.sync({ domain: NOT_BENCH, pageSize: 50 }))
      checkpoint = page.checkpoint;
    const idle: string[] = [];
    for await (const page of odoo.sync({
      domain: NOT_BENCH,
      pageSize: 50,
      checkpoint: checkpoint!,
    })) {
      idle.push(...page.orders.map((r) => r.order.id));
    }
    expect(idle).toEqual([]);
    await odoo.client.write('sale.order', [s.draftOrderId], {
      client_order_ref: `OGT-${s.suffix}-D2`,
    });
    const changed: string[] = [];
    for await (const page of odoo.sync({
      domain: NOT_BENCH,
      pageSize: 50,
      checkpoint: checkpoint!,
    })) {
      changed.push(...page.orders.map((r) => r.order.id));
    }
    expect(changed).toEqual([String(s.draftOrderId)]);
  });

  it('resumes from its checkpoint when the server goes away mid-sync: nothing lost, nothing twice', async () => {
    const reference = await ctx.connect();
    const all: string[] = [];
    for await (const page of reference.sync({ domain: NOT_BENCH, pageSize: 5 }))
      all.push(...page.orders.map((r) => r.order.id));

    let pages = 0;
    const flaky = await ctx.connect(
      {},
      {
        fault: ({ body }) =>
          pages >= 2 && JSON.stringify(body).includes('write_date asc')
            ? connectionReset()
            : undefined,
      },
    );
    const delivered: string[] = [];
    let checkpoint: OdooSyncPage['checkpoint'] | undefined;
    await expect(
      (async () => {
        for await (const page of flaky.sync({ domain: NOT_BENCH, pageSize: 5 })) {
          delivered.push(...page.orders.map((r) => r.order.id));
          checkpoint = page.checkpoint;
          pages++;
        }
      })(),
    ).rejects.toBeInstanceOf(OdooNetworkError);
    expect(flaky.stats.retries).toBe(3);
    expect(delivered.length).toBeLessThan(all.length);

    const resumed = await ctx.connect();
    for await (const page of resumed.sync({
      domain: NOT_BENCH,
      pageSize: 5,
      checkpoint: checkpoint!,
    })) {
      delivered.push(...page.orders.map((r) => r.order.id));
    }
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual([...all].sort());
  });
});

describe('harness', () => {
  it('has a mode', () => {
    expect(['replay', 'live', 'record']).toContain(
      process.env.ODOO_RECORD === '1' ? 'record' : 'replay',
    );
  });
});
