import type { Policy } from '../policy/Policy.js';

/**
 * Formats integer minor units for messages, language-neutral: `1,200,000.00 CNY`. Core never
 * computes an amount beyond the safe integer range (IN-2 returns such an order); should one be
 * passed anyway, it is rounded to whole minor units and written out digit by digit (never
 * `1e+21` or `Infinity.NaN`), and a value that is not a number at all is written as it is.
 *
 * @example
 * formatMoney(120_000_000, 'CNY', policy); // '1,200,000.00 CNY'
 */
export function formatMoney(
  amount: number,
  currency: string,
  policy: Pick<Policy, 'currencies'>,
): string {
  const digits = policy.currencies[currency]?.minorUnits ?? 2;
  if (!Number.isFinite(amount)) return `${String(amount)} ${currency}`;
  const units = Math.round(Math.abs(amount));
  const sign = amount < 0 && units > 0 ? '-' : '';
  let whole: string;
  let fraction: string;
  if (Number.isSafeInteger(units)) {
    const scale = 10 ** digits;
    whole = String(Math.floor(units / scale));
    fraction = String(units % scale);
  } else {
    // Beyond the safe range a double still has an exact integer value: BigInt writes it out.
    const big = BigInt(units);
    const scale = 10n ** BigInt(digits);
    whole = String(big / scale);
    fraction = String(big % scale);
  }
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${digits > 0 ? '.' + fraction.padStart(digits, '0') : ''} ${currency}`;
}
