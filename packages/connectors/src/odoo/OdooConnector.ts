import type { Customer, Effect } from '@ordergate/core';
import { OdooClient, type OdooCallStats, type OdooClientOptions } from './OdooClient.js';
import type { OdooConfigInput } from './OdooConfig.js';
import { OdooReader, type OdooReadResult, type OdooReaderOptions } from './OdooReader.js';
import {
  OdooWriteBack,
  type OdooWriteBackOptions,
  type OdooWriteOutcome,
} from './OdooWriteBack.js';
import { syncOrders, type OdooSyncPage, type SyncOrdersOptions } from './syncOrders.js';

/** Everything the connector needs besides the connection: mapping, write-back, hooks. */
export interface OdooConnectorOptions extends OdooClientOptions {
  read?: OdooReaderOptions;
  writeBack?: OdooWriteBackOptions;
}

/**
 * The Odoo connector: reads orders and credit facts into core types, syncs by `write_date`, and
 * writes core effects back — a client, a reader and a writer behind one object.
 *
 * @example
 * const odoo = await OdooConnector.connect(odooConfigFromEnv(process.env), { writeBack: { policy } });
 * for await (const page of odoo.sync({ domain: [['state', 'in', ['draft', 'sent']]] })) {
 *   console.log(page.progress.delivered, 'orders');
 * }
 */
export class OdooConnector {
  readonly reader: OdooReader;
  readonly writer: OdooWriteBack;

  private constructor(
    readonly client: OdooClient,
    private readonly options: OdooConnectorOptions,
  ) {
    this.reader = new OdooReader(client, options.read);
    this.writer = new OdooWriteBack(client, options.writeBack);
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
    const { read: _read, writeBack: _wb, ...clientOptions } = options;
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
   * Applies one core effect, idempotently.
   *
   * @example
   * await odoo.apply({ type: 'lockOrder', key: 'o42:1:lock', orderId: '42' });
   */
  apply(effect: Effect): Promise<OdooWriteOutcome> {
    return this.writer.apply(effect);
  }
}
