import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import {
  IdString,
  toInputIssues,
  type ActorInput,
  type Locale,
  type Ordergate,
  type Result,
} from '@ordergate/core';
import {
  negotiateLocale,
  refusalProblem,
  validationProblem,
  PROBLEM_JSON,
  type Problem,
} from '../shared/problem.js';
import { openapi, ProblemSchema } from '../shared/schemas.js';
import type { Caller, Readers } from '../shared/access.js';

/**
 * Variables a request carries once it is authenticated: the actor passed to the core, the
 * language of `detail`, and `system` — true when the caller is a system (an API token), which
 * the identity middleware sets; a user assertion leaves it unset.
 *
 * @example
 * app.get('/v1/x', (c) => c.json({ who: c.get('actor').id, system: c.get('system') === true }));
 */
export interface AppEnv {
  Variables: { actor: ActorInput; locale: Locale; system?: boolean };
}

/** The app every route module registers on. */
export type Api = OpenAPIHono<AppEnv>;

/**
 * What a route module needs: the façade and the read authorisation.
 *
 * @example
 * registerOrderRoutes(app, { og, readers: new Readers(og, () => Date.now()) });
 */
export interface RouteDeps {
  og: Ordergate;
  readers: Readers;
}

/**
 * A problem to answer, thrown by handlers and hooks and answered by the app's `onError`.
 *
 * @example
 * throw new ProblemThrown(problem(403, 'READ_NOT_ALLOWED', 'You may not read this order.'));
 */
export class ProblemThrown extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/**
 * The user assertion or API token every `/v1` route requires.
 *
 * @example
 * createRoute({ method: 'get', path: '/v1/x', security: SECURITY, responses });
 */
export const SECURITY = [{ userAssertion: [] }];

/**
 * A JSON response description for `createRoute`.
 *
 * @example
 * responses: { 200: json(WorkQueueSchema, 'The work queue') }
 */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input: every bad field under `errors`',
  401: 'The user assertion was refused (TOKEN_*)',
  403: 'The caller may not (NOT_ELIGIBLE, SELF_APPROVAL, NO_GRANT, READ_NOT_ALLOWED, SYSTEM_ONLY)',
  404: 'No such order, customer, request or archive',
  409: 'The state refuses the action',
  422: 'RETURNED: the order was recorded and returned to sales; the stored order under `order`',
};

/**
 * Problem answers for `createRoute`, one per status.
 *
 * @example
 * responses: { 200: json(S, 'ok'), ...problems(400, 401, 404) }
 */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_TEXT[s] ?? 'Problem',
        content: { [PROBLEM_JSON]: { schema: ProblemSchema } },
      },
    ]),
  );

/**
 * The language of the request's problems.
 *
 * @example
 * localeOf(c); // 'zh' for Accept-Language: zh-CN
 */
export function localeOf(c: Context): Locale {
  return (
    (c.get('locale') as Locale | undefined) ?? negotiateLocale(c.req.header('accept-language'))
  );
}

/**
 * Answers a problem as `application/problem+json`.
 *
 * @example
 * return answer(c, problem(503, 'NOT_READY', 'The store does not answer.'));
 */
export function answer(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as 400, { 'content-type': PROBLEM_JSON });
}

/**
 * The success envelope of a core result, or its refusal thrown as a problem.
 *
 * @example
 * return c.json(settle(await og.confirm(id, actor), localeOf(c)), 200);
 */
export function settle<T>(r: Result<T>, locale: Locale) {
  if (!r.ok) throw new ProblemThrown(refusalProblem(r, locale));
  return { value: r.value, findings: r.findings, effects: r.effects };
}

/**
 * The JSON body, undefined when there is none; malformed JSON answers 400 MALFORMED_JSON.
 *
 * @example
 * const raw = await readJson(c);
 */
export async function readJson(c: Context): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HTTPException(400, { message: 'Malformed JSON in request body' });
  }
}

/**
 * A path parameter: a core identifier (`IdString`).
 *
 * @example
 * const OrderIdParam = z.object({ id: idParam('id', 'erp-42') });
 */
export const idParam = (name: string, example: string) =>
  openapi(IdString, { param: { name, in: 'path' }, example });

/**
 * The envelope of a command's success: the value, the rules' findings and the effects.
 *
 * @example
 * const AccessRequestResult = resultEnvelope(AccessRequestSchema, 'AccessRequestResult');
 */
export const resultEnvelope = <S extends z.ZodType>(value: S, name: string) =>
  z
    .object({
      value,
      findings: z.array(z.looseObject({})),
      effects: z.array(z.looseObject({ type: z.string() })),
    })
    .openapi(name);

/**
 * The envelope of a query: the value.
 *
 * @example
 * const WorkQueueSchema = valueEnvelope(z.array(WorkItemSchema), 'WorkQueue');
 */
export const valueEnvelope = <S extends z.ZodType>(value: S, name: string) =>
  z.object({ value }).openapi(name);

