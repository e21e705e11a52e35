import { MemoryStore, OrderDesk, type Effect, type Policy } from '../../src/index.js';
import { companyPolicy, testClock, testIds } from './people.js';

/** A desk on a fresh in-memory store with a movable clock and a recording notifier. */
export function makeDesk(policy: Policy = companyPolicy(), start?: string) {
  const store = new MemoryStore();
  const clock = testClock(start);
  const delivered: Effect[] = [];
  const desk = new OrderDesk({
    policy,
    store,
    clock,
    ids: testIds(),
    notifier: { deliver: (effects) => Promise.resolve(void delivered.push(...effects)) },
  });
  return { desk, store, clock, delivered, policy };
}
