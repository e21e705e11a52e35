import type { AnyChangeRequest, ChangeOp } from './ChangeRequest.js';
import type { Actor } from '../model/Actor.js';

/**
 * Workflow events of the change rules (CH-1…CH-7). Each member has a literal `type`; see
 * `changeHandlers.ts` for what each does in each status.
 */
export type ChangeEvent =
  /**
   * The owner (or a role of `change.requestRoles`) asks to change or cancel a confirmed order
   * (CH-1, CH-2, CH-3). The request is parsed already (`ChangeRequest` / `CancellationRequest`).
   */
  | { type: 'REQUEST_CHANGE'; actor: Actor; request: AnyChangeRequest }
  /** An approver approves a step of the pending change request's route. */
  | { type: 'APPROVE_CHANGE'; actor: Actor; step?: string; comment?: string }
  /** A reviewer of the pending change request rejects it; a reason is required. */
  | { type: 'REJECT_CHANGE'; actor: Actor; reason: string }
  /** The clock moved: mark overdue change-review steps and escalate (RV-2 deadlines, applied to changes). */
  | { type: 'CHECK_CHANGE_DEADLINES' }
  /** The requester or the order's owner withdraws the pending request (CH-2, CH-3); a reason is optional. */
  | { type: 'WITHDRAW_CHANGE'; actor: Actor; reason?: string }
  /**
   * The signed amendment (or termination) of an approved change of a contract order is recorded
   * (CH-7): the change takes effect. `signedAt` is an ISO instant; absent, the signature is now.
   */
  | { type: 'RECORD_AMENDMENT_SIGNED'; actor: Actor; reference: string; signedAt?: string }
  /** The owner corrects a draft or returned order (CH-1, RV-9); a locked order refuses it. */
  | { type: 'EDIT_ORDER'; actor: Actor; patch: readonly ChangeOp[] };
