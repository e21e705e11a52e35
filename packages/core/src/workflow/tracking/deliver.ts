import { daysBetween, localDate } from '../../lib/localDate.js';
import type { Actor } from '../../model/Actor.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { progressRefusal } from './trackingAccess.js';
import { emptyTracking, type DeliveryRecord } from '../../state/TrackingState.js';
import { stepClearance } from '../../rules/tracking/fulfilmentGates.js';

/**
 * DELIVER (in fulfilment, TR-1): the goods reached the customer on `date` (default today in the
 * policy's time zone); on time when not after the agreed delivery date (TR-5). An order already
 * paid and invoiced is settled at once (AR-1). When no shipment was recorded, the goods pass the
 * CR-8 shipping gate here as they would at shipping (`stepClearance`): refused `BLOCKED` unpaid
 * without credit terms or an approved ship-before-payment exception.
 *
 * @example
 * transition(state, { type: 'DELIVER', actor, date: '2026-04-14', reference: 'DN-778' }, ctx);
 */
export function deliver(
  state: OrderWorkflow,
  event: { actor: Actor; date?: string; reference?: string },
  ctx: TransitionContext,
): TransitionResult {
  if (state.status !== 'in_fulfilment') {
    return refuse(
      'INVALID_TRANSITION',
      `DELIVER is not possible while the order is ${state.status}`,
    );
  }
  const denied = progressRefusal(state, event.actor, ctx);
  if (denied) return denied;
  const tracking = state.tracking ?? emptyTracking();
  // credit (CR-8, RV-7): goods delivered without a recorded shipment left all the same, so they
  // pass the shipping gate here — payment, credit terms or an approved exception, which is named.
  let shippingException = tracking.steps.shipping?.shippingException;
  if (tracking.steps.shipping === undefined) {
    const { blockers, ...cleared } = stepClearance('shipping', {
      policy: ctx.policy,
      order: ctx.order,
      state: { ...state, tracking },
      now: ctx.now,
      ...(ctx.customer ? { customer: ctx.customer } : {}),
    });
    if (blockers.length > 0) {
      return refuse('BLOCKED', 'the goods cannot be delivered before they may ship', {
        findings: blockers,
        messageKey: 'tracking.step.blocked.shipping',
        params: { rules: [...new Set(blockers.map((f) => f.ruleId))].join(', ') },
      });
    }
    shippingException = cleared.shippingException;
  }
  const date = event.date ?? localDate(ctx.now, ctx.policy.timeZone);
  const agreedDate = ctx.order.requestedDeliveryDate;
  const delivery: DeliveryRecord = {
    date,
    at: ctx.now,
    by: event.actor.id,
    ...(agreedDate ? { agreedDate } : {}),
    onTime: agreedDate === undefined || daysBetween(agreedDate, date) <= 0,
    ...(event.reference ? { reference: event.reference } : {}),
    // credit (CR-8, RV-7): the exception the goods were shipped under, unpaid
    ...(shippingException ? { shippingException } : {}),
  };
  const settled = tracking.settlement.paid && tracking.settlement.invoiced;
  const events: RecordedEvent[] = [
    { type: 'order.delivered', ruleIds: ['TR-1'], data: { ...delivery } },
  ];
  const effects: EffectDraft[] = [
    {
      type: 'notify',
      to: { users: [state.owner] },
      messageKey: delivery.onTime ? 'tracking.delivered.onTime' : 'tracking.delivered.late',
      params: { date, agreed: agreedDate ?? '' },
      ruleId: 'TR-1',
    },
  ];
  if (settled)
    events.push({ type: 'order.settled', ruleIds: ['AR-1'], data: { ...tracking.settlement } });
  return {
    ok: true,
    state: {
      ...state,
      status: settled ? 'settled' : 'delivered',
      tracking: {
        ...tracking,
        delivery,
        steps: {
          ...tracking.steps,
          delivery: {
            status: 'done',
            at: ctx.now,
            by: event.actor.id,
            date,
            ...(event.reference ? { reference: event.reference } : {}),
          },
        },
      },
    },
    effects,
    events,
    findings: [],
  };
}
