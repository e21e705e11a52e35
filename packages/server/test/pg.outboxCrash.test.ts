// Issue 11, outbox delivery across crashes and instances on a real PostgreSQL: a delivery worker
// process killed with SIGKILL in the middle of delivering, then restarted, loses no effect and
// applies none twice at a recording fake ERP on 127.0.0.1; two workers on one database deliver
// each effect once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, Ordergate } from '@ordergate/core';
import { erpReceiver, OutboxWorker, PostgresStore } from '../src/index.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { httpApplier, startFakeErp, type FakeErp } from './support/fakeErpEndpoint.js';
import {
  crashMidDelivery,
  figures,
  inOrderPerSubject,
  seedEffects,
  until,
} from './support/outboxCrash.js';

const url = postgresUrl();

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
      const effects = await seedEffects(store, 120, 12);
      const env = { DATABASE_URL: url!, SCHEMA: schema, ERP_URL: erp.url, LEASE_MS: '1500' };

      let leased: number | undefined;
      const { atKill, redelivered, restartMs } = await crashMidDelivery({
        erp,
        effects,
        env,
        pending: async () => (await store.pendingEffects()).length,
        afterKill: async () => {
          const r = await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE delivered_at IS NULL AND lease_until IS NOT NULL`,
          );
          leased = r.rows[0]?.n;
        },
      });
      expect(await store.deadEffects()).toEqual([]);
      figures(
        `SIGKILL mid-delivery: ${String(atKill)}/${String(effects.length)} applied at the kill, ${String(leased)} left leased, ${String(redelivered)} sent again (applied once), rest delivered ${String(restartMs)} ms after restart`,
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
      const effects = await seedEffects(stores[0]!, 200, 40);
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
