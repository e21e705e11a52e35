// Issue 11, dead letters: an effect the ERP keeps refusing becomes a dead letter after the
// configured attempts, holds its order's later effects, shows in GET /v1/outbox?state=dead to an
// admin only, and after POST /v1/outbox/{key}/retry is delivered, in order. On PostgresStore
// over PGlite, with a worker delivering to a recording fake ERP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, Ordergate, type Effect } from '@ordergate/core';
import {
  createApp,
  erpReceiver,
  migrate,
  MIGRATIONS,
  OutboxWorker,
  PgliteDriver,
  PostgresStore,
  SharedSecret,
} from '../src/index.js';
import { assertion, AUDIENCE, clock, SECRET_TEXT } from './support/http.js';
import { httpApplier, startFakeErp, type FakeErp } from './support/fakeErpEndpoint.js';
import { orderInput, people } from './support/scenario.js';

const admin = { id: 'u-ops', groups: ['it_ops'] };
const AT = '2026-03-02T01:00:00.000Z';
/** Real time, moved back to the scenario's Monday morning (the orders' dates are in March 2026). */
const started = Date.now();
const scenarioClock = { now: () => new Date(Date.parse(AT) + Date.now() - started).toISOString() };

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('dead letters on PGlite, through the worker and the API', () => {
  let erp: FakeErp;
  let store: PostgresStore;
  beforeAll(async () => {
    erp = await startFakeErp();
    store = await PostgresStore.open();
  });
  afterAll(async () => {
    await erp.close();
    await store.close();
  });

  it('issue 11: after 3 failed attempts the effect is dead, visible to an admin via the API, retried, then delivered with its order’s later effects in order', async () => {
    const policy = loadPolicy({
      roles: {
        salesperson: { groups: ['sales'] },
        production: { groups: ['production'] },
        ordergateAdmin: {
          label: { en: 'ordergate admin', zh: 'ordergate 管理员' },
          groups: ['it_ops'],
        },
      },
      credit: { withoutFacts: 'info' },
    });
    let n = 0;
    const og = new Ordergate({
      policy,
      store,
      clock: scenarioClock,
      ids: { next: (p) => `${p}-${String(++n)}` },
      receiver: erpReceiver(httpApplier(erp.url)),
      delivery: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    });
    // The desk commits without a receiver; the worker alone delivers (one retry layer).
    const plain = new Ordergate({
      policy,
      store,
      clock: scenarioClock,
      ids: { next: (p) => `${p}-x${String(++n)}` },
    });
    const worker = new OutboxWorker({ og, intervalMs: 10 });
    const app = createApp({
      og: plain,
      identity: { secret: new SharedSecret(SECRET_TEXT), audience: AUDIENCE },
      now: () => clock.now,
      outbox: { onRetried: () => worker.poke() },
    });
    const call = async (method: string, path: string, actor: { id: string; groups: string[] }) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${await assertion(actor)}`, 'accept-language': 'zh-CN' },
      });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        body: (await res.json()) as {
          value: { key: string }[] & { key: string; state: string; attempts: number };
          [field: string]: unknown;
        },
      };
    };

    // The order's first effect is refused by the ERP; its later ones must wait behind it.
    const submitted = await plain.submit(orderInput('o-dead'), people.li);
    expect(submitted.ok).toBe(true);
    const keys = (submitted.ok ? submitted.effects : []).map((e) => e.key);
    expect(keys.length).toBeGreaterThan(0);
    const late: Effect = { type: 'lockOrder', key: 'o-dead:99:0', orderId: 'o-dead' };
    await store.commit({ writes: [], events: [], effects: [late], at: AT });
    erp.refuse.add(keys[0]!);
    worker.start();
    await until('the dead letter', async () => (await store.deadEffects()).length === 1);
    expect(erp.requests.get(keys[0]!)).toBe(3); // three attempts, no retry inside the receiver
    expect(erp.applied.filter((e) => 'orderId' in e && e.orderId === 'o-dead')).toEqual([]);

    const listed = await call('GET', '/v1/outbox?state=dead', admin);
    expect(listed.status).toBe(200);
    expect(listed.body.value).toEqual([
      expect.objectContaining({
        key: keys[0],
        state: 'dead',
        subject: 'order:o-dead',
        attempts: 3,
        lastError: expect.stringContaining('ERP answered 500'),
      }),
    ]);
    const pending = await call('GET', '/v1/outbox', admin);
    expect(pending.body.value.map((i) => i.key)).toEqual([...keys.slice(1), late.key]);

    const refused = await call('GET', '/v1/outbox?state=dead', people.li);
    expect(refused.status).toBe(403);
    expect(refused.type).toBe('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'NOT_ADMIN',
      detail: expect.stringContaining('管理员'),
    });
    expect((await call('POST', `/v1/outbox/${keys[0]!}/retry`, people.li)).status).toBe(403);
    expect((await call('GET', '/v1/outbox?state=lost', admin)).body).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'state' })],
    });
    expect((await call('POST', `/v1/outbox/${late.key}/retry`, admin)).body).toMatchObject({
      status: 409,
      code: 'EFFECT_NOT_DEAD',
    });
    expect((await call('POST', '/v1/outbox/nope/retry', admin)).body).toMatchObject({
      status: 404,
      code: 'EFFECT_NOT_FOUND',
    });

    erp.refuse.clear(); // the ERP's data was fixed
    const retried = await call('POST', `/v1/outbox/${encodeURIComponent(keys[0]!)}/retry`, admin);
    expect(retried.status).toBe(200);
    expect(retried.body.value).toMatchObject({ key: keys[0], state: 'pending', attempts: 0 });
    await until('all delivered', async () => (await store.pendingEffects()).length === 0);
    await worker.stop();
    expect(
      erp.applied.filter((e) => 'orderId' in e && e.orderId === 'o-dead').map((e) => e.key),
    ).toEqual([...keys, late.key]);
    expect((await call('GET', '/v1/outbox?state=dead', admin)).body.value).toEqual([]);
  });

  it('migration 4 upgrades an outbox written at version 1: each waiting effect gets its subject and is delivered in order', async () => {
    const driver = await PgliteDriver.open();
    try {
      await migrate(
        driver,
        'ordergate',
        MIGRATIONS.filter((m) => m.version === 1),
      );
      await driver.query(
        `INSERT INTO ordergate.outbox (key, effect, available_at) VALUES
          ('a', '{"type":"lockOrder","key":"a","orderId":"o1"}', $1),
          ('b', '{"type":"closeApproval","key":"b","customerId":"c1","step":"x"}', $1),
          ('c', '{"type":"unlockOrder","key":"c","orderId":"o1"}', $1)`,
        [AT],
      );
      const upgraded = await PostgresStore.open({ driver });
      expect((await upgraded.migrate()).version).toBe(
        Math.max(...MIGRATIONS.map((m) => m.version)),
      );
      expect(
        await driver.query('SELECT key, subject FROM ordergate.outbox ORDER BY position'),
      ).toEqual([
        { key: 'a', subject: 'o:o1' },
        { key: 'b', subject: 'c:c1' },
        { key: 'c', subject: 'o:o1' },
      ]);
      const one = await upgraded.claimEffects({
        now: AT,
        limit: 1,
        leaseUntil: '2026-03-03T00:00:00Z',
      });
      expect(one.map((e) => e.effect.key)).toEqual(['a']);
      const rest = await upgraded.claimEffects({
        now: AT,
        limit: 10,
        leaseUntil: '2026-03-03T00:00:00Z',
      });
      expect(rest.map((e) => e.effect.key)).toEqual(['b']); // c waits behind a
    } finally {
      await driver.close();
    }
  });
});
