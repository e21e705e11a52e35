import { z } from 'zod';
import { CurrencyCode, MinorUnits } from './Money.js';
import { IsoDate, IsoDateTime } from './Temporal.js';

/**
 * How the order reached the company (IN-3). A verbal order needs a written confirmation before
 * it can be confirmed.
 *
 * @example
 * OrderChannel.parse('verbal'); // needs a written confirmation before CONFIRM (IN-3)
 */
export const OrderChannel = z.enum(['written', 'electronic', 'verbal']);
export type OrderChannel = z.infer<typeof OrderChannel>;

/** Non-negative basis points, 0..10 000 (100 %). */
const BasisPoints = z.number().int('must be whole basis points').min(0).max(10_000);

/**
 * One line of an order. Prices are integer minor units per unit of the order's currency;
 * `listPrice` is the price-list price the line is judged against (RV-1, RV-6).
 *
 * Presence of the descriptive fields (product, specification…) is not enforced here: a line with
 * a blank specification is well-formed data and IN-2 reports it as missing information, listing
 * every gap at once. What is enforced here is shape: types, integers, ranges.
 *
 * @example
 * const line = OrderLine.parse({ id: 'l1', productName: 'Pump', specification: 'P-200', quantity: 2,
 *   unitPrice: 150_000, listPrice: 160_000, discountBp: 500 }); // ¥1,500.00 each, 5 % off
 */
