import { z } from 'zod';

const offsetDateTime =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const plainDate = /^(\d{4})-(\d{2})-(\d{2})$/;
// Longest text either form can have (`2026-03-02T09:30:00.123456789+08:00` is 35 characters):
// anything longer is refused before a regular expression looks at it.
const MAX_INSTANT_LENGTH = 35;

/** Days in a month of the proleptic Gregorian calendar (month 1…12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Plain arithmetic rather than `Date.UTC`, which reads years 0–99 as 1900–1999.
function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether `value` is an ISO 8601 date-time with an explicit zone that names a real instant: a
 * real calendar date (no 30 February), hours 00–23, minutes and seconds 00–59 (no leap second),
 * a zone `Z` or `±hh:mm` with hh 00–23 and mm 00–59 (RFC 3339), and one the runtime parses.
 *
 * @example
 * isIsoDateTime('2026-03-02T09:30:00+08:00'); // true
 * isIsoDateTime('2026-02-30T09:30:00+08:00'); // false: no 30 February
 * isIsoDateTime('2026-03-02T09:30:00+99:99'); // false: no such offset
 */
export function isIsoDateTime(value: string): boolean {
  if (value.length > MAX_INSTANT_LENGTH) return false;
  const m = offsetDateTime.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s = '0', oh = '0', om = '0'] = m;
  return (
    isRealDate(Number(y), Number(mo), Number(d)) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60 &&
    Number(oh) < 24 &&
    Number(om) < 60 &&
    Number.isFinite(Date.parse(value))
  );
}

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * isIsoDate('2028-02-29'); // true
 * isIsoDate('2026-02-29'); // false: 2026 is not a leap year
 */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10) return false;
  const m = plainDate.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An instant as an ISO 8601 string with an explicit zone (`Z` or `±hh:mm`), naming a real
 * instant (see `isIsoDateTime`). A naive datetime (no zone) is refused: connectors turn ERP
 * values such as Odoo's naive UTC strings into this.
 *
 * @example
 * IsoDateTime.parse('2026-03-02T09:30:00+08:00');
 */
export const IsoDateTime = z
  .string()
  .refine(
    isIsoDateTime,
    'must be an ISO 8601 date-time with a zone, e.g. 2026-03-02T09:30:00+08:00',
  );
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/**
 * A calendar date (`YYYY-MM-DD`), e.g. a requested delivery date or a due date.
 *
 * @example
 * IsoDate.parse('2026-04-30');
 */
export const IsoDate = z
  .string()
  .refine(isIsoDate, 'must be a calendar date YYYY-MM-DD, e.g. 2026-04-30');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * IANA time-zone name such as `Asia/Shanghai`, checked against the runtime's Intl data.
 *
 * @example
 * TimeZone.parse('Asia/Shanghai');
 */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');
