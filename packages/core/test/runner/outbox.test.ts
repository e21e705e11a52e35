import { describe, expect, it } from 'vitest';
import { MemoryStore, Ordergate, type Effect } from '../../src/index.js';
import { gate } from '../support/gate.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people, testClock, testIds } from '../support/people.js';

/** A receiver that fails while `down` and counts what it applied, by effect key. */
function flakyReceiver() {
  const applied = new Map<string, number>();
  const state = { down: true };
  return {
    state,
    applied,
    receiver: {
      deliver: (effect: Effect) => {
        if (state.down) return Promise.reject(new Error('ERP unreachable'));
        applied.set(effect.key, (applied.get(effect.key) ?? 0) + 1);
        return Promise.resolve();
      },
    },
  };
}

describe('effect outbox: written with the state, delivered at least once, never lost', () => {
  it('RV-3 a failing receiver loses nothing: the command succeeds, effects wait, a later dispatch delivers each once', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const r = flakyReceiver();
    const og = gate({
      policy: companyPolicy(),
      store,
      clock,
      ids: testIds(),
      receiver: r.receiver,
    });
    const submitted = await og.submit(makeOrder(), people.li);
    expect(submitted.ok).toBe(true);
    const effects = submitted.ok ? submitted.effects : [];
    expect(effects.length).toBeGreaterThan(0);
    expect((await og.pendingEffects()).map((e) => e.effect.key)).toEqual(effects.map((e) => e.key));
    // The retried call does not run the command twice.
    expect(await og.submit(makeOrder(), people.li)).toMatchObject({ code: 'ALREADY_SUBMITTED' });
    r.state.down = false;
    clock.advanceHours(2);
    await og.dispatch();
    expect([...r.applied.keys()]).toEqual(effects.map((e) => e.key));
    expect([...r.applied.values()].every((n) => n === 1)).toBe(true);
    expect(await og.pendingEffects()).toEqual([]);
  });

  it('a process that stops between commit and delivery: a new instance on the same store delivers every effect once', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const first = gate({ policy: companyPolicy(), store, clock, ids: testIds() }); // no receiver: "crashed"
    const submitted = await first.submit(makeOrder(), people.li);
    const approved = await first.approve('o-1', people.liu);
    const keys = [submitted, approved].flatMap((x) => (x.ok ? x.effects.map((e) => e.key) : []));
    expect(keys.length).toBeGreaterThan(1);
    const r = flakyReceiver();
    r.state.down = false;
    const restarted = gate({
      policy: companyPolicy(),
      store,
      clock,
      ids: testIds(),
      receiver: r.receiver,
    });
    await restarted.dispatch();
    await restarted.dispatch();
    expect([...r.applied.keys()].sort()).toEqual([...keys].sort());
    expect([...r.applied.values()].every((n) => n === 1)).toBe(true);
  });

  it('RV-3 effects of one order reach the receiver in commit order, even while an earlier one waits out its backoff', async () => {
    const clock = testClock();
    const delivered: string[] = [];
    let down = true; // the first delivery fails, then the receiver is back
    const og = gate({
      policy: companyPolicy(),
      store: new MemoryStore(),
      clock,
      ids: testIds(),
      receiver: {
        deliver: (effect: Effect) => {
          if (down) {
            down = false;
            return Promise.reject(new Error('ERP unreachable'));
          }
          delivered.push(effect.key);
          return Promise.resolve();
        },
      },
    });
    // The submission's first effect fails and backs off; the approval at the same instant must
    // not overtake it (the approval activity would be closed before it was scheduled).
    const submitted = await og.submit(makeOrder(), people.li);
    const approved = await og.approve('o-1', people.liu);
    const keys = [submitted, approved].flatMap((x) => (x.ok ? x.effects.map((e) => e.key) : []));
    expect(keys.length).toBeGreaterThan(2);
    expect(delivered).toEqual([]);
    clock.advanceHours(2);
    await og.dispatch();
    expect(delivered).toEqual(keys);
    expect(await og.pendingEffects()).toEqual([]);
  });

  it('CR-3 credit requests emit customer effects through the same outbox: approvers asked, sales told', async () => {
    const store = new MemoryStore();
    const og = gate({ policy: companyPolicy(), store, clock: testClock(), ids: testIds() });
    await og.putCustomer({
      id: 'c-1',
      name: 'Hengtai',
      credit: { grade: 'B', limit: { amount: 1_000_000, currency: 'CNY' } },
    });
    const proposed = await og.proposeCreditChange(
      { customerId: 'c-1', limit: { amount: 2_000_000, currency: 'CNY' }, reason: 'growth' },
      people.li,
    );
    expect(proposed.ok && proposed.effects.map((e) => e.type)).toEqual(['scheduleApproval']);
    expect(proposed.ok && proposed.effects[0]).toMatchObject({ customerId: 'c-1' });
  });
});

