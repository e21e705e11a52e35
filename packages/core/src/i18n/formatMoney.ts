import type { Policy } from '../policy/Policy.js';

/**
 * Formats integer minor units for messages, language-neutral: `1,200,000.00 CNY`.
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
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const fraction = digits > 0 ? '.' + String(abs % scale).padStart(digits, '0') : '';
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction} ${currency}`;
}
