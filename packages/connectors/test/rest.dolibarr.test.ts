/**
 * Issue 13, proof on a real REST ERP: the REST connector with examples/rest-dolibarr/mapping.yaml
 * against Dolibarr. Replays recorded traffic (test/dolibarr/fixtures/) through msw by default;
 * runs live when DOLIBARR_URL and DOLIBARR_KEY are set; records with DOLIBARR_RECORD=1 too.
 */
import { fileURLToPath } from 'node:url';
import { Customer, Order } from '@ordergate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HttpError,
  RestConnector,
  SecretSet,
  loadRestMapping,
  type ErpOrderPage,
  type RestMapping,
} from '../src/index.js';
import { Recorder, Replay, readFixture, type Mode } from './support/restRecorder.js';

const FIXTURE = fileURLToPath(
  new URL('../../../test/dolibarr/fixtures/dolibarr-23.0.0-beta.json', import.meta.url),
);
const MAPPING = fileURLToPath(
  new URL('../../../examples/rest-dolibarr/mapping.yaml', import.meta.url),
);
const REPLAY_URL = 'http://dolibarr.replay.test';

const env = process.env;
const mode: Mode =
  env.DOLIBARR_URL && env.DOLIBARR_KEY
    ? env.DOLIBARR_RECORD === '1'
      ? 'record'
      : 'live'
    : 'replay';
const fixture = mode === 'replay' ? readFixture(FIXTURE) : undefined;
const run = fixture?.run ?? Date.now().toString(36);

let mapping: RestMapping;
let rest: RestConnector;
let recorder: Recorder | undefined;
let replay: Replay | undefined;
let serverVersion = fixture?.serverVersion ?? '';

/** Runs a scenario against the recording (replay) or the live server (record: written down). */
function scenario(name: string): void {
  if (recorder) recorder.scenario = name;
  replay?.use(name);
}

