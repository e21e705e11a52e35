// pnpm bench (server part): autocannon against a running `ordergate serve` process, on PGlite and
// on a throwaway PostgreSQL 15 cluster, GET /v1/orders/{id} and POST /v1/orders/{id}/approve at
// 1, 16 and 128 connections; and, in the same run, the floor: the very SQL the GET issues,
// recorded from the store, replayed straight through `pg` by as many concurrent workers, timed
// per request the same way. Prints req/s, p50 and p99 side by side with the targets (reads at
// least half the floor's throughput; p99 under 50 ms at 16 connections on PostgreSQL).
//
// Every request carries its own user assertion (a fresh jti: the service accepts each once),
// signed synchronously as the request is set up. Approvals need an order in review each: N
// orders are submitted through the API before each approve run, and each is approved once.
//
// Then the time from a webhook to the order's new state readable through the API: a fake ERP on
// 127.0.0.1 (the tests' `startFakeErp`, plugged in with --erp-module) gets a new order, the ERP
// side sends the signed `POST /v1/webhooks/fake` naming it, and `GET /v1/orders/{id}` is polled
// every POLL_MS until the order is there in review; WEBHOOKS (50) deliveries one after another.
//
// BENCH_SECONDS (default 5) sets each GET run's length. The services log at `warn` (request lines
// at `info` would be written to a pipe this process reads).
import { createHmac, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { Ordergate, loadPolicy } from '@ordergate/core';
import {
  PostgresStore,
  SharedSecret,
  signWebhook,
  type SqlDriver,
  type SqlQueryable,
} from '../src/index.js';
import { startFakeErp } from '../test/support/fakeErp.js';
import { scratch } from '../test/support/cli.js';
import { spawnServe, type ServiceProcess } from '../test/support/processes.js';
import { orderInput } from '../test/support/scenario.js';
import startCluster from '../test/setup/postgres.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = [1, 16, 128] as const;
const APPROVALS: Record<number, number> = { 1: 150, 16: 400, 128: 800 };
const POOL = 16;
const SECRET = 'bench-only-shared-secret-0123456789abcdef';
const AUDIENCE = 'ordergate';
const POLICY = {
  roles: {
    salesperson: { groups: ['sales'] },
    salesHead: { groups: ['sales_heads'] },
    production: { groups: ['production'] },
  },
  credit: { withoutFacts: 'info' },
};
const li = { id: 'u-li', groups: ['sales'] };
const liu = { id: 'u-liu', groups: ['production'] };

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
/** A user assertion signed as the ERP would, synchronously (autocannon sets requests up in sync). */
function assertion(actor: { id: string; groups: string[] }): string {
  const iat = Math.floor(Date.now() / 1000);
  const body = `${HEADER}.${b64({ sub: actor.id, groups: actor.groups, aud: AUDIENCE, iat, exp: iat + 120, jti: randomUUID() })}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

interface Figure {
  store: string;
  what: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
const figures: Figure[] = [];

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 50);
/** `BENCH_ONLY=webhooks` measures the webhook latency alone. */
const ONLY_HOOKS = process.env.BENCH_ONLY === 'webhooks';
const POLL_MS = 2;
const HOOK_SECRET = 'bench-only-webhook-secret-0123456789abcdef';
const hookFigures: { store: string; n: number; p50: number; p99: number; max: number }[] = [];

/**
 * Webhook → readable: a service with a fake ERP; per delivery, the time from sending the signed
 * webhook to the first GET that answers the order in review.
 */
async function webhookLatency(store: string, args: string[], env: NodeJS.ProcessEnv) {
  const fake = await startFakeErp();
  const support = pathToFileURL(join(import.meta.dirname, '../test/support/fakeErp.ts')).href;
  const module = join(dir, 'fake-erp.mjs');
  writeFileSync(
    module,
    `import { FakeErpConnector } from ${JSON.stringify(support)};\n` +
      'export function createErpConnector(env) { return new FakeErpConnector(env.FAKE_ERP_URL); }\n',
  );
  const service = await spawnServe([...args, '--erp-module', module, '--sync-interval', '3600'], {
    ...env,
    ORDERGATE_WEBHOOK_SECRET: HOOK_SECRET,
    FAKE_ERP_URL: fake.url,
  });
  const secret = new SharedSecret(HOOK_SECRET);
  const times: number[] = [];
  try {
    for (let i = 0; i < WEBHOOKS; i++) {
      const id = `wh-${String(i)}`;
      fake.put(order(id));
      const body = JSON.stringify({ orders: [id] });
      const ts = String(Math.floor(Date.now() / 1000));
      const t0 = performance.now();
      const res = await fetch(`${service.base}/v1/webhooks/fake`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ordergate-timestamp': ts,
          'x-ordergate-delivery': randomUUID(),
          'x-ordergate-signature': signWebhook(secret, ts, body),
        },
        body,
      });
      if (res.status !== 202) throw new Error(`webhook: ${String(res.status)} ${await res.text()}`);
      for (;;) {
        const r = await fetch(`${service.base}/v1/orders/${id}`, {
          headers: { authorization: `Bearer ${assertion(liu)}` },
        });
        if (r.status === 200) {
          const p = (await r.json()) as { value: { workflow: { status: string } } };
          if (p.value.workflow.status === 'in_review') break;
        } else await r.arrayBuffer();
        if (performance.now() - t0 > 30_000) throw new Error(`webhook: ${id} never readable`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      times.push(performance.now() - t0);
    }
  } finally {
    await service.stop();
    await fake.close();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(10 * (times[Math.floor(q * (times.length - 1))] ?? 0)) / 10;
  hookFigures.push({ store, n: times.length, p50: at(0.5), p99: at(0.99), max: at(1) });
  console.error(
    `  ${store} webhook → readable: p50 ${String(at(0.5))} ms, p99 ${String(at(0.99))} ms`,
  );
}

function order(id: string) {
  return {
    ...orderInput(id),
    enteredAt: new Date().toISOString(),
    requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  };
}

async function submitMany(base: string, ids: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const res = await fetch(`${base}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assertion(li)}`, 'content-type': 'application/json' },
        body: JSON.stringify(order(id)),
      });
      if (res.status !== 201)
        throw new Error(`submit ${id}: ${String(res.status)} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function cannon(
  store: string,
  what: string,
  connections: number,
  options: Partial<autocannon.Options> & {
    setupRequest: (req: autocannon.Request) => autocannon.Request;
  },
  base: string,
): Promise<void> {
  const { setupRequest, ...rest } = options;
  const result = await autocannon({
    url: base,
    connections,
    ...rest,
    requests: [{ setupRequest }],
  });
  const errors = result.errors + result.non2xx;
  figures.push({
    store,
    what,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  });
  console.error(
    `  ${store} ${what} c=${String(connections)}: ${result.requests.average.toFixed(0)} req/s, p50 ${String(result.latency.p50)} ms, p99 ${String(result.latency.p99)} ms${errors ? `, ${String(errors)} errors` : ''}`,
  );
}

async function benchService(store: string, service: ServiceProcess): Promise<void> {
  const base = service.base;
  await submitMany(base, ['bench-read']);
  for (const c of LEVELS) {
    await cannon(
      store,
      'GET order',
      c,
      {
        duration: SECONDS,
        setupRequest: (req) => ({
          ...req,
          method: 'GET',
          path: '/v1/orders/bench-read',
          headers: { authorization: `Bearer ${assertion(liu)}` },
        }),
      },
      base,
    );
  }
  for (const c of LEVELS) {
    const n = APPROVALS[c]!;
    const ids = Array.from({ length: n }, (_, i) => `bench-c${String(c)}-${String(i)}`);
    await submitMany(base, ids);
    let i = 0;
    await cannon(
      store,
      'POST approve',
      c,
      {
        amount: n,
        setupRequest: (req) => ({
          ...req,
          method: 'POST',
          path: `/v1/orders/${ids[i++ % n]!}/approve`,
          headers: {
            authorization: `Bearer ${assertion(liu)}`,
            'content-type': 'application/json',
          },
          body: '{}',
        }),
      },
      base,
    );
  }
}

/** Records every statement `og.order(id)` issues, with its parameters. */
async function recordOrderRead(url: string, schema: string, id: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const { NodePgDriver } = await import('../src/index.js');
  const inner = new NodePgDriver(pool);
  const statements: [string, readonly unknown[]][] = [];
  let recording = false;
  const rec = (q: SqlQueryable): SqlQueryable => ({
    query: (sql, params = []) => {
      if (recording) statements.push([sql, params]);
      return q.query(sql, params);
    },
  });
  const driver: SqlDriver = {
    dialect: inner.dialect,
    ...rec(inner),
    transaction: (fn) => inner.transaction((tx) => fn(rec(tx))),
    close: () => inner.close(),
  };
  const store = await PostgresStore.open({ driver, schema });
  const og = new Ordergate({
    policy: loadPolicy(POLICY),
    store,
    clock: { now: () => new Date().toISOString() },
    ids: { next: (p) => p },
  });
  recording = true;
  const picture = await og.order(id);
  recording = false;
  if (!picture) throw new Error(`floor: ${id} not found`);
  await store.close();
  await pool.end();
  return statements;
}

/** The floor: each "request" is the recorded statements in order, on a pool of POOL connections. */
async function floor(url: string, statements: [string, readonly unknown[]][]): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  for (const c of LEVELS) {
    const latencies: number[] = [];
    const end = performance.now() + SECONDS * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        for (const [sql, params] of statements) await pool.query(sql, params as unknown[]);
        latencies.push(performance.now() - t);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: c }, worker));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    figures.push({
      store: 'PostgreSQL',
      what: 'floor: GET SQL via pg',
      connections: c,
      rps: latencies.length / elapsed,
      p50: at(0.5),
      p99: at(0.99),
      errors: 0,
    });
    console.error(`  floor c=${String(c)}: ${(latencies.length / elapsed).toFixed(0)} req/s`);
  }
  await pool.end();
}

