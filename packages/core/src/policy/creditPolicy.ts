import { z } from 'zod';
import { Days, MAX_POLICY_DAYS, Name, Percent } from './policyValues.js';

/**
 * Credit grades (CR-2): A good, B fair, C poor, D bad.
 *
 * @example
 * CreditGrade.parse('C');
 */
export const CreditGrade = z.enum(['A', 'B', 'C', 'D']);
export type CreditGrade = z.infer<typeof CreditGrade>;

/**
 * What a grade triggers at assessment (CR-5, CR-6): `pass`, `warn` (CR-5 low grade), or `block`
 * (CR-6 abnormal credit: the order is held until a release path of `releasePaths['CR-6']`).
 * Policy, never code.
 *
 * @example
 * const action: GradeAction = policy.credit.gradeActions.D; // 'block' (CR-6)
 */
export const GradeAction = z.enum(['pass', 'warn', 'block']);
export type GradeAction = z.infer<typeof GradeAction>;

/**
 * How a credit hold can be released: `approval` — a credit release approved by the policy's
 * credit step (`approvalStep`), `prepayment` — recorded prepayment covering what the hold asks
 * for, `guarantee` — a guarantee on file.
 *
 * @example
 * policy.credit.releasePaths['CR-6'].includes('guarantee'); // true
 */
export const ReleasePath = z.enum(['approval', 'prepayment', 'guarantee']);
export type ReleasePath = z.infer<typeof ReleasePath>;

const Paths = z.array(ReleasePath).min(1, 'a hold needs at least one release path');

/**
 * Credit settings (CR-1…CR-8), defaults from our readings of the regulations.
 *
 * @example
 * CreditPolicy.parse({ nearLimitPercent: 85, gradeActions: { A: 'pass', B: 'pass', C: 'warn', D: 'block' } });
 */
export const CreditPolicy = z.strictObject({
  /** CR-5: warn when exposure including this order reaches this share of the limit (reaching counts). */
  nearLimitPercent: Percent.default(90),
  /** CR-6: receivables overdue by more than this many days suspend new orders. */
  overdueSuspendDays: Days.default(90),
  /**
   * CR-7: upper bounds (days past due) of the ageing buckets, ascending; a `current` bucket (not
   * yet due, or due today) comes first and an open-ended bucket last: [30, 60, 90] gives current,
   * 1–30, 31–60, 61–90, >90.
   */
  ageingBuckets: z
    .array(z.number().int().positive().max(MAX_POLICY_DAYS))
    .min(1)
    .default([30, 60, 90])
    .refine((b) => b.every((v, i) => i === 0 || v > (b[i - 1] ?? 0)), 'bucket bounds must ascend'),
  /** CR-5 / CR-6: what each grade triggers. */
  gradeActions: z
    .strictObject({ A: GradeAction, B: GradeAction, C: GradeAction, D: GradeAction })
    .default({ A: 'pass', B: 'pass', C: 'warn', D: 'block' }),
  /** CR-1 / CR-4: step whose holders approve a credit release (finance director by default). */
  approvalStep: Name.default('creditApproval'),
  /** CR-4: exposure counts this order including tax (our reading on amounts). */
  includeTax: z.boolean().default(true),
  /**
   * An order assessed without the customer's credit facts (the connector did not supply them):
   * `hold` (default) puts it on credit hold like a never-evaluated customer (CR-1), released by
   * `releasePaths['CR-1']`, so credit never passes unchecked; `info` lets it go on with one
   * `info` finding recording that credit was not checked (for companies without credit data).
   */
  withoutFacts: z.enum(['info', 'hold']).default('hold'),
  /**
   * An evaluated customer with no limit on file: `zero` — no credit granted, any exposure
   * exceeds it (CR-4); `unlimited` — CR-4/CR-5 do not apply.
   */
  missingLimit: z.enum(['zero', 'unlimited']).default('zero'),
  /** How each kind of credit hold may be released (CR-1, CR-4, CR-6). */
  releasePaths: z
    .strictObject({
      /** Never evaluated: "needs prepayment or a credit approval". */
      'CR-1': Paths.default(['approval', 'prepayment']),
      /** Over the limit: "a credit approval, or the customer pays ahead, or gives a guarantee". */
      'CR-4': Paths.default(['approval', 'prepayment', 'guarantee']),
      /** Abnormal credit: "suspend new orders, require a guarantee or prepayment". */
      'CR-6': Paths.default(['prepayment', 'guarantee']),
    })
    .prefault({}),
  /** Roles that record prepayments and guarantees on an order (never the order's owner). */
  paymentRecordRoles: z.array(Name).min(1).default(['finance', 'financeDirector']),
  /**
   * RV-7 / CR-8: shipping before payment asked for after review, on a confirmed order. It runs
   * the RV-7 chain (`review.routes.exceptional`: marketing VP, finance director, president, in
   * the stages of their steps); neither its requester nor anyone who owned or submitted the order
   * approves it.
   */
  shippingException: z
    .strictObject({
      /** Who may ask for it besides the order's owner (by default the owner only). */
      requestRoles: z.array(Name).default([]),
    })
    .prefault({}),
  /** CR-3: changes of grade and limit, and temporary limit increases. */
  limitChange: z
    .strictObject({
      /** Who may propose a change ("proposed by sales"). */
      proposeRoles: z.array(Name).min(1).default(['salesperson', 'salesHead']),
      /** Route of a grade or limit change: finance review, then management approval. */
      steps: z
        .array(Name)
        .min(1)
        .default(['creditLimitFinanceReview', 'creditLimitManagementApproval']),
      /** Route of a temporary limit increase (a limit change too, so CR-3's route by default). */
      temporaryIncreaseSteps: z
        .array(Name)
        .min(1)
        .default(['creditLimitFinanceReview', 'creditLimitManagementApproval']),
      /** An approved grade or limit change counts as a credit evaluation (sets `evaluatedAt`). */
      countsAsEvaluation: z.boolean().default(true),
    })
    .prefault({}),
});
export type CreditPolicy = z.infer<typeof CreditPolicy>;
