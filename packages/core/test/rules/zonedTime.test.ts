import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedDayNumber, zonedParts, dayNumber } from '../../src/lib/zonedTime.js';

// RV-1 lead time and IN-1 numbering count from the submission date in the policy's time zone.
// zonedParts learns each zone's offset per hour instead of formatting every instant; these tests
// hold it to Intl itself, instant by instant, including around offset transitions.

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe', // half-hour daylight saving
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // -03:30 with daylight saving
  'Pacific/Chatham', // +12:45 / +13:45
  'Africa/Casablanca', // suspends its offset during Ramadan
  'America/Sao_Paulo', // daylight saving until 2019
];

function reference(epoch: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epoch);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

describe('RV-1 / IN-1 zoned submission date: zonedParts agrees with Intl', () => {
  it('RV-1 gives Intl’s fields for any instant from 1950 to 2100 in zones with odd offsets and transitions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (epoch, zone) => {
          const instant = new Date(epoch).toISOString();
          expect(zonedParts(instant, zone)).toEqual(reference(epoch, zone));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('RV-1 gives Intl’s fields every minute around daylight-saving transitions', () => {
    const transitions: [string, string][] = [
      ['America/New_York', '2026-03-08T07:00:00Z'], // 02:00 → 03:00 local
      ['America/New_York', '2026-11-01T06:00:00Z'], // 02:00 → 01:00 local
      ['Europe/London', '2026-03-29T01:00:00Z'],
      ['Europe/London', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // half-hour step back
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
      ['America/St_Johns', '2026-03-08T05:30:00Z'],
    ];
    for (const [zone, at] of transitions) {
      const centre = Date.parse(at);
      for (let m = -150; m <= 150; m++) {
        for (const s of [0, 1, 59]) {
          const epoch = centre + m * 60_000 + s * 1000;
          expect(
            zonedParts(new Date(epoch).toISOString(), zone),
            `${zone} ${new Date(epoch).toISOString()}`,
          ).toEqual(reference(epoch, zone));
        }
      }
    }
  });

  it('RV-1 takes an instant with an offset or fractional seconds as the same moment', () => {
    expect(zonedParts('2026-03-01T23:59:59.999+08:00', 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 3,
      day: 1,
      hour: 23,
      minute: 59,
    });
    expect(zonedDayNumber('2026-03-01T16:00:00Z', 'Asia/Shanghai')).toBe(dayNumber(2026, 3, 2));
    expect(zonedDayNumber('2026-03-01T15:59:59.999Z', 'Asia/Shanghai')).toBe(dayNumber(2026, 3, 1));
    expect(() => zonedParts('not a date', 'Asia/Shanghai')).toThrow(RangeError);
  });
});