function print(statements: number): void {
  const row = (f: Figure) =>
    `| ${f.store.padEnd(10)} | ${f.what.padEnd(22)} | ${String(f.connections).padStart(4)} | ${f.rps.toFixed(0).padStart(7)} | ${String(f.p50).padStart(6)} | ${String(f.p99).padStart(6)} | ${String(f.errors).padStart(6)} |`;
  console.log('\n## ordergate serve under autocannon (server bench)\n');
  console.log(
    `GET runs ${String(SECONDS)} s each; approve runs approve N fresh orders once each (N = ${Object.values(APPROVALS).join('/')}); service pool ${String(POOL)}; floor = the GET's ${String(statements)} SQL statements through pg.\n`,
  );
  console.log(
    '| store      | what                   | conn |   req/s | p50 ms | p99 ms | errors |',
  );
  console.log(
    '| ---------- | ---------------------- | ---- | ------- | ------ | ------ | ------ |',
  );
  for (const f of figures) console.log(row(f));
  if (hookFigures.length > 0) {
    console.log(
      `\nWebhook → order readable (${String(WEBHOOKS)} signed deliveries, one at a time; GET polled every ${String(POLL_MS)} ms):\n`,
    );
    console.log('| store      |  n | p50 ms | p99 ms | max ms |');
    console.log('| ---------- | -- | ------ | ------ | ------ |');
    for (const h of hookFigures)
      console.log(
        `| ${h.store.padEnd(10)} | ${String(h.n).padStart(2)} | ${String(h.p50).padStart(6)} | ${String(h.p99).padStart(6)} | ${String(h.max).padStart(6)} |`,
      );
  }
  console.log('\nTargets (PostgreSQL):');
  for (const c of LEVELS) {
    const get = figures.find(
      (f) => f.store === 'PostgreSQL' && f.what === 'GET order' && f.connections === c,
    );
    const fl = figures.find((f) => f.what.startsWith('floor') && f.connections === c);
    if (get && fl)
      console.log(
        `  reads at ${String(c)} conn: ${get.rps.toFixed(0)} req/s = ${((100 * get.rps) / fl.rps).toFixed(0)} % of the floor's ${fl.rps.toFixed(0)} (target ≥ 50 %) ${get.rps >= fl.rps / 2 ? 'MET' : 'NOT MET'}`,
      );
  }
  for (const what of ['GET order', 'POST approve']) {
    const f = figures.find(
      (x) => x.store === 'PostgreSQL' && x.what === what && x.connections === 16,
    );
    if (f)
      console.log(
        `  ${what} p99 at 16 conn: ${String(f.p99)} ms (target < 50 ms) ${f.p99 < 50 ? 'MET' : 'NOT MET'}`,
      );
  }
}

