// The work queue's lines through HTTP on PostgresStore (PGlite): what the queue panel filters and
// lists by (customer, amount, rules, overdue) and a substitute's step under a policy delegation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, Ordergate, type ActorInput } from '@ordergate/core';
import { createApp, PgliteDriver, PostgresStore, SharedSecret } from '../src/index.js';
import { AUDIENCE, SECRET_TEXT, assertion, clock } from './support/http.js';
import { companyPolicy, orderInput, people } from './support/scenario.js';

const UNTIL = '2026-03-13T23:59:59+08:00';
/** The core's clock: from Monday 2 March 2026 09:00 in Shanghai, a second per reading, plus `later`. */
let tick = Date.parse('2026-03-02T09:00:00+08:00');
let later = 0;
let driver: PgliteDriver;
let og: Ordergate;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  driver = await PgliteDriver.open();
  const store = await PostgresStore.open({ driver, schema: 'http_work_queue' });
  // Wang (sales head) is away: Zhao (finance) signs for him as sales head until 13 March
  const policy = loadPolicy({
    ...companyPolicy(),
    delegations: [
      { from: people.wang.id, to: people.zhao.id, roles: ['salesHead'], validUntil: UNTIL },
    ],
  });
  let n = 0;
  og = new Ordergate({
    policy,
    store,
    clock: { now: () => new Date((tick += 1000) + later).toISOString() },
    ids: { next: (prefix) => `${prefix}-${String(++n)}` },
  });
  app = createApp({
    og,
    identity: { secret: new SharedSecret(SECRET_TEXT), audience: AUDIENCE },
    now: () => clock.now,
  });
});
afterAll(async () => {
  await driver?.close();
});

async function get(path: string, actor: ActorInput) {
  const res = await app.request(path, {
    headers: { authorization: `Bearer ${await assertion(actor)}` },
  });
  return { status: res.status, body: (await res.json()) as { value: Record<string, unknown>[] } };
}

describe('GET /v1/work-queue lines', () => {
  it('RV-2 RV-5 each line carries customer, amount with tax, the step’s rules and overdue; a substitute’s step names whom for and until when', async () => {
    expect((await og.submit(orderInput('q-1'), people.li)).ok).toBe(true);
    const production = await get('/v1/work-queue', people.liu);
    expect(production.status).toBe(200);
    const line = production.body.value[0]!;
    expect(line).toMatchObject({
      orderId: 'q-1',
      customer: { id: 'c-1', name: 'Shanghai Precision Machinery Co., Ltd.' },
      amount: { total: 565_000, currency: 'CNY' }, // (2 × 1,500.00 + 10 × 200.00) + 13 % tax
      overdue: false,
      actions: ['approve'],
    });
    const steps = line.steps as { key: string; ruleIds: string[]; onBehalfOf?: string }[];
    expect(steps).toHaveLength(1);
    expect(steps[0]!.onBehalfOf).toBeUndefined();
    expect(line.ruleIds).toEqual(steps[0]!.ruleIds);

    const picture = await og.order('q-1');
    const active = picture!.workflow.route!.steps.find((s) => s.status === 'active')!;
    expect(steps[0]!.key).toBe(active.key);
    expect((await og.approve('q-1', people.liu)).ok).toBe(true);

    // the sales-head step: Wang in person, Zhao as Wang's substitute until 13 March
    const own = (await get('/v1/work-queue', people.wang)).body.value[0]!;
    const sub = (await get('/v1/work-queue', people.zhao)).body.value[0]!;
    expect((own.steps as { onBehalfOf?: string }[])[0]!.onBehalfOf).toBeUndefined();
    expect(sub).toMatchObject({
      orderId: 'q-1',
      steps: [{ onBehalfOf: people.wang.id, delegatedUntil: UNTIL }],
    });
  });

  it('RV-2 a line whose step is past its deadline is overdue; a delegation past its window signs nothing', async () => {
    later = 18 * 86_400_000; // 20 March: weeks after the review's 24 hours
    try {
      const line = (await get('/v1/work-queue', people.wang)).body.value[0]!;
      expect(line).toMatchObject({ orderId: 'q-1', overdue: true });
      // the delegation ended on 13 March: Zhao signs for nobody now
      const zhao = (await get('/v1/work-queue', people.zhao)).body.value;
      expect(zhao.filter((l) => l.orderId === 'q-1')).toEqual([]);
    } finally {
      later = 0;
    }
  });
});
