import { zoneOffsetMs } from '@ordergate/core';
import type { RestField, RestTransform } from './RestMapping.js';

/** A value could not be read or converted; `path` is relative to the record being mapped. */
export class FieldError extends Error {
  constructor(
    readonly path: string,
    readonly target: string,
    message: string,
  ) {
    super(message);
  }
}

// A mapping has few paths, read once per record: split each once.
const SEGMENTS = new Map<string, string[]>();

/** Splits `a.b[0].c` / `a.b.0.c` into segments (a shared, frozen list: do not change it). */
export function segments(path: string): readonly string[] {
  let cached = SEGMENTS.get(path);
  if (!cached) {
    cached = path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter((s) => s !== '');
    Object.freeze(cached);
    if (SEGMENTS.size < 10_000) SEGMENTS.set(path, cached);
  }
  return cached;
}

/**
 * Reads a dotted path (`lines.0.qty`, `data[2].id`) from parsed JSON; `found` is false when a
 * step is missing. An empty path is the value itself.
 *
 * @example
 * getPath({ a: [{ b: 1 }] }, 'a.0.b'); // { found: true, value: 1 }
 */
export function getPath(value: unknown, path: string): { found: boolean; value: unknown } {
  let v: unknown = value;
  for (const s of segments(path)) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, s)) {
      return { found: false, value: undefined };
    }
    v = (v as Record<string, unknown>)[s];
  }
  return { found: true, value: v };
}

/** Sets a dotted path in a plain object, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = segments(path);
  let o = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const s = parts[i]!;
    if (typeof o[s] !== 'object' || o[s] === null) o[s] = {};
    o = o[s] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

const intlDecimals = new Map<string, number>();
/** Decimals of a currency: the mapping's override, else Intl's (EUR 2, JPY 0, KWD 3). */
export function currencyDecimals(
  currency: string,
  overrides: Readonly<Record<string, number>>,
): number {
  const o = overrides[currency];
  if (o !== undefined) return o;
  let d = intlDecimals.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits!;
    } catch {
      throw new Error(`unknown currency "${currency}" (give its decimals in currencyDecimals)`);
    }
    intlDecimals.set(currency, d);
  }
  return d;
}

/**
 * A decimal string or number scaled by 10^scale to an integer, exactly for strings, rounding
 * half away from zero; undefined when it is not a decimal (`[+-]digits[.digits]`, spaces around
 * allowed).
 *
 * @example
 * scaleDecimal('720.905', 2); // 72091
 */
export function scaleDecimal(value: unknown, scale: number): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = value.toFixed(Math.min(20, scale + 8));
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  // One pass over the characters instead of a regular expression and digit strings: amounts are
  // converted several times per order line. The same grammar as /^([+-])?(\d+)(?:\.(\d*))?$/.
  const end = text.length;
  let i = 0;
  const first = text.charCodeAt(0);
  const negative = first === 45; // -
  if (negative || first === 43) i = 1; // +
  const intStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === intStart) return undefined;
  let fracStart = end;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return undefined; // .
    fracStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i < end) return undefined;
  }
  const fracLength = end - fracStart;
  const up = fracLength > scale && text.charCodeAt(fracStart + scale) >= 53; // '5'
  if (intEnd - intStart + scale > 15) return scaleBig(text, intStart, intEnd, fracStart, scale, up);
  // at most 15 digits: exact in a double
  let n = 0;
  for (let k = intStart; k < intEnd; k++) n = n * 10 + (text.charCodeAt(k) - 48);
  for (let k = 0; k < scale; k++)
    n = n * 10 + (k < fracLength ? text.charCodeAt(fracStart + k) - 48 : 0);
  if (up) n += 1;
  return negative && n !== 0 ? -n : n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `scaleDecimal` past 15 digits: BigInt arithmetic, undefined beyond the safe integer range. */
