import { createRoute, z } from '@hono/zod-openapi';
import { Customer, NotFoundError, toInputIssues } from '@ordergate/core';
import { validationProblem } from '../shared/problem.js';
import { AuditEventSchema, CreditPictureSchema, CreditRequestSchema } from '../shared/schemas.js';
import {
  callerOf,
  idParam,
  json,
  localeOf,
  problems,
  ProblemThrown,
  query,
  readJson,
  SECURITY,
  valueEnvelope,
  type Api,
  type RouteDeps,
} from './shared.js';

const CustomerIdParam = z.object({ id: idParam('id', 'c-1') });
const CustomerSchema = z.looseObject({ id: z.string(), name: z.string() }).openapi('Customer');

/**
 * Customers and their credit (CR-1, CR-3, CR-7): the ERP's credit facts in (systems only), and
 * for the credit readers the customer, its credit picture, ageing, credit requests and trail.
 *
 * @example
 * registerCustomerRoutes(app, { og, readers });
 */
export function registerCustomerRoutes(app: Api, { og, readers }: RouteDeps): void {
  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/customers/{id}',
      summary: 'CR-1: store a customer’s credit facts from the ERP (systems only)',
      security: SECURITY,
      request: {
        params: CustomerIdParam,
        body: { required: true, content: { 'application/json': { schema: Customer } } },
      },
      responses: {
        200: json(valueEnvelope(CustomerSchema, 'CustomerAnswer'), 'Stored'),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const locale = localeOf(c);
      const { id } = CustomerIdParam.parse(c.req.param());
      const parsed = Customer.safeParse(await readJson(c));
      if (!parsed.success)
        throw new ProblemThrown(validationProblem(toInputIssues(parsed.error), locale));
      if (parsed.data.id !== id) {
        throw new ProblemThrown(
          validationProblem([{ path: 'id', message: `must be the path’s id ${id}` }], locale),
        );
      }
      readers.system(callerOf(c), 'putCustomer', locale);
      return c.json({ value: await og.putCustomer(parsed.data) } as never, 200);
    },
  );

  const customer = async (id: string) => {
    const found = await og.customer(id);
    if (!found) throw new NotFoundError('customer', id);
    return found;
  };

  query(app, {
    path: '/v1/customers/{id}',
    summary: 'A customer with its credit facts',
    params: CustomerIdParam,
    response: valueEnvelope(CustomerSchema, 'CustomerRead'),
    run: (c, p) => {
      readers.customers(callerOf(c), localeOf(c));
      return customer(p.id);
    },
  });
  query(app, {
    path: '/v1/customers/{id}/credit',
    summary: 'CR-3, CR-7: the customer’s credit picture: limit in force, ageing, credit requests',
    params: CustomerIdParam,
    response: valueEnvelope(CreditPictureSchema, 'CreditPictureAnswer'),
    run: async (c, p) => {
      readers.customers(callerOf(c), localeOf(c));
      const found = await customer(p.id);
      const [limit, ageing, creditRequests] = await Promise.all([
        og.effectiveLimit(p.id),
        og.ageing(p.id),
        og.creditRequests(p.id),
      ]);
      return {
        customer: found,
        ...(limit ? { effectiveLimit: limit } : {}),
        ...(ageing ? { ageing } : {}),
        creditRequests,
      };
    },
  });
  query(app, {
    path: '/v1/customers/{id}/ageing',
    summary: 'CR-7: the customer’s receivables ageing now',
    params: CustomerIdParam,
    response: valueEnvelope(z.looseObject({}).openapi('AgeingReport'), 'AgeingAnswer'),
    run: async (c, p) => {
      readers.customers(callerOf(c), localeOf(c));
      const r = await og.ageing(p.id);
      if (!r) throw new NotFoundError('customer', p.id);
      return r;
    },
  });
  query(app, {
    path: '/v1/customers/{id}/credit-requests',
    summary: 'CR-3: the customer’s credit requests, oldest first',
    params: CustomerIdParam,
    response: valueEnvelope(z.array(CreditRequestSchema), 'CreditRequestsAnswer'),
    run: async (c, p) => {
      readers.customers(callerOf(c), localeOf(c));
      await customer(p.id);
      return og.creditRequests(p.id);
    },
  });
  query(app, {
    path: '/v1/customers/{id}/history',
    summary: 'CR-1, CR-3: the customer’s credit trail, oldest first',
    params: CustomerIdParam,
    response: valueEnvelope(z.array(AuditEventSchema), 'CustomerHistoryAnswer'),
    run: async (c, p) => {
      readers.customers(callerOf(c), localeOf(c));
      await customer(p.id);
      return og.customerHistory(p.id);
    },
  });
}
