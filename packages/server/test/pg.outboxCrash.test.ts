// Issue 11, outbox delivery across crashes and instances on a real PostgreSQL: a delivery worker
// process killed with SIGKILL in the middle of delivering, then restarted, loses no effect and
// applies none twice at a recording fake ERP on 127.0.0.1; two workers on one database deliver
// each effect once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, Ordergate, type Effect } from '@ordergate/core';
import { erpReceiver, OutboxWorker, PostgresStore } from '../src/index.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { httpApplier, startFakeErp, type FakeErp } from './support/fakeErpEndpoint.js';

const url = postgresUrl();
const AT = '2026-03-02T01:00:00.000Z';
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const figures = (line: string) => {
  if (process.env.ORDERGATE_FIGURES) console.info(line);
};

/** `count` effects over `subjects` orders, committed in batches as commands would. */
async function seed(store: PostgresStore, count: number, subjects: number): Promise<Effect[]> {
  const effects: Effect[] = Array.from({ length: count }, (_, i) => ({
    type: 'postMessage',
    key: `o${String(i % subjects)}:${String(Math.floor(i / subjects) + 1)}:0`,
    orderId: `o${String(i % subjects)}`,
    messageKey: 'review.submitted',
    params: { n: i },
  }));
  for (let i = 0; i < effects.length; i += 10) {
    await store.commit({ writes: [], events: [], effects: effects.slice(i, i + 10), at: AT });
  }
  return effects;
}

function startWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/outboxWorkerProcess.ts'],
    {
      cwd: serverDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${String(code)}): ${err}`)));
  });
  return { child, ready };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Per order, the effects applied in commit order (their keys' version numbers ascend). */
function inOrderPerSubject(applied: readonly Effect[]): boolean {
  const last = new Map<string, number>();
  for (const e of applied) {
    const [subject = '', version = '0'] = e.key.split(':');
    if (Number(version) <= (last.get(subject) ?? 0)) return false;
    last.set(subject, Number(version));
  }
  return true;
}

describe.skipIf(url === undefined)(
  'outbox delivery on PostgreSQL: crashes and several workers',
  () => {
    let erp: FakeErp;
    const pools: pg.Pool[] = [];
    beforeAll(async () => {
      erp = await startFakeErp();
    });
    afterAll(async () => {
      await erp.close();
      await Promise.all(pools.map((p) => p.end()));
    });

    it('issue 11: a worker killed with SIGKILL mid-delivery and restarted loses no effect and applies none twice, each order in commit order', async () => {
      erp.reset();
      erp.delayMs = 40; // slow deliveries: the kill lands inside a pass
      const schema = freshSchema('crash');
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      pools.push(pool);
      const store = await PostgresStore.open({ pool, schema });
      const effects = await seed(store, 120, 12);
      const env = { DATABASE_URL: url!, SCHEMA: schema, ERP_URL: erp.url, LEASE_MS: '1500' };

      const first = startWorker(env);
      await first.ready;
      // Killed while the ERP is applying an effect the worker sent: mid-delivery, not between passes.
      await until(
        'a third delivered and one in flight',
        () => erp.applied.length >= effects.length / 3 && erp.requests.size > erp.applied.length,
      );
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      const atKill = erp.applied.length;
      expect(atKill).toBeLessThan(effects.length); // killed mid-way
      const leased = await pool.query(
        `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE delivered_at IS NULL AND lease_until IS NOT NULL`,
      );

      const second = startWorker(env);
      await second.ready;
      const started = Date.now();
      await until('every effect applied', () => erp.applied.length >= effects.length);
      await until('the outbox empty', async () => (await store.pendingEffects()).length === 0);
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));

      const keys = effects.map((e) => e.key).sort();
      expect(erp.applied.map((e) => e.key).sort()).toEqual(keys); // none lost, none applied twice
      expect(inOrderPerSubject(erp.applied)).toBe(true);
      expect(await store.deadEffects()).toEqual([]);
      const redelivered = [...erp.requests.values()].filter((n) => n > 1).length;
      // at least once: only effects in flight at the kill may have been sent again
      expect(redelivered).toBeGreaterThanOrEqual(1); // the one in flight at the kill
      expect(redelivered).toBeLessThanOrEqual(5); // at most the killed pass's batch
      figures(
        `SIGKILL mid-delivery: ${String(atKill)}/${String(effects.length)} applied at the kill, ${String(leased.rows[0]?.n)} left leased, ${String(redelivered)} sent again (applied once), rest delivered ${String(Date.now() - started)} ms after restart`,
      );
    });

    it('issue 11: two workers on one PostgreSQL deliver each effect exactly once, sharing the outbox with FOR UPDATE SKIP LOCKED', async () => {
      erp.reset();
      erp.delayMs = 2;
      const schema = freshSchema('twoworkers');
      const stores: PostgresStore[] = [];
      const workers: OutboxWorker[] = [];
      const byWorker = [0, 0];
      for (const i of [0, 1]) {
        const pool = new pg.Pool({ connectionString: url, max: 4 });
        pools.push(pool);
        const store = await PostgresStore.open({ pool, schema });
        stores.push(store);
        const og = new Ordergate({
          policy: loadPolicy({}),
          store,
          clock: { now: () => new Date().toISOString() },
          ids: { next: (p) => `${p}-${String(i)}` },
          receiver: erpReceiver(httpApplier(erp.url)),
        });
        workers.push(
          new OutboxWorker({
            og,
            intervalMs: 10,
            batch: 4,
            onPass: (r) => (byWorker[i]! += r.delivered),
          }),
        );
      }
      const effects = await seed(stores[0]!, 200, 40);
      workers.forEach((w) => w.start());
      await until('every effect applied', () => erp.applied.length >= effects.length);
      await Promise.all(workers.map((w) => w.stop()));
      expect([...erp.requests.values()].every((n) => n === 1)).toBe(true); // each sent once
      expect(erp.requests.size).toBe(effects.length);
      expect(inOrderPerSubject(erp.applied)).toBe(true);
      expect(byWorker.every((n) => n > 0)).toBe(true); // both took part
      expect(byWorker[0]! + byWorker[1]!).toBe(effects.length);
      expect(await stores[1]!.pendingEffects()).toEqual([]);
      figures(`two workers: ${byWorker.join(' + ')} deliveries`);
    });
  },
);
