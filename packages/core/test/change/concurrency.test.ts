import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeDesk, confirmedOrder } from '../support/change.js';
import { people } from '../support/people.js';

describe('CH-5 concurrent change requests', () => {
  it('CH-5 property: concurrent requests on one revision — exactly one wins, the others get CONFLICT', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.boolean(),
        async (n, withCancellation) => {
          const { desk } = changeDesk();
          const order = await confirmedOrder(desk);
          const requests = Array.from({ length: n }, (_, i) =>
            withCancellation && i === n - 1
              ? desk.requestCancellation(order.id, people.li, {
                  reason: 'Customer stopped',
                  baseRevision: 1,
                })
              : desk.requestChange(order.id, people.li, {
                  baseRevision: 1,
                  reason: `request ${String(i)}`,
                  impact: 'notes only',
                  patch: [{ op: 'set', field: 'notes', value: `note ${String(i)}` }],
                }),
          );
          const results = await Promise.all(requests);
          const winners = results.filter((r) => r.ok);
          expect(winners).toHaveLength(1);
          expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(
            Array(n - 1).fill('CONFLICT'),
          );
          const stored = (await desk.get(order.id))!;
          expect(stored.workflow.status).toBe('change_pending');
          // the winner is the one stored, and only one request was recorded
          const events = (await desk.history(order.id)).filter(
            (e) => e.type.startsWith('change.') && e.type !== 'change.notified',
          );
          expect(events).toHaveLength(1);
          expect(stored.workflow.change!.pending!.reason).toBe(
            (events[0]!.data as { reason: string }).reason,
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('CH-5 concurrent approvals of the last step make exactly one new revision', async () => {
    const { desk } = changeDesk({
      roles: {
        salesHead: {
          label: { en: 'Sales head', zh: '销售部门负责人' },
          groups: ['sales_heads'],
          users: ['u-wang2'],
        },
      },
    });
    const order = await confirmedOrder(desk);
    const r = await desk.requestChange(order.id, people.li, {
      baseRevision: 1,
      reason: 'r',
      impact: 'i',
      patch: [{ op: 'set', field: 'notes', value: 'n' }],
    });
    expect(r.ok).toBe(true);
    const results = await Promise.all([
      desk.approveChange(order.id, people.wang),
      desk.approveChange(order.id, { id: 'u-wang2', groups: [] }),
    ]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const stored = (await desk.get(order.id))!;
    expect(stored.order.revision).toBe(2);
    expect(stored.revisions.map((o) => o.revision)).toEqual([1]);
  });
});
