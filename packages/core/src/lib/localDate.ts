import {
  dayNumber,
  isoDateDayNumber,
  isoDateOfDayNumber,
  zonedDayNumber,
  zonedParts,
} from './zonedTime.js';

/**
 * Calendar date (`YYYY-MM-DD`) of an instant in a time zone.
 *
 * @example
 * localDate('2026-03-01T17:00:00Z', 'Asia/Shanghai'); // '2026-03-02'
 */
export function localDate(instant: string, timeZone: string): string {
  return isoDateOfDayNumber(zonedDayNumber(instant, timeZone));
}

/**
 * Calendar month (`YYYY-MM`) of an instant in a time zone.
 *
 * @example
 * localMonth('2026-03-31T17:00:00Z', 'Asia/Shanghai'); // '2026-04'
 */
export function localMonth(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`;
}

/**
 * Whole days from date `a` to date `b` (both `YYYY-MM-DD`): positive when `b` is later.
 *
 * @example
 * daysBetween('2026-03-02', '2026-03-05'); // 3
 */
export function daysBetween(a: string, b: string): number {
  return isoDateDayNumber(b) - isoDateDayNumber(a);
}

/**
 * The same day `years` later; 29 February falls on 28 February in a common year.
 *
 * @example
 * addYearsToDate('2028-02-29', 10); // '2038-02-28'
 */
export function addYearsToDate(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), lastDay);
  return isoDateOfDayNumber(dayNumber(y, m, d));
}

/**
 * The month after `month` (`YYYY-MM`).
 *
 * @example
 * nextMonth('2026-12'); // '2027-01'
 */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12
    ? `${String(y + 1).padStart(4, '0')}-01`
    : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The date of `day` in `month`, or the month's last day when it has fewer days.
 *
 * @example
 * dayOfMonth('2026-02', 31); // '2026-02-28'
 */
export function dayOfMonth(month: string, day: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return isoDateOfDayNumber(dayNumber(y, m, Math.min(day, lastDay)));
}

/**
 * An ISO instant `days` days after another (exact 24-hour days).
 *
 * @example
 * addDays('2026-03-02T01:00:00.000Z', 7); // '2026-03-09T01:00:00.000Z'
 */
export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}
