import { describe, expect, it } from 'vitest';
import { addHours, BusinessCalendar, reviewDeadline } from '../../src/index.js';
import { companyPolicy } from '../support/people.js';

const tz = 'Asia/Shanghai';
const calendar = BusinessCalendar.parse({
  holidays: ['2026-10-01', '2026-10-02'],
  extraWorkingDays: ['2026-10-10'],
});

describe('RV-2 deadlines on a business calendar', () => {
  it('counts plain hours without a calendar', () => {
    expect(addHours('2026-03-02T09:00:00+08:00', 24, { timeZone: tz })).toBe(
      '2026-03-03T01:00:00.000Z',
    );
  });

  it('skips nights and weekends: Friday 17:00 + 2 working hours is Monday 10:00', () => {
    expect(addHours('2026-03-06T17:00:00+08:00', 2, { calendar, timeZone: tz })).toBe(
      '2026-03-09T02:00:00.000Z',
    );
  });

  it('starts counting at the next opening when received outside working hours', () => {
    expect(addHours('2026-03-02T20:00:00+08:00', 1, { calendar, timeZone: tz })).toBe(
      '2026-03-03T02:00:00.000Z',
    );
  });

  it('skips holidays and counts make-up working days (调休)', () => {
    // Wed 30 Sep 17:00 + 2h: 1 h on 30 Sep, 1–2 Oct holidays, 3–4 Oct weekend … next working day Mon 5 Oct.
    expect(addHours('2026-09-30T17:00:00+08:00', 2, { calendar, timeZone: tz })).toBe(
      '2026-10-05T02:00:00.000Z',
    );
    // Fri 9 Oct 17:00 + 2h: 1 h Friday, Saturday 10 Oct is a working day → 10:00 on the 10th.
    expect(addHours('2026-10-09T17:00:00+08:00', 2, { calendar, timeZone: tz })).toBe(
      '2026-10-10T02:00:00.000Z',
    );
  });

  it('follows the policy time zone, not the machine', () => {
    const ny = BusinessCalendar.parse({});
    expect(
      addHours('2026-03-02T08:30:00-05:00', 1, { calendar: ny, timeZone: 'America/New_York' }),
    ).toBe('2026-03-02T15:00:00.000Z');
  });

  it('IN-4 urgent orders get the shorter deadline; order types may have their own (RV-2)', () => {
    const policy = companyPolicy({ review: { deadlines: { byOrderType: { export: 48 } } } });
    const at = '2026-03-02T09:00:00+08:00';
    expect(reviewDeadline({ urgent: false, orderType: 'standard' }, policy, at)).toBe(
      '2026-03-03T01:00:00.000Z',
    );
    expect(reviewDeadline({ urgent: true, orderType: 'standard' }, policy, at)).toBe(
      '2026-03-02T05:00:00.000Z',
    );
    expect(reviewDeadline({ urgent: false, orderType: 'export' }, policy, at)).toBe(
      '2026-03-04T01:00:00.000Z',
    );
  });
});
