import { verifySealed } from '../audit/auditChain.js';
import { ConcurrentModificationError } from '../errors.js';
import { portableSha256, type Hasher } from '../audit/Hasher.js';
import type { Store } from '../ports/Store.js';
import type { Effect } from '../state/Effect.js';

/** The test functions the suite registers its cases with (vitest's, jest's, node:test's…). */
export interface ConformanceHarness {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void>) => void;
  /** Throws when `condition` is false, with `message`. */
  assert: (condition: boolean, message: string) => void;
}

/** Options of the conformance suite. */
export interface StoreConformanceOptions {
  /** A fresh, empty store per case. */
  makeStore: () => Store | Promise<Store>;
  /** The hasher the store seals with (default: portable SHA-256). */
  hasher?: Hasher;
  /** Concurrent writers on one record (default 50). */
  writers?: number;
}

const AT = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-02T02:00:00.000Z';
const FAR = '2026-03-09T00:00:00.000Z';

function effect(key: string, orderId = 'o1'): Effect {
  return { type: 'lockOrder', key, orderId };
}

/**
 * The store conformance suite: what every `Store` must do for the core to stand on it — atomic
 * commits, version conflicts under concurrency (every one of many racing writers gets through by
 * retrying, none lost), sequences that never repeat, sealed chains and anchors, index queries,
 * and an outbox that delivers at least once, per subject in commit order, with dead letters a
 * person retries. Register it in your test runner.
 *
 * @example
 * import { describe, it } from 'vitest';
 * import { storeConformance } from '@ordergate/core/testing';
 * storeConformance({ describe, it, assert: (c, m) => { if (!c) throw new Error(m); } }, { makeStore: () => new MemoryStore() });
 */
