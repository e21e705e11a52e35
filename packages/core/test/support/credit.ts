import type { Order } from '../../src/model/Order.js';
import type { Policy } from '../../src/policy/Policy.js';
import type { OrderWorkflow } from '../../src/state/OrderWorkflow.js';
import { initialWorkflow } from '../../src/state/OrderWorkflow.js';
import { transition } from '../../src/workflow/transition.js';
import type { WorkflowEvent } from '../../src/state/WorkflowEvent.js';
import type { TransitionResult } from '../../src/state/TransitionResult.js';
import { Customer, type CustomerInput } from '../../src/model/Customer.js';
import type { Receivable } from '../../src/model/Customer.js';

/** Day the credit helpers age receivables at: Monday 2 March 2026 (Shanghai). */
export const CREDIT_DAY = '2026-03-02';

/**
 * A credit-evaluated grade-B customer with a 100,000.00 CNY limit and no receivables or open
 * orders, matching `makeOrder`'s customer id `c-1`. Overrides replace top-level fields; `credit`
 * merges over the default profile.
 */
export function makeCustomer(overrides: Partial<CustomerInput> = {}): Customer {
  const { credit, ...rest } = overrides;
  return Customer.parse({
    id: 'c-1',
    name: 'Shanghai Precision Machinery Co., Ltd.',
    credit: {
      grade: 'B',
      limit: { amount: 10_000_000, currency: 'CNY' },
      evaluatedAt: '2025-12-01T09:00:00+08:00',
      ...(credit ?? {}),
    },
    receivables: [],
    openOrders: [],
    ...rest,
  });
}

/** A receivable of `amount` CNY minor units due on `dueDate`. */
export function receivable(
  id: string,
  amount: number,
  dueDate: string,
  currency = 'CNY',
): Receivable {
  return { id, amount, currency, dueDate, reference: `INV/${id}` };
}

/** The ISO date `days` calendar days before `date` (UTC arithmetic on a plain date). */
export function daysBefore(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Submits and assesses `order` for `customer` through the pure state machine. */
export function submitted(
  order: Order,
  customer: Customer | undefined,
  policy: Policy,
  now: string,
): OrderWorkflow {
  const ctx = { policy, order, now, ...(customer ? { customer } : {}) };
  let state = initialWorkflow(order.id, order.salesperson);
  for (const event of [
    { type: 'SUBMIT', actor: { id: order.salesperson, groups: ['sales'] } },
    { type: 'ASSESS' },
  ] as WorkflowEvent[]) {
    const r = transition(state, event, ctx);
    if (!r.ok) throw new Error(`${event.type} refused: ${r.code}`);
    state = r.state;
  }
  return state;
}

/** Runs one event at `now`. */
export function step(
  state: OrderWorkflow,
  event: WorkflowEvent,
  ctx: { policy: Policy; order: Order; now: string; customer?: Customer },
): TransitionResult {
  return transition(state, event, ctx);
}
