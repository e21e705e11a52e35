import { z } from 'zod';
import { Days, RoleList } from './policyValues.js';

/**
 * The fulfilment steps whose status is kept current (TR-1): production or procurement,
 * warehouse, shipping, delivery, acceptance and settlement.
 *
 * @example
 * FulfilmentStep.parse('shipping');
 */
export const FulfilmentStep = z.enum([
  'production',
  'procurement',
  'warehouse',
  'shipping',
  'delivery',
  'acceptance',
  'settlement',
]);
export type FulfilmentStep = z.infer<typeof FulfilmentStep>;

/**
 * Tracking settings (TR-1…TR-5). Roles name policy roles; the order's owner may always record
 * progress on their own order.
 *
 * @example
 * TrackingPolicy.parse({ delivery: { atRiskDays: 5 } }).delivery.notifyRoles; // ['salesHead']
 */
export const TrackingPolicy = z.strictObject({
  /** TR-1: roles that may record fulfilment progress, delivery and acceptance issues. */
  progressRoles: RoleList.default([
    'salesAssistant',
    'production',
    'procurement',
    'warehouse',
    'logistics',
  ]),
  /** AR-1 settlement (paid and invoiced) is recorded by finance. */
  settleRoles: RoleList.default(['finance', 'financeDirector']),
  delivery: z
    .strictObject({
      /**
       * TR-2: an order not yet shipped this many calendar days (policy time zone) before its
       * agreed delivery date is flagged as at risk. 0 flags only on the agreed date itself.
       */
      atRiskDays: Days.default(3),
      /** TR-2: who is told of a delivery that will miss its date, besides the order's owner. */
      notifyRoles: RoleList.default(['salesHead']),
    })
    .prefault({}),
  issues: z
    .strictObject({
      /** TR-3: who is told of an acceptance issue, besides the order's owner. */
      notifyRoles: RoleList.default(['salesHead']),
    })
    .prefault({}),
  /**
   * TR-4: how a delivered, settled order is completed once after-sales is done. `automatic` (our
   * reading of the regulations: the order is completed when delivery and after-sales are done)
   * completes it when its last open acceptance issue is closed; `explicit` leaves it to a
   * completion step (`complete`).
   */
  completion: z.enum(['automatic', 'explicit']).default('automatic'),
});
export type TrackingPolicy = z.infer<typeof TrackingPolicy>;

/**
 * Every role the tracking policy names, with its path, for the policy's cross-reference check.
 *
 * @example
 * trackingPolicyRoles(TrackingPolicy.parse({})).map((r) => r.name); // ['salesAssistant', …]
 */
export function trackingPolicyRoles(
  tracking: TrackingPolicy,
): { name: string; path: (string | number)[] }[] {
  const out: { name: string; path: (string | number)[] }[] = [];
  const add = (list: readonly string[], path: string[]) =>
    list.forEach((name, i) => out.push({ name, path: [...path, i] }));
  add(tracking.progressRoles, ['progressRoles']);
  add(tracking.settleRoles, ['settleRoles']);
  add(tracking.delivery.notifyRoles, ['delivery', 'notifyRoles']);
  add(tracking.issues.notifyRoles, ['issues', 'notifyRoles']);
  return out;
}