export function storeConformance(t: ConformanceHarness, options: StoreConformanceOptions): void {
  const hasher = options.hasher ?? portableSha256;
  const writers = options.writers ?? 50;
  const { describe, it, assert } = t;
  const fresh = async () => options.makeStore();

  describe('Store conformance', () => {
    it('commits records, events and effects all or nothing', async () => {
      const store = await fresh();
      await store.commit({
        writes: [{ kind: 'order', key: 'o1', expectedVersion: 0, value: { n: 1 } }],
        events: [{ stream: 'order:o1', type: 'a', at: AT, actor: null, data: {} }],
        effects: [effect('e1')],
        at: AT,
      });
      let failed = false;
      try {
        await store.commit({
          writes: [
            { kind: 'order', key: 'o2', expectedVersion: 0, value: { n: 2 } },
            { kind: 'order', key: 'o1', expectedVersion: 0, value: { n: 9 } },
          ],
          events: [{ stream: 'order:o2', type: 'b', at: AT, actor: null, data: {} }],
          effects: [effect('e2', 'o2')],
          at: AT,
        });
      } catch (error) {
        failed = error instanceof ConcurrentModificationError;
      }
      assert(failed, 'a stale write must fail the commit with ConcurrentModificationError');
      assert((await store.get('order', 'o2')) === undefined, 'no record of a failed commit');
      assert((await store.readStream('order:o2')).length === 0, 'no event of a failed commit');
      const pending = await store.pendingEffects();
      assert(
        pending.length === 1 && pending[0]?.effect.key === 'e1',
        'no effect of a failed commit',
      );
      const o1 = await store.get('order', 'o1');
      assert(o1?.version === 1, 'versions start at 1');
    });

    it(`lets ${String(writers)} racing writers on one record all commit by retrying`, async () => {
      const store = await fresh();
      await store.commit({
        writes: [{ kind: 'counter', key: 'c', expectedVersion: 0, value: { n: 0 } }],
        events: [],
      });
      await Promise.all(
        Array.from({ length: writers }, async (_, i) => {
          for (let attempt = 0; attempt < 10_000; attempt++) {
            const found = await store.get('counter', 'c');
            const n = (found?.value as { n: number }).n;
            try {
              await store.commit({
                writes: [
                  {
                    kind: 'counter',
                    key: 'c',
                    expectedVersion: found?.version ?? 0,
                    value: { n: n + 1 },
                    stream: 'counter:c',
                  },
                ],
                events: [
                  { stream: 'counter:c', type: 'inc', at: AT, actor: `w${String(i)}`, data: {} },
                ],
              });
              return;
            } catch (error) {
              if (!(error instanceof ConcurrentModificationError)) throw error;
              // A test harness, not the core: racing writers wait a random moment before retrying.
              // eslint-disable-next-line no-restricted-globals, no-restricted-properties
              await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
            }
          }
        }),
      );
      const found = await store.get('counter', 'c');
      assert((found?.value as { n: number }).n === writers, 'no lost update');
      const sealed = await store.readSealed('counter:c');
      assert(sealed.length === writers, 'one event per commit');
      const chain = verifySealed(sealed, hasher);
      assert(chain.ok, 'the chain verifies');
      assert(
        found?.trail?.seq === writers && found.trail.hash === sealed[writers - 1]?.hash,
        'the record is anchored to its stream head',
      );
    });

    it('hands out sequence numbers that never repeat, also concurrently', async () => {
      const store = await fresh();
      const got = await Promise.all(Array.from({ length: 200 }, () => store.nextSequence('s')));
      assert(new Set(got).size === 200 && Math.min(...got) === 1, 'unique from 1');
      assert((await store.nextSequence('other')) === 1, 'scopes are independent');
    });

    it('finds records by their index values', async () => {
      const store = await fresh();
      await store.commit({
        writes: [
          {
            kind: 'order',
            key: 'b',
            expectedVersion: 0,
            value: {},
            index: { status: 'in_review', waitingFor: ['a', 'b'] },
          },
          { kind: 'order', key: 'a', expectedVersion: 0, value: {}, index: { status: 'approved' } },
          {
            kind: 'order',
            key: 'c',
            expectedVersion: 0,
            value: {},
            index: { status: 'in_review', waitingFor: ['c'] },
          },
        ],
        events: [],
      });
      const keys = async (where?: Record<string, string | string[]>) =>
        (await store.find('order', where)).map((r) => r.key).join(',');
      assert((await keys()) === 'a,b,c', 'every record in key order');
      assert((await keys({ status: 'in_review' })) === 'b,c', 'one value');
      assert((await keys({ status: ['approved', 'in_review'] })) === 'a,b,c', 'any of several');
      assert((await keys({ waitingFor: 'b' })) === 'b', 'a value of a multi-valued index');
      assert((await keys({ status: 'in_review', waitingFor: 'c' })) === 'c', 'every field');
    });

    it('delivers the outbox at least once: leased, settled, retried after failure or lease expiry', async () => {
      const store = await fresh();
      await store.commit({
        writes: [],
        events: [],
        effects: [effect('e1', 'o1'), effect('e2', 'o2'), effect('e3', 'o3')],
        at: AT,
      });
      const first = await store.claimEffects({ now: AT, limit: 2, leaseUntil: LATER });
      assert(first.map((e) => e.effect.key).join() === 'e1,e2', 'oldest first, up to the limit');
      const second = await store.claimEffects({ now: AT, limit: 10, leaseUntil: LATER });
      assert(
        second.map((e) => e.effect.key).join() === 'e3',
        'leased effects are not handed out twice',
      );
      await store.settleEffects({
        delivered: ['e1'],
        failed: [{ key: 'e2', error: 'down', retryAt: LATER }],
      });
      const now = await store.claimEffects({ now: AT, limit: 10, leaseUntil: LATER });
      assert(now.length === 0, 'a failed effect waits for its retry time; e3 is still leased');
      const later = await store.claimEffects({
        now: LATER,
        limit: 10,
        leaseUntil: '2026-03-03T00:00:00.000Z',
      });
      assert(
        later
          .map((e) => e.effect.key)
          .sort()
          .join() === 'e2,e3',
        'after the retry time and the lease, both are handed out again',
      );
      assert(later.find((e) => e.effect.key === 'e2')?.attempts === 1, 'attempts are counted');
      await store.settleEffects({ delivered: ['e2', 'e3'], failed: [] });
      assert((await store.pendingEffects()).length === 0, 'delivered effects leave the outbox');
      let duplicate = false;
      try {
        await store.commit({ writes: [], events: [], effects: [effect('e1')], at: AT });
      } catch (error) {
        duplicate = error instanceof ConcurrentModificationError;
      }
      assert(duplicate, 'an effect key is never written twice');
    });

    it('hands out a subject’s effects in commit order only: one backing off, leased or dead holds the later ones', async () => {
      const store = await fresh();
      await store.commit({
        writes: [],
        events: [],
        effects: [effect('a1', 'oa'), effect('b1', 'ob'), effect('a2', 'oa'), effect('a3', 'oa')],
        at: AT,
      });
      const one = await store.claimEffects({ now: AT, limit: 1, leaseUntil: LATER });
      assert(one.map((e) => e.effect.key).join() === 'a1', 'the oldest first');
      const held = await store.claimEffects({ now: AT, limit: 10, leaseUntil: LATER });
      assert(
        held.map((e) => e.effect.key).join() === 'b1',
        'a leased effect holds its subject’s later effects; other subjects go on',
      );
      await store.settleEffects({
        delivered: ['b1'],
        failed: [{ key: 'a1', error: 'down', retryAt: LATER }],
      });
      const backingOff = await store.claimEffects({ now: AT, limit: 10, leaseUntil: LATER });
      assert(backingOff.length === 0, 'an effect backing off holds its subject’s later effects');
      const together = await store.claimEffects({ now: LATER, limit: 10, leaseUntil: FAR });
      assert(
        together.map((e) => e.effect.key).join() === 'a1,a2,a3',
        'an effect and the later ones of its subject are handed out together, in order',
      );
      await store.settleEffects({
        delivered: [],
        failed: [{ key: 'a1', error: 'still down', retryAt: LATER }],
        released: ['a2', 'a3'],
      });
      const after = await store.pendingEffects();
      assert(
        after.map((e) => `${e.effect.key}:${String(e.attempts)}`).join() === 'a1:2,a2:0,a3:0',
        'released effects count no attempt',
      );
      const again = await store.claimEffects({ now: LATER, limit: 10, leaseUntil: FAR });
      assert(
        again.map((e) => e.effect.key).join() === 'a1,a2,a3',
        'released effects are handed out again at once, behind their subject’s earlier one',
      );
    });

    it('keeps a dead letter with its error, never hands it out, holds its subject, and retries it when asked', async () => {
      const store = await fresh();
      await store.commit({
        writes: [],
        events: [],
        effects: [effect('d1', 'od'), effect('d2', 'od'), effect('x1', 'ox')],
        at: AT,
      });
      const claimed = await store.claimEffects({ now: AT, limit: 10, leaseUntil: LATER });
      assert(claimed.length === 3, 'all three are due');
      await store.settleEffects({
        delivered: ['x1'],
        failed: [{ key: 'd1', error: 'ERP refused: 422', retryAt: AT, dead: true }],
        released: ['d2'],
      });
      const dead = await store.deadEffects();
      assert(
        dead.length === 1 &&
          dead[0]?.effect.key === 'd1' &&
          dead[0].lastError === 'ERP refused: 422' &&
          dead[0].attempts === 1 &&
          dead[0].deadAt !== undefined,
        'the dead letter is listed with its error, attempts and when it died',
      );
      const pending = await store.pendingEffects();
      assert(
        pending.map((e) => e.effect.key).join() === 'd2',
        'a dead letter is not pending; the subject’s later effect still is',
      );
      const never = await store.claimEffects({ now: FAR, limit: 10, leaseUntil: FAR });
      assert(
        never.length === 0,
        'neither the dead letter nor its subject’s later effect is handed out',
      );
      assert(
        (await store.retryEffect('d2', LATER)) === undefined &&
          (await store.retryEffect('nope', LATER)) === undefined,
        'only a dead letter can be retried',
      );
      const back = await store.retryEffect('d1', LATER);
      assert(
        back?.effect.key === 'd1' && back.attempts === 0 && back.deadAt === undefined,
        'a retried dead letter starts its attempts again',
      );
      assert((await store.deadEffects()).length === 0, 'no dead letter left');
      const early = await store.claimEffects({ now: AT, limit: 10, leaseUntil: LATER });
      assert(early.length === 0, 'a retried effect is available from the given instant');
      const resumed = await store.claimEffects({ now: LATER, limit: 10, leaseUntil: FAR });
      assert(
        resumed.map((e) => e.effect.key).join() === 'd1,d2',
        'the retried effect and its subject’s later effect are handed out, in order',
      );
      await store.settleEffects({ delivered: ['d1', 'd2'], failed: [] });
      assert((await store.pendingEffects()).length === 0, 'both delivered');
    });
  });
}
