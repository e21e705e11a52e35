import type { Actor } from '../../model/Actor.js';
import {
  deliveryAlerts,
  lateForecast,
  type DeliveryAlert,
} from '../../rules/tracking/deliveryAlerts.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { findingMessages } from '../shared/internal.js';
import { progressRefusal } from './trackingAccess.js';
import { emptyTracking, type DeliveryAlerts } from '../../state/TrackingState.js';

/** The TR-2 audit record of a flag: `delivery.<kind>`, with the key it is raised for and its facts. */
function alertEvent(a: DeliveryAlert): RecordedEvent {
  switch (a.kind) {
    case 'lateForecast':
      return { type: 'delivery.lateForecast', ruleIds: ['TR-2'], data: { key: a.key, ...a.facts } };
    case 'atRisk':
      return { type: 'delivery.atRisk', ruleIds: ['TR-2'], data: { key: a.key, ...a.facts } };
    case 'overdue':
      return { type: 'delivery.overdue', ruleIds: ['TR-2'], data: { key: a.key, ...a.facts } };
  }
}

function lateRecipients(state: OrderWorkflow, ctx: TransitionContext) {
  return { roles: ctx.policy.tracking.delivery.notifyRoles, users: [state.owner] };
}

/**
 * FORECAST_DELIVERY (TR-2): records the expected delivery date. A forecast after the agreed date
 * is flagged at once — a `warn` finding, a note on the order, and the owner and the policy's
 * `tracking.delivery.notifyRoles` told so the customer can be informed and a new date agreed.
 *
 * @example
 * transition(state, { type: 'FORECAST_DELIVERY', actor, date: '2026-04-20', reason: 'casting delay' }, ctx);
 */
export function forecastDelivery(
  state: OrderWorkflow,
  event: { actor: Actor; date: string; reason?: string },
  ctx: TransitionContext,
): TransitionResult {
  const denied = progressRefusal(state, event.actor, ctx);
  if (denied) return denied;
  const tracking = state.tracking ?? emptyTracking();
  const late = lateForecast(ctx.order, event.date, ctx.policy);
  const forecast = {
    date: event.date,
    at: ctx.now,
    by: event.actor.id,
    late: late !== undefined,
    ...(event.reason ? { reason: event.reason } : {}),
  };
  const alerts: DeliveryAlerts = late
    ? { ...tracking.alerts, lateForecast: event.date }
    : tracking.alerts;
  return {
    ok: true,
    state: { ...state, tracking: { ...tracking, forecast, alerts } },
    effects: late
      ? [
          ...findingMessages([late]),
          {
            type: 'notify',
            to: lateRecipients(state, ctx),
            messageKey: late.messageKey,
            params: late.params,
            ruleId: 'TR-2',
          },
        ]
      : [],
    events: [
      {
        type: late ? 'delivery.forecastLate' : 'delivery.forecast',
        ruleIds: ['TR-2'],
        data: { ...forecast, agreed: ctx.order.requestedDeliveryDate ?? null },
      },
    ],
    findings: late ? [late] : [],
  };
}

/**
 * CHECK_DELIVERY (TR-2): as the clock moves, flags an undelivered order whose delivery is at risk
 * (not shipped close to the agreed date) or overdue, and a late forecast not yet flagged — each
 * once per agreed date / forecast. Nothing changes when there is nothing new to flag.
 *
 * @example
 * transition(state, { type: 'CHECK_DELIVERY' }, { policy, order, now });
 */
export function checkDelivery(state: OrderWorkflow, ctx: TransitionContext): TransitionResult {
  const tracking = state.tracking ?? emptyTracking();
  const fresh = deliveryAlerts(ctx.order, tracking, ctx).filter(
    (a) => tracking.alerts[a.kind] !== a.key,
  );
  if (fresh.length === 0) return { ok: true, state, effects: [], events: [], findings: [] };
  const alerts = { ...tracking.alerts };
  for (const a of fresh) alerts[a.kind] = a.key;
  const findings = fresh.map((a) => a.finding);
  return {
    ok: true,
    state: { ...state, tracking: { ...tracking, alerts } },
    effects: [
      ...findingMessages(findings),
      ...findings.map((f) => ({
        type: 'notify' as const,
        to: lateRecipients(state, ctx),
        messageKey: f.messageKey,
        params: f.params,
        ruleId: 'TR-2' as const,
      })),
    ],
    events: fresh.map(alertEvent),
    findings,
  };
}
