import { AmendmentSignature, ChangeRequest } from '@ordergate/core';
import {
  CancellationBody,
  OptionalReasonBody,
  OrderIdParam,
  OrderResultSchema,
  ReasonBody,
  StepBody,
  openapi,
} from '../shared/schemas.js';
import { command, type Api, type RouteDeps } from './shared.js';

/**
 * Change control (CH-1…CH-7): request a change or a cancellation, decide it, withdraw it and
 * record a signed amendment.
 *
 * @example
 * registerChangeRoutes(app, { og, readers });
 */
export function registerChangeRoutes(app: Api, { og }: RouteDeps): void {
  const onOrder = { params: OrderIdParam, response: OrderResultSchema };
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/request-change',
    summary: 'CH-1, CH-2, CH-4: request a change of a confirmed order against a revision',
    body: ChangeRequest,
    run: (p, a, b) => og.requestChange(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/request-cancellation',
    summary: 'CH-3: request the cancellation of a confirmed order, with a reason',
    body: CancellationBody,
    run: (p, a, b) => og.requestCancellation(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/approve-change',
    summary: 'CH-5: approve a step of the pending change (the last applies it)',
    body: StepBody,
    run: (p, a, b) => og.approveChange(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/reject-change',
    summary: 'CH-5: reject the pending change request, with a reason',
    body: ReasonBody,
    run: (p, a, b) => og.rejectChange(p.id, a, b.reason),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/withdraw-change',
    summary: 'CH-2: the requester or the owner withdraws the pending change or cancellation',
    body: OptionalReasonBody,
    run: (p, a, b) => og.withdrawChange(p.id, a, b.reason),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/amendment-signed',
    summary: 'CH-7: record the signed amendment of an approved change of a contract order',
    body: openapi(AmendmentSignature, 'AmendmentSignature'),
    run: (p, a, b) => og.recordAmendmentSigned(p.id, a, b),
  });
}
