import { z } from 'zod';

/*
 * Odoo's value kinds as single checks rather than zod unions: a union tries each member in turn
 * and builds a tuple per many2one, which made record parsing the largest CPU cost of a sync. The
 * checks accept exactly what the unions did and still report the field's path.
 */
const isEmpty = (v: unknown): v is false | null => v === false || v === null;
/** A string, or Odoo's "no value" (`false`, sometimes `null`). */
const str = z.custom<string | false | null>(
  (v) => typeof v === 'string' || isEmpty(v),
  'expected a string or false',
);
/** A number, or Odoo's "no value". */
const num = z.custom<number | false | null>(
  (v) => (typeof v === 'number' && Number.isFinite(v)) || isEmpty(v),
  'expected a number or false',
);
/** A many2one `[id, display_name]` pair (the name `false` when unreadable), or "no value". */
const many2one = z.custom<[number, string | false] | false | null>(
  (v) =>
    isEmpty(v) ||
    (Array.isArray(v) &&
      v.length === 2 &&
      Number.isSafeInteger(v[0]) &&
      (typeof v[1] === 'string' || v[1] === false)),
  'expected an [id, name] pair or false',
);
const ids = z.array(z.number().int());

/**
 * `sale.order` as read by the connector, quirks included (`false` for empty, `[id, name]`
 * pairs, naive UTC datetimes). Unknown (extra, custom) fields pass through.
 *
 * @example
 * const raw = OdooSaleOrderRecord.parse(await odoo.read('sale.order', [42], ORDER_FIELDS));
 */
export const OdooSaleOrderRecord = z
  .object({
    id: z.number().int(),
    name: str,
    state: z.string(),
    locked: z.boolean().optional(),
    write_date: z.string(),
    create_date: str,
    date_order: str,
    commitment_date: str.optional(),
    partner_id: many2one,
    partner_invoice_id: many2one.optional(),
    partner_shipping_id: many2one.optional(),
    currency_id: many2one,
    payment_term_id: many2one.optional(),
    user_id: many2one.optional(),
    create_uid: many2one.optional(),
    client_order_ref: str.optional(),
    note: str.optional(),
    invoice_status: str.optional(),
    amount_total: num.optional(),
  })
  .loose();
export type OdooSaleOrderRecord = z.infer<typeof OdooSaleOrderRecord>;

/**
 * `sale.order.line`; `product_uom`/`tax_id` on Odoo ≤ 18 are `product_uom_id`/`tax_ids` on 19.
 *
 * @example
 * OdooSaleOrderLineRecord.parse(line);
 */
export const OdooSaleOrderLineRecord = z
  .object({
    id: z.number().int(),
    order_id: many2one,
    display_type: str.optional(),
    product_id: many2one,
    name: str,
    product_uom_qty: z.number(),
    price_unit: z.number(),
    discount: num.optional(),
    product_uom: many2one.optional(),
    product_uom_id: many2one.optional(),
    tax_id: ids.optional(),
    tax_ids: ids.optional(),
    free_qty_today: num.optional(),
  })
  .loose();
export type OdooSaleOrderLineRecord = z.infer<typeof OdooSaleOrderLineRecord>;

/**
 * `res.partner` with the credit facts (`credit_limit`, `currency_id` of its company).
 *
 * @example
 * OdooPartnerRecord.parse(partner);
 */
export const OdooPartnerRecord = z
  .object({
    id: z.number().int(),
    name: str,
    commercial_partner_id: many2one,
    email: str.optional(),
    phone: str.optional(),
    mobile: str.optional(),
    street: str.optional(),
    street2: str.optional(),
    city: str.optional(),
    zip: str.optional(),
    country_code: str.optional(),
    vat: str.optional(),
    credit_limit: num.optional(),
    use_partner_credit_limit: z.boolean().optional(),
    currency_id: many2one.optional(),
    category_id: ids.optional(),
    property_payment_term_id: many2one.optional(),
  })
  .loose();
export type OdooPartnerRecord = z.infer<typeof OdooPartnerRecord>;

/**
 * An open customer invoice (`account.move`) — a receivable (CR-4, CR-7).
 *
 * @example
 * OdooInvoiceRecord.parse(move);
 */
export const OdooInvoiceRecord = z
  .object({
    id: z.number().int(),
    name: str,
    commercial_partner_id: many2one,
    currency_id: many2one,
    amount_residual: z.number(),
    invoice_date_due: str,
    invoice_date: str.optional(),
  })
  .loose();
export type OdooInvoiceRecord = z.infer<typeof OdooInvoiceRecord>;

/**
 * A confirmed order not fully invoiced, counted in exposure (CR-4).
 *
 * @example
 * OdooOpenOrderRecord.parse(order);
 */
export const OdooOpenOrderRecord = z
  .object({
    id: z.number().int(),
    name: str,
    partner_id: many2one,
    currency_id: many2one,
    amount_total: num,
    amount_invoiced: num,
  })
  .loose();
export type OdooOpenOrderRecord = z.infer<typeof OdooOpenOrderRecord>;

/**
 * `res.currency`: the code and how many decimals amounts have.
 *
 * @example
 * OdooCurrencyRecord.parse({ id: 1, name: 'EUR', decimal_places: 2, rounding: 0.01 });
 */
export const OdooCurrencyRecord = z
  .object({
    id: z.number().int(),
    name: z.string().regex(/^[A-Z]{3}$/),
    decimal_places: z.number().int().min(0).max(6),
    rounding: z.number().optional(),
  })
  .loose();
export type OdooCurrencyRecord = z.infer<typeof OdooCurrencyRecord>;

/**
 * `account.tax`: percentage taxes become basis points on lines.
 *
 * @example
 * OdooTaxRecord.parse({ id: 1, amount: 15, amount_type: 'percent', price_include: false });
 */
export const OdooTaxRecord = z
  .object({ id: z.number().int(), amount: z.number(), amount_type: z.string() })
  .loose();
export type OdooTaxRecord = z.infer<typeof OdooTaxRecord>;
