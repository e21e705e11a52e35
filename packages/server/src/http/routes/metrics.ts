import { z } from '@hono/zod-openapi';
import { OrderMetricsSchema } from '../shared/schemas.js';
import { callerOf, localeOf, query, valueEnvelope, type Api, type RouteDeps } from './shared.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$|^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

const MetricsQuery = z.object({
  period: z
    .string()
    .regex(PERIOD, 'must be YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD')
    .optional()
    .openapi({ param: { name: 'period', in: 'query' }, example: '2026-03' }),
  by: z
    .enum(['customer', 'product', 'salesperson'])
    .optional()
    .openapi({ param: { name: 'by', in: 'query' }, example: 'customer' }),
});

/**
 * The calendar dates a `period` covers: a year, a month, or `from..to` (inclusive, in the
 * policy's time zone).
 *
 * @example
 * periodDates('2026-02'); // { from: '2026-02-01', to: '2026-02-28' }
 */
export function periodDates(period: string): { from: string; to: string } {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  if (m[3] !== undefined && m[4] !== undefined) return { from: m[3], to: m[4] };
  const year = Number(m[1]);
  if (m[2] === undefined) return { from: `${String(year)}-01-01`, to: `${String(year)}-12-31` };
  const month = Number(m[2]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

/**
 * Metrics (TR-5): order accuracy, on-time delivery, review cycle, overdue reviews, credit holds
 * and complaints, per period and per customer, product or salesperson — for managers and systems.
 *
 * @example
 * registerMetricsRoutes(app, { og, readers }); // GET /v1/metrics?period=2026-03&by=customer
 */
export function registerMetricsRoutes(app: Api, { og, readers }: RouteDeps): void {
  query(app, {
    path: '/v1/metrics',
    summary:
      'TR-5: metrics per period (YYYY, YYYY-MM, from..to) and customer, product or salesperson',
    query: MetricsQuery.superRefine((q, ctx) => {
      const m = q.period === undefined ? null : PERIOD.exec(q.period);
      if (
        m?.[3] !== undefined &&
        (!DATE.test(m[3]) || !DATE.test(m[4] ?? '') || m[3] > (m[4] ?? ''))
      )
        ctx.addIssue({
          code: 'custom',
          path: ['period'],
          message: 'from..to must be two dates, from first',
        });
    }),
    response: valueEnvelope(z.array(OrderMetricsSchema), 'MetricsAnswer'),
    statuses: [400, 401, 403],
    run: (c, _p, q) => {
      readers.metrics(callerOf(c), localeOf(c));
      return og.metrics({
        ...(q.period ? { period: periodDates(q.period) } : {}),
        ...(q.by ? { groupBy: q.by } : {}),
      });
    },
  });
}
