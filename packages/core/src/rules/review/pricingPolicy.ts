import { approverParams } from '../shared/approverParams.js';
import {
  isoDateDayNumber,
  isoDateOfDayNumber,
  isoWeekday,
  zonedDayNumber,
} from '../../lib/zonedTime.js';
import type { Evidence, Finding, MessageParam } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import { isIsoDate } from '../../model/Temporal.js';
import type { BusinessCalendar } from '../../policy/calendarPolicy.js';
import type { Policy } from '../../policy/Policy.js';
import type { Rule, RuleContext } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * Lead time of an order: days from submission to the requested delivery date.
 *
 * @example
 * const lead: LeadTime = { days: 5, unit: 'working' };
 */
export interface LeadTime {
  days: number;
  /** `calendar` days, or `working` days of the policy's business calendar when one is set. */
  unit: 'calendar' | 'working';
}

interface CalendarDays {
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<number>;
  extraWorkingDays: ReadonlySet<number>;
}

// The calendar only changes with the policy: turn its lists into sets once.
const calendarMemo = new WeakMap<BusinessCalendar, CalendarDays>();

function calendarDays(calendar: BusinessCalendar): CalendarDays {
  let days = calendarMemo.get(calendar);
  if (days === undefined) {
    days = {
      workingDays: new Set(calendar.workingDays),
      holidays: new Set(calendar.holidays.map(isoDateDayNumber)),
      extraWorkingDays: new Set(calendar.extraWorkingDays.map(isoDateDayNumber)),
    };
    calendarMemo.set(calendar, days);
  }
  return days;
}

function isWorkingDay(day: number, cal: CalendarDays): boolean {
  if (cal.extraWorkingDays.has(day)) return true;
  return cal.workingDays.has(isoWeekday(day)) && !cal.holidays.has(day);
}

/**
 * RV-1 lead time: days from the submission date (in the policy's time zone) to the requested
 * delivery date. Calendar days, unless the policy sets a business calendar
 * (`review.deadlines.calendar`), in which case working days after the submission date up to and
 * including the delivery date (our reading on amounts and lead time). Counting stops once
 * `atLeast` working days are found, since only a shortfall needs the exact figure.
 * `undefined` when the order has no requested delivery date (IN-2 reports that).
 *
 * @example
 * leadTimeDays(order, ctx); // { days: 14, unit: 'calendar' }
 */
export function leadTimeDays(
  order: Pick<Order, 'requestedDeliveryDate'>,
  ctx: Pick<RuleContext, 'policy' | 'submittedAt'>,
  atLeast = Number.POSITIVE_INFINITY,
): LeadTime | undefined {
  // A blank or impossible date is IN-2's to report; there is no lead time to count then.
  if (order.requestedDeliveryDate === undefined || !isIsoDate(order.requestedDeliveryDate))
    return undefined;
  const from = zonedDayNumber(ctx.submittedAt, ctx.policy.timeZone);
  return countLeadTime(from, isoDateDayNumber(order.requestedDeliveryDate), ctx.policy, atLeast);
}

function countLeadTime(from: number, to: number, policy: Policy, atLeast: number): LeadTime {
  const calendar = policy.review.deadlines.calendar;
  if (calendar === undefined || to <= from) return { days: to - from, unit: 'calendar' };
  const cal = calendarDays(calendar);
  let days = 0;
  for (let d = from + 1; d <= to && days < atLeast; d++) {
    if (isWorkingDay(d, cal)) days++;
  }
  return { days, unit: 'working' };
}

/**
 * RV-1: the order follows company pricing and terms policy.
 *
 * | Check | Finding when it fails |
 * |---|---|
 * | payment term in `review.pricing.allowedPaymentTerms` (when the list is non-empty) | per `paymentTermsDeviation` |
 * | requested delivery date at least `minLeadTimeDays` after submission (see `leadTimeDays`) | per `leadTimeDeviation` |
 * | requested delivery date not before the submission date | RV-1 `block` `review.pricing.deliveryDate.past` |
 * | every line has a list price, when `requireListPrice` | RV-1 `block` per line `review.pricing.listPrice.missing` |
 * | no line has a unit price of zero | RV-1 `block` per line `review.pricing.unitPrice.zero` |
 *
 * Which rule ID a deviation carries: our reading of the regulations classes "a payment term, lead time or
 * price outside what the policy allows, when the policy classes it as exceptional" as RV-7. So a
 * deviation whose outcome is `block` is an **RV-1** `block` finding (back to sales:
 * `review.pricing.paymentTerms.notAllowed`, `review.pricing.leadTime.tooShort…`), and one whose
 * outcome is `exceptional` is an **RV-7** `approval` finding with `steps` =
 * `review.routes.exceptional` (`review.exceptional.paymentTerms`,
 * `review.exceptional.leadTime…`); its `params.check` and its evidence name the RV-1 check that
 * found the deviation. A date before submission or a missing or zero price is wrong data, not a
 * deviation, and always blocks. An empty payment term is IN-2's and not judged here.
 *
 * Boundary: a delivery date exactly `minLeadTimeDays` after submission passes.
 *
 * @example
 * const policy = loadPolicy({ review: { pricing: { allowedPaymentTerms: ['NET30'] } } });
 * pricingPolicy(Order.parse({ ...input, paymentTerms: 'NET90' }), { ...ctx, policy });
 * // [{ ruleId: 'RV-7', severity: 'approval', messageKey: 'review.exceptional.paymentTerms',
 * //    steps: ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval'], … }]
 */
