import { z } from 'zod';

/**
 * ISO 4217 currency code: three upper-case letters. Core does not keep a list of currencies;
 * `minorUnits` in the policy says how many decimals a currency has when one needs displaying.
 *
 * @example
 * CurrencyCode.parse('CNY'); // 'CNY'
 */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code of three upper-case letters, e.g. CNY');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/**
 * An amount in integer minor units (fen, cents). Never a float: a fractional or unsafe number is
 * refused at the boundary.
 *
 * @example
 * MinorUnits.parse(12_345); // 123.45 in a two-decimal currency
 */
export const MinorUnits = z
  .number()
  .int('must be an integer amount in minor units (no floats)')
  .refine(Number.isSafeInteger, 'must be a safe integer');

/**
 * Money: integer minor units plus an ISO 4217 currency.
 *
 * @example
 * const price: Money = { amount: 1_000_00, currency: 'CNY' }; // ¥1,000.00
 */
export const Money = z.object({
  amount: MinorUnits,
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/**
 * Multiplies an amount in minor units by a ratio given in basis points (1 bp = 0.01 %), rounding
 * half away from zero. All percentage arithmetic in core goes through here so that no float ever
 * becomes an amount.
 *
 * @example
 * applyBasisPoints(10_000, 3_000); // 3_000 (30 % of 100.00)
 */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  return roundHalfAwayFromZero((amount * basisPoints) / 10_000);
}

/**
 * Rounds half away from zero, the rule used for every computed amount in core (line totals,
 * tax, discounts, currency conversion).
 *
 * @example
 * roundHalfAwayFromZero(2.5); // 3
 * roundHalfAwayFromZero(-2.5); // -3
 */
export function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/**
 * Converts a percentage given as a number with at most two decimals (e.g. 12.5) into integer
 * basis points (1250).
 *
 * @example
 * percentToBasisPoints(30); // 3000
 */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}
