import { MemoryStore, type Effect, type Policy } from '../../src/index.js';
import { gate, orderDesk } from './gate.js';
import { companyPolicy, testClock, testIds } from './people.js';

/** A façade on a fresh in-memory store with a movable clock and a recording receiver. */
export function makeDesk(policy: Policy = companyPolicy(), start?: string) {
  const store = new MemoryStore();
  const clock = testClock(start);
  const delivered: Effect[] = [];
  const og = gate({
    policy,
    store,
    clock,
    ids: testIds(),
    receiver: { deliver: (effect) => Promise.resolve(void delivered.push(effect)) },
  });
  return { desk: orderDesk(og), og, store, clock, delivered, policy };
}
