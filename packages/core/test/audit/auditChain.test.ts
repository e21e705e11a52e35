import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { read } from '../support/gate.js';
import {
  MemoryStore,
  openSealed,
  portableSha256,
  sealDraft,
  sealEvent,
  verifyChain,
  verifySealed,
  type AuditDraft,
  type AuditEvent,
  type SealedEvent,
} from '../../src/index.js';
import { nodeSha256 } from '../../src/node.js';

const draft = (n: number, stream = 'order:o1'): AuditDraft => ({
  stream,
  type: 'test.event',
  at: `2026-03-02T0${n % 10}:00:00.000Z`,
  actor: n % 2 ? 'u-li' : null,
  ruleIds: ['RV-3'],
  data: { n, note: `事件 ${n}` },
});

function chain(length: number): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (let i = 0; i < length; i++) {
    const last = out[out.length - 1];
    out.push(sealEvent(last && { seq: last.seq, hash: last.hash }, draft(i), portableSha256));
  }
  return out;
}

describe('AR-2 audit hash chain', () => {
  it('portable and native SHA-256 agree (known vectors and unicode)', () => {
    expect(portableSha256.sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(portableSha256.sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(portableSha256.sha256Hex(s)).toBe(nodeSha256.sha256Hex(s));
      }),
      { numRuns: 300 },
    );
  });

  it('a sealed chain verifies, and hashes do not depend on key order', () => {
    const events = chain(20);
    expect(verifyChain(events, portableSha256)).toMatchObject({ ok: true, events: 20 });
    const reordered = events.map((e) => ({
      data: e.data,
      hash: e.hash,
      seq: e.seq,
      prevHash: e.prevHash,
      stream: e.stream,
      type: e.type,
      at: e.at,
      actor: e.actor,
      ruleIds: e.ruleIds,
    }));
    expect(verifyChain(reordered as AuditEvent[], nodeSha256).ok).toBe(true);
  });

  it('altering any field of any event is detected and located', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('type', 'at', 'actor', 'data', 'ruleIds'),
        (index, field) => {
          const events = chain(10);
          const target = events[index]!;
          const altered = {
            ...target,
            [field]: field === 'data' ? { n: -1 } : field === 'ruleIds' ? ['RV-4'] : 'tampered',
          };
          events[index] = altered;
          const result = verifyChain(events, portableSha256);
          expect(result).toEqual({
            ok: false,
            problem: { code: 'HASH_MISMATCH', stream: 'order:o1', seq: index + 1 },
          });
        },
      ),
    );
  });

  it('a removed event, a reordered pair or a truncated tail is detected', () => {
    const events = chain(5);
    expect(verifyChain([...events.slice(0, 2), ...events.slice(3)], portableSha256)).toMatchObject({
      ok: false,
      problem: { code: 'SEQUENCE_GAP', seq: 4 },
    });
    const swapped = [events[1]!, events[0]!, ...events.slice(2)];
    expect(verifyChain(swapped, portableSha256).ok).toBe(false);
    const head = { seq: 5, hash: events[4]!.hash };
    expect(verifyChain(events.slice(0, 4), portableSha256, head)).toMatchObject({
      ok: false,
      problem: { code: 'HEAD_MISMATCH' },
    });
    expect(verifyChain(events, portableSha256, head).ok).toBe(true);
  });

  it('a forged event re-hashed by the attacker still breaks the next link', () => {
    const events = chain(4);
    const forged = sealEvent(
      { seq: 1, hash: events[0]!.hash },
      { ...draft(1), data: { n: 999 } },
      portableSha256,
    );
    events[1] = forged;
    expect(verifyChain(events, portableSha256)).toMatchObject({
      ok: false,
      problem: { code: 'BROKEN_LINK', seq: 3 },
    });
  });
});

