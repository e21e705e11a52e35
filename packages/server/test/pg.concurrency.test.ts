// PostgresStore under real concurrency, on the test PostgreSQL server through node-postgres:
// many writers on one order through the core's runner (Ordergate), several instances (pools)
// dispatching one outbox, numbering orders and migrating one schema at the same time.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConcurrentModificationError,
  portableSha256,
  verifySealed,
  type Effect,
  type Store,
} from '@ordergate/core';
import { MIGRATIONS, PostgresStore } from '../src/index.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { confirmedOrder, gateOver, people } from './support/scenario.js';

const url = postgresUrl();
const AT = '2026-03-02T01:00:00.000Z';
const FAR = '2026-03-09T01:00:00.000Z';
const figures = (line: string) => {
  if (process.env.ORDERGATE_FIGURES) console.info(line);
};

/** Counts the store's commits and the conflicts among them. */
function counting(store: Store) {
  const counts = { commits: 0, conflicts: 0 };
  const wrapped: Store = {
    get: (kind, key) => store.get(kind, key),
    find: (kind, where) => store.find(kind, where),
    commit: async (commit) => {
      counts.commits++;
      try {
        return await store.commit(commit);
      } catch (error) {
        if (error instanceof ConcurrentModificationError) counts.conflicts++;
        throw error;
      }
    },
    nextSequence: (scope) => store.nextSequence(scope),
    readStream: (stream) => store.readStream(stream),
    readSealed: (stream) => store.readSealed(stream),
    streamHead: (stream) => store.streamHead(stream),
    streams: () => store.streams(),
    claimEffects: (options) => store.claimEffects(options),
    settleEffects: (settlement) => store.settleEffects(settlement),
    pendingEffects: () => store.pendingEffects(),
    deadEffects: () => store.deadEffects(),
    retryEffect: (key, at) => store.retryEffect(key, at),
  };
  return { store: wrapped, counts };
}