function scaleBig(
  text: string,
  intStart: number,
  intEnd: number,
  fracStart: number,
  scale: number,
  up: boolean,
): number | undefined {
  const frac = text.slice(fracStart);
  const kept = frac.length >= scale ? frac.slice(0, scale) : frac.padEnd(scale, '0');
  let n = BigInt(text.slice(intStart, intEnd) + kept);
  if (up) n += 1n;
  const result = Number(text.charCodeAt(0) === 45 ? -n : n);
  return Number.isSafeInteger(result) ? (Object.is(result, -0) ? 0 : result) : undefined;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function dateIn(ms: number, zone: string): string {
  return formatter(DATE_FORMATS, 'en-CA', zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let f = cache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    if (cache.size < 100) cache.set(zone, f);
  }
  return f;
}

/** A zone's offset from UTC in minutes at an instant (the core's, learnt once per UTC hour). */
function offsetMinutes(ms: number, zone: string): number {
  return Math.round(zoneOffsetMs(ms, zone) / 60_000);
}

const MS_PER_DAY = 86_400_000;
// Instants from 1970 to the end of 9999 are written by plain arithmetic (the runtime's
// `toISOString` and `Date.parse` cost a microsecond each, and a sync converts a few per order);
// anything else goes through the runtime as before.
const YEAR_10000 = 253_402_300_800_000;

function pad2(n: number): string {
  return n < 10 ? `0${String(n)}` : String(n);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year, months 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * ISO instant without milliseconds when it has none (`2026-03-02T01:00:00Z`), with them
 * otherwise (`2026-03-02T01:00:00.250Z`): `toISOString` without a `.000`.
 *
 * @example
 * isoInstant(Date.UTC(2026, 2, 2, 1)); // '2026-03-02T01:00:00Z'
 */
export function isoInstant(ms: number): string {
  if (ms >= 0 && ms < YEAR_10000 && ms % 1000 === 0) {
    // The text of the hour is kept (orders come sorted by time: the next one is mostly in the
    // same hour), and minutes and seconds come from a table: two strings per call, not a dozen.
    const hour = Math.floor(ms / 3_600_000);
    if (hour !== lastHour) {
      lastHour = hour;
      lastHourText = hourText(hour);
    }
    const rest = (ms - hour * 3_600_000) / 1000;
    return (
      lastHourText +
      (MINUTES_SECONDS[rest] ??= `${pad2(Math.floor(rest / 60))}:${pad2(rest % 60)}Z`)
    );
  }
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

let lastHour = -1;
let lastHourText = '';
/** `mm:ssZ` for each second of an hour, written when first needed. */
const MINUTES_SECONDS: string[] = [];

/** `YYYY-MM-DDThh:` of an hour since 1970 (years 1970–9999). */
function hourText(hour: number): string {
  const days = Math.floor(hour / 24);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hour - days * 24)}:`;
}

/** Two decimal digits at `i`, or -1. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch ms of an ISO date-time with a zone, exactly as `Date.parse` reads it (NaN where it
 * does not): plain arithmetic for the common form, `Date.parse` for anything else.
 *
 * @example
 * zonedIsoMs('2026-03-02T09:30:00+08:00'); // Date.parse of the same
 */
export function zonedIsoMs(text: string): number {
  return commonIsoMs(text) ?? Date.parse(text);
}

/**
 * Epoch ms of `YYYY-MM-DDThh:mm[:ss[.f{1,3}]](Z|±hh:mm)` with every field in range (a real
 * date, hours 00–23, minutes and seconds 00–59, offset hours 00–23), by plain arithmetic: the
 * same number `Date.parse` gives. Undefined for anything else, which the caller hands to the
 * runtime (`Date.parse` has its own leniencies, such as 24:00 or 30 February, kept as they are).
 * Where it gives a number, the text is also one the core's `isIsoDateTime` accepts.
 *
 * @example
 * commonIsoMs('2026-03-02T09:30:00+08:00'); // 1772415000000
 * commonIsoMs('2026-03-02T24:00:00Z'); // undefined: ask Date.parse
 */
export function commonIsoMs(text: string): number | undefined {
  const length = text.length;
  if (length < 17 || length > 29) return undefined;
  const century = two(text, 0);
  const yy = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  if (
    century < 0 ||
    yy < 0 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return undefined;
  const year = century * 100 + yy;
  if (day > daysInMonth(year, month)) return undefined;
  let i = 16;
  let second = 0;
  let fraction = 0;
  if (text.charCodeAt(i) === 58) {
    second = two(text, i + 1);
    if (second < 0 || second > 59) return undefined;
    i += 3;
    if (text.charCodeAt(i) === 46) {
      // one to three digits are milliseconds; more go to the runtime
      let digits = 0;
      for (i++; digits < 4 && isDigit(text.charCodeAt(i)); i++, digits++)
        fraction = fraction * 10 + text.charCodeAt(i) - 48;
      if (digits === 0 || digits > 3) return undefined;
      fraction *= digits === 1 ? 100 : digits === 2 ? 10 : 1;
    }
  }
  let offset = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90) {
    // Z
    if (i + 1 !== length) return undefined;
  } else if (zone === 43 || zone === 45) {
    const oh = two(text, i + 1);
    const om = two(text, i + 4);
    if (i + 6 !== length || text.charCodeAt(i + 3) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59)
      return undefined;
    offset = (zone === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else {
    return undefined;
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    fraction -
    offset
  );
}

/** A naive local time (`2026-03-02 09:00:00`) in `zone` → epoch ms; undefined when malformed. */
export function naiveToMs(text: string, zone: string): number | undefined {
  // `YYYY-MM-DD[( |T)hh:mm[:ss]]`, read character by character (no match array, no substrings):
  // every order has one or two of these
  const t = text.trim();
  const n = t.length;
  if (n !== 10 && n !== 16 && n !== 19) return undefined;
  const century = two(t, 0);
  const yy = two(t, 2);
  const month = two(t, 5);
  const day = two(t, 8);
  if (century < 0 || yy < 0 || month < 0 || day < 0) return undefined;
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined; // -
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (n > 10) {
    const sep = t.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || t.charCodeAt(13) !== 58) return undefined; // ' ' or T, :
    hour = two(t, 11);
    minute = two(t, 14);
    if (hour < 0 || minute < 0) return undefined;
    if (n === 19) {
      if (t.charCodeAt(16) !== 58) return undefined;
      second = two(t, 17);
      if (second < 0) return undefined;
    }
  }
  // Date.UTC as before: out-of-range fields roll over, years 0–99 are 1900–1999
  const guess = Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second);
  if (Number.isNaN(guess)) return undefined;
  let ms = guess - offsetMinutes(guess, zone) * 60_000;
  ms = guess - offsetMinutes(ms, zone) * 60_000;
  return ms;
}

/** An epoch ms as naive local time in a zone (`2026-03-02 09:00:00`). */
export function msToNaive(ms: number, zone: string): string {
  const local = new Date(ms + offsetMinutes(ms, zone) * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Context of a record's conversions: the currency its amounts are in. */
export interface ValueContext {
  currency?: string | undefined;
  currencyDecimals: Readonly<Record<string, number>>;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * One transform, specialised once per mapping: the value, the record's currency and the
 * mapping's currency decimals in, the converted value out; a misfit throws an `Error` whose
 * message says what was expected.
 */
type Convert = (
  value: unknown,
  currency: string | undefined,
  decimals: Readonly<Record<string, number>>,
) => unknown;

const TRUE_WORDS: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'y']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['0', 'false', 'no', 'n']);

function compileTransform(t: RestTransform): Convert {
  if (typeof t === 'string') {
    switch (t) {
      case 'string':
        return (value) => {
          if (typeof value === 'string') return value;
          if (typeof value === 'number' && Number.isFinite(value)) return String(value);
          throw new Error(`expected text or a number, got ${show(value)}`);
        };
      case 'trim':
        return (value) => {
          if (typeof value !== 'string') throw new Error(`expected text, got ${show(value)}`);
          return value.trim();
        };
      case 'number':
      case 'integer': {
        const integer = t === 'integer';
        return (value) => {
          const n =
            typeof value === 'number'
              ? value
              : typeof value === 'string' && value.trim() !== ''
                ? Number(value)
                : Number.NaN;
          if (!Number.isFinite(n)) throw new Error(`expected a number, got ${show(value)}`);
          if (integer && !Number.isSafeInteger(n))
            throw new Error(`expected a whole number, got ${show(value)}`);
          return n;
        };
      }
      case 'boolean':
        return (value) => {
          if (typeof value === 'boolean') return value;
          const s = String(value).toLowerCase();
          if (TRUE_WORDS.has(s)) return true;
          if (FALSE_WORDS.has(s)) return false;
          throw new Error(`expected a yes/no value, got ${show(value)}`);
        };
      case 'percentToBp':
        return (value) => {
          const bp = scaleDecimal(value, 2);
          if (bp === undefined) throw new Error(`expected a percentage, got ${show(value)}`);
          return bp;
        };
    }
  }
  if ('minorUnits' in t) {
    const fixed = t.minorUnits.currency;
    // the decimals of the last currency seen (a sync's amounts are nearly always in one)
    let lastCurrency: string | undefined;
    let lastTable: Readonly<Record<string, number>> | undefined;
    let lastDecimals = 0;
    return (value, recordCurrency, table) => {
      const currency = fixed ?? recordCurrency;
      if (!currency) throw new Error('has no currency to convert with (map the record’s currency)');
      if (currency !== lastCurrency || table !== lastTable) {
        lastDecimals = currencyDecimals(currency, table);
        lastCurrency = currency;
        lastTable = table;
      }
      const units = scaleDecimal(value, lastDecimals);
      if (units === undefined) throw new Error(`expected a decimal amount, got ${show(value)}`);
      return units;
    };
  }
  if ('timestamp' in t) {
    const { from, zone, as } = t.timestamp;
    const out = (ms: number | undefined, value: unknown): string => {
      if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
        throw new Error(`expected a ${from} timestamp, got ${show(value)}`);
      }
      return as === 'date' ? dateIn(ms, zone) : isoInstant(ms);
    };
    if (from === 'unix' || from === 'unixMs') {
      const scale = from === 'unix' ? 1000 : 1;
      return (value) => {
        const n =
          typeof value === 'number'
            ? value
            : typeof value === 'string' && /^\d+$/.test(value)
              ? Number(value)
              : Number.NaN;
        return out(Number.isFinite(n) ? n * scale : undefined, value);
      };
    }
    if (from === 'iso') {
      return (value) => {
        let ms: number | undefined;
        if (typeof value === 'string') {
          ms = commonIsoMs(value);
          if (ms === undefined) {
            if (ZONED_ISO.test(value)) ms = Date.parse(value);
            else if (!Number.isNaN(Date.parse(value)))
              throw new Error(
                `${show(value)} has no zone; use timestamp.from "naive" with its zone`,
              );
          }
        }
        return out(ms, value);
      };
    }
    return (value) => out(typeof value === 'string' ? naiveToMs(value, zone) : undefined, value);
  }
  if ('enum' in t) {
    const { map, default: fallback } = t.enum;
    return (value) => {
      const key = String(value);
      if (Object.prototype.hasOwnProperty.call(map, key)) return map[key];
      if (fallback !== undefined) return fallback;
      throw new Error(`unknown code ${show(value)}; the map knows ${Object.keys(map).join(', ')}`);
    };
  }
  const { labelPath, map, default: fallback } = t.tags;
  return (value) => {
    if (!Array.isArray(value)) throw new Error(`expected a list of tags, got ${show(value)}`);
    for (const tag of value as unknown[]) {
      const label = labelPath ? getPath(tag, labelPath).value : tag;
      if (typeof label === 'string' && Object.prototype.hasOwnProperty.call(map, label)) {
        return map[label];
      }
    }
    if (fallback !== undefined) return fallback;
    throw new Error(`no tag the map knows (${Object.keys(map).join(', ')})`);
  };
}

/**
 * Evaluates one field of the mapping on a record: reads its path (or const), falls back to the
 * default, runs the transforms. `undefined` only for an optional field that is absent; any other
 * misfit throws a `FieldError` naming the path.
 *
 * @example
 * evalField({ qty: '2' }, { path: 'qty', transform: 'number' }, 'quantity', ctx); // 2
 */
export function evalField(
  record: unknown,
  spec: RestField,
  target: string,
  ctx: ValueContext,
): unknown {
  return evalCompiled(record, compileField(target, spec), ctx.currency, ctx.currencyDecimals);
}

/**
 * One field compiled once (see `evalField`): the function that evaluates it on a record.
 *
 * @example
 * const changedAt = fieldEvaluator('changedAt', mapping.orders.fields.changedAt!);
 * changedAt(raw, ctx); // '2026-03-02T01:00:00Z'
 */
export function fieldEvaluator(
  target: string,
  spec: RestField,
): (record: unknown, ctx: ValueContext) => unknown {
  const f = compileField(target, spec);
  return (record, ctx) => evalCompiled(record, f, ctx.currency, ctx.currencyDecimals);
}

/** A field spec in the form evaluated per record (compiled once per mapping). */
interface CompiledField {
  target: string;
  /** The target split once. */
  targetSegments: readonly string[];
  /** Reads the path (or gives the const) from a record. */
  read: (record: unknown) => unknown;
  /** The path split once (undefined for a const or a field without a path). */
  parts: readonly string[] | undefined;
  /** The const value, when the field has one. */
  constant: unknown;
  at: string;
  default: unknown;
  optional: boolean;
  /** The transforms, composed; undefined when there are none. */
  convert: Convert | undefined;
}

const COMPILED = new WeakMap<object, CompiledField>();

/** A reader for a path split into segments: own properties only, undefined when a step is missing. */
function readerOf(parts: readonly string[]): (record: unknown) => unknown {
  if (parts.length === 1) {
    const key = parts[0]!;
    return (record) =>
      record !== null && typeof record === 'object' && Object.hasOwn(record, key)
        ? (record as Record<string, unknown>)[key]
        : undefined;
  }
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    return (record) => {
      if (record === null || typeof record !== 'object' || !Object.hasOwn(record, a))
        return undefined;
      const v = (record as Record<string, unknown>)[a];
      return v !== null && typeof v === 'object' && Object.hasOwn(v, b)
        ? (v as Record<string, unknown>)[b]
        : undefined;
    };
  }
  return (record) => valueAt(record, parts);
}

function compileField(target: string, spec: RestField): CompiledField {
  if (typeof spec === 'object') {
    const known = COMPILED.get(spec);
    if (known && known.target === target) return known;
  }
  const s = typeof spec === 'string' ? { path: spec, optional: false } : spec;
  const constant = 'const' in s ? s.const : undefined;
  const transforms: readonly RestTransform[] =
    'transform' in s && s.transform !== undefined
      ? Array.isArray(s.transform)
        ? s.transform
        : [s.transform]
      : [];
  const steps = transforms.map(compileTransform);
  const compiled: CompiledField = {
    target,
    targetSegments: segments(target),
    read:
      constant !== undefined
        ? () => constant
        : s.path !== undefined
          ? readerOf(segments(s.path))
          : () => undefined,
    parts: constant === undefined && s.path !== undefined ? segments(s.path) : undefined,
    constant,
    at: s.path ?? '(const)',
    default: 'default' in s ? s.default : undefined,
    optional: s.optional,
    convert:
      steps.length === 0
        ? undefined
        : steps.length === 1
          ? steps[0]
          : (value, currency, decimals) => {
              let v = value;
              for (const step of steps) v = step(v, currency, decimals);
              return v;
            },
  };
  if (typeof spec === 'object') COMPILED.set(spec, compiled);
  return compiled;
}

function evalCompiled(
  record: unknown,
  f: CompiledField,
  currency: string | undefined,
  decimals: Readonly<Record<string, number>>,
): unknown {
  let value = f.read(record);
  if (value === undefined || value === null || value === '') {
    if (f.default !== undefined) value = f.default;
    else if (f.optional) return undefined;
    else throw missing(f, value);
  }
  if (f.convert === undefined) return value;
  try {
    return f.convert(value, currency, decimals);
  } catch (error) {
    throw new FieldError(f.at, f.target, (error as Error).message);
  }
}

/**
 * The value at already split path segments (undefined when a step is missing).
 *
 * @example
 * valueAt({ a: [{ b: 1 }] }, segments('a.0.b')); // 1
 */
export function valueAt(record: unknown, parts: readonly string[]): unknown {
  let v: unknown = record;
  for (let i = 0; i < parts.length; i++) {
    const s = parts[i]!;
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/**
 * A set of fields compiled once (paths split, transforms specialised, the currency field first)
 * into the function that maps one record into a fresh object (targets as dotted paths:
 * `{ 'customer.id': 'socid' }` gives `{ customer: { id: '7' } }`); an optional target that is
 * absent is left out.
 */
export type RecordMapper = (record: unknown, ctx: ValueContext) => Record<string, unknown>;

/**
 * Compiles a set of fields into a `RecordMapper`. The currency target (`currencyTarget`) is
 * evaluated first so amounts convert with its decimals; targets in `skip` are left out (read
 * apart by the caller). Compile once per mapping, map every record with the result.
 *
 * @example
 * const mapLine = compileFields(mapping.orders.lineFields);
 * const line = mapLine(raw, { currency: 'CNY', currencyDecimals: {} });
 */
export function compileFields(
  fields: Readonly<Record<string, RestField>>,
  currencyTarget?: string,
  skip?: ReadonlySet<string>,
  { generated = true }: { generated?: boolean } = {},
): RecordMapper {
  const list = Object.entries(fields)
    .filter(([target]) => !skip?.has(target))
    .map(([target, spec]) => compileField(target, spec));
  const currencySpec = currencyTarget === undefined ? undefined : fields[currencyTarget];
  const currencyField =
    currencySpec === undefined
      ? undefined
      : (list.find((f) => f.target === currencyTarget) ??
        compileField(currencyTarget!, currencySpec));
  const fast = generated ? generateMapper(list, currencyField) : undefined;
  if (fast) return fast;
  return interpretedMapper(list, currencyField);
}

/** Thrown for a currency field whose value is not a currency code. */
function notACurrency(f: CompiledField, c: unknown): FieldError {
  return new FieldError(f.at, f.target, `expected a currency code, got ${show(c)}`);
}

/** What a field that is missing (absent, null or "") without default or `optional` throws. */
function missing(f: CompiledField, value: unknown): FieldError {
  return new FieldError(f.at, f.target, value === undefined ? 'is missing' : `is ${show(value)}`);
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** The field set evaluated field by field (see `generateMapper` for the same, generated). */
function interpretedMapper(
  list: readonly CompiledField[],
  currencyField: CompiledField | undefined,
): RecordMapper {
  const Plain = plainRecords();
  return (record, ctx) => {
    const decimals = ctx.currencyDecimals;
    let currency = ctx.currency;
    let c: unknown;
    if (currencyField !== undefined) {
      c = evalCompiled(record, currencyField, currency, decimals);
      if (c !== undefined) {
        if (typeof c !== 'string' || !CURRENCY_CODE.test(c)) throw notACurrency(currencyField, c);
        currency = c;
      }
    }
    const out = new Plain();
    for (let n = 0; n < list.length; n++) {
      const f = list[n]!;
      // the currency field was read first; its value is the same
      const v = f === currencyField ? c : evalCompiled(record, f, currency, decimals);
      if (v === undefined) continue;
      const parts = f.targetSegments;
      let o = out;
      for (let i = 0; i < parts.length - 1; i++) {
        const k = parts[i]!;
        if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
        o = o[k] as Record<string, unknown>;
      }
      o[parts[parts.length - 1]!] = v;
    }
    return out;
  };
}

type PlainRecords = new () => Record<string, unknown>;

/**
 * A constructor of mapped records whose prototype is Object.prototype: plain objects as `{}`
 * makes them, but after the first few V8 sizes them to hold every target in the object itself
 * instead of growing a separate property store as targets are added (less garbage per record).
 * One per field set, so that each set's records are sized apart.
 */
function plainRecords(): PlainRecords {
  const Plain = function () {
    // nothing: the targets are added by the mapper
  } as unknown as { new (): Record<string, unknown>; prototype: object };
  Plain.prototype = Object.prototype;
  return Plain;
}

/** Keys a plain object or array inherits: read as own properties only (`Object.hasOwn`). */
function inherited(key: string): boolean {
  return key in Object.prototype || key in Array.prototype;
}

/**
 * The field set as one generated function (decision 037): each path read by name, each
 * transform called from a call site of its own (so V8 inlines it), each target stored by name —
 * the same records, the same `FieldError`s in the same order as `interpretedMapper`, about four
 * times faster (a sync maps every order and line through it). Paths and targets enter the code
 * only as JSON string literals; transforms, consts and defaults are passed in, never written
 * into it. Undefined where the runtime forbids code from strings (the caller then interprets)
 * or a target is `__proto__`.
 */
function generateMapper(
  list: readonly CompiledField[],
  currencyField: CompiledField | undefined,
): RecordMapper | undefined {
  const fields = currencyField && !list.includes(currencyField) ? [currencyField, ...list] : list;
  if (fields.some((f) => f.targetSegments.includes('__proto__'))) return undefined;
  const q = (key: string) => JSON.stringify(key);
  const lines: string[] = [];
  const read = (i: number, f: CompiledField): void => {
    if (f.constant !== undefined) {
      lines.push(`v = K[${String(i)}];`);
      return;
    }
    if (f.parts === undefined) {
      lines.push('v = undefined;');
      return;
    }
    lines.push('v = record;');
    for (const key of f.parts) {
      const own = inherited(key) ? ` && hasOwn(v, ${q(key)})` : '';
      lines.push(`v = v !== null && typeof v === "object"${own} ? v[${q(key)}] : undefined;`);
    }
  };
  /** Reads, defaults and converts field i into `v`; `skip` is the code for an absent optional. */
  const value = (i: number, f: CompiledField, skip: string): void => {
    read(i, f);
    const absent =
      f.default !== undefined
        ? `v = D[${String(i)}];`
        : f.optional
          ? skip
          : `throw missing(F[${String(i)}], v);`;
    lines.push(`if (v === undefined || v === null || v === "") { ${absent} }`);
    if (f.convert === undefined) return;
    // an optional field left absent has v undefined here: nothing to convert
    lines.push(
      `if (v !== undefined) { at = ${String(i)}; v = C${String(i)}(v, currency, decimals); at = -1; }`,
    );
  };
  const assign = (f: CompiledField): void => {
    const t = f.targetSegments;
    if (t.length === 1) {
      lines.push(`if (v !== undefined) out[${q(t[0]!)}] = v;`);
      return;
    }
    const walk = ['let o = out, p;'];
    for (const key of t.slice(0, -1)) {
      walk.push(
        `p = o[${q(key)}]; if (typeof p !== "object" || p === null) { p = {}; o[${q(key)}] = p; } o = p;`,
      );
    }
    lines.push(`if (v !== undefined) { ${walk.join(' ')} o[${q(t[t.length - 1]!)}] = v; }`);
  };
  const currencyAt = currencyField === undefined ? -1 : fields.indexOf(currencyField);
  if (currencyField !== undefined) {
    // the currency first, so that amounts convert with its decimals
    lines.push('{');
    value(currencyAt, currencyField, 'v = undefined;');
    lines.push(
      `if (v !== undefined) { if (typeof v !== "string" || !CODE.test(v)) throw notACurrency(F[${String(currencyAt)}], v); currency = v; }`,
      'c = v;',
      '}',
    );
  }
  fields.forEach((f, i) => {
    if (f === currencyField) {
      if (list.includes(f)) {
        lines.push('v = c;');
        assign(f);
      }
      return;
    }
    lines.push('do {');
    value(i, f, 'v = undefined; break;');
    lines.push('} while (false);');
    assign(f);
  });
  const converters = fields.map((f, i) => `C${String(i)} = F[${String(i)}].convert`).join(', ');
  const source = `"use strict";
const ${converters || '_ = 0'};
return function mapRecord(record, ctx) {
  const decimals = ctx.currencyDecimals;
  let currency = ctx.currency, c, v, at = -1;
  const out = new Plain();
  try {
${lines.map((l) => `    ${l}`).join('\n')}
  } catch (error) {
    if (at >= 0) throw new FieldError(F[at].at, F[at].target, error.message);
    throw error;
  }
  return out;
};`;
  let made = GENERATED.get(source);
  if (!made) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- decision 037: generated from the mapping, literals only
      const make = new Function(
        'F',
        'K',
        'D',
        'Plain',
        'FieldError',
        'missing',
        'notACurrency',
        'CODE',
        'hasOwn',
        source,
      ) as (...args: unknown[]) => RecordMapper;
      made = { make, Plain: plainRecords() };
      if (GENERATED.size < 100) GENERATED.set(source, made);
    } catch (error) {
      if (error instanceof EvalError) return undefined; // code from strings is forbidden here
      throw error;
    }
  }
  return made.make(
    fields,
    fields.map((f) => f.constant),
    fields.map((f) => f.default),
    made.Plain,
    FieldError,
    missing,
    notACurrency,
    CURRENCY_CODE,
    Object.hasOwn,
  );
}

/**
 * Generated mappers by their source: a connector made again for the same mapping (the service
 * after a restart of its sync, a benchmark per run) runs the code V8 already optimised — a new
 * `Function` would be a new script, learnt and optimised from the start — and makes records of
 * the same shape (one `Plain` per source).
 */
const GENERATED = new Map<
  string,
  { make: (...args: unknown[]) => RecordMapper; Plain: PlainRecords }
>();
