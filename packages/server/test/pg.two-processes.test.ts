// Issue 11: 50 concurrent approvers on one order through two `ordergate serve` processes sharing
// one real PostgreSQL (the test cluster): each step is decided exactly once, no update is lost,
// and the chains verify afterwards.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, Ordergate, type ActorInput } from '@ordergate/core';
import { PostgresStore, SharedSecret } from '../src/index.js';
import { signAssertion } from '../src/cli/demo/credentials.js';
import { scratch } from './support/cli.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { spawnServe, type ServiceProcess } from './support/processes.js';
import { orderInput } from './support/scenario.js';

const url = postgresUrl();
const SECRET = 'two-processes-test-secret-0123456789abcdef';
const AUDIENCE = 'ordergate';

const byGroup = (group: string) => ({ groups: [group] });
/** The company policy of the server tests, as the file the processes load. */
const POLICY = {
  roles: {
    salesperson: byGroup('sales'),
    salesHead: byGroup('sales_heads'),
    production: byGroup('production'),
  },
  credit: { withoutFacts: 'info' },
} as const;

describe.skipIf(url === undefined)('issue 11 two service processes on one PostgreSQL', () => {
  const schema = freshSchema('twoproc');
  const services: ServiceProcess[] = [];
  const secret = new SharedSecret(SECRET);

  beforeAll(async () => {
    const policyFile = join(scratch(), 'policy.json');
    writeFileSync(policyFile, JSON.stringify(POLICY));
    const env = { DATABASE_URL: url, ORDERGATE_ERP_SECRET: SECRET };
    // both start together: migrations wait for each other under the advisory lock
    services.push(
      ...(await Promise.all([
        spawnServe(['--policy', policyFile, '--schema', schema, '--max-connections', '8'], env),
        spawnServe(['--policy', policyFile, '--schema', schema, '--max-connections', '8'], env),
      ])),
    );
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  const call = async (
    s: ServiceProcess,
    method: string,
    path: string,
    actor: ActorInput,
    body?: unknown,
  ) => {
    const res = await fetch(`${s.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await signAssertion(secret, AUDIENCE, actor)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('RV-3 RV-5 50 approvers racing through both processes: each step decided once, no lost update, the chain verifies', async () => {
    const [a, b] = services as [ServiceProcess, ServiceProcess];
    const submitted = await call(
      a,
      'POST',
      '/v1/orders',
      { id: 'u-li', groups: ['sales'] },
      {
        ...orderInput('o-race'),
        enteredAt: new Date().toISOString(),
        requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
      },
    );
    expect(submitted.status).toBe(201);

    // 50 different people, each holding both roles the route needs (production, then the sales
    // head); one person acts once, so the two steps need two of them
    const approvers = Array.from({ length: 50 }, (_, i) => ({
      id: `u-approver-${String(i)}`,
      groups: ['production', 'sales_heads'],
    }));
    const answers = await Promise.all(
      approvers.map((who, i) =>
        call(i % 2 === 0 ? a : b, 'POST', '/v1/orders/o-race/approve', who, {}),
      ),
    );
    const ok = answers.filter((r) => r.status === 200);
    expect(answers.map((r) => r.status).filter((s) => s !== 200 && s !== 409 && s !== 403)).toEqual(
      [],
    );
    expect(ok).toHaveLength(2);

    const store = await PostgresStore.open({ connectionString: url!, schema, maxConnections: 2 });
    try {
      const og = new Ordergate({
        policy: loadPolicy(POLICY),
        store,
        clock: { now: () => new Date().toISOString() },
        ids: { next: (p) => p },
      });
      const picture = (await og.order('o-race'))!;
      expect(picture.workflow.status).toBe('approved');
      const steps = picture.workflow.route!.steps;
      for (const step of steps) expect(step.approvals).toHaveLength(1);
      const deciders = steps.flatMap((s) => s.approvals.map((x) => x.actor));
      expect(new Set(deciders).size).toBe(steps.length);
      const granted = (await og.history('o-race')).filter((e) => e.type === 'approval.granted');
      expect(granted).toHaveLength(steps.length);
      expect(await og.verify()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });

  it('SIGTERM stops both processes cleanly (exit 0)', async () => {
    const codes = await Promise.all(services.splice(0).map((s) => s.stop()));
    expect(codes).toEqual([0, 0]);
  });
});