describe('dead letters: an effect the receiver keeps refusing stops being tried until a person retries it', () => {
  it('RV-3 after maxAttempts failures the effect is dead with its last error, holds its order’s later effects, and after retryEffect both are delivered in order', async () => {
    const clock = testClock();
    const delivered: string[] = [];
    let refuse: string | undefined;
    const og = new Ordergate({
      policy: companyPolicy(),
      store: new MemoryStore(),
      clock,
      ids: testIds(),
      delivery: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 },
      receiver: {
        deliver: (effect: Effect) => {
          if (refuse === undefined) refuse = effect.key;
          if (effect.key === refuse) return Promise.reject(new Error('ERP said 422: bad partner'));
          delivered.push(effect.key);
          return Promise.resolve();
        },
      },
    });
    const submitted = await og.submit(makeOrder(), people.li); // the first delivery fails
    const approved = await og.approve('o-1', people.liu);
    const keys = [submitted, approved].flatMap((x) => (x.ok ? x.effects.map((e) => e.key) : []));
    expect(keys.length).toBeGreaterThan(2);
    for (let i = 0; i < 4; i++) {
      clock.advanceHours(2);
      await og.dispatch();
    }
    const dead = await og.deadEffects();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      effect: { key: keys[0] },
      attempts: 3,
      lastError: 'Error: ERP said 422: bad partner',
    });
    expect(delivered).toEqual([]); // the order's later effects wait behind it
    expect((await og.pendingEffects()).map((e) => e.effect.key)).toEqual(keys.slice(1));
    expect(await og.retryEffect(keys[1]!)).toBeUndefined(); // not dead
    refuse = 'fixed';
    expect(await og.retryEffect(keys[0]!)).toMatchObject({ attempts: 0 });
    expect(await og.dispatch()).toEqual({ delivered: keys.length, failed: 0, dead: 0 });
    expect(delivered).toEqual(keys);
    expect(await og.deadEffects()).toEqual([]);
  });

  it('RV-3 a failed delivery waits half to all of base·2^(n−1), capped, before it is tried again', async () => {
    const clock = testClock();
    const store = new MemoryStore();
    const og = new Ordergate({
      policy: companyPolicy(),
      store,
      clock,
      ids: testIds(),
      delivery: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 4000 },
      receiver: { deliver: () => Promise.reject(new Error('down')) },
    });
    await og.submit(makeOrder(), people.li); // the first attempt, right after the commit
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const now = Date.parse(clock.now());
      if (i > 0) expect((await og.dispatch()).failed).toBe(1); // one try per pass; the rest held
      const first = (await og.pendingEffects())[0]!;
      expect(first.attempts).toBe(i + 1);
      waits.push(Date.parse(first.availableAt) - now);
      clock.set(first.availableAt);
    }
    const ceilings = [1000, 2000, 4000, 4000, 4000];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(w).toBeLessThanOrEqual(ceilings[i]!);
    });
  });
});

describe('retries back off with jitter', () => {
  it('RV-3 fifty approvers racing on one order all get an answer, none a ConcurrentModificationError', async () => {
    const store = new MemoryStore();
    const og = gate({ policy: companyPolicy(), store, clock: testClock(), ids: testIds() });
    const ids = Array.from({ length: 50 }, (_, i) => `o-${String(i)}`);
    for (const id of ids)
      await og.submit(
        makeOrder({ id, lines: makeOrder().lines.map((l) => ({ ...l, id: `${id}-${l.id}` })) }),
        people.li,
      );
    // 50 writers on ONE order: every call must come back with a result (ok or a refusal).
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? og.approve('o-0', people.liu) : og.returnToSales('o-0', people.wang, 'check'),
      ),
    );
    expect(results).toHaveLength(50);
    expect(results.every((x) => typeof x.ok === 'boolean')).toBe(true);
    expect((await og.verify()).ok).toBe(true);
  });
});
