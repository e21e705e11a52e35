import { z } from 'zod';

/** Credit grades (CR-2): A good, B fair, C poor, D bad. */
export const CreditGrade = z.enum(['A', 'B', 'C', 'D']);
export type CreditGrade = z.infer<typeof CreditGrade>;

/** What a grade triggers at assessment (CR-5, CR-6): policy, never code. */
export const GradeAction = z.enum(['pass', 'warn', 'block']);

/** Credit settings (CR-1…CR-8), defaults from RULES.md's readings. */
export const CreditPolicy = z.object({
  /** CR-5: warn when exposure including this order reaches this share of the limit. */
  nearLimitPercent: z.number().min(0).max(100).default(90),
  /** CR-6: receivables overdue beyond this many days suspend new orders. */
  overdueSuspendDays: z.number().int().min(0).default(90),
  /** CR-7: upper bounds (days past due) of the ageing buckets; the last bucket is open-ended. */
  ageingBuckets: z.array(z.number().int().positive()).min(1).default([30, 60, 90]),
  /** CR-5 / CR-6: what each grade triggers. */
  gradeActions: z
    .object({ A: GradeAction, B: GradeAction, C: GradeAction, D: GradeAction })
    .default({ A: 'pass', B: 'pass', C: 'warn', D: 'block' }),
  /** CR-1 / CR-4: step that approves credit (finance director by default). */
  approvalStep: z.string().min(1).default('creditApproval'),
  /** CR-8: payment-term codes that give a customer credit terms (ship within its limit unpaid). */
  creditTermsPaymentTerms: z.array(z.string().min(1)).default([]),
});
export type CreditPolicy = z.infer<typeof CreditPolicy>;
