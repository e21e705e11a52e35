import type { AccessRequest } from '../rules/archive/accessGrant.js';
import type { ArchiveRecord } from '../state/ArchiveRecord.js';
import type { FiledContract } from '../rules/archive/monthlyFiling.js';
import type { CreditRequest } from '../state/CreditRequest.js';
import type { OrderRecord } from '../state/OrderRecord.js';
import type { Customer } from '../model/Customer.js';
import type { IndexValues, Store, Versioned } from '../ports/Store.js';
import { activeSteps } from '../approvals/buildRoute.js';

/**
 * The record kinds the core stores, with their value types. Kind names and streams are the
 * store's business and stay private to the package; a SQL store maps each kind to a table.
 */
export interface RecordTypes {
  order: OrderRecord;
  customer: Customer;
  'credit-request': CreditRequest;
  archive: ArchiveRecord;
  'archive-access': AccessRequest;
  'archive-filing': FiledContract;
}

/** A record kind the core stores. */
export type RecordKind = keyof RecordTypes;

interface KindSpec<K extends RecordKind> {
  /** The audit stream a record of this kind owns (its trail), if it owns one. */
  stream?: (key: string) => string;
  /** Index values a store keeps for `find`. */
  index: (value: RecordTypes[K]) => IndexValues;
}

const stepRoles = (record: OrderRecord): string[] => {
  const roles = new Set<string>();
  const route = record.workflow.route;
  if (route && record.workflow.status === 'in_review')
    for (const s of activeSteps(route))
      for (const r of [...s.roles, ...s.escalatedTo]) roles.add(r);
  const change = record.workflow.change?.pending;
  if (change) for (const s of activeSteps(change.route)) for (const r of s.roles) roles.add(r);
  // credit (RV-7, CR-8): a ship-before-payment exception waiting for its chain
  for (const e of record.workflow.credit?.shippingExceptions ?? [])
    if (e.status === 'pending')
      for (const s of activeSteps(e.route))
        for (const r of [...s.roles, ...s.escalatedTo]) roles.add(r);
  return [...roles].sort();
};

/** Every kind, its stream and its index. */
export const KINDS: { readonly [K in RecordKind]: KindSpec<K> } = {
  order: {
    stream: (key) => `order:${key}`,
    index: (r) => ({
      status: r.workflow.status,
      customer: r.order.customer.id,
      owner: r.workflow.owner,
      waitingFor: stepRoles(r),
      urgent: r.order.urgent ? 'yes' : 'no',
    }),
  },
  customer: { stream: (key) => `customer:${key}`, index: () => ({}) },
  'credit-request': { index: (r) => ({ customer: r.customerId, status: r.status }) },
  // An archive anchors its own stream in `state.streamHead` (so an exported bundle verifies
  // offline): the runner leaves it alone.
  archive: {
    index: (r) => ({
      customer: r.content.classification.customerId,
      orderId: r.content.orderId,
      month: r.content.classification.month,
      products: r.content.classification.productIds,
    }),
  },
  'archive-access': {
    index: (r) => ({ archive: r.archiveId, requester: r.requester, status: r.status }),
  },
  'archive-filing': {
    index: (r) => ({ month: r.filingNumber.slice(0, 0) + r.signedAt.slice(0, 7) }),
  },
};

/** The stream a record owns, if its kind owns one. */
export function streamOf(kind: RecordKind, key: string): string | undefined {
  return KINDS[kind].stream?.(key);
}

/** The record that owns a stream: `order:o1` → order o1. */
export function ownerOf(stream: string): { kind: RecordKind; key: string } | undefined {
  const at = stream.indexOf(':');
  if (at < 0) return undefined;
  const prefix = stream.slice(0, at);
  const key = stream.slice(at + 1);
  const kind = (Object.keys(KINDS) as RecordKind[]).find(
    (k) => KINDS[k].stream?.('') === `${prefix}:`,
  );
  return kind ? { kind, key } : undefined;
}

/** Index values of a record. */
export function indexOf<K extends RecordKind>(kind: K, value: RecordTypes[K]): IndexValues {
  return KINDS[kind].index(value);
}

/**
 * Typed reads over the store: the one place a stored value is taken as its kind's type (the core
 * wrote it through the same kinds).
 */
export class Records {
  readonly #store: Store;
  constructor(store: Store) {
    this.#store = store;
  }
  async get<K extends RecordKind>(
    kind: K,
    key: string,
  ): Promise<Versioned<RecordTypes[K]> | undefined> {
    return (await this.#store.get(kind, key)) as Versioned<RecordTypes[K]> | undefined;
  }
  async find<K extends RecordKind>(
    kind: K,
    where?: IndexValues,
  ): Promise<Versioned<RecordTypes[K]>[]> {
    return (await this.#store.find(kind, where)) as Versioned<RecordTypes[K]>[];
  }
}
