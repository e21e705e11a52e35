import type { Route } from '../approvals/Route.js';
import type { Finding } from '../model/Finding.js';
import type { OrderStatus } from './OrderStatus.js';
// change control (CH)
import type { ChangeWorkflowState } from './ChangeRequest.js';
// tracking (TR)
import type { TrackingState } from './TrackingState.js';
// credit (CR)
import type { CreditWorkflowState } from './CreditWorkflowState.js';
// contract (RV-10)
import type { ContractWorkflowState } from './ContractState.js';

/** A return to sales for correction (RV-9), or a rejection, with its reason. */
export interface ReasonRecord {
  at: string;
  by: string;
  reason: string;
}

/**
 * Everyone who ever stood behind an order, oldest first: segregation of duties bars each of them
 * from approving it, its credit release and its changes, whatever later submissions say.
 */
export interface OrderParties {
  /** Every salesperson the order was ever owned by, the first owner first. */
  owners: readonly string[];
  /** Everyone who ever submitted it (first submission and every resubmission, RV-9). */
  submitters: readonly string[];
}

/**
 * The workflow state of one order, as plain data: status, the latest assessment, the approval
 * route and what the lifecycle has recorded so far. `transition` turns one into the next.
 */
export interface OrderWorkflow {
  orderId: string;
  status: OrderStatus;
  /**
   * The order's owner: its salesperson as of the last submission (notified of what happens to
   * it). Never an approver of it — nor is any earlier owner (`parties`).
   */
  owner: string;
  /** Who submitted it last (may differ from the owner, e.g. a sales assistant), with their groups. */
  submitter?: { id: string; groups: readonly string[] };
  /**
   * Every owner and submitter the order ever had, kept across resubmissions: a resubmission that
   * names another salesperson, or is sent by a colleague, never clears an earlier one's bar on
   * approving it (`orderParties`).
   */
  parties: OrderParties;
  /** When review received it (the last submission): RV-2 deadlines count from here. */
  receivedAt?: string;
  /** How many times it was submitted; more than one means corrected and resubmitted (RV-9). */
  submissions: number;
  /** Findings of the last assessment. */
  findings: readonly Finding[];
  route?: Route;
  /** The last return to sales (RV-9). */
  lastReturn?: ReasonRecord;
  /** The rejection, when rejected (RV-9: always with a reason). */
  rejection?: ReasonRecord;
  confirmedAt?: string;
  /** Change control (CH-1…CH-7): the pending change or cancellation request and every past one. */
  change?: ChangeWorkflowState;
  /** Fulfilment tracking (TR-1…TR-4): step statuses, forecast, delivery, acceptance issues, settlement. */
  tracking?: TrackingState;
  /** Credit (CR-1, CR-4, CR-6, CR-8): holds, release, prepayments and guarantee of this order. */
  credit?: CreditWorkflowState;
  /** Contract (RV-10): the legal review and the customer's signature, as recorded. */
  contract?: ContractWorkflowState;
}

/**
 * A fresh workflow for an order not yet submitted.
 *
 * @example
 * const wf = initialWorkflow('o1', 'u-li');
 */
export function initialWorkflow(orderId: string, owner: string): OrderWorkflow {
  return {
    orderId,
    status: 'draft',
    owner,
    parties: { owners: [owner], submitters: [] },
    submissions: 0,
    findings: [],
  };
}
