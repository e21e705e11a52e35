import {
  DeliveryInput,
  ForecastInput,
  IssueClosure,
  IssueReport,
  NotFoundError,
  ProgressInput,
  SettlementInput,
} from '@ordergate/core';
import { openapi, OrderIdParam, OrderResultSchema, TimelineSchema } from '../shared/schemas.js';
import {
  callerOf,
  command,
  localeOf,
  query,
  valueEnvelope,
  type Api,
  type RouteDeps,
} from './shared.js';

/**
 * Tracking (TR-1…TR-4, AR-1): fulfilment progress, delivery forecasts, delivery, acceptance
 * issues, settlement, and the order's timeline.
 *
 * @example
 * registerTrackingRoutes(app, { og, readers });
 */
export function registerTrackingRoutes(app: Api, { og, readers }: RouteDeps): void {
  const onOrder = { params: OrderIdParam, response: OrderResultSchema };
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/progress',
    summary: 'TR-1: a fulfilment step started or is done (RV-8, CR-8 gates)',
    body: openapi(ProgressInput, 'Progress'),
    run: (p, a, b) => og.recordProgress(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/forecast',
    summary: 'TR-2: the expected delivery date (one after the agreed date is flagged)',
    body: openapi(ForecastInput, 'Forecast'),
    run: (p, a, b) => og.forecastDelivery(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/deliver',
    summary: 'TR-1, CR-8: the goods were delivered',
    body: openapi(DeliveryInput, 'Delivery'),
    run: (p, a, b) => og.deliver(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/issues',
    summary: 'TR-3: the customer reports a problem after delivery',
    body: openapi(IssueReport, 'IssueReport'),
    run: (p, a, b) => og.reportIssue(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/close-issue',
    summary: 'TR-3: an acceptance issue is resolved',
    body: openapi(IssueClosure, 'IssueClosure'),
    run: (p, a, b) => og.closeIssue(p.id, a, b),
  });
  command(app, {
    ...onOrder,
    path: '/v1/orders/{id}/settle',
    summary: 'AR-1: payment and invoicing facts',
    body: openapi(SettlementInput, 'Settlement'),
    run: (p, a, b) => og.settle(p.id, a, b),
  });
  query(app, {
    path: '/v1/orders/{id}/timeline',
    summary: 'TR-1: the order’s status and its fulfilment timeline',
    params: OrderIdParam,
    response: valueEnvelope(TimelineSchema, 'TimelineAnswer'),
    run: async (c, p) => {
      await readers.order(p.id, callerOf(c), localeOf(c));
      const t = await og.timeline(p.id);
      if (!t) throw new NotFoundError('order', p.id);
      return t;
    },
  });
}