async function drain(pages: AsyncIterable<ErpOrderPage>): Promise<ErpOrderPage[]> {
  const out: ErpOrderPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

beforeAll(async () => {
  mapping = await loadRestMapping(MAPPING);
  const key = mode === 'replay' ? 'replay-key-not-a-secret' : env.DOLIBARR_KEY!;
  const url = mode === 'replay' ? REPLAY_URL : env.DOLIBARR_URL!;
  const base = `${url.replace(/\/+$/, '')}${mapping.connection.basePath}`;
  if (mode === 'replay') {
    replay = new Replay(fixture!, base);
    replay.start();
  }
  if (mode === 'record') recorder = new Recorder(base, new SecretSet([key]));
  rest = RestConnector.create(mapping, {
    env: { DOLIBARR_URL: url, DOLIBARR_KEY: key },
    ...(recorder ? { fetch: recorder.fetch } : {}),
  });
});

afterAll(() => {
  replay?.stop();
  if (recorder) recorder.save(FIXTURE, { erp: 'dolibarr', serverVersion, run });
});

let all: ErpOrderPage[] = [];
const orders = () => all.flatMap((p) => p.orders);

describe.skipIf(mode === 'replay' && !fixture)(`issue 13 Dolibarr (${mode})`, () => {
  it('issue 13 (Dolibarr): the server is Dolibarr 23.0.0-beta', async () => {
    scenario('status');
    const answer = await rest.http.request({ method: 'GET', path: '/status' });
    const status = JSON.parse(answer.text) as { success: { dolibarr_version: string } };
    serverVersion = status.success.dolibarr_version;
    expect(serverVersion).toBe('23.0.0-beta');
  });

  it('issue 13 (Dolibarr quirks): numbers come as strings, dates as Unix seconds, an empty third-party list is a 404', async () => {
    scenario('quirks');
    const none = await rest.http
      .request({
        method: 'GET',
        path: '/thirdparties',
        query: { sqlfilters: "(t.nom:=:'no such customer')" },
      })
      .catch((e: unknown) => e);
    expect(none).toBeInstanceOf(HttpError);
    expect((none as HttpError).status).toBe(404);
    expect((none as HttpError).message).toMatch(/No third parties found/);
    const emptyOrders = await rest.http.request({
      method: 'GET',
      path: '/orders',
      query: { sqlfilters: "(t.ref:=:'no such order')" },
    });
    expect(JSON.parse(emptyOrders.text)).toEqual([]); // orders: an empty list is []
    const list = JSON.parse(
      (
        await rest.http.request({
          method: 'GET',
          path: '/orders',
          query: { limit: 1, properties: 'id,date_modification,total_ttc,lines' },
        })
      ).text,
    ) as Record<string, unknown>[];
    const o = list[0]!;
    expect(typeof o.id).toBe('string');
    expect(typeof o.date_modification).toBe('number');
    expect(o.total_ttc).toMatch(/^\d+\.\d{8}$/);
    const line = (o.lines as Record<string, unknown>[])[0]!;
    expect(typeof line.qty).toBe('string');
    expect(line.subprice).toMatch(/^\d+\.\d{8}$/);
    const unpaid = JSON.parse(
      (
        await rest.http.request({
          method: 'GET',
          path: '/invoices',
          query: { status: 'unpaid', limit: 20, properties: 'id,remaintopay' },
        })
      ).text,
    ) as Record<string, unknown>[];
    expect(
      unpaid.every((i) => typeof i.remaintopay === 'string' || typeof i.remaintopay === 'number'),
    ).toBe(true);
    // status=unpaid also lists invoices paid in full but not closed: remaintopay "0"
    expect(unpaid.some((i) => Number(i.remaintopay) === 0)).toBe(true);
  });

  it('issue 13 (Dolibarr sync all): every order maps into the core shape, with lines and its customer', async () => {
    scenario('sync all');
    all = await drain(rest.changedOrders());
    expect(all.flatMap((p) => p.rejected)).toEqual([]);
    expect(orders().length).toBeGreaterThanOrEqual(8);
    for (const o of orders()) {
      expect(() => Order.parse(o.order)).not.toThrow();
      expect(o.order.lines.length).toBeGreaterThan(0);
      for (const l of o.order.lines) expect(Number.isSafeInteger(l.unitPrice)).toBe(true);
    }
    const customers = all.flatMap((p) => p.customers);
    for (const o of orders()) expect(customers.map((c) => c.id)).toContain(o.order.customer.id);
    for (const c of customers) {
      expect(() => Customer.parse(c)).not.toThrow();
      expect(c.credit?.limit?.currency).toBe('EUR');
    }
    // oldest change first
    const times = orders().map((o) => Date.parse(o.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('issue 13 (Dolibarr ordersById): the same orders by id; an unknown id is left out', async () => {
    scenario('ordersById');
    const [a, b] = orders();
    const byId = await rest.ordersById([a!.order.id, b!.order.id, '999999']);
    expect(byId.orders.map((o) => o.order.id)).toEqual([a!.order.id, b!.order.id]);
    expect(byId.orders[0]!.order).toEqual(a!.order);
    expect(byId.rejected).toEqual([]);
  });

  it('issue 13 (Dolibarr creditFacts): outstanding_limit and the unpaid remainder of validated invoices, in minor units', async () => {
    scenario('creditFacts');
    const ids = [...new Set(orders().map((o) => o.order.customer.id))];
    const before = rest.stats.requests;
    const facts = await rest.creditFacts([...ids, '999999']);
    // in bulk (customers.bulk, receivables.bulk, openOrders.bulk): three requests, not 3 per customer
    expect(rest.stats.requests - before).toBe(3);
    expect(facts.map((c) => c.id).sort()).toEqual([...ids].sort());
    const receivables = facts.flatMap((c) => c.receivables ?? []);
    expect(receivables.length).toBeGreaterThan(0);
    for (const r of receivables) {
      expect(r.amount).toBeGreaterThan(0);
      expect(r.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(facts.every((c) => (c.credit?.limit?.amount ?? 0) > 0)).toBe(true);
  });

  it('issue 13 (Dolibarr write-back postMessage): the note is written once under its marker', async () => {
    scenario('write-back postMessage');
    const id = orders()[0]!.order.id;
    const effect = {
      type: 'postMessage' as const,
      key: `og-${run}-msg`,
      orderId: id,
      messageKey: 'unknown.key',
      params: { run },
    };
    const before = rest.stats.writes;
    await rest.apply(effect);
    await rest.apply(effect);
    expect(rest.stats.writes - before).toBe(1);
    const now = JSON.parse(
      (await rest.http.request({ method: 'GET', path: `/orders/${id}` })).text,
    ) as {
      note_private: string;
    };
    expect(now.note_private.split(`[ordergate og-${run}-msg]`)).toHaveLength(2);
  });

  it('issue 13 (Dolibarr write-back lock/unlock): a PUT of extra fields, the same value again', async () => {
    scenario('write-back lock');
    const id = orders()[0]!.order.id;
    await rest.apply({ type: 'lockOrder', key: `og-${run}-lock`, orderId: id });
    await rest.apply({ type: 'lockOrder', key: `og-${run}-lock`, orderId: id });
    const locked = JSON.parse(
      (await rest.http.request({ method: 'GET', path: `/orders/${id}` })).text,
    ) as {
      array_options: Record<string, unknown>;
    };
    expect(locked.array_options).toMatchObject({
      options_og_locked: '1',
      options_og_status: 'locked',
    });
    await rest.apply({ type: 'unlockOrder', key: `og-${run}-unlock`, orderId: id });
    const open = JSON.parse(
      (await rest.http.request({ method: 'GET', path: `/orders/${id}` })).text,
    ) as {
      array_options: Record<string, unknown>;
    };
    expect(open.array_options.options_og_locked).toBe('0');
  });

  it('issue 13 (Dolibarr write-back cancel): the request is marked and explained once', async () => {
    scenario('write-back cancel');
    const id = orders().at(-1)!.order.id;
    const effect = {
      type: 'cancelOrder' as const,
      key: `og-${run}-cancel`,
      orderId: id,
      reason: 'customer withdrew',
    };
    const before = rest.stats.writes;
    await rest.apply(effect);
    expect(rest.stats.writes - before).toBe(2);
    await rest.apply(effect);
    expect(rest.stats.writes - before).toBe(3); // the status PUT again (natural), the note not again
  });

  it('issue 13 (Dolibarr write-back customerNotice): a note on the third party, once', async () => {
    scenario('write-back customerNotice');
    const o = orders()[0]!;
    const effect = {
      type: 'customerNotice' as const,
      key: `og-${run}-notice`,
      orderId: o.order.id,
      customerId: o.order.customer.id,
      messageKey: 'unknown.key',
      params: {},
    };
    const before = rest.stats.writes;
    await rest.apply(effect);
    await rest.apply(effect);
    expect(rest.stats.writes - before).toBe(1);
  });

  it('issue 13 (Dolibarr incremental): from the sync-all checkpoint only the orders written since come back; the overlap re-read is dropped', async () => {
    scenario('incremental');
    const checkpoint = all.at(-1)!.checkpoint;
    const next = await drain(rest.changedOrders(checkpoint));
    const changed = next.flatMap((p) => p.orders.map((o) => o.order.id));
    expect(changed.sort()).toEqual([orders()[0]!.order.id, orders().at(-1)!.order.id].sort());
  });

  it('issue 13 (Dolibarr replay): every recorded request was asked for, none was missing', () => {
    expect(replay?.mismatches ?? []).toEqual([]);
  });
});