const dir = scratch();
const policyFile = join(dir, 'policy.json');
writeFileSync(policyFile, JSON.stringify(POLICY));
const env = { ORDERGATE_ERP_SECRET: SECRET };
const common = ['--policy', policyFile, '--max-connections', String(POOL), '--log-level', 'warn'];

console.error('server bench: PGlite');
const lite = await spawnServe([...common, '--data-dir', join(dir, 'pglite')], env);
try {
  if (!ONLY_HOOKS) await benchService('PGlite', lite);
} finally {
  await lite.stop();
}
await webhookLatency('PGlite', [...common, '--data-dir', join(dir, 'pglite-hooks')], env);

console.error('server bench: starting a throwaway PostgreSQL cluster');
let url = '';
const stopCluster = await startCluster({
  provide: (_key: string, value: { url: string } | { skipped: string }) => {
    if ('url' in value) url = value.url;
  },
} as never);
try {
  if (!url) throw new Error('server bench: no PostgreSQL (ORDERGATE_SKIP_PG?)');
  const schema = `bench_${String(process.pid)}`;
  const service = await spawnServe([...common, '--schema', schema], { ...env, DATABASE_URL: url });
  let statements: [string, readonly unknown[]][] = [];
  try {
    if (!ONLY_HOOKS) {
      await benchService('PostgreSQL', service);
      statements = await recordOrderRead(url, schema, 'bench-read');
      await floor(url, statements);
    }
  } finally {
    await service.stop();
  }
  await webhookLatency('PostgreSQL', [...common, '--schema', `${schema}_hooks`], {
    ...env,
    DATABASE_URL: url,
  });
  print(statements.length);
} finally {
  stopCluster?.();
}
