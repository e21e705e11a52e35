/**
 * Calendar fields of an instant in a time zone.
 *
 * @example
 * const p: ZonedParts = { year: 2026, month: 3, day: 2, hour: 9, minute: 0 };
 */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MS_PER_DAY = 86_400_000;

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone. It shows
// seconds, which the offset look-up needs and the calendar fields ignore.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// A review pass asks for the same submission instant several times; remember the last answer
// (compared field by field: building a combined key string would cost more than it saves).
let lastInstant = '';
let lastZone = '';
let lastParts: ZonedParts | undefined;
let lastDay = 0;

const MS_PER_HOUR = 3_600_000;
// Beyond 9999 the ISO model cannot express the date anyway; before 1970 zones had offsets in
// odd seconds (local mean time), where formatting each instant is the safe way.
const FAST_PATH_END = Date.UTC(10_000, 0, 1);
// Hours remembered per zone (about 5.7 years of distinct submission hours) before starting over.
const OFFSET_MEMO_LIMIT = 50_000;

// Formatting an instant with Intl costs microseconds, and assessing a batch of orders needs the
// local date of every submission. A zone's offset only changes at a transition (daylight saving,
// a change of law), so the offset is learnt from Intl once per UTC hour and zone, and the local
// fields of any instant in that hour are plain UTC arithmetic. An hour with a transition inside
// it (its first and last second differ in offset) is never shortcut: every instant in it goes
// through Intl as before. Offsets are found to the second, so the fields are exactly Intl's.
const hourOffsets = new Map<string, Map<number, number>>();

/** Wall-clock fields, to the second, of an instant in a zone, read through the zone's formatter. */
function wallClock(epoch: number, timeZone: string) {
  const v = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(epoch)) {
    if (p.type in v) v[p.type as keyof typeof v] = Number(p.value);
  }
  return v;
}

/** Offset from UTC (ms) of a zone at a whole-second instant. */
function offsetAt(epoch: number, timeZone: string): number {
  const v = wallClock(epoch, timeZone);
  return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - epoch;
}

/** The zone's offset throughout the UTC hour `hour`, or NaN when it changes within that hour. */
function offsetOfHour(hour: number, timeZone: string): number {
  let memo = hourOffsets.get(timeZone);
  if (memo === undefined) {
    memo = new Map();
    hourOffsets.set(timeZone, memo);
  }
  let offset = memo.get(hour);
  if (offset === undefined) {
    const start = hour * MS_PER_HOUR;
    const first = offsetAt(start, timeZone);
    offset = first === offsetAt(start + MS_PER_HOUR - 1000, timeZone) ? first : Number.NaN;
    if (memo.size >= OFFSET_MEMO_LIMIT) memo.clear();
    memo.set(hour, offset);
  }
  return offset;
}

/**
 * Offset (ms) of a time zone from UTC at an instant given in epoch milliseconds: local wall time
 * minus UTC, to the second. Learnt once per UTC hour and zone, like `zonedParts`.
 *
 * @example
 * zoneOffsetMs(Date.parse('2026-03-02T01:00:00Z'), 'Asia/Shanghai'); // 28_800_000
 */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const second = Math.floor(epochMs / 1000) * 1000;
  const offset =
    second >= 0 && second < FAST_PATH_END
      ? offsetOfHour(Math.floor(second / MS_PER_HOUR), timeZone)
      : Number.NaN;
  return Number.isNaN(offset) ? offsetAt(second, timeZone) : offset;
}

function formattedParts(epoch: number, timeZone: string): ZonedParts {
  const { year, month, day, hour, minute } = wallClock(epoch, timeZone);
  return { year, month, day, hour, minute };
}

/**
 * Year, month, day, hour and minute of an ISO instant in an IANA time zone.
 *
 * @example
 * zonedParts('2026-12-31T20:00:00Z', 'Asia/Shanghai'); // { year: 2027, month: 1, day: 1, hour: 4, minute: 0 }
 */
export function zonedParts(instant: string, timeZone: string): ZonedParts {
  if (instant === lastInstant && timeZone === lastZone && lastParts !== undefined) return lastParts;
  const epoch = Date.parse(instant);
  if (Number.isNaN(epoch)) throw new RangeError(`not an ISO instant: ${instant}`);
  const offset =
    epoch >= 0 && epoch < FAST_PATH_END
      ? offsetOfHour(Math.floor(epoch / MS_PER_HOUR), timeZone)
      : Number.NaN;
  let parts: ZonedParts;
  if (Number.isNaN(offset)) {
    parts = formattedParts(epoch, timeZone);
  } else {
    const local = new Date(epoch + offset);
    parts = {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
    };
  }
  lastInstant = instant;
  lastZone = timeZone;
  lastParts = parts;
  lastDay = dayNumber(parts.year, parts.month, parts.day);
  return parts;
}

/**
 * Days since 1970-01-01 of a calendar date, so that date differences are integer subtraction.
 *
 * @example
 * dayNumber(2026, 3, 2) - dayNumber(2026, 3, 1); // 1
 */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * Day number of an ISO calendar date `YYYY-MM-DD` (already validated by the model).
 *
 * @example
 * isoDateDayNumber('1970-01-02'); // 1
 */
export function isoDateDayNumber(date: string): number {
  // Slicing instead of a regex: the model has validated the shape already.
  return dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/**
 * ISO date `YYYY-MM-DD` of a day number.
 *
 * @example
 * isoDateOfDayNumber(0); // '1970-01-01'
 */
export function isoDateOfDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * ISO weekday (1 = Monday … 7 = Sunday) of a day number.
 *
 * @example
 * isoWeekday(0); // 4 (1970-01-01 was a Thursday)
 */
export function isoWeekday(n: number): number {
  return (((n % 7) + 7 + 3) % 7) + 1;
}

/**
 * Day number of an instant's calendar date in a time zone.
 *
 * @example
 * zonedDayNumber('2026-03-01T17:00:00Z', 'Asia/Shanghai') === isoDateDayNumber('2026-03-02'); // true
 */
export function zonedDayNumber(instant: string, timeZone: string): number {
  zonedParts(instant, timeZone);
  return lastDay;
}

function pad2(n: number): string {
  return n < 10 ? '0' + String(n) : String(n);
}

/**
 * An instant shown as `YYYY-MM-DD HH:mm` in a time zone, for message parameters (the same text
 * in every language).
 *
 * @example
 * formatZoned('2026-03-02T01:00:00Z', 'Asia/Shanghai'); // '2026-03-02 09:00'
 */
export function formatZoned(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${String(p.year)}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