export const OrderLine = z.object({
  id: z.string().min(1),
  productId: z.string().default(''),
  productName: z.string().default(''),
  /** Model number of the product (型号). */
  model: z.string().default(''),
  /** Specification (规格). */
  specification: z.string().default(''),
  quantity: z.number().finite().positive('must be greater than zero'),
  uom: z.string().default('unit'),
  /** Net unit price actually offered, before discount, in minor units. */
  unitPrice: MinorUnits.refine((n) => n >= 0, 'must not be negative'),
  /** Price-list unit price; absent when the product has no list price. */
  listPrice: MinorUnits.refine((n) => n >= 0, 'must not be negative').optional(),
  /** Discount on the unit price in basis points (1250 = 12.5 %). */
  discountBp: BasisPoints.default(0),
  /** Tax rate in basis points, used for tax-inclusive thresholds. */
  taxBp: BasisPoints.default(0),
  /** Non-standard or custom-made product (RV-8 advance payment, RV-4 special product). */
  customMade: z.boolean().default(false),
  /** A product the policy classes as special (RV-4). */
  special: z.boolean().default(false),
  /** Complete technical documents exist for this product and specification (RV-5). */
  technicalDocsComplete: z.boolean().default(true),
  /** Shipped before to this customer with the same requirements (RV-5 shipping history). */
  shippedBefore: z.boolean().default(true),
  /** Units available to promise, when the ERP reports stock (RV-11). */
  availableQuantity: z.number().finite().min(0).optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;
export type OrderLineInput = z.input<typeof OrderLine>;

/**
 * Contact person and contact method (IN-2).
 *
 * @example
 * Contact.parse({ name: 'Li Wei', phone: '+86 21 5555 0100', email: 'li.wei@example.com' });
 */
export const Contact = z.object({
  name: z.string().default(''),
  phone: z.string().default(''),
  email: z.string().default(''),
});
export type Contact = z.infer<typeof Contact>;

/**
 * Delivery address (IN-2).
 *
 * @example
 * Address.parse({ street: '88 Century Ave', city: 'Shanghai', postalCode: '200120', country: 'CN' });
 */
export const Address = z.object({
  street: z.string().default(''),
  city: z.string().default(''),
  postalCode: z.string().default(''),
  /** ISO 3166-1 alpha-2. */
  country: z.string().default(''),
});
export type Address = z.infer<typeof Address>;

/**
 * Invoice information (发票信息, IN-2).
 *
 * @example
 * InvoiceInfo.parse({ title: 'Acme Trading Co., Ltd.', taxId: '91310000MA1K000000' });
 */
export const InvoiceInfo = z.object({
  title: z.string().default(''),
  taxId: z.string().default(''),
});
export type InvoiceInfo = z.infer<typeof InvoiceInfo>;

/**
 * Written confirmation of a verbal order (IN-3).
 *
 * @example
 * WrittenConfirmation.parse({ at: '2026-03-02T15:30:00+08:00', reference: 'FAX-2026-0302-01' });
 */
export const WrittenConfirmation = z.object({
  at: IsoDateTime,
  reference: z.string().min(1),
});

/**
 * Urgency-and-feasibility assessment of an urgent order (IN-4).
 *
 * @example
 * UrgencyAssessment.parse({ reason: 'customer line stoppage', feasible: true, assessedBy: 'u-zhou' });
 */
export const UrgencyAssessment = z.object({
  reason: z.string().default(''),
  feasible: z.boolean().optional(),
  assessedBy: z.string().optional(),
  note: z.string().default(''),
});

/**
 * Contract facts (RV-10, AR-4).
 *
 * @example
 * ContractInfo.parse({ required: true, number: 'HT-2026-0042', legalReviewed: true, customerSignedAt: '2026-03-03T10:00:00+08:00' });
 */
export const ContractInfo = z.object({
  required: z.boolean().default(false),
  number: z.string().default(''),
  legalReviewed: z.boolean().default(false),
  /** Customer's signature or written confirmation that makes the order formal. */
  customerSignedAt: IsoDateTime.optional(),
});

/**
 * A sales order as core sees it, whatever ERP it came from.
 *
 * @example
 * const order = Order.parse({
 *   id: 'erp-42', customer: { id: 'c1', name: 'Acme' }, currency: 'CNY',
 *   salesperson: 'u-li', enteredAt: '2026-03-02T09:00:00+08:00',
 *   lines: [{ id: 'l1', productName: 'Pump', specification: 'P-200', quantity: 2, unitPrice: 150000 }],
 * });
 */
export const Order = z.object({
  /** Stable identity (the ERP's id or the desk's). */
  id: z.string().min(1),
  /** Human-readable order number assigned at intake (IN-1); empty until then. */
  number: z.string().default(''),
  /** The ERP's own reference for the order (e.g. Odoo's `S00042`); not unique across ERPs. */
  externalRef: z.string().default(''),
  /** Revision, starting at 1; every approved change makes a new one (CH-5). */
  revision: z.number().int().min(1).default(1),
  /** Per-type deadlines and routes key off this (e.g. `domestic`, `export`). */
  orderType: z.string().min(1).default('standard'),
  customer: z.object({ id: z.string().min(1), name: z.string().default('') }),
  contact: Contact.default({ name: '', phone: '', email: '' }),
  deliveryAddress: Address.default({ street: '', city: '', postalCode: '', country: '' }),
  lines: z.array(OrderLine),
  currency: CurrencyCode,
  requestedDeliveryDate: IsoDate.optional(),
  /** Payment-term code as the policy names them (e.g. `NET30`, `PREPAID`). */
  paymentTerms: z.string().default(''),
  invoice: InvoiceInfo.default({ title: '', taxId: '' }),
  channel: OrderChannel.default('written'),
  writtenConfirmation: WrittenConfirmation.optional(),
  urgent: z.boolean().default(false),
  urgency: UrgencyAssessment.optional(),
  /** The salesperson who owns the order (and may not approve it). */
  salesperson: z.string().min(1),
  /** When the order was entered (IN-1) — review deadlines count from submission, see desk. */
  enteredAt: IsoDateTime,
  /** The customer asked for a change from what was shipped before (RV-5 non-regular). */
  customerRequestedChange: z.boolean().default(false),
  /** Complex technical requirements (RV-4). */
  technicalComplexity: z.boolean().default(false),
  /** Ship before payment is requested (RV-7, CR-8). */
  shipBeforePayment: z.boolean().default(false),
  contract: ContractInfo.default({ required: false, number: '', legalReviewed: false }),
  notes: z.string().default(''),
});
export type Order = z.infer<typeof Order>;
/** What callers pass in: defaults filled by `Order.parse`. */
export type OrderInput = z.input<typeof Order>;
