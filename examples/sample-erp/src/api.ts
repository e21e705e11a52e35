import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ErpError, OrderDraft, OrderPatch, type ErpStore } from './store.js';

/** What the JSON API needs. */
export interface ApiDeps {
  erp: ErpStore;
  /** The API token (`Authorization: Bearer …`). */
  token: string;
  /** Told when an order is entered or edited through the API (the webhook sender). */
  onOrderChanged: (id: number) => void;
}

const MAX_PER_PAGE = 1000;

function fail(
  c: Pick<Context, 'json'>,
  status: 400 | 401 | 404 | 409 | 415,
  code: string,
  message: string,
) {
  return c.json({ error: { code, message } }, status);
}

function int(
  v: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if (v === undefined || v === '') {
    if (fallback !== undefined) return fallback;
    throw new ErpError(400, 'INVALID_INPUT', `${name}: required`);
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ErpError(
      400,
      'INVALID_INPUT',
      `${name}: must be a whole number from ${String(min)} to ${String(max)}`,
    );
  return n;
}

const MAX_IDS = 1000;

/**
 * The customers a list is filtered by: `customer_id=7` (one) or `customer_ids=7,8,9` (many, at
 * most 1,000); undefined when neither is given. A bad id is a 400 naming the parameter.
 */
function customerFilter(c: Context): number[] | undefined {
  const one = c.req.query('customer_id');
  const many = c.req.query('customer_ids');
  if (one !== undefined && many !== undefined)
    throw new ErpError(400, 'INVALID_INPUT', 'customer_id and customer_ids: give one of them');
  if (one !== undefined) return [int(one, 'customer_id', 1, 2_147_483_647)];
  if (many !== undefined) return idList(many, 'customer_ids');
  return undefined;
}

/** A comma-separated list of ids (`1,2,3`), 1 to 1,000 of them. */
function idList(text: string, name: string): number[] {
  const parts = text.split(',');
  if (parts.length > MAX_IDS)
    throw new ErpError(400, 'INVALID_INPUT', `${name}: at most ${String(MAX_IDS)} ids`);
  return parts.map((p) => int(p.trim(), name, 1, 2_147_483_647));
}

function paging(c: Context): { page: number; perPage: number } {
  return {
    page: int(c.req.query('page'), 'page', 1, 1_000_000, 1),
    perPage: int(c.req.query('per_page'), 'per_page', 1, MAX_PER_PAGE, 50),
  };
}

/** A list answer: `{ data, meta }`, with `X-Total-Count` and a `Link` to the next page. */
function listAnswer<T>(c: Context, rows: T[], total: number, page: number, perPage: number) {
  c.header('X-Total-Count', String(total));
  if (page * perPage < total) {
    const next = new URL(c.req.url);
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(perPage));
    c.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return c.json({ data: rows, meta: { page, per_page: perPage, total } });
}

async function jsonBody(c: Context): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').includes('application/json'))
    throw new ErpError(400, 'INVALID_INPUT', 'the body must be application/json');
  try {
    return (await c.req.json()) as unknown;
  } catch {
    throw new ErpError(400, 'INVALID_INPUT', 'the body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new ErpError(400, 'INVALID_INPUT', `${i.path.join('.') || '(body)'}: ${i.message}`);
  }
  return r.data;
}

const NoteBody = z.strictObject({
  body: z.string().trim().min(1).max(4000),
  author: z.string().max(64).default('api'),
});
const LockBody = z.strictObject({ locked: z.boolean() });
const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const CreditBody = z.strictObject({
  grade: z.string().optional(),
  credit_limit: z.union([z.string(), z.number()]).optional(),
});
const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Mounts the sample ERP's REST API under `/api` (bearer token): orders with embedded lines
 * (`GET /api/orders?modified_since=…&page=…&per_page=…&state=…&customer_id=…&invoiced=…`, oldest
 * change first; `GET|PUT /api/orders/{id}`, `POST /api/orders`), customers
 * (`GET /api/customers?ids=1,2,3` reads many at once), invoices
 * (`GET /api/invoices?customer_ids=1,2,3&state=open`; orders take `customer_ids` too) and
 * products, and the write-back calls ordergate's mapping uses: `POST /api/orders/{id}/notes`
 * and `POST /api/customers/{id}/notes` (deduplicated by `Idempotency-Key`),
 * `PUT /api/orders/{id}/lock`, `PUT /api/orders/{id}/cancel-request`,
 * `PUT /api/customers/{id}/credit`. Errors answer `{ error: { code, message } }`.
 *
 * @example
 * registerApi(app, { erp, token: process.env.SAMPLE_ERP_TOKEN!, onOrderChanged: (id) => hooks.orderChanged(id) });
 */
export function registerApi(app: Hono, deps: ApiDeps): void {
  const { erp } = deps;
  const expected = Buffer.from(`Bearer ${deps.token}`);
  app.use('/api/*', async (c, next) => {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      c.header('WWW-Authenticate', 'Bearer');
      return fail(c, 401, 'UNAUTHORIZED', 'a valid bearer token is required');
    }
    await next();
  });
  app.onError((e, c) => {
    if (e instanceof ErpError) return fail(c, e.status, e.code, e.message);
    if (e instanceof z.ZodError) {
      const i = e.issues[0]!;
      return fail(c, 400, 'INVALID_INPUT', `${i.path.join('.') || '(body)'}: ${i.message}`);
    }
    console.error(e);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });
  const id = (c: Context) => int(c.req.param('id'), 'id', 1, 2_147_483_647);

  app.get('/api/orders', async (c) => {
    const { page, perPage } = paging(c);
    const since = c.req.query('modified_since');
    let modifiedSince: Date | undefined;
    if (since !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(since))
        throw new ErpError(
          400,
          'INVALID_INPUT',
          'modified_since: must be an ISO date-time with a zone (2026-03-02T01:00:00Z)',
        );
      modifiedSince = new Date(since);
    }
    const invoiced = c.req.query('invoiced');
    if (invoiced !== undefined && invoiced !== 'true' && invoiced !== 'false')
      throw new ErpError(400, 'INVALID_INPUT', 'invoiced: must be true or false');
    const customerIds = customerFilter(c);
    const { rows, total } = await erp.listOrders({
      ...(modifiedSince ? { modifiedSince } : {}),
      ...(customerIds ? { customerIds } : {}),
      ...(c.req.query('state') ? { states: c.req.query('state')!.split(',') } : {}),
      ...(invoiced !== undefined ? { invoiced: invoiced === 'true' } : {}),
      page,
      perPage,
    });
    return listAnswer(c, rows, total, page, perPage);
  });
  app.get('/api/orders/:id', async (c) => {
    const o = await erp.order(id(c));
    return o ? c.json(o) : fail(c, 404, 'NOT_FOUND', `no order ${c.req.param('id')}`);
  });
  app.post('/api/orders', async (c) => {
    const o = await erp.createOrder(parse(OrderDraft, await jsonBody(c)));
    deps.onOrderChanged(o.id);
    return c.json(o, 201);
  });
  app.put('/api/orders/:id', async (c) => {
    const orderId = id(c);
    const before = await erp.order(orderId);
    const o = await erp.updateOrder(orderId, parse(OrderPatch, await jsonBody(c)));
    if (o.write_date !== before?.write_date) deps.onOrderChanged(o.id);
    return c.json(o);
  });
  app.get('/api/orders/:id/notes', async (c) => c.json({ data: await erp.orderNotes(id(c)) }));
  app.post('/api/orders/:id/notes', async (c) => {
    const body = parse(NoteBody, await jsonBody(c));
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !KEY.test(key))
      throw new ErpError(400, 'INVALID_INPUT', 'Idempotency-Key: 1–200 visible characters');
    const r = await erp.addOrderNote(id(c), { ...body, ...(key ? { key } : {}) });
    return c.json(r.note, r.created ? 201 : 200);
  });
  app.put('/api/orders/:id/lock', async (c) =>
    c.json(await erp.setLock(id(c), parse(LockBody, await jsonBody(c)).locked)),
  );
  app.put('/api/orders/:id/cancel-request', async (c) =>
    c.json(await erp.requestCancel(id(c), parse(CancelBody, await jsonBody(c)).reason)),
  );

  app.get('/api/customers', async (c) => {
    const { page, perPage } = paging(c);
    const ids = c.req.query('ids');
    const { rows, total } = await erp.listCustomers(
      page,
      perPage,
      ids === undefined ? undefined : idList(ids, 'ids'),
    );
    return listAnswer(c, rows, total, page, perPage);
  });
  app.get('/api/customers/:id', async (c) => {
    const found = await erp.customer(id(c));
    return found ? c.json(found) : fail(c, 404, 'NOT_FOUND', `no customer ${c.req.param('id')}`);
  });
  app.put('/api/customers/:id/credit', async (c) =>
    c.json(await erp.setCredit(id(c), parse(CreditBody, await jsonBody(c)))),
  );
  app.get('/api/customers/:id/notes', async (c) =>
    c.json({ data: await erp.customerNotes(id(c)) }),
  );
  app.post('/api/customers/:id/notes', async (c) => {
    const body = parse(NoteBody, await jsonBody(c));
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !KEY.test(key))
      throw new ErpError(400, 'INVALID_INPUT', 'Idempotency-Key: 1–200 visible characters');
    const r = await erp.addCustomerNote(id(c), { ...body, ...(key ? { key } : {}) });
    return c.json(r.note, r.created ? 201 : 200);
  });

  app.get('/api/invoices', async (c) => {
    const { page, perPage } = paging(c);
    const customerIds = customerFilter(c);
    const state = c.req.query('state');
    if (state !== undefined && state !== 'open' && state !== 'paid')
      throw new ErpError(400, 'INVALID_INPUT', 'state: must be open or paid');
    const { rows, total } = await erp.listInvoices({
      ...(customerIds ? { customerIds } : {}),
      ...(state ? { state } : {}),
      page,
      perPage,
    });
    return listAnswer(c, rows, total, page, perPage);
  });
  app.get('/api/products', async (c) => c.json({ data: await erp.products() }));
}
