import type { PGlite, Transaction } from '@electric-sql/pglite';
import { z } from 'zod';
import { ERP_TIME_ZONE, ORDER_STATES, type OrderState } from './db.js';

/** A refusal of the sample ERP: an HTTP status, a code and a message for people. */
export class ErpError extends Error {
  override readonly name = 'ErpError';
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One order line as the API answers it (amounts and quantities as decimal strings). */
export interface ApiLine {
  id: number;
  sequence: number;
  product_id: number | null;
  product_code: string | null;
  name: string;
  specification: string;
  qty: string;
  uom: string;
  price_unit: string;
  list_price: string | null;
  discount: string;
  tax_rate: string;
  special: boolean;
  custom_made: boolean;
  price_subtotal: string;
}

/** One order as the API answers it, lines embedded. */
export interface ApiOrder {
  id: number;
  name: string;
  state: OrderState;
  customer_id: number;
  customer_name: string;
  client_ref: string;
  currency: string;
  payment_terms: string;
  requested_date: string | null;
  channel: 'written' | 'verbal';
  salesperson: string;
  contact: { name: string; phone: string; email: string };
  ship_to: { street: string; city: string; zip: string; country: string };
  invoice_title: string;
  tax_id: string;
  technical_complexity: boolean;
  urgent: boolean;
  invoiced: boolean;
  locked: boolean;
  cancel_requested: string | null;
  note: string;
  /** Entry time, naive local time of `ERP_TIME_ZONE` (`2026-03-02 09:15:00`). */
  date_order: string;
  /** Last change, ISO instant in UTC with milliseconds. */
  write_date: string;
  amount_untaxed: string;
  amount_tax: string;
  amount_total: string;
  lines: ApiLine[];
}

/** A customer as the API answers it; the credit grade is a tag (`grade:B`). */
export interface ApiCustomer {
  id: number;
  code: string;
  name: string;
  currency: string;
  credit_limit: string | null;
  tags: string[];
  payment_term: string;
  credit_evaluated_on: string | null;
  note: string;
  write_date: string;
}

/** An invoice as the API answers it (`amount_residual` is what is still owed). */
export interface ApiInvoice {
  id: number;
  name: string;
  customer_id: number;
  currency: string;
  amount_total: string;
  amount_residual: string;
  date_invoice: string;
  date_due: string;
  state: 'open' | 'paid';
}

/** A product of the catalogue. */
export interface ApiProduct {
  id: number;
  code: string;
  name: string;
  specification: string;
  list_price: string;
  tax_rate: string;
  special: boolean;
  custom_made: boolean;
}

/** A note on an order or a customer (write-back of ordergate's messages). */
export interface ApiNote {
  id: number;
  author: string;
  body: string;
  created: string;
}

const Decimal = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number'),
  ])
  .transform(String);
const Text = (max: number) => z.string().trim().max(max);

/** An order line as entered (API or page); a line with an `id` edits that line. */
export const LineDraft = z.strictObject({
  id: z.number().int().positive().optional(),
  product_id: z.number().int().positive().nullable().optional(),
  name: Text(200).optional(),
  specification: Text(200).optional(),
  qty: Decimal,
  /** Default: the product's list price. */
  price_unit: Decimal.optional(),
  discount: Decimal.default('0'),
});
export type LineDraft = z.input<typeof LineDraft>;

/** An order as entered; on an edit every field is optional and `lines`, when given, is the whole set. */
export const OrderDraft = z.strictObject({
  customer_id: z.number().int().positive(),
  state: z.enum(ORDER_STATES).default('draft'),
  client_ref: Text(64).default(''),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a currency code')
    .default('CNY'),
  payment_terms: Text(32).default(''),
  requested_date: z.iso.date().nullable().default(null),
  channel: z.enum(['written', 'verbal']).default('written'),
  salesperson: Text(64).min(1),
  contact: z
    .strictObject({ name: Text(120), phone: Text(64), email: Text(120) })
    .partial()
    .default({}),
  ship_to: z
    .strictObject({ street: Text(200), city: Text(120), zip: Text(20), country: Text(2) })
    .partial()
    .default({}),
  invoice_title: Text(200).default(''),
  tax_id: Text(40).default(''),
  technical_complexity: z.boolean().default(false),
  urgent: z.boolean().default(false),
  invoiced: z.boolean().default(false),
  note: Text(2000).default(''),
  lines: z.array(LineDraft).max(200).default([]),
});
export type OrderDraft = z.input<typeof OrderDraft>;
/** What an edit may change: any field of `OrderDraft`. */
export const OrderPatch = OrderDraft.partial();
export type OrderPatch = z.input<typeof OrderPatch>;

