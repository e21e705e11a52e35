// Issue 13, the sample ERP: the generic REST connector, driven by examples/sample-erp/mapping.yaml
// exactly as an integrator writes it, against the real sample ERP (Hono + PGlite) on 127.0.0.1.
import { Customer, Order, type Effect } from '@ordergate/core';
import { HttpError, loadRestMapping } from '@ordergate/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ERP_MAPPING, startSampleErp, type SampleErp } from '../src/index.js';
import { TOKEN, api, connectorFor, drain, getCustomer, getNotes, getOrder } from './support.js';
import type { ApiOrder } from '../src/index.js';

let erp: SampleErp;
beforeAll(async () => {
  erp = await startSampleErp({ token: TOKEN });
});
afterAll(async () => {
  await erp?.close();
});

const ids = (pages: { orders: { order: { id: string } }[] }[]) =>
  pages.flatMap((p) => p.orders.map((o) => o.order.id));

describe('issue 13 sample ERP mapping', () => {
  it('issue 13 mapping.yaml validates (loadRestMapping) and keeps its secrets in the environment', async () => {
    const m = await loadRestMapping(SAMPLE_ERP_MAPPING);
    expect(m.erp).toBe('sample-erp');
    expect(m.connection.baseUrl).toEqual({ env: 'SAMPLE_ERP_URL' });
    expect(m.auth).toEqual({ type: 'bearer', token: { env: 'SAMPLE_ERP_TOKEN' } });
    expect(m.webhook?.orderIdsPath).toBe('orders');
  });

  it('issue 13 a wrong token is refused by the sample ERP and the error does not carry it', async () => {
    const m = await loadRestMapping(SAMPLE_ERP_MAPPING);
    const { RestConnector } = await import('@ordergate/connectors');
    const wrong = RestConnector.create(m, {
      env: { SAMPLE_ERP_URL: erp.url, SAMPLE_ERP_TOKEN: 'not-the-token-0123456789' },
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const error = await wrong.ordersById(['2']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect(String((error as Error).message)).not.toContain('not-the-token-0123456789');
  });
});

describe('issue 13 RestConnector against the sample ERP', () => {
  let checkpoint: string;

  it('issue 13 sync all: every draft order read once, oldest change first, mapped into the core (RV-4, RV-6, IN-2, CR-4 cases)', async () => {
    const rest = await connectorFor(erp);
    const pages = await drain(rest.changedOrders());
    checkpoint = pages.at(-1)!.checkpoint;
    // order 1 is delivered (done): read for the checkpoint, not handed on
    expect(ids(pages)).toEqual(['2', '3', '4', '5', '6']);
    expect(pages.flatMap((p) => p.rejected)).toEqual([]);
    const orders = new Map(pages.flatMap((p) => p.orders).map((o) => [o.order.id, o]));
    for (const o of orders.values()) expect(Order.safeParse(o.order).success).toBe(true);
    const regular = orders.get('2')!;
    expect(regular.ref).toMatch(/^SO-\d{4}-0002$/);
    expect(regular.changedAt).toMatch(/Z$/);
    expect(regular.order).toMatchObject({
      customer: { id: '1', name: 'Hengtai Electromechanical' },
      currency: 'CNY',
      salesperson: 'u-li',
      paymentTerms: 'NET30',
      externalRef: 'PO-HT-0301',
      contact: { name: 'Manager Chen' },
      lines: [
        {
          productId: '1',
          model: 'CP-200',
          quantity: 10,
          unitPrice: 1_250_000,
          taxBp: 1300,
          discountBp: 0,
        },
      ],
    });
    // the ERP's naive "2026-12-01 08:50:25" is Shanghai time: 00:50:25Z
    const local = (await getOrder(erp, 2)).date_order;
    expect(Date.parse(regular.order.enteredAt)).toBe(
      Date.parse(`${local.replace(' ', 'T')}+08:00`),
    );
    expect(orders.get('3')!.order).toMatchObject({
      technicalComplexity: true,
      lines: [{ quantity: 80, special: true }],
    });
    expect(orders.get('4')!.order.lines[0]).toMatchObject({ discountBp: 1200 });
    expect(orders.get('5')!.order).toMatchObject({
      paymentTerms: '',
      contact: { name: '', phone: 'call me' },
      invoice: { title: '' },
    });
    const customers = new Map(pages.flatMap((p) => p.customers).map((c) => [c.id, c]));
    expect(customers.get('1')).toMatchObject({
      credit: { grade: 'A', limit: { amount: 500_000_000, currency: 'CNY' } },
    });
    const dongfang = customers.get('2')!;
    expect(Customer.safeParse(dongfang).success).toBe(true);
    expect(dongfang).toMatchObject({
      credit: { grade: 'B', limit: { amount: 50_000_000, currency: 'CNY' } },
      receivables: [
        { id: '1', amount: 22_000_000, dueDate: '2026-02-15', reference: 'INV/2026/0088' },
        { id: '2', amount: 10_000_000, dueDate: '2026-03-31', reference: 'INV/2026/0093' },
      ],
      openOrders: [
        {
          id: '1',
          amount: 8_000_000,
          currency: 'CNY',
          reference: expect.stringMatching(/^SO-\d{4}-0001$/),
        },
      ],
    });
    // the next sync from this checkpoint finds nothing new
    expect(ids(await drain(rest.changedOrders(checkpoint)))).toEqual([]);
  });

  it('issue 13 incremental sync after an edit in the ERP: only the edited order comes back, with its new lines', async () => {
    const rest = await connectorFor(erp);
    const before = { json: await getOrder(erp, 2) };
    const edited = (await api(erp, 'PUT', '/orders/2', {
      payment_terms: 'NET60',
      lines: [{ id: before.json.lines[0]!.id, product_id: 1, qty: 12 }],
    })) as { status: number; json: ApiOrder };
    expect(edited.status).toBe(200);
    expect(edited.json.write_date > before.json.write_date).toBe(true);
    const pages = await drain(rest.changedOrders(checkpoint));
    expect(ids(pages)).toEqual(['2']);
    const change = pages[0]!.orders[0]!;
    expect(change.order).toMatchObject({
      paymentTerms: 'NET60',
      lines: [{ id: String(before.json.lines[0]!.id), quantity: 12 }],
    });
    expect(change.changedAt).toBe(new Date(edited.json.write_date).toISOString());
    checkpoint = pages.at(-1)!.checkpoint;
    expect(ids(await drain(rest.changedOrders(checkpoint)))).toEqual([]);
  });

  it('issue 13 ordersById reads the named orders as the ERP has them now; unknown ids are left out', async () => {
    const rest = await connectorFor(erp);
    const { orders, customers, rejected } = await rest.ordersById(['3', '999', '3']);
    expect(orders.map((o) => o.order.id)).toEqual(['3']);
    expect(customers.map((c) => c.id)).toEqual(['1']);
    expect(rejected).toEqual([]);
  });

  it('issue 13 creditFacts: limit, grade from a tag, open invoices (paid ones left out), open orders', async () => {
    const rest = await connectorFor(erp);
    const facts = await rest.creditFacts(['1', '2', '999']);
    expect(facts.map((c) => c.id)).toEqual(['1', '2']);
    expect(facts[0]).toMatchObject({ credit: { grade: 'A' }, receivables: [], openOrders: [] });
    expect(facts[1]!.receivables!.map((r) => r.amount)).toEqual([22_000_000, 10_000_000]);
  });

  it('issue 13 bulk reads: creditFacts of many customers is three requests (customers, open invoices, open orders by ?ids / ?customer_ids), the same facts as one by one', async () => {
    const rest = await connectorFor(erp);
    const facts = await rest.creditFacts(['2', '1', '999']);
    expect(rest.stats.requests).toBe(3);
    const m = await loadRestMapping(SAMPLE_ERP_MAPPING);
    delete m.customers.bulk;
    delete m.customers.receivables!.bulk;
    delete m.customers.openOrders!.bulk;
    const { RestConnector } = await import('@ordergate/connectors');
    const one = RestConnector.create(m, {
      env: { SAMPLE_ERP_URL: erp.url, SAMPLE_ERP_TOKEN: TOKEN },
    });
    const slow = await one.creditFacts(['2', '1', '999']);
    expect(one.stats.requests).toBe(7); // 3 customers + 2 × (invoices, open orders)
    const strip = (cs: typeof facts) => cs.map(({ asOf: _a, ...c }) => c);
    expect(strip(facts)).toEqual(strip(slow));
  });
});

describe('issue 13 sample ERP bulk filters', () => {
  it('issue 13 GET /api/customers?ids=… answers those customers; GET /api/invoices and /api/orders take customer_ids', async () => {
    const customers = (await api(erp, 'GET', '/customers?ids=2,1,999')).json as {
      data: { id: number }[];
    };
    expect(customers.data.map((c) => c.id)).toEqual([1, 2]);
    const invoices = (await api(erp, 'GET', '/invoices?customer_ids=1,2&state=open')).json as {
      data: { customer_id: number }[];
    };
    const byOne = async (id: number) =>
      (
        (await api(erp, 'GET', `/invoices?customer_id=${String(id)}&state=open`)).json as {
          data: unknown[];
        }
      ).data.length;
    expect(invoices.data.length).toBe((await byOne(1)) + (await byOne(2)));
    expect(invoices.data.every((i) => [1, 2].includes(i.customer_id))).toBe(true);
    const orders = (await api(erp, 'GET', '/orders?customer_ids=2')).json as {
      data: { customer_id: number }[];
    };
    expect(orders.data.length).toBeGreaterThan(0);
    expect(orders.data.every((o) => o.customer_id === 2)).toBe(true);
  });

  it('issue 13 a bad id list is a 400 naming the parameter', async () => {
    for (const [path, name] of [
      ['/customers?ids=1,x', 'ids'],
      ['/invoices?customer_ids=1,,2', 'customer_ids'],
      ['/orders?customer_ids=0', 'customer_ids'],
      [`/customers?ids=${Array.from({ length: 1001 }, (_, i) => i + 1).join(',')}`, 'ids'],
    ] as const) {
      const r = await api(erp, 'GET', path);
      expect(r.status).toBe(400);
      expect((r.json as { error: { message: string } }).error.message).toMatch(
        new RegExp(`^${name}:`),
      );
    }
    const both = await api(erp, 'GET', '/invoices?customer_id=1&customer_ids=2');
    expect(both.status).toBe(400);
  });
});

describe('issue 13 write-back to the sample ERP: each effect applied twice leaves one result', () => {
  const order = (type: string, extra: Record<string, unknown> = {}) =>
    ({ type, key: `o6:1:${type}`, orderId: '6', ...extra }) as unknown as Effect;

  it('issue 13 postMessage twice → one note on the order (Idempotency-Key)', async () => {
    const rest = await connectorFor(erp);
    const effect = order('postMessage', {
      messageKey: 'intake.verbal.confirmed',
      params: { reference: 'FAX-7' },
    });
    await rest.apply(effect);
    await rest.apply(effect);
    const notes = await getNotes(erp, '/orders/6/notes');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ author: 'ordergate' });
    expect(notes[0]!.body).toContain('FAX-7');
  });

  it('issue 13 lockOrder twice → locked once (the second changes nothing), an ERP edit is refused, unlockOrder frees it', async () => {
    const rest = await connectorFor(erp);
    await rest.apply(order('lockOrder'));
    const first = await getOrder(erp, 6);
    await rest.apply(order('lockOrder'));
    const second = await getOrder(erp, 6);
    expect(first.locked).toBe(true);
    expect(second.write_date).toBe(first.write_date);
    const refused = await api(erp, 'PUT', '/orders/6', { payment_terms: 'NET60' });
    expect(refused).toMatchObject({ status: 409, json: { error: { code: 'LOCKED' } } });
    await rest.apply(order('unlockOrder'));
    await rest.apply(order('unlockOrder'));
    expect((await getOrder(erp, 6)).locked).toBe(false);
  });

  it('issue 13 cancelOrder twice → one cancel request and one note saying why', async () => {
    const rest = await connectorFor(erp);
    const effect = order('cancelOrder', { reason: 'credit hold expired (CR-4)' });
    const notesBefore = (await getNotes(erp, '/orders/6/notes')).length;
    await rest.apply(effect);
    const first = await getOrder(erp, 6);
    await rest.apply(effect);
    const second = await getOrder(erp, 6);
    expect(first.cancel_requested).toBe('credit hold expired (CR-4)');
    expect(second.write_date).toBe(first.write_date);
    const notes = await getNotes(erp, '/orders/6/notes');
    expect(notes).toHaveLength(notesBefore + 1);
    expect(notes.at(-1)!.body).toContain('credit hold expired');
  });

  it('issue 13 CR-3 updateCreditTerms twice → grade tag and limit set once', async () => {
    const rest = await connectorFor(erp);
    const effect = {
      type: 'updateCreditTerms',
      key: 'cr-1:approved',
      customerId: '2',
      requestId: 'cr-1',
      grade: 'A',
      limit: { amount: 80_000_000, currency: 'CNY' },
      ruleId: 'CR-3',
    } as unknown as Effect;
    await rest.apply(effect);
    const first = await getCustomer(erp, 2);
    await rest.apply(effect);
    const second = await getCustomer(erp, 2);
    expect(first).toMatchObject({ credit_limit: '800000.00', tags: ['grade:A'] });
    expect(second).toEqual(first);
    const [facts] = await rest.creditFacts(['2']);
    expect(facts!.credit).toMatchObject({ grade: 'A', limit: { amount: 80_000_000 } });
  });

  it('issue 13 customerNotice twice → one note on the customer', async () => {
    const rest = await connectorFor(erp);
    const effect = order('customerNotice', {
      customerId: '2',
      messageKey: 'intake.verbal.confirmed',
      params: { reference: 'DN-9' },
    });
    await rest.apply(effect);
    await rest.apply(effect);
    const notes = await getNotes(erp, '/customers/2/notes');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('DN-9');
  });
});