export const pricingPolicy: Rule = (order, ctx) => {
  const { policy } = ctx;
  const pricing = policy.review.pricing;
  const out: Finding[] = [];

  const allowed = pricing.allowedPaymentTerms;
  if (
    allowed.length > 0 &&
    order.paymentTerms.trim() !== '' &&
    !allowed.includes(order.paymentTerms)
  ) {
    out.push(
      deviation(policy, pricing.paymentTermsDeviation, {
        check: 'paymentTerms',
        key: 'paymentTerms',
        params: { term: order.paymentTerms, allowed: allowed.join(', ') },
        evidence: [{ field: 'paymentTerms', value: order.paymentTerms, limit: allowed }],
      }),
    );
  }

  const date = order.requestedDeliveryDate;
  // A blank or impossible date is IN-2's to report (`requiredInformation`).
  if (date !== undefined && isIsoDate(date)) {
    const from = zonedDayNumber(ctx.submittedAt, policy.timeZone);
    const lead = countLeadTime(from, isoDateDayNumber(date), policy, pricing.minLeadTimeDays);
    if (lead.days < 0) {
      const submitted = isoDateOfDayNumber(from);
      out.push(
        finding(policy, {
          ruleId: 'RV-1',
          severity: 'block',
          messageKey: 'review.pricing.deliveryDate.past',
          params: { date, submitted },
          evidence: [{ field: 'requestedDeliveryDate', value: date, limit: submitted }],
        }),
      );
    } else if (lead.days < pricing.minLeadTimeDays) {
      out.push(
        deviation(policy, pricing.leadTimeDeviation, {
          check: 'leadTime',
          key: lead.unit === 'working' ? 'leadTimeWorkingDays' : 'leadTime',
          params: { date, days: lead.days, minDays: pricing.minLeadTimeDays },
          evidence: [
            { field: 'requestedDeliveryDate', value: date, limit: isoDateOfDayNumber(from) },
            { field: 'leadTimeDays', value: lead.days, limit: pricing.minLeadTimeDays },
          ],
        }),
      );
    }
  }

  order.lines.forEach((line, i) => {
    if (pricing.requireListPrice && line.listPrice === undefined) {
      out.push(
        finding(policy, {
          ruleId: 'RV-1',
          severity: 'block',
          messageKey: 'review.pricing.listPrice.missing',
          params: { line: i + 1, lineId: line.id },
          evidence: [{ field: `lines.${String(i)}.listPrice`, value: undefined }],
        }),
      );
    }
    if (line.unitPrice === 0) {
      out.push(
        finding(policy, {
          ruleId: 'RV-1',
          severity: 'block',
          messageKey: 'review.pricing.unitPrice.zero',
          params: { line: i + 1, lineId: line.id },
          evidence: [{ field: `lines.${String(i)}.unitPrice`, value: 0 }],
        }),
      );
    }
  });
  return out;
};

interface DeviationSpec {
  /** The RV-1 check that found it, kept in the RV-7 finding's params. */
  check: string;
  /** Message-key suffix shared by the block and exceptional variants. */
  key: string;
  params: Record<string, MessageParam>;
  evidence: Evidence[];
}

const BLOCK_KEYS: Readonly<Record<string, string>> = {
  paymentTerms: 'review.pricing.paymentTerms.notAllowed',
  leadTime: 'review.pricing.leadTime.tooShort',
  leadTimeWorkingDays: 'review.pricing.leadTime.tooShortWorkingDays',
};

function deviation(policy: Policy, outcome: 'block' | 'exceptional', spec: DeviationSpec): Finding {
  if (outcome === 'block') {
    return finding(policy, {
      ruleId: 'RV-1',
      severity: 'block',
      messageKey: BLOCK_KEYS[spec.key] ?? `review.pricing.${spec.key}`,
      params: spec.params,
      evidence: spec.evidence,
    });
  }
  const steps = policy.review.routes.exceptional;
  return finding(policy, {
    ruleId: 'RV-7',
    severity: 'approval',
    messageKey: `review.exceptional.${spec.key}`,
    params: { ...spec.params, ...approverParams(policy, steps), check: `RV-1 ${spec.check}` },
    evidence: spec.evidence,
    steps: [...steps],
  });
}
