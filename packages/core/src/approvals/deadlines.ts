import { zoneOffsetMs } from '../lib/zonedTime.js';
import type { BusinessCalendar } from '../policy/calendarPolicy.js';

const HOUR_MS = 3_600_000;

/** The instant at which the wall clock in `timeZone` shows `date` + `minutes`. */
function instantAt(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

const toMinutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

function isWorkingDay(date: string, calendar: BusinessCalendar): boolean {
  if (calendar.extraWorkingDays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return calendar.workingDays.includes(isoWeekday(date));
}

/**
 * Adds `hours` to an instant: plain elapsed hours, or working hours of a business calendar in the
 * policy's time zone (RV-2 "deadlines may follow a business calendar"). Returns an ISO instant (UTC).
 *
 * @example
 * addHours('2026-03-06T17:00:00+08:00', 2, { calendar, timeZone: 'Asia/Shanghai' });
 * // Friday 17:00 + 2 working hours → Monday 10:00 +08:00 = '2026-03-09T02:00:00.000Z'
 */
export function addHours(
  start: string,
  hours: number,
  options: { calendar?: BusinessCalendar | undefined; timeZone: string },
): string {
  const startMs = Date.parse(start);
  const { calendar, timeZone } = options;
  if (!calendar) return new Date(startMs + hours * HOUR_MS).toISOString();

  const dayStart = toMinutes(calendar.dayStart);
  const dayEnd = toMinutes(calendar.dayEnd);
  let remainingMs = hours * HOUR_MS;
  let date = new Date(startMs + zoneOffsetMs(startMs, timeZone)).toISOString().slice(0, 10);
  let cursorMs = startMs;
  // Walk working windows day by day; a year of days is a safe bound for any sane calendar.
  for (let guard = 0; guard < 3660; guard++) {
    if (isWorkingDay(date, calendar)) {
      const windowStart = instantAt(date, dayStart, timeZone);
      const windowEnd = instantAt(date, dayEnd, timeZone);
      const from = Math.max(cursorMs, windowStart);
      if (from < windowEnd) {
        const available = windowEnd - from;
        if (remainingMs <= available) return new Date(from + remainingMs).toISOString();
        remainingMs -= available;
      }
    }
    date = nextDate(date);
    cursorMs = instantAt(date, 0, timeZone);
  }
  throw new RangeError('addHours: business calendar has no working time within ten years');
}