/** Query of `GET /api/orders`. */
export interface OrderQuery {
  modifiedSince?: Date;
  /** Orders of these customers only (one or many). */
  customerIds?: readonly number[];
  states?: readonly string[];
  invoiced?: boolean;
  page: number;
  perPage: number;
}

type Db = PGlite | Transaction;
type Row = Record<string, unknown>;

const ORDER_COLUMNS = `o.*, c.name as customer_name,
  to_char(o.date_order at time zone '${ERP_TIME_ZONE}', 'YYYY-MM-DD HH24:MI:SS') as date_order_local,
  to_char(o.write_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as write_date_iso,
  to_char(o.requested_date, 'YYYY-MM-DD') as requested`;

/**
 * The sample ERP's data access: what the REST API and the order entry page read and write.
 * Every change of an order moves its `write_date` (which `modified_since` filters on); a call
 * that changes nothing (the same lock again, a note with a key already used) moves nothing.
 *
 * @example
 * const erp = new ErpStore(await openErpDatabase());
 * const { rows } = await erp.listOrders({ modifiedSince: new Date('2026-03-01T00:00:00Z'), page: 1, perPage: 100 });
 */
export class ErpStore {
  constructor(readonly db: PGlite) {}

  /** Orders by last change (oldest first, then id), filtered, one page, with the total count. */
  async listOrders(q: OrderQuery): Promise<{ rows: ApiOrder[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${String(args.length)}`;
    };
    if (q.modifiedSince) where.push(`o.write_date >= ${arg(q.modifiedSince.toISOString())}`);
    if (q.customerIds !== undefined)
      where.push(`o.customer_id = any(${arg(q.customerIds)}::int[])`);
    if (q.states && q.states.length > 0) where.push(`o.state = any(${arg(q.states)}::text[])`);
    if (q.invoiced !== undefined) where.push(`o.invoiced = ${arg(q.invoiced)}`);
    const filter = where.length ? `where ${where.join(' and ')}` : '';
    const count = args.length;
    // the page by the (write_date, id) index; the total apart (a window count would sort every match)
    const sql = `select ${ORDER_COLUMNS}
      from orders o join customers c on c.id = o.customer_id ${filter}
      order by o.write_date, o.id limit ${arg(q.perPage)} offset ${arg((q.page - 1) * q.perPage)}`;
    const { rows } = await this.db.query<Row>(sql, args);
    const { rows: n } = await this.db.query<{ n: number }>(
      `select count(*)::int as n from orders o ${filter}`,
      args.slice(0, count),
    );
    return { rows: await this.withLines(this.db, rows), total: n[0]!.n };
  }

  /** One order, or undefined. */
  async order(id: number, db: Db = this.db): Promise<ApiOrder | undefined> {
    const { rows } = await db.query<Row>(
      `select ${ORDER_COLUMNS} from orders o join customers c on c.id = o.customer_id where o.id = $1`,
      [id],
    );
    if (rows.length === 0) return undefined;
    return (await this.withLines(db, rows))[0];
  }

  private async mustOrder(id: number, db: Db = this.db): Promise<ApiOrder> {
    const o = await this.order(id, db);
    if (!o) throw new ErpError(404, 'NOT_FOUND', `no order ${String(id)}`);
    return o;
  }

  private async withLines(db: Db, rows: Row[]): Promise<ApiOrder[]> {
    if (rows.length === 0) return [];
    const { rows: lines } = await db.query<Row>(
      `select l.*, p.code as product_code, p.list_price, coalesce(p.special, false) as special,
         coalesce(p.custom_made, false) as custom_made
       from order_lines l left join products p on p.id = l.product_id
       where l.order_id = any($1::int[]) order by l.order_id, l.seq, l.id`,
      [rows.map((r) => r.id)],
    );
    const byOrder = new Map<number, Row[]>();
    for (const l of lines) {
      const list = byOrder.get(l.order_id as number) ?? [];
      list.push(l);
      byOrder.set(l.order_id as number, list);
    }
    return rows.map((r) => toApiOrder(r, byOrder.get(r.id as number) ?? []));
  }

  /**
   * Enters a new order; its name is the next `SO-<year>-<number>`.
   *
   * @example
   * await erp.createOrder({ customer_id: 1, salesperson: 'u-li', lines: [{ product_id: 1, qty: 10 }] });
   */
  async createOrder(input: OrderDraft): Promise<ApiOrder> {
    const draft = OrderDraft.parse(input);
    return this.db.transaction(async (tx) => {
      await this.mustCustomer(tx, draft.customer_id);
      const { rows } = await tx.query<{ id: number }>(
        `insert into orders (name, state, customer_id, client_ref, currency, payment_terms,
           requested_date, channel, salesperson, contact_name, contact_phone, contact_email,
           ship_street, ship_city, ship_zip, ship_country, invoice_title, tax_id,
           technical_complexity, urgent, invoiced, note)
         values ('SO-' || to_char(now() at time zone '${ERP_TIME_ZONE}', 'YYYY') || '-' ||
           lpad((coalesce((select max(id) from orders), 0) + 1)::text, 4, '0'),
           $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
         returning id`,
        headerValues(draft),
      );
      const id = rows[0]!.id;
      await this.writeLines(tx, id, draft.lines);
      return this.mustOrder(id, tx);
    });
  }

  /**
   * Edits an order: the fields given replace the stored ones; `lines`, when given, is the new
   * set (a line with an `id` is kept and edited, the others are added, the missing removed).
   * A locked order refuses (409 `LOCKED`); an edit that changes nothing moves nothing.
   *
   * @example
   * await erp.updateOrder(3, { payment_terms: 'NET60' });
   */
  async updateOrder(id: number, input: OrderPatch): Promise<ApiOrder> {
    const patch = OrderPatch.parse(input);
    return this.db.transaction(async (tx) => {
      const before = await this.mustOrder(id, tx);
      if (before.locked) {
        throw new ErpError(
          409,
          'LOCKED',
          `order ${before.name} is locked by ordergate; ask for a change there`,
        );
      }
      const current = draftOf(before);
      const next = OrderDraft.parse({ ...current, ...patch, lines: patch.lines ?? current.lines });
      if (patch.customer_id !== undefined) await this.mustCustomer(tx, next.customer_id);
      await tx.query(
        `update orders set state = $1, customer_id = $2, client_ref = $3, currency = $4,
           payment_terms = $5, requested_date = $6, channel = $7, salesperson = $8,
           contact_name = $9, contact_phone = $10, contact_email = $11, ship_street = $12,
           ship_city = $13, ship_zip = $14, ship_country = $15, invoice_title = $16, tax_id = $17,
           technical_complexity = $18, urgent = $19, invoiced = $20, note = $21
         where id = $22`,
        [...headerValues(next), id],
      );
      if (patch.lines) await this.writeLines(tx, id, next.lines, before.lines);
      const after = await this.mustOrder(id, tx);
      if (
        JSON.stringify({ ...after, write_date: '' }) ===
        JSON.stringify({ ...before, write_date: '' })
      )
        return before;
      await tx.query('update orders set write_date = clock_timestamp() where id = $1', [id]);
      return this.mustOrder(id, tx);
    });
  }

  private async writeLines(
    tx: Transaction,
    orderId: number,
    lines: z.infer<typeof LineDraft>[],
    before: readonly ApiLine[] = [],
  ): Promise<void> {
    const keep = new Set<number>();
    for (const [i, line] of lines.entries()) {
      let product: ApiProduct | undefined;
      if (line.product_id != null) {
        product = await this.product(tx, line.product_id);
        if (!product)
          throw new ErpError(
            400,
            'INVALID_INPUT',
            `lines.${String(i)}.product_id: no product ${String(line.product_id)}`,
          );
      }
      const name = line.name || product?.name || '';
      if (!name)
        throw new ErpError(
          400,
          'INVALID_INPUT',
          `lines.${String(i)}: a product or a name is required`,
        );
      const values = [
        i + 1,
        line.product_id ?? null,
        name,
        line.specification ?? product?.specification ?? '',
        line.qty,
        line.price_unit ?? product?.list_price ?? '0',
        line.discount,
        product?.tax_rate ?? '13',
      ];
      if (line.id !== undefined) {
        if (!before.some((b) => b.id === line.id))
          throw new ErpError(
            400,
            'INVALID_INPUT',
            `lines.${String(i)}.id: no line ${String(line.id)} on this order`,
          );
        keep.add(line.id);
        await tx.query(
          `update order_lines set seq = $1, product_id = $2, name = $3, specification = $4, qty = $5,
             price_unit = $6, discount = $7, tax_rate = $8 where id = $9`,
          [...values, line.id],
        );
      } else {
        const { rows } = await tx.query<{ id: number }>(
          `insert into order_lines (seq, product_id, name, specification, qty, price_unit, discount, tax_rate, order_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
          [...values, orderId],
        );
        keep.add(rows[0]!.id);
      }
    }
    const gone = before.filter((b) => !keep.has(b.id)).map((b) => b.id);
    if (gone.length > 0)
      await tx.query('delete from order_lines where id = any($1::int[])', [gone]);
  }

