// Issue 13, sync CPU target: the faster value conversions give exactly what the slow, obvious
// ones give — decimal strings to minor units (no BigInt when 15 digits suffice) and naive local
// times across daylight-saving transitions (zone offsets cached per 6-hour window).
import { isIsoDateTime } from '@ordergate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commonIsoMs,
  isoInstant,
  msToNaive,
  naiveToMs,
  scaleDecimal,
  zonedIsoMs,
} from '../src/rest/values.js';

/** The reference: BigInt arithmetic on every input, half away from zero. */
function reference(text: string, scale: number): number | undefined {
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt(m[2]! + (frac + '0'.repeat(scale)).slice(0, scale));
  if ((frac[scale] ?? '0') >= '5') n += 1n;
  const r = Number(m[1] === '-' ? -n : n);
  return Number.isSafeInteger(r) ? (Object.is(r, -0) ? 0 : r) : undefined;
}

describe('issue 13 value conversions (minorUnits, timestamps)', () => {
  it('issue 13 (minorUnits) scaleDecimal equals BigInt arithmetic for any decimal string and scale', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^\d{1,19}$/),
        fc.option(fc.stringMatching(/^\d{0,8}$/)),
        fc.integer({ min: 0, max: 4 }),
        (sign, int, frac, scale) => {
          const text = `${sign}${int}${frac === null ? '' : `.${frac}`}`;
          expect(scaleDecimal(text, scale)).toBe(reference(text, scale));
        },
      ),
      { numRuns: 2000 },
    );
    // anything else, spaces, signs and numbers: the regular expression's answer
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^\s?[+-]?\d{0,17}\.?\d{0,4}[a-z.,e]?\s?$/),
          fc.string({ maxLength: 6 }),
        ),
        fc.integer({ min: 0, max: 4 }),
        (text, scale) => {
          expect(scaleDecimal(text, scale)).toBe(reference(text.trim(), scale));
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 4 }), (n, scale) => {
        expect(scaleDecimal(n, scale)).toBe(
          Number.isFinite(n) ? reference(n.toFixed(scale + 8), scale) : undefined,
        );
      }),
      { numRuns: 2000 },
    );
    expect(scaleDecimal('720.905', 2)).toBe(72091);
    expect(scaleDecimal('-0.004', 2)).toBe(0);
    expect(scaleDecimal('99999999999999.995', 2)).toBe(undefined); // past 2^53: refused
  });

  it('issue 13 (timestamps) naive times convert the same on both sides of daylight-saving changes', () => {
    // every 20 minutes across the March and October 2026 changes in Paris and New York
    for (const zone of [
      'Europe/Paris',
      'America/New_York',
      'Asia/Shanghai',
      'Australia/Lord_Howe',
    ]) {
      for (const start of [
        Date.UTC(2026, 2, 7),
        Date.UTC(2026, 2, 28),
        Date.UTC(2026, 9, 24),
        Date.UTC(2026, 10, 1),
      ]) {
        for (let ms = start; ms < start + 2 * 86_400_000; ms += 20 * 60_000) {
          const naive = msToNaive(ms, zone);
          const exact = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          })
            .format(ms)
            .replace(', ', ' ');
          expect(naive).toBe(exact);
          const back = naiveToMs(naive, zone)!;
          // a local time repeated by a change back maps to one of its two instants
          expect(msToNaive(back, zone)).toBe(naive);
        }
      }
    }
  });

  it('issue 13 (timestamps) naive times are read as the regular expression and Date.UTC read them', () => {
    const before = (text: string, zone: string): number | undefined => {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
      if (!m) return undefined;
      const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
      if (Number.isNaN(guess)) return undefined;
      const at = (ms: number) => {
        const f = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        }).formatToParts(Math.floor(ms / 1000) * 1000);
        const v = (type: string) => Number(f.find((p) => p.type === type)!.value);
        const local = Date.UTC(
          v('year'),
          v('month') - 1,
          v('day'),
          v('hour'),
          v('minute'),
          v('second'),
        );
        return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000) * 60_000;
      };
      return guess - at(guess - at(guess));
    };
    const text = fc
      .tuple(
        fc.constantFrom('', ' '),
        fc.stringMatching(/^\d{4}$/),
        fc.constantFrom('-', '-', '/'),
        fc.stringMatching(/^\d{2}$/),
        fc.stringMatching(/^\d{2}$/),
        fc.option(
          fc.tuple(
            fc.constantFrom(' ', 'T', '_'),
            fc.stringMatching(/^\d{2}$/),
            fc.constantFrom(':', ':', '.'),
            fc.stringMatching(/^\d{1,2}$/),
            fc.option(fc.stringMatching(/^:\d{2,3}$/)),
          ),
        ),
      )
      .map(
        ([pad, y, sep, mo, d, time]) =>
          `${pad}${y}${sep}${mo}-${d}${time === null ? '' : `${time[0]}${time[1]}${time[2]}${time[3]}${time[4] ?? ''}`}${pad}`,
      );
    fc.assert(
      fc.property(text, fc.constantFrom('Asia/Shanghai', 'Europe/Paris', 'UTC'), (value, zone) => {
        expect(naiveToMs(value, zone)).toBe(before(value, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('issue 13 (timestamps) ISO instants are read and written as the runtime does', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    // every part in and out of range, every separator right or wrong now and then
    const text = fc
      .tuple(
        digits(4),
        fc.constantFrom('-', '-', '-', '/'),
        fc.oneof(digits(2), fc.constantFrom('01', '02', '12', '13', '00')),
        fc.oneof(digits(2), fc.constantFrom('28', '29', '30', '31', '32', '00')),
        fc.constantFrom('T', 'T', 'T', ' '),
        fc.oneof(digits(2), fc.constantFrom('23', '24')),
        fc.oneof(digits(2), fc.constantFrom('59', '60')),
        fc.option(fc.oneof(digits(2), fc.constantFrom('59', '60'))),
        fc.option(fc.stringMatching(/^\d{0,11}$/)),
        fc.oneof(
          fc.constantFrom('Z', 'Z', '', 'z', '+00:00', '-00:00', '+23:59', '+24:00', '-12:60'),
          fc
            .tuple(fc.constantFrom('+', '-'), digits(2), digits(2))
            .map(([s, h, m]) => `${s}${h}:${m}`),
        ),
      )
      .map(
        ([y, sep, mo, d, t, h, mi, s, f, z]) =>
          `${y}${sep}${mo}${sep}${d}${t}${h}:${mi}${s === null ? '' : `:${s}${f === null ? '' : `.${f}`}`}${z}`,
      );
    fc.assert(
      fc.property(text, (value) => {
        expect(zonedIsoMs(value)).toBe(Date.parse(value));
        const ms = commonIsoMs(value);
        if (ms !== undefined) {
          expect(ms).toBe(Date.parse(value));
          expect(isIsoDateTime(value)).toBe(true); // what the order check relies on
        }
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.boolean(), (ms, whole) => {
        const at = whole ? Math.floor(ms / 1000) * 1000 : ms;
        const iso = new Date(at).toISOString();
        expect(isoInstant(at)).toBe(iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso);
      }),
      { numRuns: 5000 },
    );
    expect(isoInstant(Date.UTC(2026, 2, 2, 1))).toBe('2026-03-02T01:00:00Z');
    expect(isoInstant(Date.UTC(9999, 11, 31, 23, 59, 59))).toBe('9999-12-31T23:59:59Z');
  });
});
