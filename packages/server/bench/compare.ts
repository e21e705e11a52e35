// Before/after: GET /v1/orders/{id} through `ordergate serve` from two checkouts of this
// repository, on one throwaway PostgreSQL cluster, runs interleaved (A B A B …) so that both see
// the same machine load; with each checkout's floor (the SQL its GET issues, straight through pg)
// measured in the same rounds. Prints every run and the medians.
//
//   COMPARE_BASE=/path/to/other/checkout pnpm --filter @ordergate/server exec tsx bench/compare.ts
//
// COMPARE_ROUNDS (3), COMPARE_SECONDS (5), COMPARE_CONNECTIONS (16,128).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { Ordergate, loadPolicy } from '@ordergate/core';
import { NodePgDriver, PostgresStore, type SqlDriver, type SqlQueryable } from '../src/index.js';
import { orderInput } from '../test/support/scenario.js';
import startCluster from '../test/setup/postgres.js';

const HERE = fileURLToPath(new URL('../../..', import.meta.url));
const BASE = process.env.COMPARE_BASE;
if (!BASE) throw new Error('COMPARE_BASE=<another checkout> is required');
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 3);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 5);
const LEVELS = (process.env.COMPARE_CONNECTIONS ?? '16,128').split(',').map(Number);
const POOL = 16;
const SECRET = 'bench-only-shared-secret-0123456789abcdef';
const POLICY = {
  roles: {
    salesperson: { groups: ['sales'] },
    salesHead: { groups: ['sales_heads'] },
    production: { groups: ['production'] },
  },
  credit: { withoutFacts: 'info' },
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
function assertion(actor: { id: string; groups: string[] }): string {
  const iat = Math.floor(Date.now() / 1000);
  const body = `${HEADER}.${b64({ sub: actor.id, groups: actor.groups, aud: 'ordergate', iat, exp: iat + 120, jti: randomUUID() })}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

interface Tree {
  name: string;
  root: string;
  schema: string;
  base?: string;
  child?: ChildProcess;
  statements?: [string, readonly unknown[]][];
}

async function start(tree: Tree, url: string, policyFile: string): Promise<void> {
  const main = join(tree.root, 'packages/server/src/cli/main.ts');
  const tsx = createRequire(join(tree.root, 'packages/server/package.json')).resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--import', tsx, main, 'serve', '--port', '0', '--max-connections', String(POOL)],
    {
      cwd: tree.root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        ORDERGATE_SCHEMA: tree.schema,
        ORDERGATE_ERP_SECRET: SECRET,
        ORDERGATE_POLICY: policyFile,
        ORDERGATE_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  tree.child = child;
  let out = '';
  tree.base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${tree.name} serve exited ${String(code)}`)));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
  });
  child.stdout.resume();
}

async function stop(tree: Tree): Promise<void> {
  const child = tree.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function submit(base: string): Promise<void> {
  const res = await fetch(`${base}/v1/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${assertion({ id: 'u-li', groups: ['sales'] })}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      ...orderInput('bench-read'),
      enteredAt: new Date().toISOString(),
      requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    }),
  });
  if (res.status !== 201) throw new Error(`submit: ${String(res.status)} ${await res.text()}`);
}

/** The statements `og.order` issues in this checkout (the floor of the "after" side). */
async function recordHere(url: string, schema: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const inner = new NodePgDriver(pool);
  const statements: [string, readonly unknown[]][] = [];
  let on = false;
  const rec = (q: SqlQueryable): SqlQueryable => ({
    query: (sql, params = []) => {
      if (on) statements.push([sql, params]);
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
  on = true;
  await og.order('bench-read');
  on = false;
  await store.close();
  await pool.end();
  return statements;
}

interface Run {
  tree: string;
  what: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
}
const runs: Run[] = [];

async function get(tree: Tree, connections: number): Promise<void> {
  const liu = { id: 'u-liu', groups: ['production'] };
  const r = await autocannon({
    url: tree.base!,
    connections,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          method: 'GET',
          path: '/v1/orders/bench-read',
          headers: { authorization: `Bearer ${assertion(liu)}` },
        }),
      },
    ],
  });
  if (r.non2xx + r.errors > 0) throw new Error(`${tree.name}: ${String(r.non2xx)} non-2xx`);
  runs.push({
    tree: tree.name,
    what: 'GET order',
    connections,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
  });
  console.error(
    `  ${tree.name} GET c=${String(connections)}: ${r.requests.average.toFixed(0)} req/s, p50 ${String(r.latency.p50)}, p99 ${String(r.latency.p99)}`,
  );
}

async function floor(tree: Tree, url: string, connections: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        for (const [sql, params] of tree.statements!) await pool.query(sql, params as unknown[]);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  runs.push({
    tree: tree.name,
    what: `floor (${String(tree.statements!.length)} statements)`,
    connections,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  });
  console.error(
    `  ${tree.name} floor c=${String(connections)}: ${(latencies.length / elapsed).toFixed(0)} req/s`,
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'ordergate-compare-'));
const policyFile = join(dir, 'policy.json');
writeFileSync(policyFile, JSON.stringify(POLICY));
let url = '';
const stopCluster = await startCluster({
  provide: (_k: string, v: { url: string } | { skipped: string }) => {
    if ('url' in v) url = v.url;
  },
} as never);
const trees: Tree[] = [
  { name: 'before', root: BASE, schema: 'cmp_before' },
  { name: 'after', root: HERE, schema: 'cmp_after' },
];
try {
  for (const t of trees) {
    await start(t, url, policyFile);
    await submit(t.base!);
  }
  // the "before" floor: the statements the old checkout's og.order issued (5: the order read twice)
  trees[1]!.statements = await recordHere(url, 'cmp_after');
  const [first, ...rest] = trees[1]!.statements;
  trees[0]!.statements = first ? [first, first, ...rest] : [];
  for (let round = 1; round <= ROUNDS; round++) {
    console.error(`round ${String(round)}`);
    for (const c of LEVELS) {
      for (const t of round % 2 ? trees : [...trees].reverse()) await get(t, c);
      for (const t of round % 2 ? trees : [...trees].reverse()) await floor(t, url, c);
    }
  }
} finally {
  for (const t of trees) await stop(t);
  stopCluster?.();
}

console.log(
  `\nGET /v1/orders/{id} on PostgreSQL, ${String(ROUNDS)} interleaved rounds of ${String(SECONDS)} s; medians:\n`,
);
console.log('| side   | what                     | conn |  req/s | p50 ms | p99 ms |');
console.log('| ------ | ------------------------ | ---- | ------ | ------ | ------ |');
for (const c of LEVELS) {
  for (const t of trees) {
    for (const what of [...new Set(runs.map((r) => r.what))]) {
      const rs = runs.filter((r) => r.tree === t.name && r.what === what && r.connections === c);
      if (rs.length === 0) continue;
      console.log(
        `| ${t.name.padEnd(6)} | ${what.padEnd(24)} | ${String(c).padStart(4)} | ${median(
          rs.map((r) => r.rps),
        )
          .toFixed(0)
          .padStart(
            6,
          )} | ${String(median(rs.map((r) => r.p50))).padStart(6)} | ${String(median(rs.map((r) => r.p99))).padStart(6)} |`,
      );
    }
  }
}
