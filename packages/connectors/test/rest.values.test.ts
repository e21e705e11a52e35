// Issue 13, sync CPU target: the faster value conversions give exactly what the slow, obvious
// ones give — decimal strings to minor units (no BigInt when 15 digits suffice) and naive local
// times across daylight-saving transitions (zone offsets cached per 6-hour window).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msToNaive, naiveToMs, scaleDecimal } from '../src/rest/values.js';

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
});
