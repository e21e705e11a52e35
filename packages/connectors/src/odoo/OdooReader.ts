import type { Customer, CustomerInput, Order, OrderInput } from '@ordergate/core';
import { ValidationError } from '@ordergate/core';
import { z } from 'zod';
import { many2one, text, utcDateTime } from './odooValues.js';
import type { OdooClient, OdooRecord } from './OdooClient.js';
import { OdooInvalidResponseError } from './OdooError.js';
import { OdooMapping, type OdooMappingInput } from './OdooMapping.js';
import {
  OdooCurrencyRecord,
  OdooInvoiceRecord,
  OdooOpenOrderRecord,
  OdooPartnerRecord,
  OdooSaleOrderLineRecord,
  OdooSaleOrderRecord,
  OdooTaxRecord,
} from './OdooRecords.js';
import { mapOdooCustomer, type OdooCustomerBundle } from './mapOdooCustomer.js';
import { mapOdooOrder, type OdooOrderBundle } from './mapOdooOrder.js';

/** A mapped order with the Odoo facts core does not model (state, lock, `write_date`). */
export interface OdooOrderRecord {
  order: Order;
  odoo: {
    id: number;
    name: string;
    state: string;
    locked: boolean;
    /** `write_date` with its zone (`…Z`), truncated to seconds as Odoo reads it. */
    writeDate: string;
    invoiceStatus: string;
    clientOrderRef: string;
  };
  /** What the mapping dropped (zero-quantity lines…). */
  warnings: string[];
}

/** An order Odoo sent that does not make a core order: kept out of the page, with why. */
export interface OdooRejectedOrder {
  id: number;
  name: string;
  error: ValidationError;
}

/** Orders of one page with their customers' credit facts. */
export interface OdooReadResult {
  orders: OdooOrderRecord[];
  /** The customers the orders belong to (commercial partners), credit facts included. */
  customers: Customer[];
  rejected: OdooRejectedOrder[];
}

/** Reader settings: the mapping and hooks for customised databases. */
export interface OdooReaderOptions {
  mapping?: OdooMappingInput;
  customizeOrder?: (input: OrderInput, bundle: OdooOrderBundle) => OrderInput;
  customizeCustomer?: (input: CustomerInput, bundle: OdooCustomerBundle) => CustomerInput;
  /** Clock for `Customer.asOf`. */
  now?: () => Date;
}

const ORDER_FIELDS = [
  'name',
  'state',
  'locked',
  'write_date',
  'create_date',
  'date_order',
  'commitment_date',
  'partner_id',
  'partner_invoice_id',
  'partner_shipping_id',
  'currency_id',
  'payment_term_id',
  'user_id',
  'create_uid',
  'client_order_ref',
  'note',
  'invoice_status',
  'amount_total',
];

/** Record schemas without their catchall, compiled once (see {@link parseAll}). */
const checkers = new WeakMap<z.ZodObject, z.ZodObject>();

/**
 * Validates every record of a page and hands back the records themselves. The record schemas
 * transform nothing, so a record that passes is already its parsed value; checking against the
 * schema's shape without `.loose()`'s catchall (extra fields are kept because the record is kept)
 * and not copying each record halves the parse cost of a page.
 */
