import { z } from 'zod';
import { CancellationRequest, ChangeRequest, OrderEdit } from '../state/ChangeRequest.js';
import { ValidationError, toInputIssues } from '../errors.js';
import { Actor } from '../model/Actor.js';
import { CodeString, IdString, INPUT_LIMITS, TextString } from '../model/inputLimits.js';
import { MinorUnits } from '../model/Money.js';
import { IsoDateTime } from '../model/Temporal.js';
import { FulfilmentStep } from '../policy/trackingPolicy.js';
import { GoodsIssueKind, Remedy } from '../state/TrackingState.js';
import type { WorkflowEvent, WorkflowEventType } from '../state/WorkflowEvent.js';

const none = z.object({});
const byActor = z.object({ actor: Actor });
const withReason = z.object({ actor: Actor, reason: TextString });
const approval = z.object({
  actor: Actor,
  step: IdString.optional(),
  comment: TextString.optional(),
});

// The shape of each event: types and sizes only. What an event means in the order's state (a
// blank reason, an expiry in the past, a patch that does not fit) is the handler's to refuse.
const SHAPES: { readonly [T in WorkflowEventType]: z.ZodType } = {
  SUBMIT: byActor,
  ASSESS: none,
  APPROVE: approval,
  REJECT: withReason,
  RETURN: withReason,
  RECORD_WRITTEN_CONFIRMATION: z.object({ actor: Actor, reference: CodeString }),
  CONFIRM: byActor,
  RECORD_CONTRACT_REVIEW: z.object({
    actor: Actor,
    outcome: z.enum(['approved', 'rejected']),
    reference: CodeString,
    comment: TextString.optional(),
  }),
  RECORD_CONTRACT_SIGNED: z.object({ actor: Actor, signedAt: IsoDateTime, reference: CodeString }),
  CHECK_DEADLINES: none,
  RELEASE_CREDIT: z.object({
    actor: Actor,
    reason: TextString,
    expiresAt: CodeString.optional(),
    comment: TextString.optional(),
  }),
  DECLINE_CREDIT: withReason,
  RECORD_PREPAYMENT: z.object({
    actor: Actor,
    amount: MinorUnits,
    reference: CodeString.optional(),
  }),
  RECORD_GUARANTEE: z.object({ actor: Actor, reference: CodeString }),
  CHECK_CREDIT_RELEASE: none,
  REQUEST_SHIPPING_EXCEPTION: withReason,
  APPROVE_SHIPPING_EXCEPTION: approval,
  REJECT_SHIPPING_EXCEPTION: withReason,
  REQUEST_CHANGE: z.object({
    actor: Actor,
    request: z.union([ChangeRequest, CancellationRequest]),
  }),
  APPROVE_CHANGE: approval,
  REJECT_CHANGE: withReason,
  CHECK_CHANGE_DEADLINES: none,
  WITHDRAW_CHANGE: z.object({ actor: Actor, reason: TextString.optional() }),
  RECORD_AMENDMENT_SIGNED: z.object({
    actor: Actor,
    reference: CodeString,
    signedAt: CodeString.optional(),
  }),
  // An empty edit is well formed here (it changes nothing: INVALID_PATCH); the façade asks for one operation.
  EDIT_ORDER: z.object({
    actor: Actor,
    patch: OrderEdit.element.array().max(INPUT_LIMITS.listLength),
  }),
  RECORD_PROGRESS: z.object({
    actor: Actor,
    step: FulfilmentStep,
    status: z.enum(['started', 'done']),
    date: CodeString.optional(),
    reference: CodeString.optional(),
    note: TextString.optional(),
    advanceReceived: MinorUnits.optional(),
  }),
  FORECAST_DELIVERY: z.object({ actor: Actor, date: CodeString, reason: TextString.optional() }),
  CHECK_DELIVERY: none,
  DELIVER: z.object({
    actor: Actor,
    date: CodeString.optional(),
    reference: CodeString.optional(),
  }),
  REPORT_ACCEPTANCE_ISSUE: z.discriminatedUnion('kind', [
    z.object({
      actor: Actor,
      kind: GoodsIssueKind,
      remedy: Remedy,
      description: TextString,
      lineIds: z.array(IdString).max(INPUT_LIMITS.listLength).optional(),
    }),
    z.object({
      actor: Actor,
      kind: z.literal('late_delivery'),
      remedy: Remedy.optional(),
      description: TextString,
      lineIds: z.array(IdString).max(INPUT_LIMITS.listLength).optional(),
    }),
  ]),
  CLOSE_ISSUE: z.object({ actor: Actor, issueId: IdString, resolution: TextString }),
  SETTLE: z.object({
    actor: Actor,
    paid: z.boolean().optional(),
    invoiced: z.boolean().optional(),
    paymentRef: CodeString.optional(),
    invoiceRef: CodeString.optional(),
  }),
  COMPLETE: byActor,
  ARCHIVE: z.object({
    actor: Actor,
    seal: z.object({ archiveId: CodeString, number: CodeString, recordHash: CodeString }),
  }),
};

/**
 * Whether `type` names a workflow event.
 *
 * @example
 * isWorkflowEventType('APPROVE'); // true
 */
export function isWorkflowEventType(type: unknown): type is WorkflowEventType {
  return typeof type === 'string' && Object.hasOwn(SHAPES, type);
}

/**
 * Checks that a workflow event is well formed before any handler looks at it: each field of the
 * right type (a comment is text, an amount whole minor units), ids and references at most
 * `INPUT_LIMITS.idLength` characters, reasons and comments at most `INPUT_LIMITS.textLength`,
 * lists bounded. The event itself is passed on unchanged; what it means in the order's state is
 * for the handler to judge (and refuse).
 *
 * @example
 * checkWorkflowEvent({ type: 'APPROVE', actor, comment: { html: '…' } }); // throws ValidationError
 * @throws {ValidationError} listing every malformed field of the event (subject `<TYPE> event`).
 */
export function checkWorkflowEvent(event: WorkflowEvent): void {
  const shape = SHAPES[event.type];
  const result = shape.safeParse(event);
  if (!result.success) {
    throw new ValidationError(`${event.type} event`, toInputIssues(result.error));
  }
}
