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
 * half away from zero; undefined when it is not a decimal.
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
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const kept = frac.length >= scale ? frac.slice(0, scale) : frac.padEnd(scale, '0');
  const up = (frac[scale] ?? '0') >= '5';
  const digits = m[2]! + kept;
  if (digits.length <= 15) {
    // exact in a double: no BigInt needed
    const n = Number(digits) + (up ? 1 : 0);
    const result = m[1] === '-' ? -n : n;
    return Object.is(result, -0) ? 0 : result;
  }
  let n = BigInt(digits);
  if (up) n += 1n;
  const result = Number(m[1] === '-' ? -n : n);
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

/** ISO instant without milliseconds (`2026-03-02T01:00:00Z`). */
export function isoInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** A naive local time (`2026-03-02 09:00:00`) in `zone` → epoch ms; undefined when malformed. */
export function naiveToMs(text: string, zone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
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

function transformOne(value: unknown, t: RestTransform, ctx: ValueContext): unknown {
  if (typeof t === 'string') {
    switch (t) {
      case 'string':
        if (typeof value === 'string') return value;
        if (typeof value === 'number' && Number.isFinite(value)) return String(value);
        throw new Error(`expected text or a number, got ${show(value)}`);
      case 'trim':
        if (typeof value !== 'string') throw new Error(`expected text, got ${show(value)}`);
        return value.trim();
      case 'number':
      case 'integer': {
        const n =
          typeof value === 'number'
            ? value
            : typeof value === 'string' && value.trim() !== ''
              ? Number(value)
              : Number.NaN;
        if (!Number.isFinite(n)) throw new Error(`expected a number, got ${show(value)}`);
        if (t === 'integer' && !Number.isSafeInteger(n))
          throw new Error(`expected a whole number, got ${show(value)}`);
        return n;
      }
      case 'boolean': {
        if (typeof value === 'boolean') return value;
        const s = String(value).toLowerCase();
        if (['1', 'true', 'yes', 'y'].includes(s)) return true;
        if (['0', 'false', 'no', 'n'].includes(s)) return false;
        throw new Error(`expected a yes/no value, got ${show(value)}`);
      }
      case 'percentToBp': {
        const bp = scaleDecimal(value, 2);
        if (bp === undefined) throw new Error(`expected a percentage, got ${show(value)}`);
        return bp;
      }
    }
  }
  if ('minorUnits' in t) {
    const currency = t.minorUnits.currency ?? ctx.currency;
    if (!currency) throw new Error('has no currency to convert with (map the record’s currency)');
    const units = scaleDecimal(value, currencyDecimals(currency, ctx.currencyDecimals));
    if (units === undefined) throw new Error(`expected a decimal amount, got ${show(value)}`);
    return units;
  }
  if ('timestamp' in t) {
    const { from, zone, as } = t.timestamp;
    let ms: number | undefined;
    if (from === 'unix' || from === 'unixMs') {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\d+$/.test(value)
            ? Number(value)
            : Number.NaN;
      if (Number.isFinite(n)) ms = from === 'unix' ? n * 1000 : n;
    } else if (from === 'iso') {
      if (typeof value === 'string' && ZONED_ISO.test(value)) ms = Date.parse(value);
      else if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
        throw new Error(`${show(value)} has no zone; use timestamp.from "naive" with its zone`);
      }
    } else if (typeof value === 'string') {
      ms = naiveToMs(value, zone);
    }
    if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
      throw new Error(`expected a ${from} timestamp, got ${show(value)}`);
    }
    return as === 'date' ? dateIn(ms, zone) : isoInstant(ms);
  }
  if ('enum' in t) {
    const key = String(value);
    if (Object.prototype.hasOwnProperty.call(t.enum.map, key)) return t.enum.map[key];
    if (t.enum.default !== undefined) return t.enum.default;
    throw new Error(
      `unknown code ${show(value)}; the map knows ${Object.keys(t.enum.map).join(', ')}`,
    );
  }
  // tags
  if (!Array.isArray(value)) throw new Error(`expected a list of tags, got ${show(value)}`);
  for (const tag of value as unknown[]) {
    const label = t.tags.labelPath ? getPath(tag, t.tags.labelPath).value : tag;
    if (typeof label === 'string' && Object.prototype.hasOwnProperty.call(t.tags.map, label)) {
      return t.tags.map[label];
    }
  }
  if (t.tags.default !== undefined) return t.tags.default;
  throw new Error(`no tag the map knows (${Object.keys(t.tags.map).join(', ')})`);
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
  return evalCompiled(record, compileField(target, spec), ctx);
}

