import { z } from 'zod';
import { CodeString, IdString, INPUT_LIMITS, TextString } from './inputLimits.js';
import { CurrencyCode, MinorUnits } from './Money.js';
import { IsoDateTime } from './Temporal.js';

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

/** A quantity as the ERP holds it (fractions allowed, e.g. kilograms), in the safe range. */
const Quantity = z
  .number()
  .min(-INPUT_LIMITS.quantity, 'must be within the safe integer range')
  .max(INPUT_LIMITS.quantity, 'must be within the safe integer range');

/**
 * One line of an order. Prices are integer minor units per unit of the order's currency;
 * `listPrice` is the price-list price the line is judged against (RV-1, RV-6).
 *
 * This is the line's *shape*: types, integer amounts, sizes. What a salesperson can correct is
 * content, reported by IN-2 with every other gap at once: a blank product or specification, and a
 * missing, zero or negative `quantity`, a missing or negative `unitPrice`, a line total beyond
 * the safe integer range. So `quantity` and `unitPrice` are optional here, and every order past
 * IN-2 (in review and later) has both on every line (see `isPricedLine`).
 *
 * @example
 * const line = OrderLine.parse({ id: 'l1', productName: 'Pump', specification: 'P-200', quantity: 2,
 *   unitPrice: 150_000, listPrice: 160_000, discountBp: 500 }); // ¥1,500.00 each, 5 % off
 */
export const OrderLine = z.object({
  id: IdString,
  productId: CodeString.default(''),
  productName: TextString.default(''),
  /** Model number of the product (型号). */
  model: CodeString.default(''),
  /** Specification (规格). */
  specification: TextString.default(''),
  /** Quantity ordered; IN-2 requires it above zero. */
  quantity: Quantity.optional(),
  uom: CodeString.default('unit'),
  /** Net unit price actually offered, before discount, in minor units; IN-2 requires it, ≥ 0. */
  unitPrice: MinorUnits.optional(),
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
  availableQuantity: Quantity.min(0).optional(),
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
  name: TextString.default(''),
  phone: CodeString.default(''),
  email: CodeString.default(''),
});
export type Contact = z.infer<typeof Contact>;

/**
 * Delivery address (IN-2).
 *
 * @example
 * Address.parse({ street: '88 Century Ave', city: 'Shanghai', postalCode: '200120', country: 'CN' });
 */
export const Address = z.object({
  street: TextString.default(''),
  city: TextString.default(''),
  postalCode: CodeString.default(''),
  /** ISO 3166-1 alpha-2. */
  country: CodeString.default(''),
});
export type Address = z.infer<typeof Address>;

/**
 * Invoice information (发票信息, IN-2).
 *
 * @example
 * InvoiceInfo.parse({ title: 'Acme Trading Co., Ltd.', taxId: '91310000MA1K000000' });
 */
export const InvoiceInfo = z.object({
  title: TextString.default(''),
  taxId: CodeString.default(''),
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
  reference: IdString,
});

/**
 * Urgency-and-feasibility assessment of an urgent order (IN-4).
 *
 * @example
 * UrgencyAssessment.parse({ reason: 'customer line stoppage', feasible: true, assessedBy: 'u-zhou' });
 */
export const UrgencyAssessment = z.object({
  reason: TextString.default(''),
  feasible: z.boolean().optional(),
  assessedBy: CodeString.optional(),
  note: TextString.default(''),
});

/**
 * Contract facts (RV-10, AR-4).
 *
 * @example
 * ContractInfo.parse({ required: true, number: 'HT-2026-0042', legalReviewed: true, customerSignedAt: '2026-03-03T10:00:00+08:00' });
 */
export const ContractInfo = z.object({
  required: z.boolean().default(false),
  number: CodeString.default(''),
  legalReviewed: z.boolean().default(false),
  /** Customer's signature or written confirmation that makes the order formal. */
  customerSignedAt: IsoDateTime.optional(),
});

/**
 * Money the customer paid for the order before it was submitted, as the ERP's payment records
 * show it (a down payment, an online payment, a bank transfer matched to the order): an amount in
 * minor units of the **order's** currency, above zero, with the payment's reference (bank or
 * payment document) and when it was received. Part of the order's facts, like the customer's
 * receivables: a connector maps it from the ERP's payments, never from a field sales types.
 *
 * @example
 * OrderPrepayment.parse({ amount: 565_000, reference: 'BANK-20260301-004', receivedAt: '2026-03-01T16:20:00+08:00' });
 */
export const OrderPrepayment = z.object({
  amount: MinorUnits.refine((n) => n > 0, 'must be a positive amount'),
  reference: CodeString.refine((r) => r.trim() !== '', 'must name the payment'),
  receivedAt: IsoDateTime.optional(),
});
export type OrderPrepayment = z.infer<typeof OrderPrepayment>;

/**
 * The prepayments of an order: at most `INPUT_LIMITS.listLength`, each reference once, their sum a
 * safe integer.
 */
