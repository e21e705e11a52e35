import { z } from 'zod';
import { ExchangeRate } from './ExchangeRate.js';
import { CurrencyCode, MinorUnits } from './Money.js';
import { CodeString, IdString, TextString } from './inputLimits.js';
import { IsoDate, IsoDateTime } from './Temporal.js';

const NonNegative = MinorUnits.refine((n) => n >= 0, 'must not be negative');

/**
 * Credit grade (CR-2): A good, B fair, C poor, D bad.
 *
 * @example
 * Grade.parse('B');
 */
export const Grade = z.enum(['A', 'B', 'C', 'D']);
export type Grade = z.infer<typeof Grade>;

/**
 * An approved temporary increase of a customer's credit limit (CR-3): `amount` (in the limit's
 * currency) counts on top of the limit from `approvedAt` until `expiresAt` (exclusive).
 *
 * @example
 * TemporaryIncrease.parse({ requestId: 'cr-7', amount: 20_000_000, currency: 'CNY',
 *   approvedAt: '2026-03-01T10:00:00+08:00', expiresAt: '2026-04-01T00:00:00+08:00' }); // +¥200,000.00 for March
 */
export const TemporaryIncrease = z.object({
  requestId: IdString,
  amount: NonNegative,
  currency: CurrencyCode,
  approvedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type TemporaryIncrease = z.infer<typeof TemporaryIncrease>;

/**
 * Which approved credit request set a governed field (CR-3), and when.
 *
 * @example
 * GovernedBy.parse({ requestId: 'CRQ-7', at: '2026-03-01T10:00:00+08:00' });
 */
export const GovernedBy = z.object({ requestId: IdString, at: IsoDateTime });
export type GovernedBy = z.infer<typeof GovernedBy>;

/**
 * The credit fields ordergate governs once a CR-3 request changed them: the ERP's value for such
 * a field no longer replaces the approved one (see `mergeCustomerFacts`), and the approved value
 * is written back to the ERP through the outbox (`updateCreditTerms`).
 *
 * @example
 * GovernedCredit.parse({ limit: { requestId: 'CRQ-7', at: '2026-03-01T10:00:00+08:00' } });
 */
export const GovernedCredit = z.object({
  grade: GovernedBy.optional(),
  limit: GovernedBy.optional(),
});
export type GovernedCredit = z.infer<typeof GovernedCredit>;

/**
 * A customer's credit profile (CR-1…CR-3). `evaluatedAt` absent means the customer was never
 * credit-evaluated (CR-1).
 *
 * @example
 * CreditProfile.parse({ grade: 'B', limit: { amount: 50_000_000, currency: 'CNY' }, evaluatedAt: '2026-01-05T00:00:00+08:00' });
 */
export const CreditProfile = z.object({
  grade: Grade.optional(),
  /** Credit limit: the most the customer may owe at once (CR-3). */
  limit: z.object({ amount: NonNegative, currency: CurrencyCode }).optional(),
  evaluatedAt: IsoDateTime.optional(),
  /** A guarantee on file releases holds and blocks (CR-4, CR-6). */
  guaranteeOnFile: z.boolean().default(false),
  /** The customer pays ahead: orders are prepaid (CR-1, CR-6). */
  prepaymentTerms: z.boolean().default(false),
  /**
   * The customer has credit terms: goods may ship to it before payment, within its limit (CR-8),
   * and shipping before payment is then no exceptional order (RV-7). The one source of credit
   * terms (decision 014): the CR-8 gate and RV-7 read this, never the order's payment-term code.
   * Absent means none, as for a customer without facts.
   */
  creditTerms: z.boolean().default(false),
  /** A flagged credit incident (CR-6). */
  incident: TextString.optional(),
  /**
   * Approved temporary limit increases (CR-3, written by `CreditDesk`): each adds to the limit
   * from its approval until it expires.
   */
  temporaryIncreases: z.array(TemporaryIncrease).default([]),
  /**
   * Fields ordergate governs since an approved CR-3 request changed them (written by
   * `CreditDesk`; an ERP's value for them is ignored on update, see `mergeCustomerFacts`).
   */
  governed: GovernedCredit.optional(),
});
export type CreditProfile = z.infer<typeof CreditProfile>;

/**
 * An open receivable (unpaid invoice remainder), CR-4 and CR-7.
 *
 * @example
 * Receivable.parse({ id: 'inv-301', amount: 12_000_000, currency: 'CNY', dueDate: '2026-02-28', reference: 'INV/2026/0301' });
 */
export const Receivable = z.object({
  id: IdString,
  amount: NonNegative,
  currency: CurrencyCode,
  dueDate: IsoDate,
  reference: CodeString.default(''),
});
export type Receivable = z.infer<typeof Receivable>;

/**
 * A confirmed order not yet invoiced, counted in exposure (CR-4).
 *
 * @example
 * OpenOrder.parse({ id: 'so-57', amount: 8_500_000, currency: 'CNY', reference: 'S00057' }); // ¥85,000.00
 */
export const OpenOrder = z.object({
  id: IdString,
  amount: NonNegative,
  currency: CurrencyCode,
  reference: CodeString.default(''),
});
export type OpenOrder = z.infer<typeof OpenOrder>;

/**
 * A customer with the credit facts the credit rules use.
 *
 * @example
 * const acme = Customer.parse({ id: 'c1', name: 'Acme', credit: { grade: 'B', limit: { amount: 50_000_000, currency: 'CNY' }, evaluatedAt: '2026-01-05T00:00:00+08:00' } });
 */
export const Customer = z.object({
  id: IdString,
  name: TextString.default(''),
  credit: CreditProfile.prefault({}),
  receivables: z.array(Receivable).default([]),
  openOrders: z.array(OpenOrder).default([]),
  /** When the facts were read from the ERP. */
  asOf: IsoDateTime.optional(),
  /**
   * Exchange rates the facts were read with: receivables and open orders in another currency
   * than the limit convert with these (CR-4, CR-7). A caller may also pass rates per assessment.
   */
  rates: z.array(ExchangeRate).default([]),
});
export type Customer = z.infer<typeof Customer>;
export type CustomerInput = z.input<typeof Customer>;
