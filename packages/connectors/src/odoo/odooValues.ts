import { roundHalfAwayFromZero } from '@ordergate/core';
import { decodeEntities } from '../internal/html.js';

/** Odoo's empty value (`false`, sometimes `null`) becomes the empty string. */
export function text(value: unknown): string {
  if (value === false || value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A many2one `[id, display_name]` pair, or `false`. */
export function many2one(value: unknown): { id: number; name: string } | undefined {
  if (Array.isArray(value) && typeof value[0] === 'number') {
    return { id: value[0], name: typeof value[1] === 'string' ? value[1] : '' };
  }
  if (typeof value === 'number') return { id: value, name: '' };
  return undefined;
}

/** Odoo datetimes are naive UTC strings `YYYY-MM-DD HH:MM:SS`: give them their zone. */
export function utcDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length < 19) return undefined;
  return `${value.slice(0, 10)}T${value.slice(11, 19)}Z`;
}

/** Odoo dates are `YYYY-MM-DD` already; `false` becomes undefined. */
export function plainDate(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** Date formatters by time zone: building one costs more than mapping a whole order. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of a naive-UTC Odoo datetime in a time zone (a delivery date for people). */
export function localDate(value: unknown, timeZone: string): string | undefined {
  const iso = utcDateTime(value);
  if (!iso) return undefined;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * A float amount as Odoo stores it, in integer minor units of a currency with `decimals` places.
 * `toPrecision(15)` removes the binary noise first (1.005 × 100 = 100.49999…), then rounding is
 * half away from zero, like core.
 */
export function minorUnits(amount: unknown, decimals: number): number {
  const n = typeof amount === 'number' ? amount : 0;
  return roundHalfAwayFromZero(Number((n * 10 ** decimals).toPrecision(15)));
}

/** Plain text of an Odoo HTML field (notes). */
export function htmlToText(value: unknown): string {
  const lines = text(value)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(lines)
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Splits a product display name `[CODE] Name` into code and name. */
export function productParts(displayName: string): { code: string; name: string } {
  const m = /^\[([^\]]*)\]\s*(.*)$/s.exec(displayName);
  return m ? { code: m[1] ?? '', name: m[2] ?? '' } : { code: '', name: displayName };
}

/** Adds seconds to a naive Odoo datetime string, keeping Odoo's format. */
export function shiftOdooDateTime(value: string, seconds: number): string {
  const d = new Date(`${value.slice(0, 10)}T${value.slice(11, 19)}Z`);
  d.setUTCSeconds(d.getUTCSeconds() + seconds);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
