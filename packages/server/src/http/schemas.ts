import { z } from '@hono/zod-openapi';
import { ChangeRequest, Order, OrderStatus, RuleId, Severity } from '@ordergate/core';

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

export const WorkItemSchema = z
  .object({
    orderId: z.string(),
    number: z.string().optional(),
    status: OrderStatus,
    urgent: z.boolean(),
    dueAt: z.string().optional(),
    actions: z.array(z.string()),
  })
  .openapi('WorkItem');

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

export const WorkQueueSchema = z.object({ value: z.array(WorkItemSchema) }).openapi('WorkQueue');
export const PictureAnswerSchema = z.object({ value: OrderPictureSchema }).openapi('PictureAnswer');
export const ActionsAnswerSchema = z
  .object({ value: z.array(AllowedActionSchema) })
  .openapi('ActionsAnswer');

export const OrderIdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'erp-42' }),
});

/** `approve` and `approve-change`: which step (default: the first the caller may), a comment. */
export const StepBody = z
  .object({ step: z.string().optional(), comment: z.string().optional() })
  .strict()
  .openapi('StepOptions');
/** `reject` and `return`: the reason is required (RV-9). */
export const ReasonBody = z.object({ reason: z.string() }).strict().openapi('Reason');
/** `release-credit` (CR-1, CR-4). */
export const ReleaseBody = z
  .object({
    reason: z.string(),
    expiresAt: z.string().optional(),
    comment: z.string().optional(),
  })
  .strict()
  .openapi('CreditRelease');

export { ChangeRequest, Order };
