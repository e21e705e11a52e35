import type { Route } from '../approvals/Route.js';
import type { ReleasePath } from '../policy/creditPolicy.js';
import type { OrderStatus } from './OrderStatus.js';

/** The credit rules whose `block` findings hold an order for credit instead of returning it. */
export type CreditHoldRuleId = 'CR-1' | 'CR-4' | 'CR-6';

/** One reason an order is held for credit (CR-1, CR-4, CR-6), from its assessment. */
export interface CreditHold {
  ruleId: CreditHoldRuleId;
  messageKey: string;
  /** How this hold may be released (the policy's `credit.releasePaths` at assessment). */
  paths: readonly ReleasePath[];
  /** Prepayment (minor units of the order's currency) that releases it. */
  prepaymentRequired: number;
}

/** A credit release approved on the policy's credit step (CR-1, CR-4). */
export interface CreditRelease {
  /** Who approved (the last approval that completed the step). */
  by: string;
  onBehalfOf?: string;
  role: string;
  reason: string;
  at: string;
  /** The release lapses at this instant (exclusive); none means it does not lapse. */
  expiresAt?: string;
}

/** Money received ahead of shipping for this order, in the order's currency (CR-1, CR-4, CR-6, CR-8). */
export interface PaymentRecord {
  /** When it was received (recorded, for a payment recorded here). */
  at: string;
  /** Who recorded it; for a payment the order arrived with, who submitted the order. */
  by: string;
  amount: number;
  reference: string;
  /**
   * `order`: received before submission and sent with the order (`Order.prepayments`), kept in
   * step with the order at every assessment; absent: recorded here (`RECORD_PREPAYMENT`).
   */
  source?: 'order';
}

/** A guarantee the customer gave for this order (CR-4, CR-6). */
export interface GuaranteeRecord {
  at: string;
  by: string;
  reference: string;
}

/**
 * A ship-before-payment exception asked for after review, on a confirmed order (RV-7, CR-8): its
 * RV-7 chain, stage by stage, and the decision. An approved one lets the goods ship unpaid, and
 * the shipment names it (`StepProgress.shippingException`, `DeliveryRecord.shippingException`).
 */
export interface ShippingException {
  /** `SBP-1`, `SBP-2`… within the order: what the shipment names. */
  id: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  /** The RV-7 chain (`review.routes.exceptional`), one stage after another. */
  route: Route;
  /** `withdrawn`: the order was cancelled while the exception was pending (CH-3). */
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  /** When the last step was approved, the exception rejected or withdrawn, and by whom. */
  decidedAt?: string;
  decidedBy?: string;
  /** Why it was rejected. */
  rejection?: string;
}

/**
 * The credit part of an order's workflow: why it is held, how it was released, and what was paid
 * ahead. Whether a hold stands is computed from these at an instant (`openCreditHolds`), so an
 * expired release is never taken for a valid one.
 */
export interface CreditWorkflowState {
  /** Holds of the last assessment; empty when none. */
  holds: readonly CreditHold[];
  /** When the order was last put on credit hold. */
  heldAt?: string;
  /** The release approval in progress or done (one step: `credit.approvalStep`). */
  releaseRoute?: Route;
  /** The latest approved credit release. */
  release?: CreditRelease;
  prepayments: readonly PaymentRecord[];
  guarantee?: GuaranteeRecord;
  /** When the order last left credit hold. */
  releasedAt?: string;
  /** Where a released order goes back to when it was re-held after its release expired. */
  resumeStatus?: OrderStatus;
  /** Ship-before-payment exceptions asked for after review (RV-7, CR-8), oldest first. */
  shippingExceptions?: readonly ShippingException[];
}

/**
 * An empty credit state (nothing held, nothing paid).
 *
 * @example
 * const credit = state.credit ?? emptyCreditState();
 */
export function emptyCreditState(): CreditWorkflowState {
  return { holds: [], prepayments: [] };
}
