import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChangePatch,
  changedFieldKeys,
  diffRevisions,
  type ChangeOp,
  type Order,
} from '../../src/index.js';
import { makeLine, makeOrder, makePolicy } from '../support/orders.js';

const policy = makePolicy();
/** The proposed order of a patch that fits (CH-2). */
function patched(order: Order, ops: ChangeOp[]): Order {
  const r = applyChangePatch(order, ops, policy);
  if (!r.ok) throw new Error(r.findings.map((f) => f.messageKey).join(', '));
  return r.order;
}

describe('CH-5 revision diff', () => {
  const a = makeOrder();

  it('CH-5 identical revisions differ in nothing (the revision number is left out)', () => {
    const d = diffRevisions(a, { ...a, revision: 2 });
    expect(d).toEqual({ orderId: 'o-1', from: 1, to: 2, header: [], lines: [] });
  });

  it('CH-5 header sub-fields are compared one by one', () => {
    const b: Order = {
      ...a,
      contact: { ...a.contact, phone: '+86 21 5555 0199' },
      paymentTerms: 'NET60',
    };
    expect(diffRevisions(a, b).header).toEqual([
      { field: 'contact.phone', before: '+86 21 5555 0101', after: '+86 21 5555 0199' },
      { field: 'paymentTerms', before: 'NET30', after: 'NET60' },
    ]);
  });

  it('CH-5 lines are matched by id, not position: added, removed, changed', () => {
    const b = patched(a, [
      { op: 'removeLine', lineId: 'l1' },
      { op: 'addLine', line: makeLine({ id: 'l9', quantity: 4 }) },
      { op: 'updateLine', lineId: 'l2', set: { unitPrice: 19_000, discountBp: 500 } },
    ]);
    const d = diffRevisions(a, b);
    expect(d.lines.map((l) => [l.kind, l.lineId])).toEqual([
      ['changed', 'l2'],
      ['added', 'l9'],
      ['removed', 'l1'],
    ]);
    expect(d.lines[0]).toEqual({
      kind: 'changed',
      lineId: 'l2',
      changes: [
        { field: 'unitPrice', before: 20_000, after: 19_000 },
        { field: 'discountBp', before: 0, after: 500 },
      ],
    });
    expect(changedFieldKeys(d).sort()).toEqual([
      'lines.added',
      'lines.discountBp',
      'lines.removed',
      'lines.unitPrice',
    ]);
  });

  it('CH-5 reordering lines is not a change', () => {
    const b: Order = { ...a, lines: [...a.lines].reverse() };
    expect(diffRevisions(a, b).lines).toEqual([]);
  });

  it('CH-5 property: the diff reports exactly the line fields a patch changed', () => {
    const base = makeOrder({
      lines: Array.from({ length: 20 }, (_, i) =>
        makeLine({ id: `l${String(i)}`, quantity: i + 1, unitPrice: 1000 + i }),
      ),
    });
    const update = fc.record({
      line: fc.integer({ min: 0, max: 19 }),
      quantity: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      unitPrice: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(update, { maxLength: 15 }), (updates) => {
        const ops: ChangeOp[] = updates.map((u) => ({
          op: 'updateLine',
          lineId: `l${String(u.line)}`,
          set: {
            ...(u.quantity === undefined ? {} : { quantity: u.quantity }),
            ...(u.unitPrice === undefined ? {} : { unitPrice: u.unitPrice }),
          },
        }));
        const b = patched(base, ops);
        const d = diffRevisions(base, b);
        // model: the last value written per line and field, compared with the base
        const expected = new Map<string, Map<string, [number, number]>>();
        for (const line of b.lines) {
          const old = base.lines.find((l) => l.id === line.id)!;
          for (const f of ['quantity', 'unitPrice'] as const) {
            if (old[f] !== line[f]) {
              const m = expected.get(line.id) ?? new Map<string, [number, number]>();
              m.set(f, [old[f]!, line[f]!]);
              expected.set(line.id, m);
            }
          }
        }
        expect(d.header).toEqual([]);
        expect(d.lines.every((l) => l.kind === 'changed')).toBe(true);
        const got = new Map(
          d.lines.map((l) => [
            l.lineId,
            new Map(
              l.kind === 'changed' ? l.changes.map((c) => [c.field, [c.before, c.after]]) : [],
            ),
          ]),
        );
        expect(got).toEqual(expected);
      }),
    );
  });

  it('CH-5 property: diff(a, b) and diff(b, a) mirror each other', () => {
    const ids = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 10 });
    fc.assert(
      fc.property(ids, ids, (left, right) => {
        const mk = (xs: number[]) =>
          makeOrder({
            lines: xs.length
              ? xs.map((i) => makeLine({ id: `l${String(i)}` }))
              : [makeLine({ id: 'lx' })],
          });
        const x = mk(left);
        const y = mk(right);
        const forward = diffRevisions(x, y).lines;
        const backward = diffRevisions(y, x).lines;
        const added = (ls: typeof forward) =>
          ls
            .filter((l) => l.kind === 'added')
            .map((l) => l.lineId)
            .sort();
        const removed = (ls: typeof forward) =>
          ls
            .filter((l) => l.kind === 'removed')
            .map((l) => l.lineId)
            .sort();
        expect(added(forward)).toEqual(removed(backward));
        expect(removed(forward)).toEqual(added(backward));
      }),
    );
  });
});
