import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippingBlockers } from '../../src/rules/credit/shippingBlockers.js';
import type { OrderWorkflow } from '../../src/state/OrderWorkflow.js';
import type { WorkflowEvent } from '../../src/state/WorkflowEvent.js';
import {
  CREDIT_DAY,
  daysBefore,
  makeCustomer,
  receivable,
  step,
  submitted,
} from '../support/credit.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const policy = companyPolicy();
const order = makeOrder();
const START = Date.parse('2026-03-02T09:00:00+08:00');
const iso = (hours: number) => new Date(START + hours * 3_600_000).toISOString();

// Customers whose orders are held for different reasons: CR-4 only; CR-6 only; CR-1; CR-4 + CR-6.
const customers = [
  makeCustomer({ receivables: [receivable('r1', 9_500_000, CREDIT_DAY)] }),
  makeCustomer({ credit: { grade: 'D' } }),
  makeCustomer({ credit: { evaluatedAt: undefined } }),
  makeCustomer({ receivables: [receivable('r1', 9_500_000, daysBefore(CREDIT_DAY, 100))] }),
];

type Op =
  | { op: 'release'; who: 'qian' | 'li' | 'zhao'; expiresIn?: number }
  | { op: 'prepay'; who: 'zhao' | 'li'; amount: number }
  | { op: 'guarantee'; who: 'zhao' | 'li' }
  | { op: 'wait'; hours: number }
  /** Jump to just before, at or just after the expiry of the last release seen. */
  | { op: 'toExpiry'; offset: -1 | 0 | 1 }
  | { op: 'check' }
  | { op: 'approve'; who: 'liu' | 'wang' }
  | { op: 'confirm' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('release' as const),
    who: fc.constantFrom('qian' as const, 'li' as const, 'zhao' as const),
    expiresIn: fc.option(fc.integer({ min: 1, max: 72 }), { nil: undefined }),
  }),
  fc.record({
    op: fc.constant('prepay' as const),
    who: fc.constantFrom('zhao' as const, 'li' as const),
    amount: fc.integer({ min: 1, max: 400_000 }),
  }),
  fc.record({
    op: fc.constant('guarantee' as const),
    who: fc.constantFrom('zhao' as const, 'li' as const),
  }),
  fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 48 }) }),
  fc.record({
    op: fc.constant('toExpiry' as const),
    offset: fc.constantFrom(-1 as const, 0 as const, 1 as const),
  }),
  fc.constant({ op: 'check' as const }),
  fc.record({
    op: fc.constant('approve' as const),
    who: fc.constantFrom('liu' as const, 'wang' as const),
  }),
  fc.constant({ op: 'confirm' as const }),
);

function toEvent(op: Op, hours: number): WorkflowEvent | undefined {
  switch (op.op) {
    case 'release':
      return {
        type: 'RELEASE_CREDIT',
        actor: people[op.who],
        reason: 'property',
        ...(op.expiresIn === undefined ? {} : { expiresAt: iso(hours + op.expiresIn) }),
      };
    case 'prepay':
      return { type: 'RECORD_PREPAYMENT', actor: people[op.who], amount: op.amount };
    case 'guarantee':
      return { type: 'RECORD_GUARANTEE', actor: people[op.who], reference: 'BG' };
    case 'check':
      return { type: 'CHECK_CREDIT_RELEASE' };
    case 'approve':
      return { type: 'APPROVE', actor: people[op.who] };
    case 'confirm':
      return { type: 'CONFIRM', actor: people.li };
    case 'wait':
    case 'toExpiry':
      return undefined;
  }
}

/**
 * An oracle kept apart from the implementation: what the test itself saw succeed. Only the
 * finance director (qian) may release, only finance (zhao) may record; the owner (li) never.
 */
interface Seen {
  releaseExpiry: number | null | undefined; // undefined: no release; null: no expiry
  paid: number;
  guarantee: boolean;
}

function covered(state: OrderWorkflow, seen: Seen, hours: number): boolean {
  return (state.credit?.holds ?? []).every((h) =>
    h.paths.some((p) =>
      p === 'approval'
        ? seen.releaseExpiry === null ||
          (seen.releaseExpiry !== undefined && hours < seen.releaseExpiry)
        : p === 'prepayment'
          ? seen.paid >= h.prepaymentRequired
          : seen.guarantee,
    ),
  );
}