  /** Locks or unlocks an order (ordergate's write-back); the same value again changes nothing. */
  async setLock(id: number, locked: boolean): Promise<ApiOrder> {
    await this.mustOrder(id);
    await this.db.query(
      'update orders set locked = $1, write_date = clock_timestamp() where id = $2 and locked <> $1',
      [locked, id],
    );
    return this.mustOrder(id);
  }

  /** Records ordergate's request to cancel an order; the same request again changes nothing. */
  async requestCancel(id: number, reason: string): Promise<ApiOrder> {
    const o = await this.mustOrder(id);
    if (o.state === 'done')
      throw new ErpError(409, 'DONE', `order ${o.name} is delivered; it cannot be cancelled`);
    await this.db.query(
      `update orders set cancel_requested = $1, write_date = clock_timestamp()
       where id = $2 and cancel_requested is distinct from $1`,
      [reason, id],
    );
    return this.mustOrder(id);
  }

  /** Adds a note to an order; a note whose key was used before is not added again. */
  async addOrderNote(
    id: number,
    note: { author: string; body: string; key?: string },
  ): Promise<{ note: ApiNote; created: boolean }> {
    await this.mustOrder(id);
    return this.addNote('order_notes', 'order_id', id, note);
  }

  /** Adds a note to a customer; a note whose key was used before is not added again. */
  async addCustomerNote(
    id: number,
    note: { author: string; body: string; key?: string },
  ): Promise<{ note: ApiNote; created: boolean }> {
    await this.mustCustomer(this.db, id);
    return this.addNote('customer_notes', 'customer_id', id, note);
  }

