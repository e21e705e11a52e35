import { parseOrThrow, type Customer, type CustomerInput, type Effect } from '@ordergate/core';
import type {
  ErpConnector,
  ErpOrderChange,
  ErpOrderPage,
  ErpRejectedOrder,
} from '../ErpConnector.js';
import { OdooClient, type OdooCallStats, type OdooClientOptions } from './OdooClient.js';
import type { OdooConfigInput } from './OdooConfig.js';
import { OdooReader, type OdooReadResult, type OdooReaderOptions } from './OdooReader.js';
import {
  OdooWriteBack,
  type OdooWriteBackOptions,
  type OdooWriteOutcome,
} from './OdooWriteBack.js';
import { OdooSyncCheckpoint } from './OdooSyncCheckpoint.js';
import { syncOrders, type OdooSyncPage, type SyncOrdersOptions } from './syncOrders.js';

/** Everything the connector needs besides the connection: mapping, write-back, hooks. */
export interface OdooConnectorOptions extends OdooClientOptions {
  read?: OdooReaderOptions;
  writeBack?: OdooWriteBackOptions;
  /** This ERP's name in checkpoints, locks and webhooks (`ErpConnector.erp`). Default `odoo`. */
  erp?: string;
  /** How `changedOrders` syncs: an extra domain, the page size, the overlap window. */
  sync?: Pick<SyncOrdersOptions, 'domain' | 'pageSize' | 'overlapSeconds'>;
}

/** An Odoo id from the string id the core keys records by. */
function odooId(id: string, what: string): number {
  const n = Number(id);
  if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(n)) {
    throw new RangeError(`${what} ${JSON.stringify(id)} is not an Odoo id (a positive integer)`);
  }
  return n;
}

function toChange(r: OdooSyncPage['orders'][number]): ErpOrderChange {
  return { order: r.order, ref: r.odoo.name, changedAt: r.odoo.writeDate };
}

function toRejected(r: OdooSyncPage['rejected'][number]): ErpRejectedOrder {
  return { id: String(r.id), ref: r.name, reason: r.error.message };
}

/**
 * The Odoo connector: reads orders and credit facts into core types, syncs by `write_date`, and
 * writes core effects back — a client, a reader and a writer behind one object. It offers the
 * reads of {@link ErpConnector} itself, and the whole interface through `asErpConnector()` (its
 * own `apply` answers what it wrote, where the interface's resolves to nothing).
 *
 * @example
 * const odoo = await OdooConnector.connect(odooConfigFromEnv(process.env), { writeBack: { policy } });
 * for await (const page of odoo.sync({ domain: [['state', 'in', ['draft', 'sent']]] })) {
 *   console.log(page.progress.delivered, 'orders');
 * }
 */
export class OdooConnector implements Omit<ErpConnector, 'apply'> {
  readonly reader: OdooReader;
  /** This ERP's name (`ErpConnector.erp`). */
  readonly erp: string;
  readonly writer: OdooWriteBack;

  private constructor(
    readonly client: OdooClient,
    private readonly options: OdooConnectorOptions,
  ) {
    this.reader = new OdooReader(client, options.read);
    this.writer = new OdooWriteBack(client, options.writeBack);
    this.erp = options.erp ?? 'odoo';
  }

  /**
   * Connects (version, transport, credentials: two calls).
   *
   * @example
   * const odoo = await OdooConnector.connect({ url, db, login: 'admin', apiKey });
   */
  static async connect(
    config: OdooConfigInput,
    options: OdooConnectorOptions = {},
  ): Promise<OdooConnector> {
    const { read: _read, writeBack: _wb, erp: _erp, sync: _sync, ...clientOptions } = options;
    return new OdooConnector(await OdooClient.connect(config, clientOptions), options);
  }

  /** RPC calls made so far. */
  get stats(): OdooCallStats {
    return this.client.stats;
  }