describe('CR-4 CR-6 CR-1 hold properties', () => {
  it('CR-4 no held order proceeds without one of the release paths, and a release never outlives its expiry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: customers.length - 1 }),
        fc.array(opArb, { maxLength: 25 }),
        (which, ops) => {
          const customer = customers[which]!;
          let state = submitted(order, customer, policy, iso(0));
          expect(state.status).toBe('credit_hold');
          let hours = 0;
          const seen: Seen = { releaseExpiry: undefined, paid: 0, guarantee: false };
          for (const op of ops) {
            if (op.op === 'wait') {
              hours += op.hours;
              continue;
            }
            if (op.op === 'toExpiry') {
              if (typeof seen.releaseExpiry === 'number')
                hours = Math.max(hours, seen.releaseExpiry + op.offset);
              continue;
            }
            const event = toEvent(op, hours)!;
            const ctx = { policy, order, now: iso(hours), customer };
            const before = state;
            const r = step(state, event, ctx);
            if (!r.ok) continue;
            // Independent bookkeeping of what succeeded.
            if (op.op === 'release') {
              expect(op.who).not.toBe('li'); // SoD: the owner never releases
              expect(op.who).toBe('qian');
              if (r.state.credit?.release !== before.credit?.release) {
                seen.releaseExpiry = op.expiresIn === undefined ? null : hours + op.expiresIn;
              }
            }
            if (op.op === 'prepay') {
              expect(op.who).toBe('zhao');
              seen.paid += op.amount;
            }
            if (op.op === 'guarantee') {
              expect(op.who).toBe('zhao');
              seen.guarantee = true;
            }
            state = r.state;
            // Leaving credit hold (other than declined) needs every hold covered by a path seen.
            if (
              before.status === 'credit_hold' &&
              state.status !== 'credit_hold' &&
              state.status !== 'returned'
            ) {
              expect(covered(state, seen, hours)).toBe(true);
            }
            // Confirmation needs the holds covered now: an expired release does not count.
            if (op.op === 'confirm') expect(covered(state, seen, hours)).toBe(true);
          }
          // Whatever happened, unpaid shipping at the end is allowed only if still covered.
          const blockers = shippingBlockers(order, state, { policy, now: iso(hours) });
          const lapsed = blockers.some((f) => f.messageKey === 'credit.release.lapsed');
          expect(lapsed).toBe(!covered(state, seen, hours) && seen.paid < 565_000);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('CR-4 a release never outlives its expiry', () => {
  it('CR-4 an approved order confirms strictly before its release expires, never at or after', () => {
    const customer = customers[0]!;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 59 }),
        (expiresIn, delta, minutes) => {
          let state = submitted(order, customer, policy, iso(0));
          const at = (h: number) => ({ policy, order, now: iso(h), customer });
          const released = step(
            state,
            { type: 'RELEASE_CREDIT', actor: people.qian, reason: 'p', expiresAt: iso(expiresIn) },
            at(0),
          );
          if (!released.ok) throw new Error(released.code);
          state = released.state;
          for (const who of ['liu', 'wang'] as const) {
            const r = step(state, { type: 'APPROVE', actor: people[who] }, at(0));
            if (!r.ok) throw new Error(r.code);
            state = r.state;
          }
          const t = Math.max(0, expiresIn + delta) + (delta < 0 ? 0 : minutes / 60);
          const confirmed = step(state, { type: 'CONFIRM', actor: people.li }, at(t));
          expect(confirmed.ok).toBe(t < expiresIn);
          const check = step(state, { type: 'CHECK_CREDIT_RELEASE' }, at(t));
          expect(check.ok && check.state.status).toBe(t < expiresIn ? 'approved' : 'credit_hold');
          expect(
            shippingBlockers(order, state, { policy, now: iso(t) }).some(
              (f) => f.messageKey === 'credit.release.lapsed',
            ),
          ).toBe(t >= expiresIn);
        },
      ),
    );
  });
});
