import type { Actor } from '../model/Actor.js';
import type { ArchiveEvent } from './archiveEvents.js';
import type { ChangeEvent } from './changeEvents.js';
import type { ContractReviewOutcome } from './ContractState.js';
import type { CreditEvent } from './creditEvents.js';
import type { TrackingEvent } from './trackingEvents.js';

/** Events of intake and review (IN, RV). */
export type ReviewEvent =
  /** Sales submits the order for review (first time, or after correction: RV-9). */
  | { type: 'SUBMIT'; actor: Actor }
  /** Run every rule on a submitted order and route it (or return it to sales). */
  | { type: 'ASSESS' }
  /** An approver approves a step of the route. */
  | { type: 'APPROVE'; actor: Actor; step?: string; comment?: string }
  /** A reviewer rejects the order; a reason is required (RV-9). */
  | { type: 'REJECT'; actor: Actor; reason: string }
  /** A reviewer returns the order to sales for correction, with reasons (RV-9). */
  | { type: 'RETURN'; actor: Actor; reason: string }
  /** The customer's written confirmation of a verbal order arrived (IN-3). */
  | { type: 'RECORD_WRITTEN_CONFIRMATION'; actor: Actor; reference: string }
  /** Sales confirms an approved order to the customer. */
  | { type: 'CONFIRM'; actor: Actor }
  /** The legal reviewer records the review of the order's contract (RV-10). */
  | {
      type: 'RECORD_CONTRACT_REVIEW';
      actor: Actor;
      outcome: ContractReviewOutcome;
      reference: string;
      comment?: string;
    }
  /** The customer's signature of the contract is recorded (RV-10). */
  | { type: 'RECORD_CONTRACT_SIGNED'; actor: Actor; signedAt: string; reference: string }
  /** The clock moved: mark overdue steps and escalate (RV-2). */
  | { type: 'CHECK_DEADLINES' };

/**
 * Everything that can happen to an order, as data, one union per rule area. `transition` decides
 * what each does in each status.
 */
export type WorkflowEvent = ReviewEvent | CreditEvent | ChangeEvent | TrackingEvent | ArchiveEvent;

/** The `type` of a workflow event. */
export type WorkflowEventType = WorkflowEvent['type'];
