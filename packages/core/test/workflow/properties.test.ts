import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MemoryStore,
  orderParties,
  ValidationError,
  verifyChain,
  verifySealed,
  portableSha256,
  type OrderView,
} from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeLine, makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const cast = Object.values(people);
const policy = companyPolicy({
  review: { discount: { exceptionalAbovePercent: 20 } },
  delegations: [{ from: 'u-wang', to: 'u-zhou', roles: ['salesHead'] }],
});

/** Orders that need different routes: regular, joint review, exceptional, non-regular, owned by the head. */
const orders = [
  makeOrder({ id: 'regular', number: '' }),
  makeOrder({ id: 'joint', number: '', technicalComplexity: true }),
  makeOrder({
    id: 'exceptional',
    number: '',
    lines: [makeLine({ unitPrice: 100_000, discountBp: 0 })],
  }),
  makeOrder({ id: 'nonregular', number: '', customerRequestedChange: true, salesperson: 'u-wang' }),
];

const approvers = [
  people.li,
  people.liu,
  people.wang,
  people.sun,
  people.zhao,
  people.zheng,
  people.qian,
  people.ma,
  people.he,
  people.huang,
  people.zhou,
];
type Action =
  | { kind: 'approve'; who: (typeof cast)[number]; step: string | undefined }
  | { kind: 'reject' | 'return'; who: (typeof cast)[number]; reason: string }
  | { kind: 'resubmit'; who: (typeof cast)[number] }
  | { kind: 'wait'; hours: number };
// Approvals dominate so that sequences reach `approved`; the rest interrupt them.
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('approve' as const),
      who: fc.constantFrom(...approvers),
      step: fc.option(
        fc.constantFrom('salesHead', 'jointReview', 'regularReview', 'presidentApproval'),
        { nil: undefined },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('reject' as const, 'return' as const),
      who: fc.constantFrom(...cast),
      reason: fc.constantFrom('', 'price too low', ' '),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resubmit' as const),
      who: fc.constantFrom(people.li, people.zhou, people.wang),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      hours: fc.integer({ min: 1, max: 30 }),
    }),
  },
);
const approve = (who: (typeof cast)[number]): Action => ({ kind: 'approve', who, step: undefined });

function checkInvariants(view: OrderView): void {
  const { workflow } = view;
  // Every owner and submitter the order ever had (SoD follows the people, not the last submission).
  const owners = new Set(orderParties(workflow));
  const route = workflow.route;
  // Segregation of duties, for every approval of every step.
  for (const step of route?.steps ?? []) {
    for (const a of step.approvals) {
      expect(owners.has(a.actor)).toBe(false);
      if (a.onBehalfOf) expect(owners.has(a.onBehalfOf)).toBe(false);
    }
  }
  if (['approved', 'confirmed'].includes(workflow.status)) {
    // Every step the findings require is on the route, and every step is approved and satisfied.
    const required = new Set(
      workflow.findings.filter((f) => f.severity === 'approval').flatMap((f) => f.steps ?? []),
    );
    expect(new Set(route?.steps.map((s) => s.key))).toEqual(required);
    for (const step of route?.steps ?? []) {
      expect(step.status).toBe('approved');
      if (step.mode === 'eachDepartment' && !step.approvals.some((a) => a.escalated)) {
        expect(new Set(step.approvals.map((a) => a.department)).size).toBe(step.roles.length);
      }
      expect(step.approvals.length).toBeGreaterThan(0);
    }
  }
}

const reached = new Set<string>();

describe('workflow invariants under any sequence of actions', () => {
  it('RV-3 RV-4 RV-7 SoD: no order is approved without every required step, nobody approves their own order, the audit chain verifies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...orders),
        fc.array(action, { maxLength: 30 }),
        async (input, actions) => {
          const { desk, clock, store } = makeDesk(policy);
          await desk.submit(input, input.salesperson === 'u-wang' ? people.zhou : people.li);
          for (const a of actions) {
            if (a.kind === 'approve')
              await desk.approve(input.id, a.who, a.step ? { step: a.step } : {});
            else if (a.kind === 'reject') await desk.reject(input.id, a.who, a.reason);
            else if (a.kind === 'return') await desk.returnToSales(input.id, a.who, a.reason);
            else if (a.kind === 'resubmit') await desk.submit(input, a.who);
            else if ('hours' in a) {
              clock.advanceHours(a.hours);
              await desk.checkDeadlines();
            }
            const view = (await desk.get(input.id))!;
            checkInvariants(view);
            reached.add(view.workflow.status);
          }
          expect((await desk.verify()).ok).toBe(true);
          // AR-2: altering any stored event is caught.
          const snapshot = store.snapshot();
          const target = snapshot.events[actions.length % snapshot.events.length]!;
          target.text = target.text.replace('"data":{', '"data":{"tampered":true,');
          const copy = new MemoryStore({ snapshot });
          const expected = { ok: false, problem: { code: 'HASH_MISMATCH', seq: target.seq } };
          // Caught both on the stored form and on the structured events read back from it.
          expect(verifySealed(await copy.readSealed(target.stream), portableSha256)).toMatchObject(
            expected,
          );
          expect(verifyChain(await copy.readStream(target.stream), portableSha256)).toMatchObject(
            expected,
          );
        },
      ),
      {
        numRuns: 150,
        // Known paths first: a plain approval, a return and resubmission, a rejection.
        examples: [
          [orders[0]!, [approve(people.liu), approve(people.wang)]],
          [
            orders[0]!,
            [
              { kind: 'return', who: people.liu, reason: 'fix the date' },
              { kind: 'resubmit', who: people.li },
              approve(people.liu),
              approve(people.wang),
            ],
          ],
          [orders[1]!, [{ kind: 'reject', who: people.liu, reason: 'no capacity' }]],
        ],
      },
    );
    // The generated sequences must actually reach the interesting states, or the property says little.
    expect([...reached]).toEqual(
      expect.arrayContaining(['in_review', 'approved', 'returned', 'rejected']),
    );
  }, 60_000);
});

