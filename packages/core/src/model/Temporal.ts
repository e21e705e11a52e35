import { z } from 'zod';

const offsetDateTime =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const plainDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * An instant as an ISO 8601 string with an explicit zone (`Z` or `±hh:mm`). A naive datetime
 * (no zone) is refused: connectors turn ERP values such as Odoo's naive UTC strings into this.
 *
 * @example
 * IsoDateTime.parse('2026-03-02T09:30:00+08:00');
 */
export const IsoDateTime = z.string().refine((value) => {
  const m = offsetDateTime.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi] = m;
  return isRealDate(Number(y), Number(mo), Number(d)) && Number(h) < 24 && Number(mi) < 60;
}, 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-02T09:30:00+08:00');
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/**
 * A calendar date (`YYYY-MM-DD`), e.g. a requested delivery date or a due date.
 *
 * @example
 * IsoDate.parse('2026-04-30');
 */
export const IsoDate = z.string().refine((value) => {
  const m = plainDate.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}, 'must be a calendar date YYYY-MM-DD, e.g. 2026-04-30');
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