  private async addNote(
    table: 'order_notes' | 'customer_notes',
    column: 'order_id' | 'customer_id',
    id: number,
    note: { author: string; body: string; key?: string },
  ): Promise<{ note: ApiNote; created: boolean }> {
    const cols = `id, author, body, to_char(created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created`;
    const { rows } = await this.db.query<ApiNote & { owner: number }>(
      `insert into ${table} (${column}, author, body, idempotency_key) values ($1, $2, $3, $4)
       on conflict (idempotency_key) do nothing returning ${cols}`,
      [id, note.author, note.body, note.key ?? null],
    );
    if (rows[0]) return { note: rows[0], created: true };
    const { rows: old } = await this.db.query<ApiNote & { owner: number }>(
      `select ${cols}, ${column} as owner from ${table} where idempotency_key = $1`,
      [note.key],
    );
    if (old[0]!.owner !== id)
      throw new ErpError(409, 'KEY_REUSED', 'this Idempotency-Key was used for another record');
    const { owner: _owner, ...kept } = old[0]!;
    return { note: kept, created: false };
  }

  /** The notes of an order, oldest first. */
  async orderNotes(id: number): Promise<ApiNote[]> {
    await this.mustOrder(id);
    return this.notes('order_notes', 'order_id', id);
  }

  /** The notes of a customer, oldest first. */
  async customerNotes(id: number): Promise<ApiNote[]> {
    await this.mustCustomer(this.db, id);
    return this.notes('customer_notes', 'customer_id', id);
  }

  private async notes(table: string, column: string, id: number): Promise<ApiNote[]> {
    const { rows } = await this.db.query<ApiNote>(
      `select id, author, body, to_char(created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created
       from ${table} where ${column} = $1 order by id`,
      [id],
    );
    return rows;
  }