// Ways an order can be malformed; each names the path its issue must carry.
const valid = makeOrder({ id: 'm', number: '' });
const mutations: fc.Arbitrary<{ path: string; apply: (o: Record<string, unknown>) => void }>[] = [
  fc
    .string()
    .filter((s) => !/^[A-Z]{3}$/.test(s))
    .map((v) => ({ path: 'currency', apply: (o) => void (o['currency'] = v) })),
  fc
    .oneof(
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.double({ min: 2 ** 53, noNaN: true }),
      fc.double({ max: -(2 ** 53), noNaN: true }),
      fc.string(),
    )
    .map((v) => ({
      path: 'lines.0.quantity',
      apply: (o) => void ((o['lines'] as Record<string, unknown>[])[0]!['quantity'] = v),
    })),
  fc
    .oneof(
      fc.double({ min: 0.01, max: 1e6, noInteger: true }),
      fc.constant(2 ** 60),
      fc.constant('100'),
    )
    .map((v) => ({
      path: 'lines.0.unitPrice',
      apply: (o) => void ((o['lines'] as Record<string, unknown>[])[0]!['unitPrice'] = v),
    })),
  fc
    .constantFrom(
      '2026-03-02T09:00:00',
      '2026-13-01T00:00:00Z',
      'yesterday',
      '',
      '2026-02-30T10:00:00+08:00',
      '2026-03-02T09:00:00+99:99',
      '2026-03-02T09:00:61+08:00',
      '2026-03-02T24:00:00Z',
    )
    .map((v) => ({ path: 'enteredAt', apply: (o) => void (o['enteredAt'] = v) })),
  // A misspelt or impossible date is content (IN-2); a date that is not even text is not an order.
  fc.constantFrom(20260415, true, { y: 2026 }, 'x'.repeat(201)).map((v) => ({
    path: 'requestedDeliveryDate',
    apply: (o) => void (o['requestedDeliveryDate'] = v),
  })),
  fc.constantFrom('', 42, null).map((v) => ({ path: 'id', apply: (o) => void (o['id'] = v) })),
  fc
    .constantFrom('fax', 'VERBAL', 3)
    .map((v) => ({ path: 'channel', apply: (o) => void (o['channel'] = v) })),
  fc.integer({ min: 10_001 }).map((v) => ({
    path: 'lines.1.discountBp',
    apply: (o) => void ((o['lines'] as Record<string, unknown>[])[1]!['discountBp'] = v),
  })),
  fc
    .constantFrom(undefined, 'c-1', { name: 'no id' })
    .map((v) => ({ path: 'customer', apply: (o) => void (o['customer'] = v) })),
  fc
    .constantFrom('l1', {}, null)
    .map((v) => ({ path: 'lines', apply: (o) => void (o['lines'] = v) })),
];

describe('malformed orders', () => {
  it('IN-2 boundary: 10,000 orders that are not orders at all each get a typed error naming every broken field, and the store stays unchanged', async () => {
    const { desk, store } = makeDesk(policy);
    await desk.submit(makeOrder({ id: 'existing', number: '' }), people.li);
    const before = store.snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.oneof(...mutations), {
          minLength: 1,
          maxLength: 3,
          selector: (m) => m.path.split('.')[0],
        }),
        async (muts) => {
          const input = structuredClone(valid) as unknown as Record<string, unknown>;
          for (const m of muts) m.apply(input);
          const error = await desk.submit(input as never, people.li).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(ValidationError);
          const paths = (error as ValidationError).issues.map((i) => i.path);
          for (const m of muts)
            expect(paths.some((p) => p.startsWith(m.path) || m.path.startsWith(p))).toBe(true);
        },
      ),
      { numRuns: 10_000 },
    );
    expect(store.snapshot()).toEqual(before);
  }, 60_000);
});
