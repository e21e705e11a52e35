import { describe, expect, it } from 'vitest';
import { MemoryStore, sealDraft, type MemoryStoreSnapshot } from '../../src/index.js';
import { nodeSha256 } from '../../src/node.js';
import { gate } from '../support/gate.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people, testClock, testIds } from '../support/people.js';

async function liveOrder() {
  const store = new MemoryStore();
  const clock = testClock();
  const og = gate({ policy: companyPolicy(), store, clock, ids: testIds() });
  await og.putCustomer({ id: 'c-1', name: 'Hengtai' });
  await og.submit(makeOrder(), people.li);
  await og.approve('o-1', people.liu);
  return { store, clock };
}

async function verifyTampered(snapshot: MemoryStoreSnapshot) {
  const store = new MemoryStore({ snapshot });
  return gate({ policy: companyPolicy(), store, clock: testClock(), ids: testIds() }).verify();
}

const TAMPERINGS: Record<string, (s: MemoryStoreSnapshot) => void> = {
  'the last event of a live order dropped': (s) => {
    const i = s.events.map((e) => e.stream).lastIndexOf('order:o-1');
    s.events.splice(i, 1);
  },
  'the whole order stream dropped': (s) => {
    s.events = s.events.filter((e) => e.stream !== 'order:o-1');
  },
  'two events reordered': (s) => {
    const idx = s.events.flatMap((e, i) => (e.stream === 'order:o-1' ? [i] : []));
    const [a, b] = [idx[0]!, idx[1]!];
    [s.events[a], s.events[b]] = [s.events[b]!, s.events[a]!];
  },
  'a forged event appended with a valid link': (s) => {
    const stream = s.events.filter((e) => e.stream === 'order:o-1');
    const last = stream[stream.length - 1]!;
    const { sealed } = sealDraft(
      { seq: last.seq, hash: last.hash },
      {
        stream: 'order:o-1',
        type: 'approval.granted',
        at: '2026-03-02T09:00:00Z',
        actor: 'u-mallory',
        data: {},
      },
      nodeSha256,
    );
    s.events.push(sealed);
  },
  'the order record edited (its owner, who may never approve it)': (s) => {
    const r = s.records.find((x) => x.kind === 'order')!;
    (r.value as { workflow: { owner: string } }).workflow.owner = 'u-mallory';
  },
  'the order record deleted': (s) => {
    s.records = s.records.filter((x) => x.kind !== 'order');
  },
  "the customer's trail cut": (s) => {
    s.events = s.events.filter((e) => e.stream !== 'customer:c-1');
  },
};

describe('AR-2 the audit trail is anchored on its record', () => {
  it('AR-2 an untouched store verifies: no false alarm', async () => {
    const { store } = await liveOrder();
    const report = await verifyTampered(store.snapshot());
    expect(report).toMatchObject({ ok: true, records: 2 });
  });

  for (const [name, tamper] of Object.entries(TAMPERINGS)) {
    it(`AR-2 detected: ${name}`, async () => {
      const { store } = await liveOrder();
      const snapshot = store.snapshot();
      tamper(snapshot);
      const report = await verifyTampered(snapshot);
      expect(report.ok).toBe(false);
    });
  }
});
