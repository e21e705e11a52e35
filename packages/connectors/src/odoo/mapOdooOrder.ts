import {
  type Order,
  type OrderInput,
  type OrderLineInput,
  parseOrThrow,
  Order as OrderSchema,
} from '@ordergate/core';
import {
  htmlToText,
  localDate,
  many2one,
  minorUnits,
  productParts,
  text,
  utcDateTime,
} from './odooValues.js';
import type { OdooMapping } from './OdooMapping.js';
import type {
  OdooCurrencyRecord,
  OdooPartnerRecord,
  OdooSaleOrderLineRecord,
  OdooSaleOrderRecord,
  OdooTaxRecord,
} from './OdooRecords.js';

/** Everything one order maps from: the order, its lines and the records they point to. */
export interface OdooOrderBundle {
  order: OdooSaleOrderRecord;
  lines: readonly OdooSaleOrderLineRecord[];
  partners: ReadonlyMap<number, OdooPartnerRecord>;
  currencies: ReadonlyMap<number, OdooCurrencyRecord>;
  taxes: ReadonlyMap<number, OdooTaxRecord>;
}

/** Mapping settings plus an optional hook for customised databases. */
export interface MapOrderOptions {
  mapping: OdooMapping;
  /** Time zone of calendar dates (requested delivery date). */
  timeZone: string;
  /** Last word on the core input, with the raw records at hand (extra fields, custom models). */
  customize?: (input: OrderInput, bundle: OdooOrderBundle) => OrderInput;
}

/** A mapped order and what was dropped on the way. */
export interface MappedOrder {
  order: Order;
  warnings: string[];
}

/**
 * Maps a `sale.order` with its lines into a core `Order` (parsed with `Order.parse`). Odoo's
 * quirks end here: `false` becomes `''`, many2one pairs become ids and names, naive UTC datetimes
 * get a `Z`, float amounts become integer minor units with the currency's decimal places. Empty
 * values stay empty strings so that IN-2 (required information) judges them, not the mapping.
 *
 * @example
 * const { order } = mapOdooOrder(bundle, { mapping: OdooMapping.parse({}), timeZone: 'Asia/Shanghai' });
 * @throws {ValidationError} (from core) when the result is not a well-formed order.
 */
export function mapOdooOrder(bundle: OdooOrderBundle, options: MapOrderOptions): MappedOrder {
  const { order: raw, partners, currencies, taxes } = bundle;
  const { mapping } = options;
  const warnings: string[] = [];
  const currencyRef = many2one(raw.currency_id);
  const currency = currencyRef ? currencies.get(currencyRef.id) : undefined;
  const decimals = currency?.decimal_places ?? 2;
  const partnerRef = many2one(raw.partner_id);
  const partner = partnerRef ? partners.get(partnerRef.id) : undefined;
  const commercialRef = many2one(partner?.commercial_partner_id) ?? partnerRef;
  const commercial = commercialRef ? partners.get(commercialRef.id) : undefined;
  const shippingRef = many2one(raw.partner_shipping_id);
  const shipping = (shippingRef && partners.get(shippingRef.id)) || partner;
  const invoiceRef = many2one(raw.partner_invoice_id);
  const invoicePartner = (invoiceRef && partners.get(invoiceRef.id)) || commercial;
  const term = many2one(raw.payment_term_id);
  const salesperson = many2one(raw.user_id) ?? many2one(raw.create_uid);

  const lines: OrderLineInput[] = [];
  for (const line of bundle.lines) {
    if (text(line.display_type) !== '') continue; // sections and notes are not goods
    if (!(line.product_uom_qty > 0)) {
      warnings.push(`line ${line.id}: quantity ${line.product_uom_qty} skipped (not positive)`);
      continue;
    }
    const product = many2one(line.product_id);
    const parts = productParts(product?.name ?? '');
    const uom = many2one(line.product_uom_id ?? line.product_uom);
    const taxIds = line.tax_ids ?? line.tax_id ?? [];
    const taxBp = taxIds.reduce((sum, id) => {
      const tax = taxes.get(id);
      return tax && tax.amount_type === 'percent' ? sum + Math.round(tax.amount * 100) : sum;
    }, 0);
    const discount = typeof line.discount === 'number' ? line.discount : 0;
    const unitPrice = minorUnits(line.price_unit, decimals);
    if (unitPrice < 0) {
      warnings.push(`line ${line.id}: negative price skipped`);
      continue;
    }
    lines.push({
      id: String(line.id),
      productId: product ? String(product.id) : '',
      productName: parts.name,
      model: parts.code,
      specification: specificationOf(text(line.name), product?.name ?? ''),
      quantity: line.product_uom_qty,
      uom: uom?.name || 'unit',
      unitPrice,
      discountBp: Math.min(10_000, Math.max(0, Math.round(discount * 100))),
      taxBp: Math.min(10_000, Math.max(0, taxBp)),
      ...(mapping.readStock && typeof line.free_qty_today === 'number'
        ? { availableQuantity: Math.max(0, line.free_qty_today) }
        : {}),
    });
  }

  const enteredAt =
    utcDateTime(raw.create_date) ?? utcDateTime(raw.date_order) ?? utcDateTime(raw.write_date);
  const requested = localDate(raw.commitment_date, options.timeZone);
  const termName = term?.name ?? '';
  const orderType = mapping.orderTypeField ? text(raw[mapping.orderTypeField]) : '';
  let input: OrderInput = {
    id: String(raw.id),
    number: text(raw.name),
    orderType: orderType || 'standard',
    customer: {
      id: commercialRef ? String(commercialRef.id) : '',
      name: text(commercial?.name) || commercialRef?.name || '',
    },
    contact: {
      name: text(partner?.name) || partnerRef?.name || '',
      phone: text(partner?.phone) || text(partner?.mobile),
      email: text(partner?.email),
    },
    deliveryAddress: {
      street: [text(shipping?.street), text(shipping?.street2)].filter(Boolean).join(', '),
      city: text(shipping?.city),
      postalCode: text(shipping?.zip),
      country: text(shipping?.country_code),
    },
    lines,
    currency: currency?.name ?? '',
    ...(requested ? { requestedDeliveryDate: requested } : {}),
    paymentTerms: mapping.paymentTerms[termName] ?? termName,
    invoice: {
      title: text(invoicePartner?.name),
      taxId: text(invoicePartner?.vat) || text(commercial?.vat),
    },
    salesperson: salesperson ? String(salesperson.id) : '',
    enteredAt: enteredAt ?? '',
    notes: htmlToText(raw.note),
  };
  if (options.customize) input = options.customize(input, bundle);
  return { order: parseOrThrow(OrderSchema, input, `Odoo sale.order ${raw.id}`), warnings };
}

/** The line description without the product's display name Odoo puts first by default. */
function specificationOf(description: string, productDisplayName: string): string {
  if (productDisplayName && description.startsWith(productDisplayName)) {
    return description.slice(productDisplayName.length).trim();
  }
  return description.trim();
}
