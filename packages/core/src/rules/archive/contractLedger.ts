import type { AuditEvent } from '../../audit/AuditEvent.js';
import { orderTotals } from '../../model/orderTotals.js';
import type { Order } from '../../model/Order.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';

/** Execution status of a contract in the ledger (AR-4). */
export type ContractStatus =
  'signed' | 'in_execution' | 'delivered' | 'settled' | 'completed' | 'archived' | 'terminated';

/** A change to a contract, as its order's trail records it (CH-5, CH-7). */
export interface ContractChange {
  at: string;
  by: string | null;
  type: string;
  revision?: number;
  /** CH-7: the signed amendment (or termination) a `contract.changed` entry records. */
  amendment?: { reference: string; signedAt: string };
}

/** The signed amendment of a `contract.changed` payload, when it names one. */
function amendmentOf(data: unknown): Pick<ContractChange, 'amendment'> {
  const a = (data as { amendment?: { reference?: unknown; signedAt?: unknown } } | null)?.amendment;
  if (typeof a?.reference !== 'string' || typeof a.signedAt !== 'string') return {};
  return { amendment: { reference: a.reference, signedAt: a.signedAt } };
}

/** One line of the contract ledger (AR-4). */
export interface ContractLedgerEntry {
  contractNumber: string;
  orderId: string;
  orderNumber: string;
  /** Signing instant: the customer's signature, or the confirmation when the order has no contract document. */
  signedAt: string;
  customerId: string;
  customerName: string;
  /** Amount including tax, minor units of `currency`. */
  amount: number;
  currency: string;
  deliveryDate?: string;
  paymentTerms: string;
  status: ContractStatus;
  revision: number;
  changes: ContractChange[];
}

/** Audit event types that change a contract (CH-5 revision, CH-3 cancellation, CH-7 contract change). */
const CHANGE_TYPES = new Set(['order.revised', 'order.cancelled', 'contract.changed']);

function statusOf(workflow: OrderWorkflow): ContractStatus {
  switch (workflow.status) {
    case 'in_fulfilment':
    case 'change_pending':
      return 'in_execution';
    case 'delivered':
      return workflow.tracking?.completedAt ? 'completed' : 'delivered';
    case 'settled':
      return workflow.tracking?.completedAt ? 'completed' : 'settled';
    case 'archived':
      return 'archived';
    case 'cancelled':
      return 'terminated';
    case 'draft':
    case 'submitted':
    case 'in_review':
    case 'returned':
    case 'rejected':
    case 'approved':
    case 'credit_hold':
    case 'confirmed':
      return 'signed';
  }
}

/**
 * The signing instant of an order's contract: the customer's signature when recorded, else the
 * order's confirmation (the confirmed order is the binding document); undefined before either.
 *
 * @example
 * contractSignedAt(record); // '2026-03-05T10:00:00+08:00'
 */
export function contractSignedAt(record: {
  order: Order;
  workflow: OrderWorkflow;
}): string | undefined {
  return record.order.contract.customerSignedAt ?? record.workflow.confirmedAt;
}

/**
 * AR-4: the contract ledger — for every signed order: signing date, customer, contract number
 * (the order number when the contract has none), amount including tax, delivery date, payment
 * terms, execution status and the changes its trail records — ordered by signing time.
 *
 * @example
 * contractLedger(records, events).map((e) => `${e.contractNumber} ${e.status}`);
 */
export function contractLedger(
  records: readonly { order: Order; workflow: OrderWorkflow }[],
  events: readonly AuditEvent[] = [],
): ContractLedgerEntry[] {
  const changes = new Map<string, ContractChange[]>();
  for (const e of events) {
    if (!CHANGE_TYPES.has(e.type) || !e.stream.startsWith('order:')) continue;
    const orderId = e.stream.slice('order:'.length);
    const data = (e.data ?? {}) as { revision?: unknown };
    const list = changes.get(orderId) ?? [];
    list.push({
      at: e.at,
      by: e.actor,
      type: e.type,
      ...(typeof data.revision === 'number' ? { revision: data.revision } : {}),
      ...amendmentOf(e.data),
    });
    changes.set(orderId, list);
  }
  const out: ContractLedgerEntry[] = [];
  for (const record of records) {
    const signedAt = contractSignedAt(record);
    if (signedAt === undefined) continue;
    const { order } = record;
    out.push({
      contractNumber: order.contract.number || order.number,
      orderId: order.id,
      orderNumber: order.number,
      signedAt,
      customerId: order.customer.id,
      customerName: order.customer.name,
      amount: orderTotals(order).total,
      currency: order.currency,
      ...(order.requestedDeliveryDate ? { deliveryDate: order.requestedDeliveryDate } : {}),
      paymentTerms: order.paymentTerms,
      status: statusOf(record.workflow),
      revision: order.revision,
      changes: changes.get(order.id) ?? [],
    });
  }
  return out.sort(
    (a, b) => Date.parse(a.signedAt) - Date.parse(b.signedAt) || a.orderId.localeCompare(b.orderId),
  );
}
