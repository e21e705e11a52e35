import { z } from 'zod';
import { Hours, NumberPattern } from './policyValues.js';

/**
 * The pieces of required information IN-2 can check; the policy lists which it requires.
 *
 * @example
 * IntakePolicy.parse({ requiredItems: REQUIRED_ITEMS.filter((i) => i !== 'invoice') });
 */
export const REQUIRED_ITEMS = [
  'customer.name',
  'contact.name',
  'contact.method',
  'deliveryAddress',
  'lines',
  'lines.product',
  'lines.specification',
  'requestedDeliveryDate',
  'paymentTerms',
  'invoice',
] as const;
/**
 * One piece of required information IN-2 can check, e.g. `lines.specification`.
 *
 * @example
 * RequiredItem.parse('lines.specification');
 */
export const RequiredItem = z.enum(REQUIRED_ITEMS);
export type RequiredItem = z.infer<typeof RequiredItem>;

/**
 * Intake settings: numbering (IN-1), required information (IN-2), verbal orders (IN-3), urgency (IN-4).
 *
 * @example
 * IntakePolicy.parse({ numbering: { pattern: 'SO-{YYYY}-{seq:6}' }, verbal: { mode: 'deadline', confirmationDeadlineHours: 48 } });
 */
export const IntakePolicy = z.strictObject({
  numbering: z
    .strictObject({
      /**
       * Order-number pattern. `{YYYY}`, `{YY}`, `{MM}` take the submission date in the policy's
       * time zone; `{seq:N}` is the sequence padded to N digits (1 to 16). No other placeholder.
       */
      pattern: NumberPattern.default('SO-{YYYY}-{seq:6}'),
      /** Sequence restarts each year (`year`) or never (`global`). */
      sequenceScope: z.enum(['year', 'global']).default('year'),
    })
    .prefault({}),
  requiredItems: z.array(RequiredItem).default([...REQUIRED_ITEMS]),
  verbal: z
    .strictObject({
      /**
       * `block`: a verbal order cannot be confirmed until its written confirmation is recorded
       * (default). `deadline`: it may be confirmed, and is flagged and escalated when the
       * confirmation is still missing `confirmationDeadlineHours` after submission.
       */
      mode: z.enum(['block', 'deadline']).default('block'),
      confirmationDeadlineHours: Hours.default(48),
    })
    .prefault({}),
  urgent: z
    .strictObject({
      /** Urgent orders must carry a feasibility assessment before approval. */
      requireFeasibility: z.boolean().default(true),
    })
    .prefault({}),
});
export type IntakePolicy = z.infer<typeof IntakePolicy>;