function parseAll<S extends z.ZodObject>(
  schema: S,
  records: readonly unknown[],
  model: string,
): z.infer<S>[] {
  let check = checkers.get(schema);
  if (!check) {
    check = z.object(schema.shape);
    checkers.set(schema, check);
  }
  for (const r of records) {
    const parsed = check.safeParse(r);
    if (!parsed.success) {
      throw new OdooInvalidResponseError(
        `Odoo sent a ${model} record the connector cannot read: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
        { model },
      );
    }
  }
  return records as z.infer<S>[];
}

/** Items by key, in their order (one pass instead of a filter per key). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => number | undefined): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const unique = (values: Iterable<number | undefined>) => [
  ...new Set([...values].filter((v): v is number => typeof v === 'number')),
];

/**
 * Reads orders and their customers' credit facts in batches — per page, one call per model,
 * never one per order — and maps them into core types. Partners, currencies, taxes and customers
 * already read are cached for the reader's lifetime (one sync run).
 *
 * @example
 * const reader = new OdooReader(odoo, { mapping: { grade: { source: 'tag', tags: { 'Grade A': 'A' } } } });
 * const { orders, customers } = await reader.readOrders([42, 43]);
 */
export class OdooReader {
  readonly mapping: OdooMapping;
  private readonly partners = new Map<number, OdooPartnerRecord>();
  private readonly customers = new Map<number, Customer>();
  private currencies: Map<number, OdooCurrencyRecord> | undefined;
  private readonly taxes = new Map<number, OdooTaxRecord>();
  private tagNames: Map<number, string> | undefined;

  constructor(
    private readonly client: OdooClient,
    private readonly options: OdooReaderOptions = {},
  ) {
    this.mapping = OdooMapping.parse(options.mapping ?? {});
  }

  /** Fields read on the order model (standard ones plus configured extras). */
  orderFields(): string[] {
    const m = this.mapping;
    return [
      ...ORDER_FIELDS,
      ...m.extraFields.order,
      ...(m.orderTypeField ? [m.orderTypeField] : []),
    ];
  }

  /** Fields read on order lines (they were renamed in Odoo 19). */
  lineFields(): string[] {
    const v19 = this.client.server.major >= 19;
    return [
      'order_id',
      'display_type',
      'product_id',
      'name',
      'product_uom_qty',
      'price_unit',
      'discount',
      v19 ? 'product_uom_id' : 'product_uom',
      v19 ? 'tax_ids' : 'tax_id',
      ...(this.mapping.readStock ? ['free_qty_today'] : []),
      ...this.mapping.extraFields.line,
    ];
  }

  /** Fields read on open customer invoices (CR-4 receivables, CR-7 ageing). */
  invoiceFields(): string[] {
    return [
      'name',
      'commercial_partner_id',
      'currency_id',
      'amount_residual',
      'invoice_date_due',
      'invoice_date',
    ];
  }

  /** Fields read on confirmed, not fully invoiced orders (CR-4 exposure). */
  openOrderFields(): string[] {
    return ['name', 'partner_id', 'currency_id', 'amount_total', 'amount_invoiced'];
  }

  /** Fields read on partners (customers and contacts). */
  partnerFields(): string[] {
    const m = this.mapping;
    return [
      'name',
      'commercial_partner_id',
      'email',
      'phone',
      ...(this.client.server.major < 19 ? ['mobile'] : []),
      'street',
      'street2',
      'city',
      'zip',
      'country_code',
      'vat',
      'credit_limit',
      'currency_id',
      'category_id',
      'property_payment_term_id',
      ...(m.grade.source === 'field' ? [m.grade.field] : []),
      ...[m.evaluatedAtField, m.guaranteeField, m.incidentField].filter((f): f is string => !!f),
      ...m.extraFields.partner,
    ];
  }

  /**
   * Reads orders by id (with lines, partners and credit facts).
   *
   * @example
   * const { orders } = await reader.readOrders([42]);
   */
  async readOrders(ids: readonly number[]): Promise<OdooReadResult> {
    const raw = await this.client.read(this.mapping.models.order, ids, this.orderFields());
    return this.readPage(raw);
  }

  /**
   * Maps a page of raw order records (as read with `orderFields()`): one call each for lines,
   * new partners, new taxes, and the open invoices and open orders of new customers.
   *
   * @example
   * const rows = await odoo.searchRead('sale.order', { domain, fields: reader.orderFields(), limit: 200 });
   * const page = await reader.readPage(rows);
   */
  async readPage(rawOrders: readonly OdooRecord[]): Promise<OdooReadResult> {
    const { models } = this.mapping;
    const orders = parseAll(OdooSaleOrderRecord, rawOrders, models.order);
    if (orders.length === 0) return { orders: [], customers: [], rejected: [] };
    // The customers' credit facts only need the partners: read them while the lines come.
    const customersRead = Promise.all([
      this.loadPartners(
        orders.flatMap((o) =>
          [o.partner_id, o.partner_invoice_id, o.partner_shipping_id].map((p) => many2one(p)?.id),
        ),
      ),
      this.loadCurrencies(),
    ]).then(() =>
      this.readCustomers(unique(orders.map((o) => this.commercialOf(many2one(o.partner_id)?.id)))),
    );
    const linesRead = this.client
      .searchRead(models.line, {
        domain: [['order_id', 'in', orders.map((o) => o.id)]],
        fields: this.lineFields(),
        order: 'order_id, sequence, id',
      })
      .then(async (rawLines) => {
        const lines = parseAll(OdooSaleOrderLineRecord, rawLines, models.line);
        await this.loadTaxes(lines.flatMap((l) => l.tax_ids ?? l.tax_id ?? []));
        return lines;
      });
    const [lines, customers] = await Promise.all([linesRead, customersRead]);
    const byOrder = groupBy(lines, (line) => many2one(line.order_id)?.id);
    const timeZone = this.mapping.timeZone ?? this.client.config.context.tz ?? 'UTC';
    const result: OdooReadResult = { orders: [], customers, rejected: [] };
    for (const order of orders) {
      try {
        const mapped = mapOdooOrder(
          {
            order,
            lines: byOrder.get(order.id) ?? [],
            partners: this.partners,
            currencies: this.currencies ?? new Map(),
            taxes: this.taxes,
          },
          {
            mapping: this.mapping,
            timeZone,
            ...(this.options.customizeOrder ? { customize: this.options.customizeOrder } : {}),
          },
        );
        result.orders.push({
          order: mapped.order,
          odoo: {
            id: order.id,
            name: text(order.name),
            state: order.state,
            locked: order.locked === true,
            writeDate: utcDateTime(order.write_date) ?? '',
            invoiceStatus: text(order.invoice_status),
            clientOrderRef: text(order.client_order_ref),
          },
          warnings: mapped.warnings,
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        result.rejected.push({ id: order.id, name: text(order.name), error });
      }
    }
    return result;
  }

  /**
   * Credit facts of commercial partners: the partner, its open invoices (CR-7) and its
   * confirmed-uninvoiced orders (CR-4), three calls for any number of customers.
   *
   * @example
   * const [acme] = await reader.readCustomers([7]);
   */
  async readCustomers(partnerIds: readonly number[]): Promise<Customer[]> {
    const wanted = unique(partnerIds);
    const missing = wanted.filter((id) => !this.customers.has(id));
    if (missing.length > 0) {
      const { models, openOrderStates } = this.mapping;
      const [rawInvoices, rawOpen] = await Promise.all([
        this.client.searchRead(models.invoice, {
          domain: [
            ['move_type', '=', 'out_invoice'],
            ['state', '=', 'posted'],
            ['amount_residual', '>', 0],
            ['commercial_partner_id', 'in', missing],
          ],
          fields: this.invoiceFields(),
          order: 'invoice_date_due, id',
        }),
        this.client.searchRead(models.order, {
          domain: [
            ['state', 'in', openOrderStates],
            ['invoice_status', '!=', 'invoiced'],
            ['partner_id.commercial_partner_id', 'in', missing],
          ],
          fields: this.openOrderFields(),
          order: 'id',
        }),
        this.loadPartners(missing),
        this.loadCurrencies(),
        this.loadTagNames(),
      ]);
      const invoices = parseAll(OdooInvoiceRecord, rawInvoices, models.invoice);
      const open = parseAll(OdooOpenOrderRecord, rawOpen, models.order);
      await this.loadPartners(open.map((o) => many2one(o.partner_id)?.id));
      const asOf = (this.options.now?.() ?? new Date()).toISOString();
      const invoicesOf = groupBy(invoices, (i) => many2one(i.commercial_partner_id)?.id);
      const openOf = groupBy(open, (o) => this.commercialOf(many2one(o.partner_id)?.id));
      for (const id of missing) {
        const partner = this.partners.get(id);
        if (!partner) continue;
        this.customers.set(
          id,
          mapOdooCustomer(
            {
              partner,
              invoices: invoicesOf.get(id) ?? [],
              openOrders: openOf.get(id) ?? [],
              currencies: this.currencies ?? new Map(),
              tagNames: this.tagNames ?? new Map(),
              asOf,
            },
            {
              mapping: this.mapping,
              ...(this.options.customizeCustomer
                ? { customize: this.options.customizeCustomer }
                : {}),
            },
          ),
        );
      }
    }
    return wanted.map((id) => this.customers.get(id)).filter((c): c is Customer => c !== undefined);
  }

  /** Forgets cached customers (their credit facts change; partners and currencies stay). */
  forgetCustomers(): void {
    this.customers.clear();
  }

  private commercialOf(partnerId: number | undefined): number | undefined {
    if (partnerId === undefined) return undefined;
    return many2one(this.partners.get(partnerId)?.commercial_partner_id)?.id ?? partnerId;
  }

  private async loadPartners(ids: Iterable<number | undefined>): Promise<void> {
    const missing = unique(ids).filter((id) => !this.partners.has(id));
    if (missing.length === 0) return;
    const model = this.mapping.models.partner;
    // One call brings the contacts and the companies above them (commercial partners).
    const raw = await this.client.searchRead(model, {
      domain: ['|', ['id', 'in', missing], ['child_ids', 'in', missing]],
      fields: this.partnerFields(),
      context: { active_test: false },
    });
    for (const p of parseAll(OdooPartnerRecord, raw, model)) this.partners.set(p.id, p);
    const above = unique(
      missing.map((id) => many2one(this.partners.get(id)?.commercial_partner_id)?.id),
    ).filter((id) => !this.partners.has(id));
    if (above.length > 0) {
      const more = await this.client.read(model, above, this.partnerFields());
      for (const p of parseAll(OdooPartnerRecord, more, model)) this.partners.set(p.id, p);
    }
  }

  private async loadCurrencies(): Promise<void> {
    if (this.currencies) return;
    const raw = await this.client.searchRead('res.currency', {
      domain: [['active', 'in', [true, false]]],
      fields: ['name', 'decimal_places', 'rounding'],
    });
    this.currencies = new Map(
      parseAll(OdooCurrencyRecord, raw, 'res.currency').map((c) => [c.id, c]),
    );
  }

  private async loadTaxes(ids: Iterable<number>): Promise<void> {
    const missing = unique(ids).filter((id) => !this.taxes.has(id));
    if (missing.length === 0) return;
    const raw = await this.client.read('account.tax', missing, ['amount', 'amount_type']);
    for (const t of parseAll(OdooTaxRecord, raw, 'account.tax')) this.taxes.set(t.id, t);
  }

  private async loadTagNames(): Promise<void> {
    if (this.tagNames || this.mapping.grade.source !== 'tag') return;
    const raw = await this.client.searchRead('res.partner.category', {
      domain: [['name', 'in', Object.keys(this.mapping.grade.tags)]],
      fields: ['name'],
    });
    this.tagNames = new Map(raw.map((r) => [r.id, text(r.name)]));
  }
}
