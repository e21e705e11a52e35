// Issue 13, the sample ERP attached to the service: its webhook sender's signature verifies with
// the service's own webhook route (createApp's `webhooks` option, served on 127.0.0.1), and an
// order edited on the sample ERP's page reaches the core through the webhook and SyncService.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Ordergate, loadPolicy, type Effect } from '@ordergate/core';
import {
  PostgresStore,
  SharedSecret,
  SyncService,
  createApp,
  type WebhookSource,
} from '@ordergate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_POLICY } from '../../../packages/server/src/cli/demo/company.js';
import {
  WebhookSender,
  draftOf,
  startSampleErp,
  type OrderDraft,
  type SampleErp,
} from '../src/index.js';
import { TOKEN, connectorFor, getOrder } from './support.js';

const secret = new SharedSecret('sample-erp-webhook-secret-0123456789abcdef');
let store: PostgresStore;
let og: Ordergate;
let sync: SyncService;
let server: ServerType;
let serviceUrl: string;
let erp: SampleErp;
const delivered: Effect[] = [];
const sources: Record<string, WebhookSource> = {};

beforeAll(async () => {
  store = await PostgresStore.open();
  let n = 0;
  og = new Ordergate({
    policy: loadPolicy(DEMO_POLICY),
    store,
    clock: { now: () => new Date().toISOString() },
    ids: { next: (prefix) => `${prefix}-${String(++n)}` },
    receiver: { deliver: (effect) => Promise.resolve(void delivered.push(effect)) },
  });
  const app = createApp({
    og,
    identity: { secret: new SharedSecret('i'.repeat(40)), audience: 'ordergate' },
    webhooks: {
      sources,
      deliveries: { rememberDelivery: (...a) => sync.log.rememberDelivery(...a) },
    },
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  serviceUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  erp = await startSampleErp({
    token: TOKEN,
    webhook: { url: `${serviceUrl}/v1/webhooks/sample-erp`, secret },
  });
  sync = new SyncService({
    og,
    erp: await connectorFor(erp),
    driver: store.driver,
    submitter: (c) => ({ id: c.order.salesperson, groups: ['sales'] }),
  });
  sources['sample-erp'] = { secret, sync };
});
afterAll(async () => {
  await sync?.stop();
  await erp?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
});

/** The order entry form as the sample ERP's page posts it. */
function formOf(d: OrderDraft): URLSearchParams {
  const f = new URLSearchParams({
    customer_id: String(d.customer_id),
    state: d.state ?? 'draft',
    client_ref: d.client_ref ?? '',
    currency: d.currency ?? 'CNY',
    payment_terms: d.payment_terms ?? '',
    requested_date: d.requested_date ?? '',
    channel: d.channel ?? 'written',
    salesperson: d.salesperson,
    contact_name: d.contact?.name ?? '',
    contact_phone: d.contact?.phone ?? '',
    contact_email: d.contact?.email ?? '',
    ship_street: d.ship_to?.street ?? '',
    ship_city: d.ship_to?.city ?? '',
    ship_zip: d.ship_to?.zip ?? '',
    ship_country: d.ship_to?.country ?? '',
    invoice_title: d.invoice_title ?? '',
    tax_id: d.tax_id ?? '',
    note: d.note ?? '',
  });
  if (d.technical_complexity) f.set('technical_complexity', '1');
  (d.lines ?? []).forEach((l, i) => {
    if (l.id !== undefined) f.set(`line_${String(i)}_id`, String(l.id));
    f.set(`line_${String(i)}_product`, l.product_id == null ? '' : String(l.product_id));
    f.set(`line_${String(i)}_name`, l.name ?? '');
    f.set(`line_${String(i)}_qty`, String(l.qty));
    f.set(`line_${String(i)}_price`, String(l.price_unit ?? ''));
    f.set(`line_${String(i)}_discount`, String(l.discount ?? '0'));
  });
  return f;
}

async function postForm(path: string, form: URLSearchParams): Promise<Response> {
  return fetch(`${erp.url}${path}`, { method: 'POST', body: form, redirect: 'manual' });
}

describe('issue 13 sample ERP → service: webhooks and sync', () => {
  it('issue 13 the first sync through SyncService puts the seeded cases in the core (IN-2 returned, the others assessed)', async () => {
    const report = await sync.syncOnce();
    expect(report).toMatchObject({ ran: true, counts: { customers: 2 } });
    const statuses = Object.fromEntries(
      await Promise.all(
        ['2', '3', '4', '5', '6'].map(async (id) => [id, (await og.order(id))?.workflow.status]),
      ),
    );
    expect(statuses['5']).toBe('returned');
    for (const id of ['2', '3', '4']) expect(statuses[id]).toBe('in_review');
    expect(['in_review', 'credit_hold']).toContain(statuses['6']);
  });

  it("issue 13 the sample ERP's webhook signature verifies with the service's route (202); another secret is refused (401)", async () => {
    erp.webhooks!.orderChanged(2);
    await erp.webhooks!.idle();
    expect(erp.webhooks!.deliveries.at(-1)).toMatchObject({
      orders: ['2'],
      status: 202,
      attempts: 1,
    });
    const forger = new WebhookSender({
      url: `${serviceUrl}/v1/webhooks/sample-erp`,
      secret: new SharedSecret('not-the-shared-secret-0123456789abcdef'),
    });
    forger.orderChanged(2);
    await forger.idle();
    expect(forger.deliveries).toMatchObject([{ status: 401, attempts: 1 }]);
    await sync.idle();
  });

  it('issue 13 IN-2 an order completed on the sample ERP page reaches the core by webhook + SyncService with its new state', async () => {
    const before = await getOrder(erp, 5);
    const draft = draftOf(before);
    const page = await postForm(
      '/orders/5',
      formOf({
        ...draft,
        payment_terms: 'NET30',
        contact: { name: 'Manager Chen', phone: '+86 21 5555 0101', email: 'chen@hengtai.example' },
        invoice_title: 'Hengtai Electromechanical Co., Ltd.',
        tax_id: '91310115MA1K4XXXX1',
        lines: draft.lines!.map((l) => ({ ...l, qty: '12' })),
      }),
    );
    expect(page.status).toBe(303);
    await erp.webhooks!.idle();
    expect(erp.webhooks!.deliveries.at(-1)).toMatchObject({ orders: ['5'], status: 202 });
    await sync.idle();
    const picture = await og.order('5');
    expect(picture?.order).toMatchObject({
      paymentTerms: 'NET30',
      contact: { name: 'Manager Chen' },
      invoice: { title: 'Hengtai Electromechanical Co., Ltd.' },
      lines: [{ quantity: 12 }],
    });
    expect(picture?.workflow.status).not.toBe('returned');
    const [run] = await sync.log.runs('sample-erp');
    expect(run).toMatchObject({ trigger: 'webhook', status: 'done' });
  });

  it('issue 13 a locked order cannot be edited on the page (409) and sends no webhook', async () => {
    const rest = await connectorFor(erp);
    await rest.apply({ type: 'lockOrder', key: 'o3:1:lock', orderId: '3' });
    const sent = erp.webhooks!.deliveries.length;
    const res = await postForm(
      '/orders/3',
      formOf({ ...draftOf(await getOrder(erp, 3)), note: 'x' }),
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('locked by ordergate');
    await erp.webhooks!.idle();
    expect(erp.webhooks!.deliveries.length).toBe(sent);
  });
});
