import { z } from '@hono/zod-openapi';
import {
  CancellationRequest,
  CreditReleaseInput,
  StepOptions,
  ChangeRequest,
  IdString,
  OrderEdit,
  Order,
  OrderStatus,
  RuleId,
  Severity,
  TextString,
} from '@ordergate/core';

/**
 * `schema.openapi(...)` for a schema built before `@hono/zod-openapi` extended zod (the core's:
 * zod 4 gives each instance the prototype's methods when it is built, so the core's schemas,
 * built first, lack `.openapi`). Answers a new schema carrying the OpenAPI metadata.
 *
 * @example
 * const Param = z.object({ id: openapi(IdString, { param: { name: 'id', in: 'path' } }) });
 */
export function openapi<S extends z.ZodType>(schema: S, ...args: unknown[]): S {
  const fn = (z.ZodType.prototype as unknown as { openapi: (...a: unknown[]) => S }).openapi;
  return fn.apply(schema, args);
}

// The core's own schemas (`Order`, `OrderStatus`, `ChangeRequest`…) describe what they can; the
// HTTP layer only adds the envelopes and the bodies of actions whose arguments are plain values.

/** An RFC 9457 problem, as every error answers. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string().openapi({ example: 'RV-3 Self approval' }),
    status: z.number().int(),
    code: z.string().openapi({ example: 'SELF_APPROVAL' }),
    ruleId: z.string().optional().openapi({ example: 'RV-3' }),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    findings: z.array(z.looseObject({})).optional(),
    step: z.string().optional(),
    order: z.looseObject({}).optional(),
  })
  .openapi('Problem');

/** A finding of the rules (`messageKey` renders with `formatMessage`). */
export const FindingSchema = z
  .looseObject({
    ruleId: RuleId,
    severity: Severity,
    messageKey: z.string(),
    params: z.record(z.string(), z.unknown()),
    source: z.string(),
  })
  .openapi('Finding');

/** An effect written to the outbox with the command's commit. */
export const EffectSchema = z.looseObject({ type: z.string() }).openapi('Effect');

/** An order as stored: the current revision, its workflow, earlier revisions and the version. */
export const OrderViewSchema = z
  .looseObject({
    order: Order,
    workflow: z.looseObject({ status: OrderStatus }),
    revisions: z.array(Order),
    version: z.number().int(),
  })
  .openapi('OrderView');

/** An order's full picture: the view, its typed audit trail and the customer's credit now. */
export const OrderPictureSchema = OrderViewSchema.extend({
  history: z.array(z.looseObject({ type: z.string() })),
  credit: z.looseObject({}).optional(),
}).openapi('OrderPicture');

/** What a command that succeeded answers: the value, the findings and the effects. */
export const OrderResultSchema = z
  .object({
    value: OrderViewSchema,
    findings: z.array(FindingSchema),
    effects: z.array(EffectSchema),
  })
  .openapi('OrderResult');

/** One line of the caller's work queue. */
export const WorkItemSchema = z
  .object({
    orderId: z.string(),
    number: z.string().optional(),
    status: OrderStatus,
    urgent: z.boolean(),
    dueAt: z.string().optional(),
    actions: z.array(z.string()),
    customer: z.object({ id: z.string(), name: z.string() }),
    /** The order's total including tax, minor units. */
    amount: z.object({ total: z.number().int(), currency: z.string() }),
    /** The rules whose findings or holds put the order in the queue. */
    ruleIds: z.array(z.string()),
    /** A step waiting for the caller is past its deadline (RV-2). */
    overdue: z.boolean(),
    /** The steps waiting for the caller; `onBehalfOf` when signing as a substitute. */
    steps: z.array(
      z.object({
        key: z.string(),
        label: z.object({ en: z.string(), zh: z.string() }),
        ruleIds: z.array(z.string()),
        onBehalfOf: z.string().optional(),
        delegatedUntil: z.string().optional(),
      }),
    ),
  })
  .openapi('WorkItem');