describe.skipIf(url === undefined)('PostgresStore on PostgreSQL under concurrency', () => {
  const pools: pg.Pool[] = [];
  const pool = (max: number) => {
    const p = new pg.Pool({ connectionString: url, max });
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });

  describe('50 writers on one order through the runner', () => {
    let store: PostgresStore;
    beforeAll(async () => {
      store = await PostgresStore.open({ pool: pool(8), schema: freshSchema('writers') });
    });

    it('commits every writer, loses no update and keeps the chain whole', async () => {
      const { og: setup } = gateOver(store);
      await confirmedOrder(setup, 'o-1');
      const before = (await store.get('order', 'o-1'))!;
      const eventsBefore = (await store.readSealed('order:o-1')).length;

      const { store: watched, counts } = counting(store);
      // The runner's own retry at its defaults (jittered exponential backoff, 64 attempts).
      const { og } = gateOver(watched);
      const writers = 50;
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          og.forecastDelivery('o-1', people.li, {
            date: '2026-04-10',
            reason: `writer ${String(i)}`,
          }),
        ),
      );
      const ms = performance.now() - started;
      expect(results.filter((r) => !r.ok)).toEqual([]);

      const after = (await store.get('order', 'o-1'))!;
      expect(after.version).toBe(before.version + writers);
      const sealed = await store.readSealed('order:o-1');
      expect(sealed).toHaveLength(eventsBefore + writers);
      expect(verifySealed(sealed, portableSha256, after.trail)).toMatchObject({ ok: true });
      const reasons = (await og.history('o-1'))
        .filter((e) => e.type === 'delivery.forecast')
        .map((e) => (e.data as { reason?: string }).reason);
      expect(new Set(reasons).size).toBe(writers);
      // the stored record is the one the last commit wrote
      const last = (after.value as { workflow: { tracking: { forecast: { reason: string } } } })
        .workflow.tracking.forecast.reason;
      expect(last).toBe(reasons[reasons.length - 1]);
      expect(counts.commits - counts.conflicts).toBe(writers);
      expect(await og.verify()).toMatchObject({ ok: true });
      figures(
        `50 writers on one order (pg, pool of 8): ${ms.toFixed(0)} ms, ${(writers / (ms / 1000)).toFixed(0)} commits/s, ${String(counts.conflicts)} conflicts in ${String(counts.commits)} commit attempts`,
      );
    });
  });

  it('two instances dispatching one outbox never hold the same effect at once', async () => {
    const schema = freshSchema('outbox');
    const a = await PostgresStore.open({ pool: pool(4), schema });
    const b = await PostgresStore.open({ pool: pool(4), schema });
    const effects: Effect[] = Array.from({ length: 300 }, (_, i) => ({
      type: 'lockOrder',
      key: `e${String(i).padStart(3, '0')}`,
      orderId: `o${String(i)}`, // one subject each: a subject's later effects wait for its first
    }));
    for (let i = 0; i < effects.length; i += 30) {
      await a.commit({ writes: [], events: [], effects: effects.slice(i, i + 30), at: AT });
    }
    const taken = new Map<string, string>();
    const claimer = async (name: string, store: PostgresStore) => {
      for (;;) {
        const got = await store.claimEffects({ now: AT, limit: 7, leaseUntil: FAR });
        if (got.length === 0) return;
        for (const e of got) {
          expect(taken.get(e.effect.key), `${e.effect.key} claimed twice`).toBeUndefined();
          taken.set(e.effect.key, name);
        }
      }
    };
    await Promise.all([claimer('a1', a), claimer('b1', b), claimer('a2', a), claimer('b2', b)]);
    expect(taken.size).toBe(effects.length);
    const byClaimer = [...taken.values()].reduce<Record<string, number>>(
      (n, c) => ({ ...n, [c]: (n[c] ?? 0) + 1 }),
      {},
    );
    expect(Object.keys(byClaimer).length).toBeGreaterThan(1);
    // settled by either instance, delivered everywhere; a lease that runs out is claimed again
    await b.settleEffects({ delivered: effects.slice(0, 299).map((e) => e.key), failed: [] });
    expect((await a.pendingEffects()).map((e) => e.effect.key)).toEqual(['e299']);
    expect(await a.claimEffects({ now: AT, limit: 10, leaseUntil: FAR })).toEqual([]);
    const expired = await b.claimEffects({
      now: FAR,
      limit: 10,
      leaseUntil: '2026-03-10T00:00:00Z',
    });
    expect(expired.map((e) => e.effect.key)).toEqual(['e299']);
  });

  it('two instances number orders without repeating and migrate one schema together', async () => {
    const schema = freshSchema('seq');
    const [a, b, c] = await Promise.all([
      PostgresStore.open({ pool: pool(4), schema }),
      PostgresStore.open({ pool: pool(4), schema }),
      PostgresStore.open({ pool: pool(4), schema }),
    ]);
    const got = await Promise.all(
      Array.from({ length: 300 }, (_, i) => [a, b, c][i % 3]!.nextSequence('SO-2026')),
    );
    expect(new Set(got).size).toBe(300);
    expect(Math.min(...got)).toBe(1);
    expect(Math.max(...got)).toBe(300);
    const migrations = await pools[pools.length - 1]!.query(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    expect(migrations.rows).toEqual(
      [...MIGRATIONS].sort((x, y) => x.version - y.version).map((m) => ({ version: m.version })),
    );
  });

  it('a commit waits only for the head of the stream it appends to', async () => {
    const schema = freshSchema('heads');
    const p = pool(4);
    const store = await PostgresStore.open({ pool: p, schema });
    const append = (stream: string) =>
      store.commit({ writes: [], events: [{ stream, type: 'x', at: AT, actor: null, data: {} }] });
    await append('archive:a');
    await append('archive:b');
    // another transaction holds the head of archive:a, as a commit sealing onto it would
    const holder = await p.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `SELECT seq FROM "${schema}".stream_heads WHERE stream = 'archive:a' FOR UPDATE`,
      );
      let aDone = false;
      const a = append('archive:a').then(() => {
        aDone = true;
      });
      await append('archive:b'); // not held up
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(aDone).toBe(false); // waits for the head it seals onto
      await holder.query('COMMIT');
      await a;
    } finally {
      holder.release();
    }
    expect((await store.streamHead('archive:a'))?.seq).toBe(2);
    expect((await store.streamHead('archive:b'))?.seq).toBe(2);
  });

  it('commits on different streams do not wait for each other', async () => {
    const store = await PostgresStore.open({ pool: pool(8), schema: freshSchema('streams') });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 25; i++) {
          await store.commit({
            writes: [
              {
                kind: 'order',
                key: `o${String(w)}`,
                expectedVersion: i,
                value: { i },
                stream: `order:o${String(w)}`,
              },
            ],
            events: [
              { stream: `order:o${String(w)}`, type: 'x', at: AT, actor: null, data: { i } },
            ],
          });
        }
      }),
    );
    const ms = performance.now() - started;
    for (let w = 0; w < 8; w++) {
      const sealed = await store.readSealed(`order:o${String(w)}`);
      expect(verifySealed(sealed, portableSha256)).toMatchObject({ ok: true, events: 25 });
    }
    figures(
      `8 writers on 8 orders (pg, pool of 8): 200 commits in ${ms.toFixed(0)} ms, ${(200 / (ms / 1000)).toFixed(0)} commits/s, no conflicts`,
    );
  });
});
