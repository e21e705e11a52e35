import type { Actor } from '../../model/Actor.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { progressRefusal } from './trackingAccess.js';
import { emptyTracking, type Settlement } from '../../state/TrackingState.js';

/**
 * SETTLE (confirmed, in fulfilment or delivered): finance records that the order is paid and/or invoiced
 * (facts only add up: a recorded payment is not undone here). A delivered order that is both paid
 * and invoiced becomes settled (AR-1 reading: settled = paid and invoiced); before delivery the
 * facts wait for `DELIVER`. Only the policy's `tracking.settleRoles` may record them.
 *
 * @example
 * transition(state, { type: 'SETTLE', actor: finance, paid: true, invoiced: true, invoiceRef: 'INV-2026-0042' }, ctx);
 */
export function settle(
  state: OrderWorkflow,
  event: {
    actor: Actor;
    paid?: boolean;
    invoiced?: boolean;
    paymentRef?: string;
    invoiceRef?: string;
  },
  ctx: TransitionContext,
): TransitionResult {
  const denied = progressRefusal(state, event.actor, {
    ...ctx,
    roles: ctx.policy.tracking.settleRoles,
  });
  if (denied) return denied;
  if (!event.paid && !event.invoiced) {
    return refuse('REASON_REQUIRED', 'SETTLE needs paid and/or invoiced', {
      messageKey: 'tracking.settlement.nothing',
      params: {},
    });
  }
  const tracking = state.tracking ?? emptyTracking();
  const before = tracking.settlement;
  const settlement: Settlement = {
    ...before,
    paid: before.paid || event.paid === true,
    invoiced: before.invoiced || event.invoiced === true,
    ...(event.paid && !before.paid ? { paidAt: ctx.now } : {}),
    ...(event.invoiced && !before.invoiced ? { invoicedAt: ctx.now } : {}),
    ...(event.paymentRef ? { paymentRef: event.paymentRef } : {}),
    ...(event.invoiceRef ? { invoiceRef: event.invoiceRef } : {}),
  };
  const nowSettled = state.status === 'delivered' && settlement.paid && settlement.invoiced;
  const events: RecordedEvent[] = [
    { type: 'order.settlement', ruleIds: ['AR-1'], data: { ...settlement, by: event.actor.id } },
  ];
  if (nowSettled)
    events.push({ type: 'order.settled', ruleIds: ['AR-1'], data: { ...settlement } });
  return {
    ok: true,
    state: {
      ...state,
      status: nowSettled ? 'settled' : state.status,
      tracking: {
        ...tracking,
        settlement,
        steps: nowSettled
          ? { ...tracking.steps, settlement: { status: 'done', at: ctx.now, by: event.actor.id } }
          : tracking.steps,
      },
    },
    effects: nowSettled
      ? [{ type: 'postMessage', messageKey: 'tracking.settled', params: {}, ruleId: 'AR-1' }]
      : [],
    events,
    findings: [],
  };
}