/**
 * How a command route is declared: its path, body, answer and the façade call.
 *
 * @example
 * const spec: CommandSpec<typeof OrderIdParam, undefined, OrderView> = { path, summary, params: OrderIdParam, response, run };
 */
export interface CommandSpec<P extends z.ZodObject, B extends z.ZodType | undefined, T> {
  path: string;
  summary: string;
  params: P;
  body?: B;
  /** 201 for what creates a resource, 200 otherwise. */
  status?: 200 | 201;
  response: z.ZodType;
  /** A check before the core is asked (e.g. system callers only); throws a `ProblemThrown`. */
  guard?: (c: Context<AppEnv>) => void | Promise<void>;
  run: (
    params: z.infer<P>,
    actor: ActorInput,
    body: B extends z.ZodType ? z.infer<B> : undefined,
  ) => Promise<Result<T>>;
}

/**
 * Declares a command: `POST path`, the body validated by the core's schema (400 with every bad
 * field), the façade called with the caller as actor, and its `Result` answered as the success
 * envelope or the refusal's problem (403, 404, 409, 422). The core validates again and writes
 * nothing for a refusal or bad input.
 *
 * @example
 * command(app, { path: '/v1/orders/{id}/confirm', summary: 'IN-3', params: OrderIdParam,
 *   response: OrderResultSchema, run: (p, a) => og.confirm(p.id, a) });
 */
export function command<P extends z.ZodObject, B extends z.ZodType | undefined, T>(
  app: Api,
  spec: CommandSpec<P, B, T>,
): void {
  const request: RouteConfig['request'] = { params: spec.params };
  const body = spec.body;
  if (body)
    request.body = {
      required: !body.safeParse(undefined).success && !body.safeParse({}).success,
      content: { 'application/json': { schema: body } },
    };
  const status = spec.status ?? 200;
  app.openapi(
    createRoute({
      method: 'post',
      path: spec.path,
      summary: spec.summary,
      security: SECURITY,
      request,
      responses: {
        [status]: json(spec.response, 'Done'),
        ...problems(400, 401, 403, 404, 409, ...(status === 201 ? [422] : [])),
      },
    }),
    async (c) => {
      const params = spec.params.parse(c.req.param());
      let input: unknown;
      if (body) {
        const raw = await readJson(c);
        let parsed = body.safeParse(raw);
        if (!parsed.success && raw === undefined) parsed = body.safeParse({});
        if (!parsed.success) {
          throw new ProblemThrown(validationProblem(toInputIssues(parsed.error), localeOf(c)));
        }
        input = parsed.data;
      }
      if (spec.guard) await spec.guard(c as never);
      const r = await spec.run(params, c.get('actor'), input as never);
      // the status is 200 or 201 by the spec; the route's answer type cannot follow a variable
      return c.json(settle(r, localeOf(c)) as never, status as 200) as never;
    },
  );
}

/**
 * How a query route is declared: its path and query parameters, answer and the read.
 *
 * @example
 * const spec = { path: '/v1/work-queue', summary: 'RV-2', response: WorkQueueSchema, run };
 */
export interface QuerySpec<P extends z.ZodObject, Q extends z.ZodObject> {
  path: string;
  summary: string;
  params?: P;
  query?: Q;
  response: z.ZodType;
  statuses?: number[];
  run: (c: Context<AppEnv>, params: z.infer<P>, query: z.infer<Q>) => Promise<unknown>;
}

/**
 * Declares a read: `GET path` with validated path and query parameters, answering `{ value }`.
 * `run` authorises the read (see `Readers`) and throws a `ProblemThrown` to refuse.
 *
 * @example
 * query(app, { path: '/v1/work-queue', summary: 'RV-2', response: WorkQueueSchema,
 *   run: (c) => og.workQueue(c.get('actor')) });
 */
export function query<P extends z.ZodObject, Q extends z.ZodObject>(
  app: Api,
  spec: QuerySpec<P, Q>,
): void {
  const request: RouteConfig['request'] = {};
  if (spec.params) request.params = spec.params;
  if (spec.query) request.query = spec.query;
  app.openapi(
    createRoute({
      method: 'get',
      path: spec.path,
      summary: spec.summary,
      security: SECURITY,
      request,
      responses: {
        200: json(spec.response, 'The answer'),
        ...problems(...(spec.statuses ?? [400, 401, 403, 404])),
      },
    }),
    async (c) => {
      const params = (spec.params ? c.req.valid('param' as never) : {}) as z.infer<P>;
      const q = (spec.query ? c.req.valid('query' as never) : {}) as z.infer<Q>;
      const value = await spec.run(c as never, params, q);
      return c.json({ value } as never, 200);
    },
  );
}

/**
 * Who is asking, as the read authorisation sees it.
 *
 * @example
 * await readers.order(id, callerOf(c), localeOf(c));
 */
export function callerOf(c: Context<AppEnv>): Caller {
  return { actor: c.get('actor'), system: c.get('system') === true };
}
