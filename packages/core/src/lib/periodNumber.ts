// Archive and filing numbers (AR-3): a policy pattern with {YYYY}, {YY}, {MM} and {seq:N}, drawn
// from a store sequence whose scope follows the pattern, so a number never repeats.

const PLACEHOLDER = /\{(YYYY|YY|MM|seq(?::(\d+))?)\}/g;

/**
 * Renders a number from a pattern for the month `YYYY-MM` and a sequence value.
 *
 * @example
 * formatPeriodNumber('AR-{YYYY}{MM}-{seq:4}', { month: '2026-03', sequence: 7 }); // 'AR-202603-0007'
 */
export function formatPeriodNumber(
  pattern: string,
  parts: { month: string; sequence: number },
): string {
  const year = parts.month.slice(0, 4);
  return pattern.replace(PLACEHOLDER, (_whole, token: string, width: string | undefined) => {
    switch (token) {
      case 'YYYY':
        return year;
      case 'YY':
        return year.slice(2);
      case 'MM':
        return parts.month.slice(5, 7);
      default:
        return width === undefined
          ? String(parts.sequence)
          : String(parts.sequence).padStart(Number(width), '0');
    }
  });
}

/**
 * The store sequence a pattern draws from: per month when it shows year and month, per year when
 * it shows the year only, otherwise one for ever.
 *
 * @example
 * periodSequenceScope('archive-number', 'AR-{YYYY}{MM}-{seq:4}', '2026-03'); // 'archive-number:2026-03'
 */
export function periodSequenceScope(name: string, pattern: string, month: string): string {
  const year = /\{YYYY\}|\{YY\}/.test(pattern);
  if (year && pattern.includes('{MM}')) return `${name}:${month}`;
  if (year) return `${name}:${month.slice(0, 4)}`;
  return name;
}