/** Whether the caller may take an action now, and if not the code, rule and message. */
export const AllowedActionSchema = z
  .object({
    action: z.string(),
    allowed: z.boolean(),
    code: z.string().optional(),
    ruleId: z.string().optional(),
    messageKey: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('AllowedAction');

/** `GET /v1/work-queue`. */
export const WorkQueueSchema = z.object({ value: z.array(WorkItemSchema) }).openapi('WorkQueue');
/** `GET /v1/orders/{id}`. */
export const PictureAnswerSchema = z.object({ value: OrderPictureSchema }).openapi('PictureAnswer');
/** `GET /v1/orders/{id}/actions`. */
export const ActionsAnswerSchema = z
  .object({ value: z.array(AllowedActionSchema) })
  .openapi('ActionsAnswer');

/** An order's id in the path (a core `IdString`). */
export const OrderIdParam = z.object({
  id: openapi(IdString, { param: { name: 'id', in: 'path' }, example: 'erp-42' }),
});

/** `approve`, `approve-change`…: which step (default: the first the caller may), a comment (the core's `StepOptions`). */
export const StepBody = openapi(StepOptions, 'StepOptions');
/** `reject`, `return`, `decline-credit`, `reject-change`…: the reason is required (RV-9, CR-4). */
export const ReasonBody = z.object({ reason: TextString }).strict().openapi('Reason');
/** `release-credit` (CR-1, CR-4): the core's `CreditReleaseInput`. */
export const ReleaseBody = openapi(CreditReleaseInput, 'CreditRelease');

/** `withdraw-change`: an optional reason (CH-2). */
export const OptionalReasonBody = z
  .object({ reason: TextString.optional() })
  .strict()
  .openapi('OptionalReason');
/** `written-confirmation` (IN-3): the customer's written confirmation's reference. */
export const ReferenceBody = z.object({ reference: TextString }).strict().openapi('Reference');
/** `edit` (CH-1, RV-9): the field operations on a draft or returned order. */
export const EditBody = z.object({ patch: OrderEdit }).strict().openapi('OrderEdit');
/** `request-cancellation` (CH-3): the cancellation without its `kind`. */
export const CancellationBody = openapi(
  CancellationRequest.omit({ kind: true }).strict(),
  'CancellationRequest',
);

const loose = (name: string, shape: Record<string, z.ZodType> = {}) =>
  z.looseObject(shape).openapi(name);

/** A credit request (CR-3) as stored. */
export const CreditRequestSchema = loose('CreditRequest', {
  id: z.string(),
  customerId: z.string(),
  status: z.string(),
});
/** An archive access request (AR-5). */
export const AccessRequestSchema = loose('AccessRequest', {
  id: z.string(),
  archiveId: z.string(),
  status: z.string(),
});
/** An archive's index entry (AR-6): what search answers; content needs a grant. */
export const ArchiveIndexEntrySchema = loose('ArchiveIndexEntry', {
  archiveId: z.string(),
  number: z.string(),
  orderId: z.string(),
  customerId: z.string(),
});
/** An archived order's content (AR-5), read under a grant. */
export const ArchiveContentSchema = loose('ArchiveContent');
/** An archive exported as a self-verifying bundle (AR-2). */
export const ArchiveBundleSchema = loose('ArchiveBundle');
/** The month's filing report (AR-3). */
export const FilingReportSchema = loose('FilingReport');
/** One row of order metrics (TR-5). */
export const OrderMetricsSchema = loose('OrderMetrics', { key: z.string(), label: z.string() });
/** A contract ledger entry (AR-4). */
export const ContractLedgerEntrySchema = loose('ContractLedgerEntry');
/** A customer's credit picture (CR-1, CR-3, CR-7): limit in force, ageing and requests. */
export const CreditPictureSchema = z
  .object({
    customer: z.looseObject({ id: z.string() }),
    effectiveLimit: z.looseObject({}).optional(),
    ageing: z.looseObject({}).optional(),
    creditRequests: z.array(CreditRequestSchema),
  })
  .openapi('CreditPicture');
/** An audit event, typed by the core's catalogue. */
export const AuditEventSchema = loose('AuditEvent', { type: z.string() });
/** The order's status and fulfilment timeline (TR-1). */
export const TimelineSchema = z
  .object({ status: OrderStatus, events: z.array(AuditEventSchema) })
  .openapi('Timeline');
/** Field and line differences between two revisions (CH-5). */
export const RevisionDiffSchema = loose('RevisionDiff');

export { ChangeRequest, Order };
