// Small, language-neutral renderings of numbers for message parameters.

/**
 * Basis points shown as a percentage number without the sign: 1250 → `12.5`, 1000 → `10`,
 * 1 → `0.01`. Integer arithmetic, so no float noise reaches a message.
 *
 * @example
 * formatBasisPoints(1250); // '12.5'
 */
export function formatBasisPoints(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  if (fraction === 0) return sign + String(whole);
  const digits = fraction < 10 ? '0' + String(fraction) : String(fraction);
  return `${sign}${String(whole)}.${digits.endsWith('0') ? digits.slice(0, 1) : digits}`;
}

/**
 * A quantity for messages: at most six decimals, trailing zeros dropped, so that
 * `0.3 - 0.1` shows as `0.2`, not `0.19999999999999998`.
 *
 * @example
 * formatQuantity(0.3 - 0.1); // '0.2'
 */
export function formatQuantity(quantity: number): string {
  return String(Number(quantity.toFixed(6)));
}

/**
 * 1-based line positions joined for messages: `[0, 2]` → `1, 3`.
 *
 * @example
 * formatLinePositions([0, 2]); // '1, 3'
 */
export function formatLinePositions(indexes: readonly number[]): string {
  return indexes.map((i) => String(i + 1)).join(', ');
}
