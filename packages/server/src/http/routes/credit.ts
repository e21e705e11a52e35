import { z } from '@hono/zod-openapi';
import {
  CreditChangeProposal,
  GuaranteeInput,
  NotFoundError,
  PrepaymentInput,
  ShippingExceptionInput,
  TemporaryIncreaseProposal,
} from '@ordergate/core';
import {
  CreditRequestSchema,
  OrderIdParam,
  OrderResultSchema,
  ReasonBody,
  ReleaseBody,
  StepBody,
  openapi,
} from '../shared/schemas.js';
import {
  callerOf,
  command,
  idParam,
  localeOf,
  query,
  resultEnvelope,
  valueEnvelope,
  type Api,
  type RouteDeps,
} from './shared.js';

const RequestIdParam = z.object({ requestId: idParam('requestId', 'credit-request-1') });
const CreditRequestResult = resultEnvelope(CreditRequestSchema, 'CreditRequestResult');

/**
 * Credit (CR-1, CR-3, CR-4, CR-6, CR-8, RV-7): credit holds on an order (release, decline,
 * prepayment, guarantee), shipping before payment, and CR-3 credit requests on customers.
 *
 * @example
 * registerCreditRoutes(app, { og, readers });
 */
export function registerCreditRoutes(app: Api, { og, readers }: RouteDeps): void {
  const onOrder = { params: OrderIdParam, response: OrderResultSchema };
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/release-credit',
    summary: 'CR-1, CR-4: release a credit hold by approval',
    body: ReleaseBody,
    run: (p, a, b) => og.releaseCredit(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/decline-credit',
    summary: 'CR-4: decline the credit release; the order goes back to sales with the reason',
    body: ReasonBody,
    run: (p, a, b) => og.declineCredit(p.id, a, b.reason),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/prepayments',
    summary: 'CR-1, CR-4, CR-6, CR-8: record money received ahead of shipping (minor units)',
    body: openapi(PrepaymentInput, 'Prepayment'),
    run: (p, a, b) => og.recordPrepayment(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/guarantees',
    summary: 'CR-4, CR-6: record the customer’s guarantee for this order',
    body: openapi(GuaranteeInput, 'Guarantee'),
    run: (p, a, b) => og.recordGuarantee(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/shipping-exception',
    summary: 'RV-7, CR-8: ask to ship a confirmed order before payment',
    body: openapi(ShippingExceptionInput, 'ShippingExceptionRequest'),
    run: (p, a, b) => og.requestShippingException(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/shipping-exception/approve',
    summary: 'RV-7: approve a step of the pending shipping exception',
    body: StepBody,
    run: (p, a, b) => og.approveShippingException(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/shipping-exception/reject',
    summary: 'RV-7, CR-8: reject the pending shipping exception, with a reason',
    body: ReasonBody,
    run: (p, a, b) => og.rejectShippingException(p.id, a, b.reason),
  });

  command(app, {
    path: '/v1/credit-requests/changes',
    summary: 'CR-3: propose a new grade and/or limit for a customer',
    params: z.object({}),
    body: openapi(CreditChangeProposal, 'CreditChangeProposal'),
    status: 201,
    response: CreditRequestResult,
    run: (_p, a, b) => og.proposeCreditChange(b, a),
  });
  command(app, {
    path: '/v1/credit-requests/temporary-increases',
    summary: 'CR-3: propose a temporary limit increase until an instant',
    params: z.object({}),
    body: openapi(TemporaryIncreaseProposal, 'TemporaryIncreaseProposal'),
    status: 201,
    response: CreditRequestResult,
    run: (_p, a, b) => og.proposeTemporaryIncrease(b, a),
  });
  command(app, {
    path: '/v1/credit-requests/{requestId}/approve',
    summary: 'CR-3: approve a step of a credit request; the last applies it',
    params: RequestIdParam,
    body: StepBody,
    response: CreditRequestResult,
    run: (p, a, b) => og.approveCreditRequest(p.requestId, a, b),
  });
  command(app, {
    path: '/v1/credit-requests/{requestId}/reject',
    summary: 'CR-3: reject a pending credit request, with a reason',
    params: RequestIdParam,
    body: ReasonBody,
    response: CreditRequestResult,
    run: (p, a, b) => og.rejectCreditRequest(p.requestId, a, b.reason),
  });
  query(app, {
    path: '/v1/credit-requests/{requestId}',
    summary: 'CR-3: a credit request (customers’ credit readers)',
    params: RequestIdParam,
    response: valueEnvelope(CreditRequestSchema, 'CreditRequestAnswer'),
    run: async (c, p) => {
      readers.customers(callerOf(c), localeOf(c));
      const r = await og.creditRequest(p.requestId);
      if (!r) throw new NotFoundError('credit request', p.requestId);
      return r;
    },
  });
}
