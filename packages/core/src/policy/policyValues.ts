import { z } from 'zod';

// The bounded values a policy is made of. Every bound is there so that a policy that loads also
// runs: a deadline of 1e300 hours, a `{seq:1000000000}` pattern or a negative threshold used to
// load and then fail every submission with an untyped RangeError.

/**
 * The longest duration a policy may set: ten years, in hours and in days. Deadlines counted in
 * working hours of a business calendar must also fall within ten years (see `loadPolicy`).
 *
 * @example
 * Hours.parse(MAX_POLICY_HOURS); // ok; one more is refused
 */
export const MAX_POLICY_HOURS = 87_600;
/**
 * Ten years in days (see `MAX_POLICY_HOURS`).
 *
 * @example
 * Days.parse(MAX_POLICY_DAYS + 1); // throws
 */
export const MAX_POLICY_DAYS = 3_650;
/**
 * The longest archive retention (AR-6), in years.
 *
 * @example
 * loadPolicy({ archive: { retention: { years: MAX_RETENTION_YEARS } } });
 */
export const MAX_RETENTION_YEARS = 100;
/**
 * The widest `{seq:N}` padding of a number pattern: a safe integer has at most 16 digits.
 *
 * @example
 * NumberPattern.parse(`SO-{seq:${MAX_SEQUENCE_WIDTH}}`);
 */
export const MAX_SEQUENCE_WIDTH = 16;
/**
 * The longest number pattern (order, archive and filing numbers).
 *
 * @example
 * NumberPattern.safeParse(`${'X'.repeat(MAX_PATTERN_LENGTH)}{seq}`).success; // false
 */
export const MAX_PATTERN_LENGTH = 64;

/**
 * A positive duration in hours, at most ten years (fractions allowed: 0.5 = 30 minutes).
 *
 * @example
 * Hours.parse(24);
 */
export const Hours = z
  .number()
  .positive()
  .max(MAX_POLICY_HOURS, `must be at most ${MAX_POLICY_HOURS} hours (ten years)`);

/**
 * A whole number of days from 0 to ten years.
 *
 * @example
 * Days.parse(7);
 */
export const Days = z
  .number()
  .int()
  .min(0)
  .max(MAX_POLICY_DAYS, `must be at most ${MAX_POLICY_DAYS} days (ten years)`);

/**
 * A percentage from 0 to 100 inclusive.
 *
 * @example
 * Percent.parse(12.5);
 */
export const Percent = z.number().min(0).max(100);

/**
 * A money threshold in integer minor units: zero or more, a safe integer (zod's `int`).
 *
 * @example
 * Amount.parse(100_000_000); // ¥1,000,000.00
 */
export const Amount = z.number().int('must be an integer amount in minor units (no floats)').min(0);

/**
 * A non-empty name: a role, an approval step, a user, a field key.
 *
 * @example
 * Name.parse('salesHead');
 */
export const Name = z.string().min(1);

/**
 * A list of role names (checked against the policy's roles when it loads).
 *
 * @example
 * RoleList.parse(['salesHead', 'salesAssistant']);
 */
export const RoleList = z.array(Name);

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDER = /^(YYYY|YY|MM|seq(?::(\d+))?)$/;

function patternProblem(pattern: string): string | undefined {
  let hasSeq = false;
  for (const [, token = ''] of pattern.matchAll(PLACEHOLDER)) {
    const m = KNOWN_PLACEHOLDER.exec(token);
    if (!m) return `unknown placeholder {${token}}: use {YYYY}, {YY}, {MM}, {seq} or {seq:N}`;
    if (token.startsWith('seq')) {
      hasSeq = true;
      const width = m[2] === undefined ? 1 : Number(m[2]);
      if (width < 1 || width > MAX_SEQUENCE_WIDTH)
        return `{${token}}: the width must be 1 to ${MAX_SEQUENCE_WIDTH}`;
    }
  }
  return hasSeq ? undefined : 'must contain a {seq} or {seq:N} placeholder';
}

/**
 * A number pattern (IN-1 order numbers, AR-3 archive and filing numbers): text with `{YYYY}`,
 * `{YY}`, `{MM}` and at least one `{seq}` or `{seq:N}` (N from 1 to 16); at most 64 characters.
 *
 * @example
 * NumberPattern.parse('SO-{YYYY}-{seq:6}');
 */
export const NumberPattern = z
  .string()
  .max(MAX_PATTERN_LENGTH)
  .superRefine((pattern, ctx) => {
    // one problem per pattern: a pattern too long is reported as such only
    const problem = pattern.length > MAX_PATTERN_LENGTH ? undefined : patternProblem(pattern);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: pattern });
  });

/**
 * Reports a problem that involves several fields of one policy object (end before start, a
 * delegation to oneself) at `key`, naming every sibling it `reads`. `loadPolicy` uses `reads` to
 * drop the problem when one of those fields was itself invalid, so one mistake is reported once.
 *
 * @example
 * z.strictObject({ from: Name, to: Name }).superRefine((d, ctx) => {
 *   if (d.from === d.to) crossFieldIssue(ctx, 'to', 'must differ from "from"', ['from', 'to']);
 * });
 */
export function crossFieldIssue(
  ctx: z.RefinementCtx,
  key: string,
  message: string,
  reads: readonly string[],
): void {
  ctx.addIssue({ code: 'custom', path: [key], message, params: { reads: [...reads] } });
}

/**
 * A fresh copy of a default (plain data: objects, arrays, strings, numbers, booleans), so that a
 * parsed policy never shares objects with the exported default constants.
 *
 * @example
 * z.record(Name, RoleDefinition).default(() => copyDefaults(DEFAULT_ROLES));
 */
export function copyDefaults<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
