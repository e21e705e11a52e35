import { z } from '@hono/zod-openapi';
import { ContractReviewInput, ContractSignatureInput } from '@ordergate/core';
import {
  ActionsAnswerSchema,
  AuditEventSchema,
  EditBody,
  Order,
  OrderIdParam,
  OrderResultSchema,
  PictureAnswerSchema,
  ReasonBody,
  ReferenceBody,
  RevisionDiffSchema,
  StepBody,
  WorkQueueSchema,
  openapi,
} from '../shared/schemas.js';
import { NotFoundError } from '@ordergate/core';
import {
  callerOf,
  command,
  localeOf,
  query,
  valueEnvelope,
  type Api,
  type RouteDeps,
} from './shared.js';

const NoParams = z.object({});
const RevisionParams = OrderIdParam.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'n', in: 'path' }, example: 1 }),
});
const DiffQuery = z.object({
  from: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'from', in: 'query' }, example: 1 }),
  to: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'to', in: 'query' }, example: 2 }),
});

/**
 * Orders (IN, RV): the work queue, an order's picture, history, revisions and their diff, the
 * caller's allowed actions, and the intake and review commands. Reads need `Readers.order`.
 *
 * @example
 * registerOrderRoutes(app, { og, readers });
 */
export function registerOrderRoutes(app: Api, { og, readers }: RouteDeps): void {
  query(app, {
    path: '/v1/work-queue',
    summary:
      'The caller’s work queue: orders waiting for them, urgent first (RV-2), with customer, amount, rules, overdue and the steps they would sign (as a substitute under a delegation when so)',
    response: WorkQueueSchema,
    statuses: [401],
    run: (c) => og.workQueue(c.get('actor')),
  });

  query(app, {
    path: '/v1/orders/{id}',
    summary: 'An order’s picture: the order, its workflow, audit trail and the customer’s credit',
    params: OrderIdParam,
    response: PictureAnswerSchema,
    run: (c, p) => readers.order(p.id, callerOf(c), localeOf(c)),
  });

  query(app, {
    path: '/v1/orders/{id}/actions',
    summary: 'Every action on the order, allowed for the caller or not, and why not',
    params: OrderIdParam,
    response: ActionsAnswerSchema,
    run: async (c, p) => {
      await readers.order(p.id, callerOf(c), localeOf(c));
      return og.allowedActions(p.id, c.get('actor'));
    },
  });

  query(app, {
    path: '/v1/orders/{id}/history',
    summary: 'The order’s audit trail, oldest first, each event typed by the catalogue',
    params: OrderIdParam,
    response: valueEnvelope(z.array(AuditEventSchema), 'HistoryAnswer'),
    run: async (c, p) => {
      await readers.order(p.id, callerOf(c), localeOf(c));
      return og.history(p.id);
    },
  });

  query(app, {
    path: '/v1/orders/{id}/revisions/{n}',
    summary: 'CH-5: revision n of the order',
    params: RevisionParams,
    response: valueEnvelope(Order, 'RevisionAnswer'),
    run: async (c, p) => {
      await readers.order(p.id, callerOf(c), localeOf(c));
      const r = await og.revision(p.id, p.n);
      if (!r) throw new NotFoundError('revision', `${p.id}@${String(p.n)}`);
      return r;
    },
  });

  query(app, {
    path: '/v1/orders/{id}/diff',
    summary: 'CH-5: field-by-field and line-by-line differences between two revisions',
    params: OrderIdParam,
    query: DiffQuery,
    response: valueEnvelope(RevisionDiffSchema, 'DiffAnswer'),
    run: async (c, p, q) => {
      await readers.order(p.id, callerOf(c), localeOf(c));
      return og.diff(p.id, q.from, q.to);
    },
  });

  command(app, {
    path: '/v1/orders',
    summary: 'IN-1…IN-4, RV-1: submit an order for review (assessed at once)',
    params: NoParams,
    body: Order,
    status: 201,
    response: OrderResultSchema,
    run: (_p, a, b) => og.submit(b, a),
  });

  const onOrder = { params: OrderIdParam, response: OrderResultSchema };
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/approve',
    summary: 'RV-3…RV-8: approve a step of the review route (the first the caller may, or `step`)',
    body: StepBody,
    run: (p, a, b) => og.approve(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/reject',
    summary: 'RV-9: reject the order, with a reason',
    body: ReasonBody,
    run: (p, a, b) => og.reject(p.id, a, b.reason),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/return',
    summary: 'RV-9: return the order to sales for correction, with the reasons',
    body: ReasonBody,
    run: (p, a, b) => og.returnToSales(p.id, a, b.reason),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/written-confirmation',
    summary: 'IN-3: record the customer’s written confirmation of a verbal order',
    body: ReferenceBody,
    run: (p, a, b) => og.recordWrittenConfirmation(p.id, a, b.reference),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/contract-review',
    summary: 'RV-10: the legal reviewer records the contract review',
    body: openapi(ContractReviewInput, 'ContractReview'),
    run: (p, a, b) => og.recordContractReview(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/contract-signed',
    summary: 'RV-10: record the customer’s signature of the contract',
    body: openapi(ContractSignatureInput, 'ContractSignature'),
    run: (p, a, b) => og.recordContractSigned(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/confirm',
    summary: 'IN-3, RV-10: confirm an approved order to the customer',
    run: (p, a) => og.confirm(p.id, a),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/edit',
    summary: 'CH-1, RV-9: correct a draft or returned order with field operations',
    body: EditBody,
    run: (p, a, b) => og.editOrder(p.id, a, b.patch),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/complete',
    summary: 'TR-4: delivery and after-sales are done',
    run: (p, a) => og.complete(p.id, a),
  });
}
