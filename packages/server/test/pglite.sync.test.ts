// Issue 11, sync and write-back: the SyncService against a fake ERP on 127.0.0.1 (a real HTTP
// server, through a tiny ErpConnector), on PGlite: orders appear in the core, the checkpoint
// advances, a second sync is incremental, an ERP edit never overwrites the workflow (RV-9),
// a CR-3 approval survives the sync, and the webhook's HMAC, timestamp and replay refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore, SharedSecret, SyncService, createApp, signWebhook } from '../src/index.js';
import { FakeErpConnector, fakeCustomer, startFakeErp, type FakeErp } from './support/fakeErp.js';
import { gateOver, orderInput, people } from './support/scenario.js';

let store: PostgresStore;
let fake: FakeErp;
let og: ReturnType<typeof gateOver>['og'];
let delivered: ReturnType<typeof gateOver>['delivered'];
let sync: SyncService;

beforeAll(async () => {
  store = await PostgresStore.open();
  fake = await startFakeErp({ pageSize: 4 });
  fake.putCustomer(fakeCustomer);
  for (let i = 1; i <= 10; i++) fake.put(orderInput(`erp-${String(i)}`));
  ({ og, delivered } = gateOver(store));
  sync = new SyncService({ og, erp: new FakeErpConnector(fake.url), driver: store.driver });
});
afterAll(async () => {
  await fake.close();
  await store.close();
});

describe('issue 11 SyncService on PGlite', () => {
  it('issue 11 sync once: every ERP order is submitted and assessed in the core, the checkpoint stored', async () => {
    const report = await sync.syncOnce();
    expect(report).toMatchObject({ ran: true, pages: 3, counts: { submitted: 10 } });
    for (let i = 1; i <= 10; i++) {
      const picture = await og.order(`erp-${String(i)}`);
      expect(picture?.workflow.status).toBe('in_review');
      expect(picture?.order.number).toMatch(/^SO-/);
    }
    expect(await sync.log.checkpoint('fake')).toBe('10');
    expect((await og.customer('c-1'))?.credit.limit?.amount).toBe(100_000_000);
    const [run] = await sync.log.runs('fake');
    expect(run).toMatchObject({ status: 'done', trigger: 'manual', pages: 3 });
  });

  it('issue 11 the second sync is incremental: it starts at the checkpoint and reads only what changed', async () => {
    const before = fake.counts.since.length;
    expect(await sync.syncOnce()).toMatchObject({ ran: true, pages: 1, counts: {} });
    expect(fake.counts.since.slice(before)).toEqual(['10']);
    fake.put(orderInput('erp-11'));
    const r = await sync.syncOnce();
    expect(r).toMatchObject({ ran: true, counts: { submitted: 1 }, checkpoint: '11' });
    expect(fake.counts.since.slice(before + 1)).toEqual(['10']);
  });

  it('issue 11 RV-9 an ERP edit of an order in review goes to the core, which refuses it: the workflow stays', async () => {
    const before = await og.order('erp-3');
    fake.put({ ...orderInput('erp-3'), paymentTerms: 'NET60' });
    const r = await sync.syncOnce();
    expect(r).toMatchObject({ ran: true, counts: { refused: 1 } });
    const after = await og.order('erp-3');
    expect(after?.order.paymentTerms).toBe('NET30');
    expect(after?.workflow).toEqual(before?.workflow);
    // re-reading an order whose content ordergate already has changes nothing
    fake.put(orderInput('erp-4'));
    expect(await sync.syncOnce()).toMatchObject({ counts: { unchanged: 1 } });
  });

  it('issue 11 CR-3 a limit approved through the credit desk survives the next sync of the customer', async () => {
    const proposed = await og.proposeCreditChange(
      { customerId: 'c-1', limit: { amount: 200_000_000, currency: 'CNY' }, reason: 'Growth' },
      people.li,
    );
    if (!proposed.ok) throw new Error(proposed.code);
    expect((await og.approveCreditRequest(proposed.value.id, people.zhao)).ok).toBe(true);
    expect((await og.approveCreditRequest(proposed.value.id, people.he)).ok).toBe(true);
    fake.putCustomer({ ...fakeCustomer, receivables: [] }); // the ERP's old limit
    fake.put(orderInput('erp-12'));
    expect(await sync.syncOnce()).toMatchObject({ counts: { submitted: 1, customers: 1 } });
    expect((await og.customer('c-1'))?.credit.limit?.amount).toBe(200_000_000);
    // written back through the outbox (this gate's receiver records what it delivered)
    const writeBack = delivered.find((e) => e.type === 'updateCreditTerms');
    expect(writeBack).toMatchObject({ customerId: 'c-1', limit: { amount: 200_000_000 } });
  });
});

