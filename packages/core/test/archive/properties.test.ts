import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gate, archiveDesk, ARCHIVE_KIND } from '../support/gate.js';
import { MemoryStore, verifyArchiveBundle, type MemoryStoreSnapshot } from '../../src/index.js';
import { nodeSha256 } from '../../src/node.js';
import { people } from '../support/people.js';
import { ok, settledOrder } from '../support/tracking.js';

/** Flips one byte of a value's JSON (UTF-8); undefined when the result is no longer JSON. */
function flipByte(value: unknown, index: number, mask: number): unknown {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  const i = index % bytes.length;
  bytes[i] = bytes[i]! ^ mask;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function archivedStore() {
  const h = await settledOrder();
  const { archiveId, number } = ok(await h.archives.archive(h.orderId, people.zhou));
  const req = ok(await h.archives.requestAccess(archiveId, people.chen, { reason: 'audit' }));
  ok(await h.archives.approveAccess(req.id, people.wang));
  ok(await h.archives.read(archiveId, people.chen));
  await h.archives.read(archiveId, people.li);
  return { ...h, archiveId, number };
}

describe('AR-2 property: flipping any byte of a stored event or archive record fails verification and names the record', () => {
  it('AR-2 every single-byte alteration of an archive record or an event of its streams is caught', async () => {
    const h = await archivedStore();
    const snapshot = h.store.snapshot();
    const targets = [
      ...snapshot.records
        .map((r, i) => ({ kind: 'record' as const, i }))
        .filter(({ i }) => snapshot.records[i]!.kind === ARCHIVE_KIND),
      ...snapshot.events
        .map((e, i) => ({ kind: 'event' as const, i }))
        .filter(({ i }) => /^(order|archive):/.test(snapshot.events[i]!.stream)),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (target, index, mask) => {
          const copy: MemoryStoreSnapshot = structuredClone(snapshot);
          if (target.kind === 'record') {
            const r = copy.records[target.i]!;
            const flipped = flipByte({ key: r.key, value: r.value }, index, mask) as
              { key: string; value: unknown } | undefined;
            fc.pre(flipped !== undefined && typeof flipped.key === 'string');
            copy.records[target.i] = { ...r, key: flipped.key, value: flipped.value };
          } else {
            const flipped: unknown = flipByte(copy.events[target.i], index, mask);
            fc.pre(
              typeof flipped === 'object' &&
                flipped !== null &&
                typeof (flipped as { stream?: unknown }).stream === 'string',
            );
            copy.events[target.i] = flipped as MemoryStoreSnapshot['events'][number];
          }
          const store = new MemoryStore({ snapshot: copy, hasher: nodeSha256 });
          const desk = archiveDesk(
            gate({
              policy: h.policy,
              store,
              clock: h.clock,
              ids: { next: (p) => p },
              hasher: nodeSha256,
            }),
          );
          const result = await desk.verify();
          expect(result.ok).toBe(false);
          expect(!result.ok && result.problems.some((p) => p.archiveId === h.archiveId)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('AR-2 every single-byte alteration of an export bundle is caught with no store', async () => {
    const h = await archivedStore();
    const bundle = ok(await h.archives.exportBundle(h.archiveId, people.chen));
    expect(verifyArchiveBundle(bundle, nodeSha256).ok).toBe(true);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const flipped = flipByte(bundle, index, mask);
        fc.pre(flipped !== undefined);
        const result = verifyArchiveBundle(flipped, nodeSha256);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('AR-5 property: no read of an archived order succeeds without a live grant', () => {
  it('AR-5 under any sequence of requests, decisions, clock moves and reads', async () => {
    const h = await archivedStore();
    const actors = [people.chen, people.li, people.wang, people.zhao, people.wu];
    const action = fc.oneof(
      fc.record({
        t: fc.constant('request' as const),
        who: fc.nat(4),
        days: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      }),
      fc.record({ t: fc.constant('approve' as const), who: fc.nat(4), req: fc.nat(10) }),
      fc.record({ t: fc.constant('reject' as const), who: fc.nat(4), req: fc.nat(10) }),
      fc.record({
        t: fc.constant('advance' as const),
        hours: fc.integer({ min: 1, max: 24 * 40 }),
      }),
      fc.record({ t: fc.constant('read' as const), who: fc.nat(4) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
        const store = new MemoryStore({ snapshot: h.store.snapshot(), hasher: nodeSha256 });
        let ms = Date.parse('2026-03-10T09:00:00+08:00');
        const clock = { now: () => new Date(ms).toISOString() };
        let n = 0;
        const desk = archiveDesk(
          gate({
            policy: h.policy,
            store,
            clock,
            ids: { next: (p) => `${p}-p${++n}` },
            hasher: nodeSha256,
          }),
        );
        // The model: grants approved by someone else holding the approver role, live for their days.
        const requests: {
          id: string;
          who: string;
          days: number;
          status: string;
          until?: number;
        }[] = [];
        for (const a of actions) {
          if (a.t === 'advance') ms += a.hours * 3_600_000;
          else if (a.t === 'request') {
            const r = await desk.requestAccess(h.archiveId, actors[a.who]!, {
              reason: 'audit',
              ...(a.days ? { days: a.days } : {}),
            });
            if (r.ok)
              requests.push({
                id: r.value.id,
                who: r.value.requester,
                days: r.value.days,
                status: 'pending',
              });
          } else if (a.t === 'approve' || a.t === 'reject') {
            const req = requests[a.req % Math.max(1, requests.length)];
            if (!req) continue;
            const who = actors[a.who]!;
            const r =
              a.t === 'approve'
                ? await desk.approveAccess(req.id, who)
                : await desk.rejectAccess(req.id, who, 'no');
            const mayDecide = req.status === 'pending' && who.id !== req.who && who.id === 'u-wang';
            expect(r.ok).toBe(mayDecide);
            if (r.ok) {
              req.status = r.value.status;
              if (r.value.status === 'approved') req.until = ms + req.days * 86_400_000;
            }
          } else {
            const who = actors[a.who]!;
            const live = requests.some(
              (q) =>
                q.who === who.id &&
                q.status === 'approved' &&
                q.until !== undefined &&
                ms < q.until,
            );
            const r = await desk.read(h.archiveId, who);
            expect(r.ok).toBe(live);
            if (!r.ok) expect(r.code).toBe('NO_GRANT');
          }
        }
        expect((await desk.verify()).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