const OrderPrepayments = z
  .array(OrderPrepayment)
  .max(INPUT_LIMITS.listLength, `must have at most ${String(INPUT_LIMITS.listLength)} entries`)
  .superRefine((payments, ctx) => {
    let sum = 0;
    const seen = new Set<string>();
    payments.forEach((p, i) => {
      sum += p.amount;
      const ref = p.reference.trim();
      if (seen.has(ref))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'reference'],
          message: `payment ${ref} is listed twice`,
        });
      seen.add(ref);
    });
    if (!Number.isSafeInteger(sum))
      ctx.addIssue({
        code: 'custom',
        message: 'the prepayments add up beyond the safe integer range',
      });
  });

/**
 * A sales order as core sees it, whatever ERP it came from: the *shape* of an order. Parsing
 * refuses only what is not an order at all — wrong types, fractional amounts, a naive or
 * impossible instant, an unknown channel, absurd sizes (`INPUT_LIMITS`) — with a
 * `ValidationError` listing every bad path. What a salesperson can fix (a missing quantity or
 * price, an impossible delivery date, missing contact or invoice data…) parses, and IN-2
 * (`requiredInformation`) returns the order to sales listing every such item at once. Rules take
 * a parsed `Order` and tolerate the gaps IN-2 reports; every order past IN-2 is complete.
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
  id: IdString,
  /** Human-readable order number assigned at intake (IN-1); empty until then. */
  number: CodeString.default(''),
  /** The ERP's own reference for the order (e.g. Odoo's `S00042`); not unique across ERPs. */
  externalRef: CodeString.default(''),
  /** Revision, starting at 1; every approved change makes a new one (CH-5). */
  revision: z.number().int().min(1).max(INPUT_LIMITS.quantity).default(1),
  /** Per-type deadlines and routes key off this (e.g. `domestic`, `export`). */
  orderType: IdString.default('standard'),
  customer: z.object({ id: IdString, name: TextString.default('') }),
  contact: Contact.default({ name: '', phone: '', email: '' }),
  deliveryAddress: Address.default({ street: '', city: '', postalCode: '', country: '' }),
  lines: z
    .array(OrderLine)
    .max(INPUT_LIMITS.lines, `must have at most ${String(INPUT_LIMITS.lines)} lines`),
  currency: CurrencyCode,
  /**
   * Requested delivery date, `YYYY-MM-DD` (`IsoDate`). Kept as typed: IN-2 reports one that is
   * blank or not a real date, and the date rules (RV-1 lead time, TR-2) judge only real ones.
   */
  requestedDeliveryDate: CodeString.optional(),
  /** Payment-term code as the policy names them (e.g. `NET30`, `PREPAID`). */
  paymentTerms: CodeString.default(''),
  invoice: InvoiceInfo.default({ title: '', taxId: '' }),
  channel: OrderChannel.default('written'),
  writtenConfirmation: WrittenConfirmation.optional(),
  urgent: z.boolean().default(false),
  urgency: UrgencyAssessment.optional(),
  /** The salesperson who owns the order (and may not approve it). */
  salesperson: IdString,
  /** When the order was entered (IN-1) — review deadlines count from submission, see desk. */
  enteredAt: IsoDateTime,
  /** The customer asked for a change from what was shipped before (RV-5 non-regular). */
  customerRequestedChange: z.boolean().default(false),
  /** Complex technical requirements (RV-4). */
  technicalComplexity: z.boolean().default(false),
  /** Ship before payment is requested (RV-7, CR-8). */
  shipBeforePayment: z.boolean().default(false),
  /**
   * Money received for this order before it was submitted (`OrderPrepayment`, order currency): a
   * CR-1, CR-4 or CR-6 hold it covers does not arise (where the policy lets a prepayment release
   * it), and the CR-8 shipping gate counts it as payment confirmed.
   */
  prepayments: OrderPrepayments.optional(),
  contract: ContractInfo.default({ required: false, number: '', legalReviewed: false }),
  notes: TextString.default(''),
});
export type Order = z.infer<typeof Order>;
/**
 * What callers pass in (`OrderDesk.submit`, connectors): the order before `Order.parse` fills
 * the defaults. Typed, and still checked at run time.
 *
 * @example
 * const input: OrderInput = { id: 'erp-42', customer: { id: 'c1' }, currency: 'CNY',
 *   salesperson: 'u-li', enteredAt: '2026-03-02T09:00:00+08:00', lines: [] };
 */
export type OrderInput = z.input<typeof Order>;

/**
 * A line IN-2 accepts for its amounts: a quantity above zero and a unit price of zero or more.
 * Every line of an order past IN-2 is one.
 *
 * @example
 * order.lines.filter(isPricedLine).map((l) => l.quantity * l.unitPrice);
 */
export function isPricedLine(
  line: OrderLine,
): line is OrderLine & { quantity: number; unitPrice: number } {
  return (
    line.quantity !== undefined &&
    line.quantity > 0 &&
    line.unitPrice !== undefined &&
    line.unitPrice >= 0
  );
}