  /**
   * Pages of orders by `write_date` with checkpoints; see {@link syncOrders}.
   *
   * @example
   * for await (const page of odoo.sync({ checkpoint })) save(page.checkpoint);
   */
  sync(
    options: Omit<SyncOrdersOptions, keyof OdooReaderOptions> = {},
  ): AsyncGenerator<OdooSyncPage, void, undefined> {
    this.reader.forgetCustomers();
    return syncOrders(this.client, { ...this.options.read, ...options, reader: this.reader });
  }

  /**
   * Orders by Odoo id, mapped, with their customers.
   *
   * @example
   * const { orders: [order] } = await odoo.readOrders([42]);
   */
  readOrders(ids: readonly number[]): Promise<OdooReadResult> {
    return this.reader.readOrders(ids);
  }

  /**
   * Fresh credit facts of customers (commercial partner ids).
   *
   * @example
   * const [acme] = await odoo.readCustomers([7]);
   */
  readCustomers(partnerIds: readonly number[]): Promise<Customer[]> {
    this.reader.forgetCustomers();
    return this.reader.readCustomers(partnerIds);
  }

  /**
   * Applies one core effect, idempotently (`ErpConnector.apply`); the outcome says what it did.
   *
   * @example
   * await odoo.apply({ type: 'lockOrder', key: 'o42:1:lock', orderId: '42' });
   */
  apply(effect: Effect): Promise<OdooWriteOutcome> {
    return this.writer.apply(effect);
  }

  /**
   * This connector as an {@link ErpConnector}: the same reads, and `apply` resolving to nothing
   * once the effect is in Odoo (or has nothing to write there, as customer-scoped effects).
   *
   * @example
   * const sync = new SyncService({ og, erp: odoo.asErpConnector(), driver, schema });
   */
  asErpConnector(): ErpConnector {
    return {
      erp: this.erp,
      changedOrders: (checkpoint) => this.changedOrders(checkpoint),
      ordersById: (ids) => this.ordersById(ids),
      creditFacts: (ids) => this.creditFacts(ids),
      apply: async (effect) => {
        await this.apply(effect);
      },
    };
  }

  /**
   * `ErpConnector.changedOrders`: {@link sync} with the connector's `sync` options, its
   * checkpoint kept as the JSON text of an {@link OdooSyncCheckpoint}.
   * @throws {ValidationError} when `checkpoint` is not one this connector wrote.
   *
   * @example
   * for await (const page of odoo.changedOrders(saved)) await save(page.checkpoint);
   */
  async *changedOrders(checkpoint?: string): AsyncGenerator<ErpOrderPage, void, undefined> {
    let start: OdooSyncCheckpoint | undefined;
    if (checkpoint !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(checkpoint);
      } catch {
        json = checkpoint;
      }
      start = parseOrThrow(OdooSyncCheckpoint, json, 'odoo checkpoint');
    }
    for await (const page of this.sync({
      ...this.options.sync,
      ...(start ? { checkpoint: start } : {}),
    })) {
      yield {
        orders: page.orders.map(toChange),
        customers: page.customers,
        rejected: page.rejected.map(toRejected),
        checkpoint: JSON.stringify(page.checkpoint),
      };
    }
  }

  /**
   * `ErpConnector.ordersById`: the orders with these ids, mapped, with their customers.
   * @throws {RangeError} when an id is not an Odoo id.
   *
   * @example
   * const { orders } = await odoo.ordersById(['42']);
   */
  async ordersById(ids: readonly string[]): Promise<Omit<ErpOrderPage, 'checkpoint'>> {
    const read = await this.readOrders(ids.map((id) => odooId(id, 'order id')));
    return {
      orders: read.orders.map(toChange),
      customers: read.customers,
      rejected: read.rejected.map(toRejected),
    };
  }

  /**
   * `ErpConnector.creditFacts`: fresh credit facts of customers (commercial partner ids).
   * @throws {RangeError} when an id is not an Odoo id.
   *
   * @example
   * const [acme] = await odoo.creditFacts(['7']);
   */
  creditFacts(customerIds: readonly string[]): Promise<CustomerInput[]> {
    return this.readCustomers(customerIds.map((id) => odooId(id, 'customer id')));
  }
}
