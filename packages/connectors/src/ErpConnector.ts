import type { CustomerInput, Effect, OrderInput } from '@ordergate/core';

/**
 * One order as the ERP has it now, in the core's input shape. `order.id` is the ERP's stable id
 * of the order (the core keys the order by it); `changedAt` is when the ERP last wrote it.
 *
 * @example
 * const change: ErpOrderChange = { order: { id: '42', customer: { id: '7' }, … }, ref: 'S00042', changedAt: '2026-03-02T01:00:00Z' };
 */
export interface ErpOrderChange {
  order: OrderInput;
  /** The ERP's own reference (its order number), for logs and messages. */
  ref: string;
  /** When the ERP last changed the order (ISO instant with its zone). */
  changedAt: string;
}

/**
 * An order the connector could read but not map into the core's shape (for example an order
 * line without a product). The sync logs it and goes on; nothing is stored for it.
 *
 * @example
 * const skipped: ErpRejectedOrder = { id: '43', ref: 'S00043', reason: 'order.lines.0.quantity: expected number' };
 */
export interface ErpRejectedOrder {
  id: string;
  ref: string;
  reason: string;
}

/**
 * One page of changed orders with the credit facts of their customers, and where to resume
 * after it. Persist `checkpoint` only after the page's orders are handled: a sync resumed from
 * it re-reads nothing that was handled and misses nothing that was not.
 *
 * @example
 * for await (const page of erp.changedOrders(saved)) { await handle(page); await save(page.checkpoint); }
 */
export interface ErpOrderPage {
  orders: ErpOrderChange[];
  /** The customers of the page's orders, with their credit facts (ERP-owned fields only matter). */
  customers: CustomerInput[];
  rejected: ErpRejectedOrder[];
  /** Opaque to everyone but the connector that made it: a string to store and hand back. */
  checkpoint: string;
}

/**
 * What ordergate needs from an ERP, whatever the ERP: read the orders changed since a
 * checkpoint, page by page; read orders it names (a webhook says which); read customers' credit
 * facts; apply one effect the core decided, idempotently under `effect.key`. The Odoo connector
 * implements it (`OdooConnector`); a REST connector implements the same four methods.
 *
 * Ids are the ERP's ids as strings (the core's `Order.id` and `Customer.id`). Checkpoints are
 * opaque strings so that a store keeps them as text without knowing any ERP.
 *
 * @example
 * async function syncOnce(erp: ErpConnector, checkpoint?: string) {
 *   for await (const page of erp.changedOrders(checkpoint)) {
 *     for (const c of page.customers) await og.putCustomer(c);
 *     for (const o of page.orders) await og.submit(o.order, { id: o.order.salesperson });
 *     checkpoint = page.checkpoint; // persist it here
 *   }
 *   return checkpoint;
 * }
 */
export interface ErpConnector {
  /** A short, stable name of this ERP (`odoo`, `acme-rest`): keys checkpoints, locks and webhooks. */
  readonly erp: string;
  /**
   * Orders changed since `checkpoint` (all orders when absent), oldest change first, in pages.
   * Each page carries the checkpoint to resume after it; the last page ends the iteration.
   */
  changedOrders(checkpoint?: string): AsyncIterable<ErpOrderPage>;
  /** The orders with these ids as the ERP has them now (unknown ids are left out). */
  ordersById(ids: readonly string[]): Promise<Omit<ErpOrderPage, 'checkpoint'>>;
  /** Fresh credit facts of these customers (unknown ids are left out). */
  creditFacts(customerIds: readonly string[]): Promise<CustomerInput[]>;
  /**
   * Carries out one effect in the ERP. Idempotent by `effect.key`: applying the same effect
   * again changes nothing. Resolves when the ERP has it; rejects when it does not (retry later).
   */
  apply(effect: Effect): Promise<void>;
}
