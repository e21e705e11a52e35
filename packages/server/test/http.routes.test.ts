// Issue 11, HTTP API resources by area on PostgresStore (PGlite in memory): orders (history,
// revisions, diff), read authorisation, customers' credit (CR-3, CR-7), tracking (TR-1…TR-4),
// the archive (AR-1…AR-6), metrics (TR-5) and every route in /openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAPIHono } from '@hono/zod-openapi';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { Readers } from '../src/http/shared/access.js';
import { registerCustomerRoutes } from '../src/http/routes/customers.js';
import type { AppEnv } from '../src/http/routes/shared.js';
import { desk } from './support/http.js';
import { confirmedOrder, orderInput, people } from './support/scenario.js';

let driver: PgliteDriver;
let d: ReturnType<typeof desk>;

beforeAll(async () => {
  driver = await PgliteDriver.open();
  const store = await PostgresStore.open({ driver, schema: 'http_routes' });
  d = desk(store);
});
afterAll(async () => {
  await driver?.close();
});

const zhou = { id: 'u-zhou', groups: ['sales'] };
/** A field of every element of a JSON list in an answer. */
const pluck = (list: unknown, key: string): unknown[] =>
  (list as Record<string, unknown>[]).map((e) => e[key]);

describe('HTTP API resources (PGlite)', () => {
  it('issue 11 read authorisation: the owner, a reviewer of its route and a manager read an order; another salesperson and a legal clerk get 403 READ_NOT_ALLOWED; a missing order 404', async () => {
    expect((await d.call('POST', '/v1/orders', people.li, orderInput('r-1'))).status).toBe(201);
    for (const who of [people.li, people.liu, people.wang, people.he]) {
      const r = await d.call('GET', '/v1/orders/r-1', who);
      expect(r.status, who.id).toBe(200);
      expect(r.body.value.order.id).toBe('r-1');
    }
    for (const who of [zhou, people.wu]) {
      const r = await d.call('GET', '/v1/orders/r-1', who);
      expect(r.status, who.id).toBe(403);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.code).toBe('READ_NOT_ALLOWED');
      expect(JSON.stringify(r.body)).not.toContain('Centrifugal');
      for (const sub of ['actions', 'history', 'timeline', 'revisions/1']) {
        expect((await d.call('GET', `/v1/orders/r-1/${sub}`, who)).status, sub).toBe(403);
      }
    }
    const zh = await d.call('GET', '/v1/orders/r-1', zhou, undefined, {
      'accept-language': 'zh-CN',
    });
    expect(zh.body.detail).toMatch(/[\u4e00-\u9fff]/);
    expect((await d.call('GET', '/v1/orders/none', people.li)).status).toBe(404);
  });

  it('CH-5 an order’s history, its revisions and the diff between two revisions', async () => {
    await confirmedOrder(d.og, 'r-2');
    const change = await d.call('POST', '/v1/orders/r-2/request-change', people.li, {
      baseRevision: 1,
      reason: 'Customer asked for more pumps',
      impact: 'More revenue',
      patch: [{ op: 'updateLine', lineId: 'l1', set: { quantity: 3 } }],
    });
    expect(change.status).toBe(200);
    for (let i = 0; i < 10; i++) {
      const picture = await d.og.order('r-2');
      if (!picture?.workflow.change?.pending) break;
      for (const who of Object.values(people)) {
        if ((await d.call('POST', '/v1/orders/r-2/approve-change', who)).status === 200) break;
      }
    }
    const history = await d.call('GET', '/v1/orders/r-2/history', people.li);
    expect(history.status).toBe(200);
    expect(pluck(history.body.value, 'type')).toContain('order.submitted');
    const r1 = await d.call('GET', '/v1/orders/r-2/revisions/1', people.li);
    expect(r1.status).toBe(200);
    expect(r1.body.value.lines[0].quantity).toBe(2);
    const r2 = await d.call('GET', '/v1/orders/r-2/revisions/2', people.li);
    expect(r2.status).toBe(200);
    expect(r2.body.value.lines[0].quantity).toBe(3);
    const diff = await d.call('GET', '/v1/orders/r-2/diff?from=1&to=2', people.li);
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body.value)).toContain('quantity');
    expect((await d.call('GET', '/v1/orders/r-2/revisions/9', people.li)).status).toBe(404);
    const bad = await d.call('GET', '/v1/orders/r-2/diff?from=x', people.li);
    expect(bad.status).toBe(400);
    expect(pluck(bad.body.errors, 'path').sort()).toEqual(['from', 'to']);
  });

  it('CR-3, CR-7 customers: the credit picture (limit in force, ageing, requests) for credit readers; a CR-3 proposal and its approval; 403 for production; PUT is for systems only', async () => {
    await d.og.putCustomer({
      id: 'c-9',
      name: 'Hangzhou Valves',
      credit: { grade: 'B', limit: { amount: 1_000_000, currency: 'CNY' } },
      receivables: [{ id: 'inv-1', amount: 50_000, currency: 'CNY', dueDate: '2026-01-10' }],
    });
    const picture = await d.call('GET', '/v1/customers/c-9/credit', people.zhao);
    expect(picture.status).toBe(200);
    expect(picture.body.value.customer.id).toBe('c-9');
    expect(picture.body.value.effectiveLimit).toBeDefined();
    expect(picture.body.value.ageing).toBeDefined();
    expect(picture.body.value.creditRequests).toEqual([]);
    expect((await d.call('GET', '/v1/customers/c-9/ageing', people.li)).status).toBe(200);
    expect((await d.call('GET', '/v1/customers/c-9/credit', people.liu)).body.code).toBe(
      'READ_NOT_ALLOWED',
    );
    expect((await d.call('GET', '/v1/customers/nobody/credit', people.zhao)).status).toBe(404);

    const proposed = await d.call('POST', '/v1/credit-requests/changes', people.li, {
      customerId: 'c-9',
      limit: { amount: 2_000_000, currency: 'CNY' },
      reason: 'Orders doubled',
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.value.id as string;
    expect((await d.call('GET', `/v1/credit-requests/${id}`, people.zhao)).body.value.id).toBe(id);
    let decided = 0;
    for (let i = 0; i < 10 && decided === 0; i++) {
      for (const who of Object.values(people)) {
        const r = await d.call('POST', `/v1/credit-requests/${id}/approve`, who);
        if (r.status === 200 && r.body.value.status !== 'pending') decided++;
      }
    }
    const after = await d.call('GET', '/v1/customers/c-9/credit', people.zhao);
    expect(after.body.value.creditRequests[0].status).toBe('approved');
    expect((await d.call('GET', '/v1/customers/c-9/history', people.zhao)).status).toBe(200);

    const put = await d.call('PUT', '/v1/customers/c-9', people.he, { id: 'c-9', name: 'x' });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('SYSTEM_ONLY');
    const mismatch = await d.call('PUT', '/v1/customers/c-9', people.he, { id: 'c-8' });
    expect(mismatch.status).toBe(400);

    // a system caller (the identity middleware sets `system`) stores the ERP's facts
    const sys = new OpenAPIHono<AppEnv>();
    sys.use('*', async (c, next) => {
      c.set('actor', { id: 'erp-sync', groups: [] });
      c.set('system', true);
      await next();
    });
    registerCustomerRoutes(sys, { og: d.og, readers: new Readers(d.og, () => Date.now()) });
    const stored = await sys.request('/v1/customers/c-10', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'c-10', name: 'Ningbo Pumps' }),
    });
    expect(stored.status).toBe(200);
    expect((await d.og.customer('c-10'))?.name).toBe('Ningbo Pumps');
  });

  it('TR-1…TR-4, AR-1…AR-6: progress, payment, shipping, delivery and invoicing through HTTP; the timeline; archive; search; an access request granted; the read under the grant; without one 403 NO_GRANT', async () => {
    await confirmedOrder(d.og, 'r-3');
    const steps: [string, unknown, unknown][] = [
      ['progress', people.liu, { step: 'production', status: 'started' }],
      ['progress', people.liu, { step: 'production', status: 'done' }],
      ['settle', people.zhao, { paid: true, paymentRef: 'BANK-1' }],
      ['progress', people.liu, { step: 'shipping', status: 'done', reference: 'WB-1' }],
      ['deliver', people.liu, { reference: 'DN-1' }],
      ['settle', people.zhao, { invoiced: true, invoiceRef: 'INV-1' }],
    ];
    for (const [slug, who, body] of steps) {
      const r = await d.call('POST', `/v1/orders/r-3/${slug}`, who as never, body);
      expect(r.status, `${slug} ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
    }
    const timeline = await d.call('GET', '/v1/orders/r-3/timeline', people.li);
    expect(timeline.status).toBe(200);
    expect(timeline.body.value.events.length).toBeGreaterThan(2);

    const archived = await d.call('POST', '/v1/orders/r-3/archive', people.li);
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    const archiveId = archived.body.value.archiveId as string;
    // archived: the order reads only through the archive (AR-5)
    expect((await d.call('GET', '/v1/orders/r-3', people.li)).body.code).toBe('ARCHIVED');

    const found = await d.call('GET', '/v1/archive?customerId=c-1', people.wang);
    expect(found.status).toBe(200);
    expect(pluck(found.body.value, 'archiveId')).toContain(archiveId);
    expect((await d.call('GET', '/v1/archive', people.liu)).status).toBe(403);

    const refused = await d.call('GET', `/v1/archive/${archiveId}`, people.li);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'NO_GRANT', ruleId: 'AR-5' });

    const asked = await d.call('POST', `/v1/archive/${archiveId}/access-requests`, people.li, {
      reason: 'Customer dispute',
      days: 3,
    });
    expect(asked.status).toBe(201);
    const self = await d.call(
      'POST',
      `/v1/archive/access-requests/${String(asked.body.value.id)}/approve`,
      people.li,
    );
    expect(self.status).toBe(403);
    const granted = await d.call(
      'POST',
      `/v1/archive/access-requests/${String(asked.body.value.id)}/approve`,
      people.wang,
    );
    expect(granted.status).toBe(200);
    const read = await d.call('GET', `/v1/archive/${archiveId}`, people.li);
    expect(read.status).toBe(200);
    expect(read.body.value.order.id).toBe('r-3');
  });

  it('TR-5 metrics per period and customer, product or salesperson for managers; 403 for a salesperson; 400 for a bad period', async () => {
    const all = await d.call('GET', '/v1/metrics?period=2026', people.wang);
    expect(all.status).toBe(200);
    expect(all.body.value[0].key).toBe('all');
    for (const by of ['customer', 'product', 'salesperson']) {
      const r = await d.call('GET', `/v1/metrics?period=2026-03&by=${by}`, people.he);
      expect(r.status, by).toBe(200);
      expect(r.body.value.length).toBeGreaterThan(0);
    }
    const range = await d.call('GET', '/v1/metrics?period=2026-03-01..2026-03-31', people.ma);
    expect(range.status).toBe(200);
    expect((await d.call('GET', '/v1/metrics', people.li)).body.code).toBe('READ_NOT_ALLOWED');
    const bad = await d.call('GET', '/v1/metrics?period=2026-13&by=region', people.wang);
    expect(bad.status).toBe(400);
    expect(pluck(bad.body.errors, 'path').sort()).toEqual(['by', 'period']);
  });

  it('issue 11: /openapi.json lists a route for every acting method of the façade', async () => {
    const doc = (await d.call('GET', '/openapi.json', undefined)).body;
    const paths = Object.keys(doc.paths as object);
    const expected = [
      '/v1/orders',
      ...[
        'approve',
        'reject',
        'return',
        'written-confirmation',
        'contract-review',
        'contract-signed',
        'confirm',
        'edit',
        'complete',
        'release-credit',
        'decline-credit',
        'prepayments',
        'guarantees',
        'shipping-exception',
        'shipping-exception/approve',
        'shipping-exception/reject',
        'request-change',
        'request-cancellation',
        'approve-change',
        'reject-change',
        'withdraw-change',
        'amendment-signed',
        'progress',
        'forecast',
        'deliver',
        'issues',
        'close-issue',
        'settle',
        'archive',
      ].map((s) => `/v1/orders/{id}/${s}`),
      '/v1/customers/{id}',
      '/v1/credit-requests/changes',
      '/v1/credit-requests/temporary-increases',
      '/v1/credit-requests/{requestId}/approve',
      '/v1/credit-requests/{requestId}/reject',
      '/v1/archive/{id}/access-requests',
      '/v1/archive/access-requests/{requestId}/approve',
      '/v1/archive/access-requests/{requestId}/reject',
      '/v1/archive/{id}',
      '/v1/archive/{id}/export',
      '/v1/archive/{id}/backup',
      '/v1/archive/{id}/legal-hold',
      '/v1/archive/filings',
      '/v1/contract-ledger',
      '/v1/metrics',
      '/v1/customers/{id}/credit',
      '/v1/orders/{id}/diff',
      '/v1/orders/{id}/timeline',
    ];
    for (const p of expected) expect(paths, p).toContain(p);
  });

  it('issue 12 role labels: any signed-in caller reads the policy’s roles by key with their en and zh labels, never who holds them', async () => {
    const r = await d.call('GET', '/v1/roles', people.li);
    expect(r.status).toBe(200);
    const roles = r.body.value as Record<string, { en: string; zh: string }>;
    expect(Object.keys(roles)).toEqual(Object.keys(d.og.policy.roles));
    for (const [key, role] of Object.entries(d.og.policy.roles))
      expect(roles[key], key).toEqual({ en: role.label.en, zh: role.label.zh });
    expect(JSON.stringify(roles)).not.toMatch(/users|groups|u-li/);
    expect((await d.call('GET', '/v1/roles', undefined)).status).toBe(401);
  });
});
