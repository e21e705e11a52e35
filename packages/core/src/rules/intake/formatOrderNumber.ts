import { OrdergateError } from '../../errors.js';
import { zonedParts } from '../../lib/zonedTime.js';
import type { Policy } from '../../policy/Policy.js';

/**
 * What an order number is made of besides the pattern.
 *
 * @example
 * const parts: OrderNumberParts = { sequence: 123, submittedAt: '2026-03-02T09:00:00+08:00', timeZone: 'Asia/Shanghai' };
 */
export interface OrderNumberParts {
  /** The value `store.nextSequence(scope)` returned: a positive integer. */
  sequence: number;
  /** Submission instant (ISO with zone); `{YYYY}`, `{YY}` and `{MM}` are taken from it. */
  submittedAt: string;
  /** The policy's time zone: an order submitted at 23:30 on 31 December in Shanghai is that year's. */
  timeZone: string;
}

// Compiled once; `replace` with a global regex resets its position itself.
const PLACEHOLDER = /\{(YYYY|YY|MM|seq(?::(\d+))?)\}/g;
const YEAR_PLACEHOLDER = /\{YYYY\}|\{YY\}/;

/**
 * IN-1: renders an order number from the policy pattern. `{YYYY}`, `{YY}` and `{MM}` take the
 * submission date in the policy's time zone; `{seq:N}` is the sequence zero-padded to N digits
 * and never truncated (sequence 1234567 with `{seq:6}` gives `1234567`, so numbers stay unique
 * when a year outgrows the padding); `{seq}` is the bare sequence. Other text is kept as is.
 *
 * Uniqueness comes from the store's sequence (`Store.nextSequence`, atomic across writers and
 * restarts) together with `sequenceScope`; this function only formats.
 *
 * @example
 * formatOrderNumber('SO-{YYYY}-{seq:6}', {
 *   sequence: 123, submittedAt: '2026-03-02T09:00:00+08:00', timeZone: 'Asia/Shanghai',
 * }); // 'SO-2026-000123'
 * @throws {OrdergateError} `INVALID_INPUT` when the sequence is not a positive safe integer.
 */
export function formatOrderNumber(pattern: string, parts: OrderNumberParts): string {
  const { sequence, submittedAt, timeZone } = parts;
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new OrdergateError(
      'INVALID_INPUT',
      `order-number sequence must be a positive integer, got ${String(sequence)}`,
    );
  }
  const date = zonedParts(submittedAt, timeZone);
  return pattern.replace(PLACEHOLDER, (_whole, token: string, width: string | undefined) => {
    switch (token) {
      case 'YYYY':
        return String(date.year).padStart(4, '0');
      case 'YY':
        return String(date.year % 100).padStart(2, '0');
      case 'MM':
        return String(date.month).padStart(2, '0');
      default:
        return width === undefined
          ? String(sequence)
          : String(sequence).padStart(Number(width), '0');
    }
  });
}

/**
 * IN-1: the store sequence an order number draws from. `year` scope gives one sequence per year
 * of submission in the policy's time zone (`order-number:2026`); `global` gives one for ever
 * (`order-number`).
 *
 * A yearly sequence restarts at 1 each year, which only keeps numbers unique when the pattern
 * shows the year; for a pattern without `{YYYY}` or `{YY}` the global sequence is used whatever
 * the policy says, because a number must never repeat (IN-1).
 *
 * @example
 * sequenceScope(policy, '2026-03-02T09:00:00+08:00'); // 'order-number:2026'
 * const number = formatOrderNumber(policy.intake.numbering.pattern, {
 *   sequence: await store.nextSequence(sequenceScope(policy, submittedAt)), submittedAt, timeZone: policy.timeZone,
 * });
 */
export function sequenceScope(
  policy: Pick<Policy, 'intake' | 'timeZone'>,
  submittedAt: string,
): string {
  const { pattern, sequenceScope: scope } = policy.intake.numbering;
  if (scope === 'global' || !YEAR_PLACEHOLDER.test(pattern)) return 'order-number';
  return `order-number:${String(zonedParts(submittedAt, policy.timeZone).year)}`;
}
