import { daysBetween, localDate } from '../../lib/localDate.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { DeliveryAlerts, TrackingState } from '../../state/TrackingState.js';
import { finding } from '../shared/finding.js';

/**
 * What each kind of TR-2 flag states: its finding's parameters, and the payload of its
 * `delivery.<kind>` audit event (with the key it is raised for).
 *
 * @example
 * const facts: DeliveryAlertFacts['overdue'] = { agreed: '2026-04-15', days: 2 };
 */
export interface DeliveryAlertFacts {
  lateForecast: { forecast: string; agreed: string; days: number };
  atRisk: { agreed: string; daysLeft: number };
  overdue: { agreed: string; days: number };
}

/**
 * A TR-2 flag: which alert, the key it is raised for (see `DeliveryAlerts`), what it states
 * (`facts`, typed per kind) and its finding.
 */
export type DeliveryAlert = {
  [K in keyof DeliveryAlerts]-?: {
    kind: K;
    key: string;
    facts: DeliveryAlertFacts[K];
    finding: Finding;
  };
}[keyof DeliveryAlerts];

/**
 * TR-2: a forecast delivery date after the agreed date (`order.requestedDeliveryDate`) — one
 * `warn` finding `tracking.delivery.lateForecast` (params `forecast`, `agreed`, `days` late), or
 * none when the forecast keeps the date or the order has no agreed date.
 *
 * @example
 * lateForecast(order, '2026-04-20', policy)?.params; // { forecast: '2026-04-20', agreed: '2026-04-15', days: 5 }
 */
export function lateForecast(
  order: Pick<Order, 'requestedDeliveryDate'>,
  forecast: string,
  policy: Policy,
): Finding | undefined {
  const facts = lateForecastFacts(order, forecast);
  return facts && lateForecastFinding(facts, policy);
}

function lateForecastFacts(
  order: Pick<Order, 'requestedDeliveryDate'>,
  forecast: string,
): DeliveryAlertFacts['lateForecast'] | undefined {
  const agreed = order.requestedDeliveryDate;
  if (agreed === undefined) return undefined;
  const days = daysBetween(agreed, forecast);
  return days > 0 ? { forecast, agreed, days } : undefined;
}

function lateForecastFinding(facts: DeliveryAlertFacts['lateForecast'], policy: Policy): Finding {
  return finding(policy, {
    ruleId: 'TR-2',
    severity: 'warn',
    messageKey: 'tracking.delivery.lateForecast',
    params: facts,
    evidence: [{ field: 'tracking.forecast.date', value: facts.forecast, limit: facts.agreed }],
  });
}

/**
 * TR-2: every way an undelivered order will miss, or has missed, its agreed delivery date as of
 * `now` (local date in the policy's time zone): a late forecast; not shipped yet within
 * `tracking.delivery.atRiskDays` of the agreed date (`tracking.delivery.atRisk`); past the agreed
 * date and not delivered (`tracking.delivery.overdue`). Each is a `warn` with the key it is raised
 * for, so callers raise each once. Empty for a delivered order or one without an agreed date.
 *
 * @example
 * deliveryAlerts(order, tracking, policy, '2026-04-13T09:00:00+08:00').map((a) => a.kind); // ['atRisk']
 */
export function deliveryAlerts(
  order: Pick<Order, 'requestedDeliveryDate'>,
  tracking: TrackingState,
  ctx: { policy: Policy; now: string },
): DeliveryAlert[] {
  const { policy, now } = ctx;
  const agreed = order.requestedDeliveryDate;
  if (agreed === undefined || tracking.delivery) return [];
  const today = localDate(now, policy.timeZone);
  const daysLeft = daysBetween(today, agreed);
  const out: DeliveryAlert[] = [];
  const forecast = tracking.forecast?.date;
  const late = forecast === undefined ? undefined : lateForecastFacts(order, forecast);
  if (late)
    out.push({
      kind: 'lateForecast',
      key: late.forecast,
      facts: late,
      finding: lateForecastFinding(late, policy),
    });
  if (daysLeft < 0) {
    const facts = { agreed, days: -daysLeft };
    out.push({
      kind: 'overdue',
      key: agreed,
      facts,
      finding: finding(policy, {
        ruleId: 'TR-2',
        severity: 'warn',
        messageKey: 'tracking.delivery.overdue',
        params: facts,
        evidence: [{ field: 'requestedDeliveryDate', value: today, limit: agreed }],
      }),
    });
  } else if (
    tracking.steps.shipping?.status !== 'done' &&
    daysLeft <= policy.tracking.delivery.atRiskDays
  ) {
    const facts = { agreed, daysLeft };
    out.push({
      kind: 'atRisk',
      key: agreed,
      facts,
      finding: finding(policy, {
        ruleId: 'TR-2',
        severity: 'warn',
        messageKey: 'tracking.delivery.atRisk',
        params: facts,
        evidence: [
          { field: 'tracking.steps.shipping', value: tracking.steps.shipping?.status ?? 'pending' },
          { field: 'requestedDeliveryDate', value: today, limit: agreed },
        ],
      }),
    });
  }
  return out;
}
