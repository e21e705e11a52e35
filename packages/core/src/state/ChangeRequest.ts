import { z } from 'zod';
import { CodeString, INPUT_LIMITS, TextString } from '../model/inputLimits.js';
import { IsoDateTime } from '../model/Temporal.js';
import type { Route } from '../approvals/Route.js';
import type { Finding } from '../model/Finding.js';
import type { FieldChange } from './RevisionDiff.js';
import type { OrderStatus } from './OrderStatus.js';

const FieldName = CodeString.min(1);
/**
 * What a change touches, classified by the change policy: which fields, which of them are
 * material (CH-4) or a change of price (RV-7 via CH-4), the departments concerned (CH-2), the
 * departments to tell (CH-6), whether the customer is told in advance (CH-6) and whether the
 * contract changes (CH-7).
 */
export interface ChangeClassification {
  /** Every changed field key (`paymentTerms`, `contact.phone`, `lines.unitPrice`, `lines.added`…). */
  fields: readonly string[];
  /** The material ones (CH-4); empty for a change that needs the sales head alone. */
  material: readonly string[];
  /** Changed price fields (`change.priceFields`). */
  price: readonly string[];
  /** Ids of the lines whose price changed. */
  priceLines: readonly string[];
  /** CH-2: roles of the departments owning the material fields (cancellation: `change.cancellation.departments`). */
  departments: readonly string[];
  /** CH-6: roles of the departments whose work the change touches. */
  notify: readonly string[];
  /** CH-6: changed fields the customer is told of in advance (the delivery date by default). */
  customerNotice: readonly FieldChange[];
  /** CH-7: the change touches the contract (or terminates it). */
  contract: boolean;
}

/** A value a patch may give a field: text, a number, a flag or null; `undefined` clears it. */
const PatchScalar = z.union([TextString, z.number(), z.boolean(), z.null()]).optional();
/** The fields of one line, or of one header object (contact, address…): one level, no deeper. */
const PatchFields = z
  .record(FieldName, PatchScalar)
  .refine(
    (fields) => Object.keys(fields).length <= INPUT_LIMITS.listLength,
    `must have at most ${String(INPUT_LIMITS.listLength)} fields`,
  );
const PatchValue = z.union([PatchScalar, PatchFields]);

/**
 * One field-level operation of a change patch (CH-2):
 * - `set`: a header field, or one sub-field of a header object (`contact.phone`); an absent
 *   `value` clears an optional field;
 * - `updateLine`: some fields of the line with that id;
 * - `addLine`: a new line (its id must be new);
 * - `removeLine`: the line with that id.
 *
 * @example
 * const op: ChangeOp = { op: 'updateLine', lineId: 'l1', set: { unitPrice: 140_000 } };
 */
export const ChangeOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), field: FieldName, value: PatchValue.optional() }),
  z.object({ op: z.literal('updateLine'), lineId: FieldName, set: PatchFields }),
  z.object({ op: z.literal('addLine'), line: PatchFields }),
  z.object({ op: z.literal('removeLine'), lineId: FieldName }),
]);
export type ChangeOp = z.infer<typeof ChangeOp>;

/**
 * A change request against a confirmed order (CH-1, CH-2): who asks is the desk's actor; the
 * request states its reason and impact and carries a field-level patch against the revision it
 * was written on (`baseRevision`). A request on a revision that is no longer current is a
 * conflict (CH-5). `customerRequested` marks a change the customer asked for (RV-5 via CH-4).
 *
 * @example
 * ChangeRequest.parse({
 *   baseRevision: 1, reason: 'Customer renegotiated', impact: 'Margin −6 %', customerRequested: false,
 *   patch: [{ op: 'updateLine', lineId: 'l1', set: { unitPrice: 140_000 } }],
 * });
 */
