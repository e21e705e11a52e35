import type { Order } from '../model/Order.js';
import type { OrderWorkflow } from './OrderWorkflow.js';

/**
 * Store record kind of orders.
 *
 * @example
 * const found = await store.get<OrderRecord>(ORDER_KIND, 'erp-42');
 */
export const ORDER_KIND = 'order';

/** What the desk stores per order: the order and its workflow, written together. */
export interface OrderRecord {
  /** The current revision. */
  order: Order;
  workflow: OrderWorkflow;
  /** Earlier revisions, oldest first; every one stays readable (CH-5). */
  revisions: Order[];
}

/** An order as read from the desk, with the store version used for optimistic updates. */
export interface OrderView extends OrderRecord {
  version: number;
}

/**
 * Audit stream of an order.
 *
 * @example
 * await store.readStream(orderStream('erp-42')); // stream 'order:erp-42'
 */
export function orderStream(orderId: string): string {
  return `order:${orderId}`;
}
