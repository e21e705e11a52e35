import { describe, expect, it } from 'vitest';
import { isDueForDisposal, retainUntil } from '../../src/index.js';
import { companyPolicy, people } from '../support/people.js';
import { ok, settledOrder } from '../support/tracking.js';

/**
 * A settled order archived on Tuesday 3 March 2026 at 09:00 in Shanghai (the helper order is
 * delivered and invoiced a day after it starts): retention runs to 3 March 2036.
 */
async function archivedOn3March(policy = companyPolicy()) {
  const h = await settledOrder({}, policy);
  const entry = ok(await h.archives.archive(h.orderId, people.zhou));
  return { ...h, entry };
}

describe('AR-6 disposal is due on the retention anniversary, not before', () => {
  const policy = companyPolicy();
  const kept = { retainUntil: '2036-03-03', legalHold: false };

  it('AR-6 isDueForDisposal: the day before no, the day of yes, the day after yes', () => {
    expect(retainUntil('2026-03-03T09:00:00+08:00', policy)).toBe('2036-03-03');
    expect(isDueForDisposal(kept, '2036-03-02T09:00:00+08:00', policy)).toBe(false);
    expect(isDueForDisposal(kept, '2036-03-02T23:59:59.999+08:00', policy)).toBe(false);
    expect(isDueForDisposal(kept, '2036-03-03T00:00:00+08:00', policy)).toBe(true);
    expect(isDueForDisposal(kept, '2036-03-03T09:00:00+08:00', policy)).toBe(true);
    expect(isDueForDisposal(kept, '2036-03-04T09:00:00+08:00', policy)).toBe(true);
  });

  it("AR-6 the anniversary is a day in the policy's time zone, not in UTC", () => {
    // 2 March 2036 16:00 UTC is 3 March 00:00 in Shanghai: due; one millisecond before, not.
    expect(isDueForDisposal(kept, '2036-03-02T16:00:00Z', policy)).toBe(true);
    expect(isDueForDisposal(kept, '2036-03-02T15:59:59.999Z', policy)).toBe(false);
    const london = companyPolicy({ timeZone: 'Europe/London' });
    expect(isDueForDisposal(kept, '2036-03-02T16:00:00Z', london)).toBe(false);
    expect(isDueForDisposal(kept, '2036-03-03T00:00:00Z', london)).toBe(true);
    // Archived late in the evening UTC, already the next day in Shanghai.
    expect(retainUntil('2026-03-02T17:00:00Z', policy)).toBe('2036-03-03');
  });

  it('AR-6 dueForDisposal agrees with isDueForDisposal on the day before, of and after the tenth anniversary', async () => {
    const { archives, clock, entry, policy: p } = await archivedOn3March();
    expect(entry.retainUntil).toBe('2036-03-03');
    const due = async () => (await archives.dueForDisposal()).map((e) => e.archiveId);
    for (const [now, expected] of [
      ['2036-03-02T23:59:59+08:00', false],
      ['2036-03-03T00:00:00+08:00', true],
      ['2036-03-04T00:00:00+08:00', true],
    ] as const) {
      clock.set(now);
      expect(await due()).toEqual(expected ? [entry.archiveId] : []);
      expect(isDueForDisposal(entry, now, p)).toBe(expected);
    }
  });

  it('AR-6 the retention years are policy: 30 years runs to the thirtieth anniversary', async () => {
    const thirty = companyPolicy({ archive: { retention: { years: 30 } } });
    const { archives, clock, entry } = await archivedOn3March(thirty);
    expect(entry.retainUntil).toBe('2056-03-03');
    clock.set('2036-03-04T00:00:00+08:00');
    expect(await archives.dueForDisposal()).toEqual([]);
    clock.set('2056-03-02T23:59:59+08:00');
    expect(await archives.dueForDisposal()).toEqual([]);
    clock.set('2056-03-03T00:00:00+08:00');
    expect((await archives.dueForDisposal()).map((e) => e.archiveId)).toEqual([entry.archiveId]);
  });

  it('AR-6 an archive of 29 February is due on 28 February ten years on', () => {
    const leap = retainUntil('2028-02-29T10:00:00+08:00', policy);
    expect(leap).toBe('2038-02-28');
    const entry = { retainUntil: leap, legalHold: false };
    expect(isDueForDisposal(entry, '2038-02-27T23:59:59+08:00', policy)).toBe(false);
    expect(isDueForDisposal(entry, '2038-02-28T00:00:00+08:00', policy)).toBe(true);
  });

  it('AR-6 on legal hold nothing is due, whatever the date', async () => {
    const { archives, clock, entry } = await archivedOn3March();
    ok(
      await archives.setLegalHold(entry.archiveId, people.wu, { hold: true, reason: 'litigation' }),
    );
    clock.set('2036-03-03T00:00:00+08:00');
    expect(await archives.dueForDisposal()).toEqual([]);
    expect(
      isDueForDisposal({ ...entry, legalHold: true }, '2036-03-03T00:00:00+08:00', policy),
    ).toBe(false);
  });
});