export const ChangeRequest = z.object({
  kind: z.literal('change').default('change'),
  baseRevision: z.number().int().min(1),
  reason: TextString,
  impact: TextString,
  customerRequested: z.boolean().default(false),
  patch: z
    .array(ChangeOp)
    .min(1, 'a change request changes at least one field')
    .max(
      INPUT_LIMITS.listLength,
      `must have at most ${String(INPUT_LIMITS.listLength)} operations`,
    ),
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;
export type ChangeRequestInput = z.input<typeof ChangeRequest>;

/**
 * A request to cancel a confirmed order (CH-3): always with a reason, reviewed and approved like
 * a change. `baseRevision`, when given, makes a request on an outdated revision a conflict.
 *
 * @example
 * CancellationRequest.parse({ kind: 'cancel', reason: 'Customer project stopped' });
 */
export const CancellationRequest = z.object({
  kind: z.literal('cancel'),
  baseRevision: z.number().int().min(1).optional(),
  reason: TextString,
  impact: TextString.default(''),
  customerRequested: z.boolean().default(false),
});
export type CancellationRequest = z.infer<typeof CancellationRequest>;
export type CancellationRequestInput = z.input<typeof CancellationRequest>;

/** A change or a cancellation, as the workflow receives it. */
export type AnyChangeRequest = ChangeRequest | CancellationRequest;

/**
 * A correction of a draft or returned order (CH-1, RV-9): the same field-level operations as a
 * change patch, applied by the order's owner before (re)submission. A confirmed order refuses it.
 *
 * @example
 * OrderEdit.parse([{ op: 'set', field: 'requestedDeliveryDate', value: '2026-05-20' }]);
 */
export const OrderEdit = z
  .array(ChangeOp)
  .min(1, 'an edit changes at least one field')
  .max(INPUT_LIMITS.listLength, `must have at most ${String(INPUT_LIMITS.listLength)} operations`);
export type OrderEdit = z.infer<typeof OrderEdit>;

/**
 * The signed contract amendment (or termination) of an approved change of a contract order
 * (CH-7): its document reference and when the customer signed it. The change takes effect once
 * it is recorded.
 *
 * @example
 * AmendmentSignature.parse({ reference: 'HT-2026-017-A1', signedAt: '2026-03-06T15:00:00+08:00' });
 */
export const AmendmentSignature = z.strictObject({
  reference: CodeString,
  signedAt: IsoDateTime,
});
export type AmendmentSignature = z.infer<typeof AmendmentSignature>;

/** A signed amendment as recorded (CH-7): the signature, who entered it and when. */
export interface RecordedAmendment extends AmendmentSignature {
  recordedBy: string;
  recordedAt: string;
}

/** How a change request ended. */
export interface ChangeDecision {
  /** Approved (and in force), rejected by a reviewer, or withdrawn by its requester or the owner. */
  outcome: 'approved' | 'rejected' | 'withdrawn';
  at: string;
  by: string;
  /** Why it was rejected (always given then) or withdrawn (when given). */
  reason?: string;
  /** The revision an approved change made (CH-5). */
  revision?: number;
}

/**
 * A change request as the workflow keeps it: the request, what it changes and why it is routed
 * the way it is, its approval route and, once decided, the decision. Past requests stay
 * readable in `ChangeWorkflowState.history`.
 */
export interface ChangeRequestRecord {
  /** `<orderId>/change-<seq>`: unique per order, stable across replays. */
  id: string;
  seq: number;
  kind: 'change' | 'cancel';
  requestedBy: string;
  /** The requester's groups when they asked: their authority is judged when the rules re-run (RV-6). */
  requesterGroups?: readonly string[];
  requestedAt: string;
  reason: string;
  impact: string;
  customerRequested: boolean;
  /** The revision the request was written against (the current one when it was accepted). */
  baseRevision: number;
  /** Empty for a cancellation. */
  patch: readonly ChangeOp[];
  classification: ChangeClassification;
  /** CH-1…CH-4, CH-7 findings that built the route. */
  findings: readonly Finding[];
  route: Route;
  /** The status the order returns to when the request is decided (unless cancelled). */
  resumeStatus: OrderStatus;
  /**
   * CH-7: every step approved a change or cancellation of a contract order; it waits, still
   * pending, for the signed amendment (or termination) to be recorded before it takes effect.
   */
  awaitingSignature?: { approvedAt: string; approvedBy: string };
  /** CH-7: the signed amendment that let it take effect. */
  amendment?: RecordedAmendment;
  decision?: ChangeDecision;
}

/** Change control's part of an order's workflow: the pending request and every past one. */
export interface ChangeWorkflowState {
  pending?: ChangeRequestRecord;
  /** Decided requests, oldest first. */
  history: readonly ChangeRequestRecord[];
}
