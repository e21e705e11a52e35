// Issue 13, webhooks from an ERP that cannot sign (decision 029): a source configured with token
// verification presents the shared secret in a header or the URL's query, compared in constant
// time; replays are refused by delivery id or body hash (remembered in the PGlite store); a body
// timestamp, when configured, must be recent; the order ids come from the ERP's own body. HMAC
// stays the default: a source without `verification` refuses a bare token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PostgresStore,
  SharedSecret,
  SyncService,
  WebhookVerificationSchema,
  createApp,
  type WebhookSource,
} from '../src/index.js';
import { FakeErpConnector, startFakeErp, type FakeErp } from './support/fakeErp.js';
import { gateOver } from './support/scenario.js';

const TOKEN = 'dolibarr-webhook-token-0123456789abcdef';
const secret = new SharedSecret(TOKEN);
const NOW = Date.parse('2026-12-01T03:00:00Z');
let store: PostgresStore;
let fake: FakeErp;
let sync: SyncService;
let app: ReturnType<typeof createApp>;
let triggered: (readonly string[])[];

/** Reads `object.id` like the Dolibarr mapping's `webhook.orderIdsPath`. */
const objectId = (body: unknown): string[] => {
  const id = (body as { object?: { id?: unknown } }).object?.id;
  if (typeof id !== 'string' && typeof id !== 'number')
    throw new Error('webhook: object.id: expected an order id or a list of them');
  return [String(id)];
};

beforeAll(async () => {
  store = await PostgresStore.open();
  fake = await startFakeErp({ pageSize: 4 });
  const { og } = gateOver(store);
  sync = new SyncService({ og, erp: new FakeErpConnector(fake.url), driver: store.driver });
  triggered = [];
  const trigger = { trigger: (ids?: readonly string[]) => void triggered.push(ids ?? []) };
  const sources: Record<string, WebhookSource> = {
    query: {
      secret,
      sync: trigger,
      verification: { mode: 'token', in: 'query' },
      orderIds: objectId,
    },
    header: {
      secret,
      sync: trigger,
      verification: { mode: 'token', in: 'header', deliveryHeader: 'x-request-id' },
    },
    dated: {
      secret,
      sync: trigger,
      verification: { mode: 'token', in: 'query', timestampPath: 'object.date_modification' },
      orderIds: objectId,
    },
    hmac: { secret, sync: trigger },
  };
  app = createApp({
    og,
    identity: { secret: new SharedSecret('i'.repeat(40)), audience: 'ordergate' },
    now: () => NOW,
    webhooks: { sources, deliveries: sync.log, now: () => NOW },
  });
});
afterAll(async () => {
  await fake?.close();
  await store?.close();
});

const body = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ triggercode: 'ORDER_MODIFY', object: { id, ref: `SO-${id}`, ...extra } });

const post = (path: string, text: string, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: text,
  });