describe('issue 11 webhooks: POST /v1/webhooks/{erp}', () => {
  const secret = new SharedSecret('w'.repeat(40));
  const NOW = Date.parse('2026-03-02T01:00:00Z');
  const ts = (offsetSeconds = 0) => String(Math.floor(NOW / 1000) + offsetSeconds);
  let triggered: (readonly string[] | undefined)[];
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    triggered = [];
    app = createApp({
      og,
      identity: { secret: new SharedSecret('i'.repeat(40)), audience: 'ordergate' },
      now: () => NOW,
      webhooks: {
        sources: { fake: { secret, sync: { trigger: (ids) => void triggered.push(ids) } } },
        deliveries: sync.log,
        now: () => NOW,
      },
    });
  });
  const post = (
    body: string,
    headers: { timestamp?: string; delivery?: string; signature?: string } = {},
    erp = 'fake',
  ) => {
    const timestamp = headers.timestamp ?? ts();
    return app.request(`/v1/webhooks/${erp}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ordergate-timestamp': timestamp,
        'x-ordergate-delivery': headers.delivery ?? crypto.randomUUID(),
        'x-ordergate-signature': headers.signature ?? signWebhook(secret, timestamp, body),
      },
      body,
    });
  };

  it('issue 11 a signed delivery naming orders is accepted (202) and triggers a sync of those orders', async () => {
    const res = await post('{"orders":["erp-1","erp-2"]}');
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: true, sync: 'orders' });
    expect(triggered.at(-1)).toEqual(['erp-1', 'erp-2']);
    const empty = await post('{}');
    expect(await empty.json()).toMatchObject({ sync: 'incremental' });
  });

  it('issue 11 a wrong or missing signature is 401 WEBHOOK_SIGNATURE, and the secret is never answered', async () => {
    const count = triggered.length;
    const forged = await post('{"orders":["erp-1"]}', {
      signature: signWebhook(new SharedSecret('x'.repeat(40)), ts(), '{"orders":["erp-1"]}'),
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    const text = await forged.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'WEBHOOK_SIGNATURE' });
    expect(text).not.toContain('w'.repeat(40));
    // a body changed after signing
    const sig = signWebhook(secret, ts(), '{"orders":["erp-1"]}');
    expect((await post('{"orders":["erp-9"]}', { signature: sig })).status).toBe(401);
    expect((await post('{}', { signature: '' })).status).toBe(401);
    expect(triggered.length).toBe(count);
  });

  it('issue 11 a timestamp older than 5 minutes is 401 WEBHOOK_STALE, even correctly signed', async () => {
    const res = await post('{}', { timestamp: ts(-301) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'WEBHOOK_STALE' });
    expect((await post('{}', { timestamp: ts(-299) })).status).toBe(202);
  });

  it('issue 11 a replayed delivery id is 401 WEBHOOK_REPLAYED (remembered in the store)', async () => {
    const delivery = 'dlv-replay-1';
    expect((await post('{}', { delivery })).status).toBe(202);
    const again = await post('{}', { delivery });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'WEBHOOK_REPLAYED' });
  });

  it('issue 11 a signed body that is not { orders?: string[] } is a typed 400; an unknown ERP 404', async () => {
    const bad = await post('{"orders":[42]}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'INVALID_INPUT',
      errors: [expect.objectContaining({ path: 'body.orders.0' })],
    });
    expect(await (await post('{"orders":')).json()).toMatchObject({ code: 'MALFORMED_JSON' });
    const unknown = await post('{}', {}, 'sap');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'UNKNOWN_ERP' });
  });

  it('issue 11 the webhook triggers a real sync: the named order is in the core afterwards', async () => {
    const live = createApp({
      og,
      identity: { secret: new SharedSecret('i'.repeat(40)), audience: 'ordergate' },
      webhooks: { sources: { fake: { secret, sync } }, deliveries: sync.log },
    });
    fake.put(orderInput('erp-hook'));
    const body = '{"orders":["erp-hook"]}';
    const t = String(Math.floor(Date.now() / 1000));
    const res = await live.request('/v1/webhooks/fake', {
      method: 'POST',
      headers: {
        'x-ordergate-timestamp': t,
        'x-ordergate-delivery': 'dlv-live-1',
        'x-ordergate-signature': signWebhook(secret, t, body),
      },
      body,
    });
    expect(res.status).toBe(202);
    await sync.idle();
    expect((await og.order('erp-hook'))?.workflow.status).toBe('in_review');
    expect((await sync.log.runs('fake', 1))[0]).toMatchObject({ trigger: 'webhook' });
  });
});