  /** Customers by id, one page; `ids` keeps those customers only (unknown ids are left out). */
  async listCustomers(
    page: number,
    perPage: number,
    ids?: readonly number[],
  ): Promise<{ rows: ApiCustomer[]; total: number }> {
    const { rows } = await this.db.query<Row>(
      `select ${CUSTOMER_COLUMNS}, count(*) over () as total from customers
       where ($3::int[] is null or id = any($3::int[])) order by id limit $1 offset $2`,
      [perPage, (page - 1) * perPage, ids ?? null],
    );
    const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    return { rows: rows.map(toApiCustomer), total };
  }

  /** One customer, or undefined. */
  async customer(id: number, db: Db = this.db): Promise<ApiCustomer | undefined> {
    const { rows } = await db.query<Row>(
      `select ${CUSTOMER_COLUMNS} from customers where id = $1`,
      [id],
    );
    return rows[0] ? toApiCustomer(rows[0]) : undefined;
  }

  private async mustCustomer(db: Db, id: number): Promise<ApiCustomer> {
    const c = await this.customer(id, db);
    if (!c) throw new ErpError(404, 'NOT_FOUND', `no customer ${String(id)}`);
    return c;
  }

  /**
   * Sets a customer's credit terms (ordergate's CR-3 write-back): the grade tag and the limit.
   * An empty or absent value leaves that fact as it is; the same values again change nothing.
   *
   * @example
   * await erp.setCredit(2, { grade: 'A', credit_limit: '800000.00' });
   */
  async setCredit(
    id: number,
    input: { grade?: string; credit_limit?: string | number },
  ): Promise<ApiCustomer> {
    const c = await this.mustCustomer(this.db, id);
    const grade = input.grade?.trim() ?? '';
    if (grade && !/^[A-D]$/.test(grade))
      throw new ErpError(400, 'INVALID_INPUT', 'grade: must be A, B, C or D');
    const limit =
      input.credit_limit === undefined || input.credit_limit === ''
        ? ''
        : String(input.credit_limit);
    if (limit && !/^\d+(\.\d{1,2})?$/.test(limit))
      throw new ErpError(
        400,
        'INVALID_INPUT',
        'credit_limit: must be a decimal amount (e.g. "500000.00")',
      );
    const tags = grade
      ? [...c.tags.filter((t) => !t.startsWith('grade:')), `grade:${grade}`]
      : c.tags;
    await this.db.query(
      `update customers set tags = $1, credit_limit = coalesce($2::numeric, credit_limit),
         write_date = clock_timestamp()
       where id = $3 and (tags is distinct from $1 or ($2::numeric is not null and credit_limit is distinct from $2::numeric))`,
      [tags, limit || null, id],
    );
    return this.mustCustomer(this.db, id);
  }

  /** Invoices, filtered by customer and state, one page. */
  async listInvoices(q: {
    /** Invoices of these customers only (one or many). */
    customerIds?: readonly number[];
    state?: string;
    page: number;
    perPage: number;
  }): Promise<{ rows: ApiInvoice[]; total: number }> {
    const { rows } = await this.db.query<Row>(
      `select id, name, customer_id, currency, amount_total, amount_residual,
         to_char(date_invoice, 'YYYY-MM-DD') as date_invoice, to_char(date_due, 'YYYY-MM-DD') as date_due,
         state, count(*) over () as total
       from invoices where ($1::int[] is null or customer_id = any($1::int[])) and ($2::text is null or state = $2)
       order by id limit $3 offset $4`,
      [q.customerIds ?? null, q.state ?? null, q.perPage, (q.page - 1) * q.perPage],
    );
    const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    return {
      rows: rows.map(({ total: _t, ...r }) => r as unknown as ApiInvoice),
      total,
    };
  }

  /** The product catalogue. */
  async products(): Promise<ApiProduct[]> {
    const { rows } = await this.db.query<ApiProduct>('select * from products order by id');
    return rows;
  }

  private async product(db: Db, id: number): Promise<ApiProduct | undefined> {
    const { rows } = await db.query<ApiProduct>('select * from products where id = $1', [id]);
    return rows[0];
  }
}

const CUSTOMER_COLUMNS = `id, code, name, currency, credit_limit, tags, payment_term,
  to_char(credit_evaluated_on, 'YYYY-MM-DD') as credit_evaluated_on, note,
  to_char(write_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as write_date`;

function toApiCustomer(r: Row): ApiCustomer {
  const { total: _t, ...rest } = r;
  return rest as unknown as ApiCustomer;
}

