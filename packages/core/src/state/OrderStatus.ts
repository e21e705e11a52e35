import { z } from 'zod';

/**
 * The order lifecycle: draft → submitted → in review → approved → confirmed → in
 * fulfilment → delivered → settled → archived, with returned, rejected, credit hold, change
 * pending and cancelled.
 *
 * @example
 * OrderStatus.parse('credit_hold');
 */
export const OrderStatus = z.enum([
  'draft',
  'submitted',
  'in_review',
  'returned',
  'rejected',
  'approved',
  'credit_hold',
  'confirmed',
  'change_pending',
  'in_fulfilment',
  'delivered',
  'settled',
  'archived',
  'cancelled',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/**
 * Statuses in which an order is locked against direct edits (CH-1).
 *
 * @example
 * LOCKED_STATUSES.has('confirmed'); // true: changes go through REQUEST_CHANGE (CH-1)
 */
export const LOCKED_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'confirmed',
  'change_pending',
  'in_fulfilment',
  'delivered',
  'settled',
  'archived',
]);

/**
 * Statuses from which nothing further happens.
 *
 * @example
 * FINAL_STATUSES.has('archived'); // true
 */
export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'rejected',
  'archived',
  'cancelled',
]);
