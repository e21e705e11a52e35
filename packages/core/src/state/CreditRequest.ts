import { z } from 'zod';
import { IdString, TextString } from '../model/inputLimits.js';
import type { Route } from '../approvals/Route.js';
import { Grade } from '../model/Customer.js';
import { CurrencyCode, MinorUnits } from '../model/Money.js';
import { IsoDateTime } from '../model/Temporal.js';
import type { ReasonRecord } from './OrderWorkflow.js';

/**
 * Store record kind of credit requests (CR-3).
 *
 * @example
 * await store.get<CreditRequest>(CREDIT_REQUEST_KIND, 'cr-7');
 */
export const CREDIT_REQUEST_KIND = 'credit-request';

/**
 * Audit stream of a customer's credit history (CR-3): every requested, approved and rejected
 * change of grade or limit.
 *
 * @example
 * customerStream('c-1'); // 'customer:c-1'
 */
export function customerStream(customerId: string): string {
  return `customer:${customerId}`;
}

/** Why the change is asked for; a blank reason is a `REASON_REQUIRED` refusal, not malformed input. */
const Reason = TextString.trim();

/**
 * A proposed change of a customer's grade and/or limit (CR-3), as sales writes it.
 *
 * @example
 * CreditChangeProposal.parse({ customerId: 'c-1', limit: { amount: 80_000_000, currency: 'CNY' }, reason: 'Two years of prompt payment' });
 */
export const CreditChangeProposal = z
  .object({
    customerId: IdString,
    grade: Grade.optional(),
    limit: z
      .object({
        amount: MinorUnits.refine((n) => n >= 0, 'must not be negative'),
        currency: CurrencyCode,
      })
      .optional(),
    reason: Reason,
  })
  .refine((p) => p.grade !== undefined || p.limit !== undefined, {
    message: 'propose a new grade, a new limit or both',
    path: ['limit'],
  });
export type CreditChangeProposal = z.infer<typeof CreditChangeProposal>;
export type CreditChangeProposalInput = z.input<typeof CreditChangeProposal>;

/**
 * A proposed temporary increase of a customer's limit (CR-3): an amount in the limit's currency
 * on top of the limit, until `expiresAt`.
 *
 * @example
 * TemporaryIncreaseProposal.parse({ customerId: 'c-1', amount: 10_000_000, currency: 'CNY', expiresAt: '2026-04-01T00:00:00+08:00', reason: 'Season peak' });
 */
export const TemporaryIncreaseProposal = z.object({
  customerId: IdString,
  amount: MinorUnits.refine((n) => n > 0, 'must be greater than zero'),
  currency: CurrencyCode,
  expiresAt: IsoDateTime,
  reason: Reason,
});
export type TemporaryIncreaseProposal = z.infer<typeof TemporaryIncreaseProposal>;
export type TemporaryIncreaseProposalInput = z.input<typeof TemporaryIncreaseProposal>;

/** A customer's grade and limit, before or after a change. */
export interface CreditTerms {
  grade?: Grade;
  limit?: { amount: number; currency: string };
}

/**
 * A request to change a customer's credit (CR-3), with its approval route: a grade/limit change
 * (`change`) or a temporary increase (`temporaryIncrease`). Applied to the customer only when the
 * route is complete; assessments made before keep the terms they were made with.
 */
export interface CreditRequest {
  id: string;
  customerId: string;
  kind: 'change' | 'temporaryIncrease';
  /** For `change`: the proposed grade and/or limit. */
  change?: CreditTerms;
  /** For `temporaryIncrease`. */
  increase?: { amount: number; currency: string; expiresAt: string };
  reason: string;
  requestedBy: string;
  requestedAt: string;
  /** The customer's grade and limit when it was proposed. */
  before: CreditTerms;
  status: 'pending' | 'approved' | 'rejected';
  route: Route;
  approvedAt?: string;
  rejection?: ReasonRecord;
}

/**
 * Users who may not approve or reject a credit request (CR-3, segregation of duties): its
 * proposer. Neither they nor a delegate on their behalf decides it.
 *
 * @example
 * creditRequestParties(request); // ['u-li']
 */
export function creditRequestParties(request: Pick<CreditRequest, 'requestedBy'>): string[] {
  return [request.requestedBy];
}
