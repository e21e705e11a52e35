// The order desk through HTTP on PostgresStore (PGlite in memory): the right people move an order
// to confirmed, the rules' refusals answer problem+json with their rule and a localized detail,
// bad input lists every bad field, and a refused request writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@ordergate/core';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { desk } from './support/http.js';
import { orderInput, people } from './support/scenario.js';

let driver: PgliteDriver;
let store: PostgresStore;
let d: ReturnType<typeof desk>;

beforeAll(async () => {
  driver = await PgliteDriver.open();
  store = await PostgresStore.open({ driver, schema: 'http_orders' });
  d = desk(store);
});
afterAll(async () => {
  await driver?.close();
});

/** Every stream with its length: what a refused request must leave as it was. */
async function heads(s: Store) {
  const streams = (await s.streams()).sort();
  return Promise.all(streams.map(async (x) => [x, (await s.readSealed(x)).length] as const));
}

describe('HTTP order desk on PostgresStore (PGlite)', () => {
  it('RV-5, RV-3, IN-3 happy path: submit → production approves → sales head approves → the owner confirms', async () => {
    const submitted = await d.call('POST', '/v1/orders', people.li, orderInput('h-1'));
    expect(submitted.status).toBe(201);
    expect(submitted.body.value.order.number).toMatch(/^SO-2026-\d{6}$/);
    expect(submitted.body.value.workflow.status).toBe('in_review');
    expect(Array.isArray(submitted.body.findings)).toBe(true);
    expect(Array.isArray(submitted.body.effects)).toBe(true);

    const queue = await d.call('GET', '/v1/work-queue', people.liu);
    expect(queue.status).toBe(200);
    expect(queue.body.value).toMatchObject([{ orderId: 'h-1', actions: ['approve'] }]);
    const actions = await d.call('GET', '/v1/orders/h-1/actions', people.liu);
    expect(actions.body.value).toContainEqual({ action: 'approve', allowed: true });

    const first = await d.call('POST', '/v1/orders/h-1/approve', people.liu);
    expect(first.status).toBe(200);
    const second = await d.call('POST', '/v1/orders/h-1/approve', people.wang, {
      comment: 'ok',
    });
    expect(second.status).toBe(200);
    expect(second.body.value.workflow.status).toBe('approved');
    const confirmed = await d.call('POST', '/v1/orders/h-1/confirm', people.li);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.value.workflow.status).toBe('confirmed');

    const picture = await d.call('GET', '/v1/orders/h-1', people.li);
    expect(picture.status).toBe(200);
    expect(picture.body.value.workflow.status).toBe('confirmed');
    expect(picture.body.value.history.length).toBeGreaterThan(3);
    expect(await d.og.verify()).toMatchObject({ ok: true });
  });

  it('RV-3 SoD: the submitter who heads sales may not approve their own order: 403 SELF_APPROVAL, a Chinese detail for zh-CN, nothing written', async () => {
    const boss = { id: 'u-gao', groups: ['sales', 'sales_heads'] };
    expect((await d.call('POST', '/v1/orders', boss, orderInput('h-2'))).status).toBe(201);
    expect((await d.call('POST', '/v1/orders/h-2/approve', people.liu)).status).toBe(200);

    const before = await heads(store);
    const r = await d.call('POST', '/v1/orders/h-2/approve', boss, undefined, {
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
    });
    expect(r.status).toBe(403);
    expect(r.type).toContain('application/problem+json');
    expect(r.body).toMatchObject({
      status: 403,
      code: 'SELF_APPROVAL',
      ruleId: 'RV-3',
      title: 'RV-3 Self approval',
    });
    expect(r.body.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(await heads(store)).toEqual(before);

    const en = await d.call('POST', '/v1/orders/h-2/approve', boss);
    expect(en.body.detail).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.detail).toContain('u-gao');
  });

  it('RV-5 NOT_ELIGIBLE: someone without the step’s role gets 403', async () => {
    expect((await d.call('POST', '/v1/orders', people.li, orderInput('h-3'))).status).toBe(201);
    const r = await d.call('POST', '/v1/orders/h-3/approve', people.li);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'NOT_ELIGIBLE', ruleId: 'RV-5' });
  });

  it('409 for a state that refuses the action (confirming an order still in review)', async () => {
    const r = await d.call('POST', '/v1/orders/h-3/confirm', people.li);
    expect(r.status).toBe(409);
    expect(r.body.code).toBeTypeOf('string');
  });

  it('IN-2 RETURNED: an order sales must correct answers 422 with every finding and the stored order', async () => {
    const input = { ...orderInput('h-4'), contact: { name: 'Zhang Wei' } };
    const r = await d.call('POST', '/v1/orders', people.li, input);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'RETURNED', ruleId: 'IN-2' });
    expect(r.body.title).toMatch(/^IN-2 /);
    expect(r.body.findings.length).toBeGreaterThan(0);
    expect(r.body.order.order.id).toBe('h-4');
  });

  it('400 INVALID_INPUT lists every bad field (two at once) and writes nothing', async () => {
    const before = await heads(store);
    const bad = { ...orderInput('h-5'), currency: 42, lines: 'none' };
    const r = await d.call('POST', '/v1/orders', people.li, bad);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_INPUT');
    const paths = (r.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'lines']));
    expect(await heads(store)).toEqual(before);

    const reason = await d.call('POST', '/v1/orders/h-3/reject', people.wang, { reason: 7 });
    expect(reason.status).toBe(400);
    expect(reason.body.errors).toMatchObject([{ path: 'reason' }]);
  });

  it('400 MALFORMED_JSON for a body that is not JSON', async () => {
    const r = await d.call('POST', '/v1/orders/h-3/reject', people.wang, '{"reason": ');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('MALFORMED_JSON');
    const submit = await d.call('POST', '/v1/orders', people.li, '{oops');
    expect(submit.status).toBe(400);
    expect(submit.body.code).toBe('MALFORMED_JSON');
  });

  it('RV-9: the reviewer of the open step returns an order to sales and rejects another, each with a reason', async () => {
    const r = await d.call('POST', '/v1/orders/h-3/return', people.liu, {
      reason: 'fix the price',
    });
    expect(r.status).toBe(200);
    expect(r.body.value.workflow.status).toBe('returned');
    expect((await d.call('POST', '/v1/orders', people.li, orderInput('h-6'))).status).toBe(201);
    const rejected = await d.call('POST', '/v1/orders/h-6/reject', people.liu, { reason: 'no' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.value.workflow.status).toBe('rejected');
  });

  it('404 for an unknown order (picture and actions) and 404 NO_ROUTE for an unknown route', async () => {
    const picture = await d.call('GET', '/v1/orders/nope', people.li);
    expect(picture.status).toBe(404);
    expect(picture.body.code).toBe('NOT_FOUND');
    const approve = await d.call('POST', '/v1/orders/nope/approve', people.liu);
    expect(approve.status).toBe(404);
    const route = await d.call('GET', '/v1/nothing-here', people.li);
    expect(route.status).toBe(404);
    expect(route.type).toContain('application/problem+json');
    expect(route.body.code).toBe('NO_ROUTE');
    expect((await d.call('GET', '/nothing', undefined)).body.code).toBe('NO_ROUTE');
  });

  it('CH-1, CH-5: request a change of a confirmed order and approve it through HTTP', async () => {
    const r = await d.call('POST', '/v1/orders/h-1/request-change', people.li, {
      baseRevision: 1,
      reason: 'customer wants more pumps',
      impact: 'none',
      customerRequested: true,
      patch: [{ op: 'updateLine', lineId: 'l1', set: { quantity: 3 } }],
    });
    expect(r.status).toBe(200);
    const queue = await Promise.all(
      Object.values(people).map(
        async (p) => [p, (await d.call('GET', '/v1/work-queue', p)).body.value] as const,
      ),
    );
    const approver = queue.find(([, items]) =>
      (items as { orderId: string; actions: string[] }[]).some(
        (i) => i.orderId === 'h-1' && i.actions.includes('approveChange'),
      ),
    );
    expect(approver).toBeDefined();
    const a = await d.call('POST', '/v1/orders/h-1/approve-change', approver![0]);
    expect(a.status).toBe(200);
  });

  it('500 answers a problem that tells nothing of the inside', async () => {
    const broken = desk({
      ...store,
      get: () => Promise.reject(new Error('password=hunter2 at db.internal:5432')),
    } as unknown as Store);
    const r = await broken.call('GET', '/v1/orders/h-1', people.li);
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('INTERNAL');
    expect(JSON.stringify(r.body)).not.toMatch(/hunter2|db\.internal/);
  });
});
