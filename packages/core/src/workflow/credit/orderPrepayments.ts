import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent } from '../../state/TransitionResult.js';
import { emptyCreditState, type PaymentRecord } from '../../state/CreditWorkflowState.js';

const same = (a: PaymentRecord, b: PaymentRecord) =>
  a.reference === b.reference && a.amount === b.amount && a.at === b.at;

/**
 * At an assessment (ASSESS): the money the order arrived with (`Order.prepayments`, received
 * before submission) joins the order's credit state as prepayments of `source: 'order'`, so every
 * later judgement counts it like money recorded here — the CR-1, CR-4 and CR-6 holds it covers
 * (`openCreditHolds`), the RV-8 advance before production and the CR-8 shipping gate
 * (`paymentConfirmed`). The order's list replaces the earlier order-sent entries (a resubmission
 * does not count them twice); prepayments recorded here stay. Each payment new to the state is
 * recorded as `credit.prepayment.recorded` with `source: 'order'` (CR-8).
 *
 * @example
 * const { state: seeded, events } = withOrderPrepayments(state, ctx);
 */
export function withOrderPrepayments(
  state: OrderWorkflow,
  ctx: Pick<TransitionContext, 'order' | 'now'>,
): { state: OrderWorkflow; events: RecordedEvent<'credit.prepayment.recorded'>[] } {
  const { order, now } = ctx;
  const sent = order.prepayments ?? [];
  const prior = state.credit;
  if (sent.length === 0 && !prior?.prepayments.some((p) => p.source === 'order'))
    return { state, events: [] };
  const by = state.submitter?.id ?? state.owner;
  const fromOrder: PaymentRecord[] = sent.map((p) => ({
    at: p.receivedAt ?? now,
    by,
    amount: p.amount,
    reference: p.reference.trim(),
    source: 'order',
  }));
  const before = (prior?.prepayments ?? []).filter((p) => p.source === 'order');
  const credit = prior ?? emptyCreditState();
  const events = fromOrder
    .filter((p) => !before.some((b) => same(b, p)))
    .map((p): RecordedEvent<'credit.prepayment.recorded'> => ({
      type: 'credit.prepayment.recorded',
      ruleIds: ['CR-8'],
      data: { ...p, currency: order.currency },
    }));
  return {
    state: {
      ...state,
      credit: {
        ...credit,
        prepayments: [...fromOrder, ...credit.prepayments.filter((p) => p.source !== 'order')],
      },
    },
    events,
  };
}
