// The core's façade on PostgresStore (PGlite) does exactly what it does on MemoryStore: the same
// script of commands gives the same order, the same work queues, byte-identical audit chains and
// the same delivered effects, and `verify()` finds nothing wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, type Store } from '@ordergate/core';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { confirmedOrder, gateOver, must, orderInput, people } from './support/scenario.js';

async function script(store: Store) {
  const { og, delivered } = gateOver(store);
  await confirmedOrder(og, 'o-1');
  await confirmedOrder(og, 'o-2');
  must(
    await og.forecastDelivery('o-1', people.li, { date: '2026-04-20', reason: 'casting delay' }),
  );
  must(await og.recordProgress('o-1', people.liu, { step: 'production', status: 'started' }));
  must(await og.submit(orderInput('o-3'), people.li)); // left in review: it shows in work queues
  const queues = await Promise.all(Object.values(people).map((p) => og.workQueue(p)));
  await og.dispatch();
  return {
    orders: await Promise.all(['o-1', 'o-2', 'o-3'].map((id) => og.order(id))),
    queues,
    delivered,
    pending: await og.pendingEffects(),
    verify: await og.verify(),
    streams: (await store.streams()).sort(),
    sealed: await store.readSealed('order:o-1'),
  };
}

describe('Ordergate on PostgresStore (PGlite) against MemoryStore', () => {
  let driver: PgliteDriver;
  beforeAll(async () => {
    driver = await PgliteDriver.open();
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('runs the same commands to the same state, chains and effects', async () => {
    const expected = await script(new MemoryStore());
    const store = await PostgresStore.open({ driver, schema: 'script' });
    const actual = await script(store);
    expect(actual.verify).toMatchObject({ ok: true });
    expect(actual.verify).toEqual(expected.verify);
    expect(actual.sealed).toEqual(expected.sealed);
    expect(actual.streams).toEqual(expected.streams);
    expect(actual.orders).toEqual(expected.orders);
    expect(actual.queues).toEqual(expected.queues);
    expect(actual.delivered).toEqual(expected.delivered);
    expect(actual.pending).toEqual(expected.pending);
    expect(actual.orders[0]?.order.number).toMatch(/^SO-2026-\d{6}$/);
    expect(expected.delivered.length).toBeGreaterThan(0);
    expect(expected.queues.some((q) => q.length > 0)).toBe(true);
  });
});