function headerValues(d: z.infer<typeof OrderDraft>): unknown[] {
  return [
    d.state,
    d.customer_id,
    d.client_ref,
    d.currency,
    d.payment_terms,
    d.requested_date,
    d.channel,
    d.salesperson,
    d.contact.name ?? '',
    d.contact.phone ?? '',
    d.contact.email ?? '',
    d.ship_to.street ?? '',
    d.ship_to.city ?? '',
    d.ship_to.zip ?? '',
    d.ship_to.country ?? '',
    d.invoice_title,
    d.tax_id,
    d.technical_complexity,
    d.urgent,
    d.invoiced,
    d.note,
  ];
}

/** The draft an order was entered as (the edit form and `updateOrder` start from it). */
export function draftOf(o: ApiOrder): z.input<typeof OrderDraft> {
  return {
    customer_id: o.customer_id,
    state: o.state,
    client_ref: o.client_ref,
    currency: o.currency,
    payment_terms: o.payment_terms,
    requested_date: o.requested_date,
    channel: o.channel,
    salesperson: o.salesperson,
    contact: o.contact,
    ship_to: o.ship_to,
    invoice_title: o.invoice_title,
    tax_id: o.tax_id,
    technical_complexity: o.technical_complexity,
    urgent: o.urgent,
    invoiced: o.invoiced,
    note: o.note,
    lines: o.lines.map((l) => ({
      id: l.id,
      product_id: l.product_id,
      name: l.name,
      specification: l.specification,
      qty: l.qty,
      price_unit: l.price_unit,
      discount: l.discount,
    })),
  };
}

/** "12500.00" → 1250000 (two decimals). */
function cents(decimal: string): number {
  const [whole = '0', frac = ''] = decimal.replace('-', '').split('.');
  const v = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return decimal.startsWith('-') ? -v : v;
}

function money(c: number): string {
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(Math.round(c));
  return `${sign}${String(Math.floor(a / 100))}.${String(a % 100).padStart(2, '0')}`;
}

function toApiOrder(r: Row, lineRows: Row[]): ApiOrder {
  let untaxed = 0;
  let tax = 0;
  const lines = lineRows.map((l): ApiLine => {
    const subtotal = Math.round(
      (Number(l.qty) * cents(String(l.price_unit)) * (10_000 - cents(String(l.discount)))) / 10_000,
    );
    untaxed += subtotal;
    tax += Math.round((subtotal * cents(String(l.tax_rate))) / 10_000);
    return {
      id: l.id as number,
      sequence: l.seq as number,
      product_id: (l.product_id as number | null) ?? null,
      product_code: (l.product_code as string | null) ?? null,
      name: l.name as string,
      specification: l.specification as string,
      qty: l.qty as string,
      uom: 'pcs',
      price_unit: l.price_unit as string,
      list_price: (l.list_price as string | null) ?? null,
      discount: l.discount as string,
      tax_rate: l.tax_rate as string,
      special: l.special as boolean,
      custom_made: l.custom_made as boolean,
      price_subtotal: money(subtotal),
    };
  });
  return {
    id: r.id as number,
    name: r.name as string,
    state: r.state as OrderState,
    customer_id: r.customer_id as number,
    customer_name: r.customer_name as string,
    client_ref: r.client_ref as string,
    currency: r.currency as string,
    payment_terms: r.payment_terms as string,
    requested_date: (r.requested as string | null) ?? null,
    channel: r.channel as 'written' | 'verbal',
    salesperson: r.salesperson as string,
    contact: {
      name: r.contact_name as string,
      phone: r.contact_phone as string,
      email: r.contact_email as string,
    },
    ship_to: {
      street: r.ship_street as string,
      city: r.ship_city as string,
      zip: r.ship_zip as string,
      country: r.ship_country as string,
    },
    invoice_title: r.invoice_title as string,
    tax_id: r.tax_id as string,
    technical_complexity: r.technical_complexity as boolean,
    urgent: r.urgent as boolean,
    invoiced: r.invoiced as boolean,
    locked: r.locked as boolean,
    cancel_requested: (r.cancel_requested as string | null) ?? null,
    note: r.note as string,
    date_order: r.date_order_local as string,
    write_date: r.write_date_iso as string,
    amount_untaxed: money(untaxed),
    amount_tax: money(tax),
    amount_total: money(untaxed + tax),
    lines,
  };
}
