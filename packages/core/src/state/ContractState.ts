/** What the legal reviewer decided about an order's contract (RV-10). */
export type ContractReviewOutcome = 'approved' | 'rejected';

/**
 * A legal review of an order's contract, as recorded (RV-10): by `recordContractReview`, or by
 * the approval that completed the route's legal steps (`review.routes.legal`).
 */
export interface ContractReviewRecord {
  outcome: ContractReviewOutcome;
  /** Who reviewed: the legal reviewer, or the level an overdue legal step escalated to (RV-2). */
  by: string;
  /** Whom the reviewer stood in for, when acting as a delegate. */
  onBehalfOf?: string;
  at: string;
  /** The legal opinion's reference; absent when the review was a plain approval of the step. */
  reference?: string;
  /** The reviewer's comment; the reason, for a rejection. */
  comment?: string;
  /** The legal steps of the route the act was given on. */
  steps: readonly string[];
  /** Whether the contract counts as legally reviewed after this act (every legal step approved). */
  reviewed: boolean;
}

/** The customer's signature of the contract (or written confirmation of the order), as recorded (RV-10). */
export interface ContractSignatureRecord {
  /** When the customer signed. */
  signedAt: string;
  /** The signed contract's reference (number, scan, letter). */
  reference: string;
  /** Who recorded it, and when. */
  by: string;
  at: string;
}

/**
 * An order's contract as the workflow recorded it (RV-10): the last legal review and the
 * customer's signature. The order's own facts (`contract.legalReviewed`,
 * `contract.customerSignedAt`) are set with them; a resubmitted order starts afresh.
 *
 * @example
 * const c: ContractWorkflowState = { signature: { signedAt: '2026-03-04T10:00:00+08:00', reference: 'HT-2026-017', by: 'u-li', at: '2026-03-04T11:00:00+08:00' } };
 */
export interface ContractWorkflowState {
  review?: ContractReviewRecord;
  signature?: ContractSignatureRecord;
}
