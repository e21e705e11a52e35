import type { Order } from '../model/Order.js';
import type { Policy } from '../policy/Policy.js';
import { addHours } from './deadlines.js';

/**
 * Hours the review of an order may take (RV-2, IN-4): urgent orders get `urgentHours`; otherwise
 * the order type's hours, or `defaultHours` (24 by default).
 *
 * @example
 * reviewHours(order, policy); // 24, or 4 for an urgent order
 */
export function reviewHours(order: Pick<Order, 'urgent' | 'orderType'>, policy: Policy): number {
  const d = policy.review.deadlines;
  if (order.urgent) return d.urgentHours;
  return d.byOrderType[order.orderType] ?? d.defaultHours;
}

/**
 * The instant by which review must finish, counted from receipt (RV-2), in working hours when
 * the policy sets a business calendar.
 *
 * @example
 * reviewDeadline(order, policy, '2026-03-02T09:00:00+08:00'); // '2026-03-03T01:00:00.000Z'
 */
export function reviewDeadline(
  order: Pick<Order, 'urgent' | 'orderType'>,
  policy: Policy,
  receivedAt: string,
): string {
  return addHours(receivedAt, reviewHours(order, policy), {
    calendar: policy.review.deadlines.calendar,
    timeZone: policy.timeZone,
  });
}
