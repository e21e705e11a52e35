import { z } from 'zod';
import { IsoDate } from '../model/Temporal.js';
import { crossFieldIssue } from './policyValues.js';

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const CalendarDate = IsoDate.meta({ format: 'date' });
const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * A business calendar: deadlines counted in working hours skip nights, weekends and holidays
 * (RV-2 "deadlines may follow a business calendar"). Times are in the policy's time zone; the
 * working day ends after it starts, on the same day.
 *
 * @example
 * BusinessCalendar.parse({ dayStart: '08:30', holidays: ['2026-10-01'], extraWorkingDays: ['2026-09-27'] });
 */
export const BusinessCalendar = z
  .strictObject({
    /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    dayStart: HourMinute.default('09:00'),
    dayEnd: HourMinute.default('18:00'),
    holidays: z.array(CalendarDate).default([]),
    /** Weekend days that are worked (调休). */
    extraWorkingDays: z.array(CalendarDate).default([]),
  })
  .superRefine((c, ctx) => {
    const valid =
      HourMinute.safeParse(c.dayStart).success && HourMinute.safeParse(c.dayEnd).success;
    if (valid && minutes(c.dayEnd) <= minutes(c.dayStart))
      crossFieldIssue(ctx, 'dayEnd', `must be after dayStart (${c.dayStart})`, [
        'dayStart',
        'dayEnd',
      ]);
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