describe('issue 13 webhooks with token verification (decision 029)', () => {
  it('issue 13 a token in the URL query is accepted (202) and the order named by the ERP’s own body (object.id) is synced', async () => {
    const res = await post(`/v1/webhooks/query?token=${TOKEN}`, body('7'));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      accepted: true,
      sync: 'orders',
      orders: ['7'],
      delivery: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(triggered.at(-1)).toEqual(['7']);
  });

  it('issue 13 a wrong, missing or truncated token is 401 WEBHOOK_SIGNATURE, and the answer never holds the token', async () => {
    for (const path of [
      '/v1/webhooks/query',
      '/v1/webhooks/query?token=',
      `/v1/webhooks/query?token=${TOKEN.slice(0, -1)}`,
      `/v1/webhooks/query?token=${TOKEN}x`,
      `/v1/webhooks/query?other=${TOKEN}`,
    ]) {
      const res = await post(path, body('8'));
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'WEBHOOK_SIGNATURE' });
      expect(text).not.toContain(TOKEN.slice(0, 12));
    }
    // the header source does not take the token from the URL, nor the query source from a header
    expect((await post(`/v1/webhooks/header?token=${TOKEN}`, '{"orders":["8"]}')).status).toBe(401);
    expect(
      (await post('/v1/webhooks/query', body('8'), { 'x-ordergate-token': TOKEN })).status,
    ).toBe(401);
  });

  it('issue 13 the same body again is 401 WEBHOOK_REPLAYED (its SHA-256 remembered in the store); another body passes', async () => {
    const text = body('9', { note_public: 'first' });
    expect((await post(`/v1/webhooks/query?token=${TOKEN}`, text)).status).toBe(202);
    const again = await post(`/v1/webhooks/query?token=${TOKEN}`, text);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'WEBHOOK_REPLAYED' });
    const other = body('9', { note_public: 'second' });
    expect((await post(`/v1/webhooks/query?token=${TOKEN}`, other)).status).toBe(202);
  });

  it('issue 13 a header token with the ERP’s delivery id: the id is what a replay is known by', async () => {
    const h = { 'x-ordergate-token': TOKEN, 'x-request-id': 'd-1' };
    expect((await post('/v1/webhooks/header', '{"orders":["10"]}', h)).status).toBe(202);
    const again = await post('/v1/webhooks/header', '{"orders":["11"]}', h);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'WEBHOOK_REPLAYED' });
    // without its mapping's orderIds, the body must be { orders?: string[] }
    const bad = await post('/v1/webhooks/header', body('12'), { ...h, 'x-request-id': 'd-2' });
    expect(bad.status).toBe(400);
  });

  it('issue 13 with timestampPath the body’s time must be within 5 minutes: an old capture replayed after the window is 401 WEBHOOK_STALE', async () => {
    const fresh = body('13', { date_modification: Math.floor(NOW / 1000) - 20 });
    expect((await post(`/v1/webhooks/dated?token=${TOKEN}`, fresh)).status).toBe(202);
    const old = body('13', { date_modification: Math.floor(NOW / 1000) - 3600 });
    const res = await post(`/v1/webhooks/dated?token=${TOKEN}`, old);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'WEBHOOK_STALE' });
    const none = await post(`/v1/webhooks/dated?token=${TOKEN}`, body('13'));
    expect(await none.json()).toMatchObject({ code: 'WEBHOOK_STALE' });
  });

  it('issue 13 a body the mapping cannot read is a typed 400 naming the path; nothing is synced', async () => {
    const before = triggered.length;
    const res = await post(`/v1/webhooks/query?token=${TOKEN}`, '{"triggercode":"X","object":{}}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_INPUT',
      errors: [{ path: 'body', message: expect.stringMatching(/object\.id/) }],
    });
    expect(triggered.length).toBe(before);
  });

  it('issue 13 HMAC stays the default: a source without verification refuses a bare token in the URL or a header', async () => {
    expect((await post(`/v1/webhooks/hmac?token=${TOKEN}`, '{"orders":["1"]}')).status).toBe(401);
    expect(
      (await post('/v1/webhooks/hmac', '{"orders":["1"]}', { 'x-ordergate-token': TOKEN })).status,
    ).toBe(401);
  });

  it('issue 13 the verification settings are validated: a token mode must say where the token is, and keep replays at least 10 minutes', () => {
    expect(WebhookVerificationSchema.safeParse({ mode: 'token' }).success).toBe(false);
    expect(
      WebhookVerificationSchema.safeParse({ mode: 'token', in: 'query', replayWindowSeconds: 60 })
        .success,
    ).toBe(false);
    expect(
      WebhookVerificationSchema.safeParse({ mode: 'token', in: 'header', name: 'bad header' })
        .success,
    ).toBe(false);
    expect(WebhookVerificationSchema.safeParse({ mode: 'none' }).success).toBe(false);
    expect(WebhookVerificationSchema.parse({ mode: 'token', in: 'query' })).toEqual({
      mode: 'token',
      in: 'query',
    });
  });
});
