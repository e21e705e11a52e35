import type { Actor } from '../model/Actor.js';

/**
 * Workflow events of the credit rules (CR-1, CR-4, CR-6, CR-8). Each member has a literal `type`;
 * see `creditHandlers.ts` for what each does in each status.
 */
export type CreditEvent =
  /**
   * CR-1 / CR-4: a holder of the policy's credit step (`credit.approvalStep`, finance director by
   * default) approves a credit release, with a reason and optionally an expiry (ISO instant,
   * exclusive). Never the order's owner or submitter. Also renews a release that expired.
   */
  | { type: 'RELEASE_CREDIT'; actor: Actor; reason: string; expiresAt?: string; comment?: string }
  /** CR-1 / CR-4: the credit approver declines the release; the order goes back to sales with the reason. */
  | { type: 'DECLINE_CREDIT'; actor: Actor; reason: string }
  /**
   * Money received ahead of shipping for this order (minor units of the order's currency),
   * recorded by a role of `credit.paymentRecordRoles`: releases holds it covers (CR-1, CR-4, CR-6)
   * and counts towards payment before shipping (CR-8).
   */
  | { type: 'RECORD_PREPAYMENT'; actor: Actor; amount: number; reference?: string }
  /** CR-4 / CR-6: the customer gave a guarantee for this order, recorded by finance. */
  | { type: 'RECORD_GUARANTEE'; actor: Actor; reference: string }
  /** The clock moved: an order whose credit release expired goes back on credit hold (CR-4). */
  | { type: 'CHECK_CREDIT_RELEASE' }
  /**
   * RV-7 / CR-8: the order's owner (or a role of `credit.shippingException.requestRoles`) asks,
   * with a reason, to ship a confirmed order before payment; the RV-7 chain decides.
   */
  | { type: 'REQUEST_SHIPPING_EXCEPTION'; actor: Actor; reason: string }
  /** RV-7: one approval on the pending exception's chain; the last step approves it. */
  | { type: 'APPROVE_SHIPPING_EXCEPTION'; actor: Actor; step?: string; comment?: string }
  /** RV-7: a reviewer of an active step of the chain rejects the exception, with a reason. */
  | { type: 'REJECT_SHIPPING_EXCEPTION'; actor: Actor; reason: string };