/** A field spec in the form evaluated per record (normalised once per mapping). */
interface CompiledField {
  target: string;
  /** The target and the path split once. */
  targetSegments: readonly string[];
  pathSegments: readonly string[] | undefined;
  const: unknown;
  path: string | undefined;
  at: string;
  default: unknown;
  optional: boolean;
  transforms: readonly RestTransform[];
}

const COMPILED = new WeakMap<object, CompiledField>();

function compileField(target: string, spec: RestField): CompiledField {
  if (typeof spec === 'object') {
    const known = COMPILED.get(spec);
    if (known && known.target === target) return known;
  }
  const s = typeof spec === 'string' ? { path: spec, optional: false } : spec;
  const compiled: CompiledField = {
    target,
    targetSegments: segments(target),
    pathSegments: s.path === undefined ? undefined : segments(s.path),
    const: 'const' in s ? s.const : undefined,
    path: s.path,
    at: s.path ?? '(const)',
    default: 'default' in s ? s.default : undefined,
    optional: s.optional,
    transforms:
      'transform' in s && s.transform !== undefined
        ? Array.isArray(s.transform)
          ? s.transform
          : [s.transform]
        : [],
  };
  if (typeof spec === 'object') COMPILED.set(spec, compiled);
  return compiled;
}

function evalCompiled(record: unknown, f: CompiledField, ctx: ValueContext): unknown {
  let value: unknown;
  if (f.const !== undefined) value = f.const;
  else if (f.pathSegments !== undefined) value = valueAt(record, f.pathSegments);
  if (value === undefined || value === null || value === '') {
    if (f.default !== undefined) value = f.default;
    else if (f.optional) return undefined;
    else
      throw new FieldError(
        f.at,
        f.target,
        value === undefined ? 'is missing' : `is ${show(value)}`,
      );
  }
  try {
    for (const t of f.transforms) value = transformOne(value, t, ctx);
  } catch (error) {
    throw new FieldError(f.at, f.target, (error as Error).message);
  }
  return value;
}

/** The value at already split path segments (undefined when a step is missing). */
function valueAt(record: unknown, parts: readonly string[]): unknown {
  let v: unknown = record;
  for (let i = 0; i < parts.length; i++) {
    const s = parts[i]!;
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, s))
      return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

const FIELD_LISTS = new WeakMap<object, readonly CompiledField[]>();

function compileFields(fields: Readonly<Record<string, RestField>>): readonly CompiledField[] {
  let list = FIELD_LISTS.get(fields);
  if (!list) {
    list = Object.entries(fields).map(([target, spec]) => compileField(target, spec));
    FIELD_LISTS.set(fields, list);
  }
  return list;
}

/**
 * Maps a record through a set of fields into a fresh object (targets as dotted paths). The
 * currency target (`currencyTarget`) is evaluated first so amounts convert with its decimals;
 * targets in `skip` are left out (read apart by the caller).
 *
 * @example
 * mapFields({ socid: '7' }, { 'customer.id': 'socid' }, ctx); // { customer: { id: '7' } }
 */
export function mapFields(
  record: unknown,
  fields: Readonly<Record<string, RestField>>,
  ctx: ValueContext,
  currencyTarget?: string,
  skip?: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const local: ValueContext = { ...ctx };
  if (currencyTarget && fields[currencyTarget] !== undefined) {
    const c = evalField(record, fields[currencyTarget], currencyTarget, ctx);
    if (c !== undefined) {
      if (typeof c !== 'string' || !/^[A-Z]{3}$/.test(c)) {
        const spec = fields[currencyTarget];
        throw new FieldError(
          typeof spec === 'string' ? spec : (spec.path ?? '(const)'),
          currencyTarget,
          `expected a currency code, got ${show(c)}`,
        );
      }
      local.currency = c;
    }
  }
  for (const f of compileFields(fields)) {
    if (skip?.has(f.target)) continue;
    const v = evalCompiled(record, f, local);
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
}