describe('MemoryStore commits', () => {
  it('seals events per stream and refuses stale versions without writing anything', async () => {
    const store = new MemoryStore();
    await store.commit({
      writes: [{ kind: 'order', key: 'o1', expectedVersion: 0, value: { a: 1 } }],
      events: [draft(1), draft(2, 'order:o2'), draft(3)],
    });
    expect((await store.readStream('order:o1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.readStream('order:o2')).map((e) => e.seq)).toEqual([1]);
    const before = store.snapshot();
    await expect(
      store.commit({
        writes: [{ kind: 'order', key: 'o1', expectedVersion: 0, value: { a: 2 } }],
        events: [draft(4)],
      }),
    ).rejects.toMatchObject({
      name: 'ConcurrentModificationError',
      code: 'CONCURRENT_MODIFICATION',
    });
    expect(store.snapshot()).toEqual(before);
  });

  it('IN-1 sequences never repeat, also from a snapshot (restart)', async () => {
    const store = new MemoryStore();
    const first = await Promise.all(
      Array.from({ length: 50 }, () => store.nextSequence('order-number:2026')),
    );
    const restarted = new MemoryStore({ snapshot: store.snapshot() });
    const next = await restarted.nextSequence('order-number:2026');
    expect(new Set(first).size).toBe(50);
    expect(next).toBe(51);
  });

  it('values are copied: mutating what was read or written does not change the store', async () => {
    const store = new MemoryStore();
    const value = { lines: [1] };
    await store.commit({
      writes: [{ kind: 'k', key: 'a', expectedVersion: 0, value }],
      events: [],
    });
    value.lines.push(2);
    const got = await read<{ lines: number[] }>(store, 'k', 'a');
    got!.value.lines.push(3);
    expect((await read<{ lines: number[] }>(store, 'k', 'a'))!.value.lines).toEqual([1]);
  });
});

describe('AR-2 stored (sealed) chains', () => {
  function sealedChain(length: number): SealedEvent[] {
    const out: SealedEvent[] = [];
    for (let i = 0; i < length; i++) {
      const last = out[out.length - 1];
      out.push(
        sealDraft(last && { seq: last.seq, hash: last.hash }, draft(i), portableSha256).sealed,
      );
    }
    return out;
  }

  it('the stored text is exactly what is hashed, and reads back as the sealed event', () => {
    const { event, sealed } = sealDraft(undefined, draft(1), portableSha256);
    expect(portableSha256.sha256Hex(sealed.text)).toBe(sealed.hash);
    expect(sealed.text.startsWith(sealed.prevHash + '\n')).toBe(true);
    expect(openSealed(sealed)).toEqual(event);
    expect(verifyChain([openSealed(sealed)], portableSha256).ok).toBe(true);
  });

  it('verifySealed passes a stored chain and locates any changed byte of its text', () => {
    const events = sealedChain(12);
    expect(verifySealed(events, nodeSha256)).toMatchObject({ ok: true, events: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 11 }),
        fc.nat(),
        fc.integer({ min: 1, max: 127 }),
        (index, at, mask) => {
          const copy = events.map((e) => ({ ...e }));
          const text = copy[index]!.text;
          const i = at % text.length;
          copy[index]!.text =
            text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ mask) + text.slice(i + 1);
          const result = verifySealed(copy, nodeSha256);
          expect(result.ok).toBe(false);
          expect(!result.ok && result.problem.seq).toBe(index + 1);
        },
      ),
    );
  });

  it('a row whose stream or seq disagrees with its hashed text is caught, and a missing text is reported, not thrown', () => {
    const events = sealedChain(3);
    const moved = events.map((e, i) => (i === 0 ? { ...e, stream: 'order:o2' } : e));
    expect(verifySealed(moved.slice(0, 1), nodeSha256)).toMatchObject({
      ok: false,
      problem: { code: 'HASH_MISMATCH', seq: 1 },
    });
    const broken = events.map((e, i) =>
      i === 1 ? ({ ...e, text: undefined } as unknown as SealedEvent) : e,
    );
    expect(verifySealed(broken, nodeSha256)).toMatchObject({
      ok: false,
      problem: { code: 'HASH_MISMATCH', seq: 2 },
    });
    expect(verifySealed(events, nodeSha256, { seq: 4, hash: 'x' })).toMatchObject({
      ok: false,
      problem: { code: 'HEAD_MISMATCH' },
    });
  });
});
