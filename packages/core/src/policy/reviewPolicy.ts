import { z } from 'zod';
import { CurrencyCode } from '../model/Money.js';
import { BusinessCalendar } from './calendarPolicy.js';
import { Amount, Days, Hours, Name, Percent } from './policyValues.js';

/**
 * Amount thresholds per currency, in minor units (`{ CNY: 100000000 }` = ¥1,000,000.00): zero or
 * more, safe integers.
 *
 * @example
 * CurrencyThresholds.parse({ CNY: 100_000_000, USD: 15_000_000 }); // ¥1,000,000.00, $150,000.00
 */
export const CurrencyThresholds = z.record(CurrencyCode, Amount);

/**
 * What a deviation from pricing policy leads to: a block (back to sales) or the RV-7 chain.
 *
 * @example
 * DeviationOutcome.parse('exceptional'); // the RV-7 chain
 */
export const DeviationOutcome = z.enum(['block', 'exceptional']);

/**
 * Review settings (RV-1…RV-11).
 *
 * @example
 * ReviewPolicy.parse({ deadlines: { byOrderType: { export: 24, domestic: 48 } }, jointReview: { largeAmount: { CNY: 50_000_000 } } });
 */
export const ReviewPolicy = z.strictObject({
  deadlines: z
    .strictObject({
      /** RV-2: hours from receipt; the seed's 24 h applies to every order by default. */
      defaultHours: Hours.default(24),
      /** IN-4: urgent orders. */
      urgentHours: Hours.default(4),
      /** Per order type, e.g. `{ export: 24, domestic: 48 }`. */
      byOrderType: z.record(Name, Hours).default({}),
      /**
       * Count deadlines in working hours of this calendar; calendar hours when absent. Every
       * deadline (these hours and the steps' `deadlineHours`) must fall within ten years of it.
       */
      calendar: BusinessCalendar.optional(),
    })
    .prefault({}),
  pricing: z
    .strictObject({
      /** RV-1: payment-term codes allowed without exception; any when empty. */
      allowedPaymentTerms: z.array(Name).default([]),
      /** RV-1: minimum days between submission and requested delivery. */
      minLeadTimeDays: Days.default(0),
      /** RV-1: every line must carry a list price. */
      requireListPrice: z.boolean().default(false),
      /** What a payment term outside the allowed list leads to (RV-1 / RV-7). */
      paymentTermsDeviation: DeviationOutcome.default('exceptional'),
      /** What a lead time shorter than the minimum leads to (RV-1 / RV-7). */
      leadTimeDeviation: DeviationOutcome.default('block'),
    })
    .prefault({}),
  discount: z
    .strictObject({
      /**
       * RV-6: the discount (percent) each role may grant on its own. Default: salespeople none
       * (our reading of the regulations); the sales head approves what exceeds it.
       */
      authorityByRole: z.record(Name, Percent).default({ salesperson: 0 }),
      /** Step that approves a discount beyond authority. */
      approvalStep: Name.default('salesHead'),
      /** Discount (percent, on list price) beyond which the order is exceptional (RV-7); none when absent. */
      exceptionalAbovePercent: Percent.optional(),
    })
    .prefault({}),
  jointReview: z
    .strictObject({
      /** RV-4: large-amount thresholds per currency (amount including tax unless `includeTax` is false). */
      largeAmount: CurrencyThresholds.default({
        CNY: 100_000_000,
        USD: 15_000_000,
        EUR: 14_000_000,
      }),
      includeTax: z.boolean().default(true),
      /** An order in a currency with no threshold goes to joint review (conservative). */
      unknownCurrency: z.enum(['jointReview', 'ignore']).default('jointReview'),
      /** RV-4: custom-made (non-standard) lines count as special products. */
      customMadeIsSpecial: z.boolean().default(true),
      step: Name.default('jointReview'),
    })
    .prefault({}),
  routes: z
    .strictObject({
      /** RV-5 steps for regular orders. */
      regular: z.array(Name).default(['regularReview']),
      /** RV-5 steps for non-regular orders: engineering, sales head agreement, GM approval. */
      nonRegular: z
        .array(Name)
        .default(['engineeringReview', 'salesHead', 'generalManagerApproval']),
      /** RV-3: every order needs the sales head. */
      always: z.array(Name).default(['salesHead']),
      /** RV-7 chain, in order. */
      exceptional: z
        .array(Name)
        .default(['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval']),
      /** RV-10 legal review. */
      legal: z.array(Name).default(['legalReview']),
    })
    .prefault({}),
  advancePayment: z
    .strictObject({
      /** RV-8: advance (percent of the order total) for custom-made products before production. */
      customMadePercent: Percent.default(30),
    })
    .prefault({}),
  contract: z
    .strictObject({
      /** RV-10: orders at or above these amounts need a contract. */
      requiredAbove: CurrencyThresholds.default({}),
      /** RV-10: orders with custom-made products need a contract. */
      requiredForCustomMade: z.boolean().default(false),
      /** RV-10: `requiredAbove` compares the amount including tax (our reading on amounts). */
      includeTax: z.boolean().default(true),
    })
    .prefault({}),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;
