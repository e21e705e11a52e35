import { OpenAPIHono, createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import {
  NotFoundError,
  toInputIssues,
  type ActorInput,
  type Locale,
  type OrderView,
  type Ordergate,
  type Result,
} from '@ordergate/core';
import {
  IdentityError,
  MemoryReplayGuard,
  verifyAssertion,
  type IdentityOptions,
} from './identity.js';
import {
  errorProblem,
  negotiateLocale,
  problem,
  refusalProblem,
  text,
  validationProblem,
  PROBLEM_JSON,
  type Problem,
} from './problem.js';
import { referencePage } from './reference.js';
import { registerOutboxRoutes, type OutboxRouteDeps } from './outboxRoutes.js';
import {
  ActionsAnswerSchema,
  ChangeRequest,
  Order,
  OrderIdParam,
  OrderResultSchema,
  PictureAnswerSchema,
  ProblemSchema,
  ReasonBody,
  ReleaseBody,
  StepBody,
  WorkQueueSchema,
} from './schemas.js';

/** What `createApp` builds the order desk API from. */
export interface AppOptions {
  og: Ordergate;
  identity: IdentityOptions;
  /** The time in ms since the epoch, for assertion checks (default `Date.now`). */
  now?: () => number;
  /** Throws when the service cannot serve (default: the store answers a read). */
  ready?: () => Promise<unknown>;
  /** outbox: the admin routes `/v1/outbox` (decision 020); mounted when given. */
  outbox?: Omit<OutboxRouteDeps, 'og' | 'policy'> & Partial<Pick<OutboxRouteDeps, 'og' | 'policy'>>;
}

/** Variables a request carries once its assertion verified. */
export interface AppEnv {
  Variables: { actor: ActorInput; locale: Locale };
}

/** A problem to answer, thrown by handlers and hooks and answered by `onError`. */
class ProblemThrown extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

const PUBLIC = new Set(['/healthz', '/readyz', '/openapi.json', '/reference']);

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_TEXT[s] ?? 'Problem',
        content: { [PROBLEM_JSON]: { schema: ProblemSchema } },
      },
    ]),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input: every bad field under `errors`',
  401: 'The user assertion was refused (TOKEN_*)',
  403: 'The caller may not (NOT_ELIGIBLE, SELF_APPROVAL, NO_GRANT)',
  404: 'No such order',
  409: 'The order’s state refuses the action',
  422: 'RETURNED: the order was recorded and returned to sales; the stored order under `order`',
};
const SECURITY = [{ userAssertion: [] }];

/**
 * Builds the order desk HTTP API over an `Ordergate`: every `/v1` request carries an ERP-signed
 * user assertion (`Authorization: Bearer <jwt>`), every error answers
 * `application/problem+json`, and `/openapi.json` describes it all. It does not listen: pass
 * it to `serve` or to any runtime that takes a fetch handler (`app.fetch`).
 *
 * @example
 * const app = createApp({ og, identity: { secret: new SharedSecret(key), audience: 'ordergate' } });
 * const res = await app.request('/v1/work-queue', { headers: { authorization: `Bearer ${jwt}` } });
 */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { og, identity } = options;
  const now = options.now ?? (() => Date.now());
  const guard = identity.replayGuard ?? new MemoryReplayGuard();
  const ready = options.ready ?? (() => og.order('readyz-probe'));

  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        throw new ProblemThrown(validationProblem(toInputIssues(result.error), localeOf(c)));
      }
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'userAssertion', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A user assertion signed by the ERP (HS256, shared secret): aud, sub (user id), groups, iat, exp at most 5 minutes later, jti used once.',
  });

  app.use('*', async (c, next) => {
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    await next();
  });
  app.use('/v1/*', async (c, next) => {
    if (PUBLIC.has(c.req.path)) return next();
    try {
      c.set('actor', await verifyAssertion(c.req.header('authorization'), identity, guard, now()));
    } catch (e) {
      if (!(e instanceof IdentityError)) throw e;
      c.header('WWW-Authenticate', 'Bearer');
      throw new ProblemThrown(problem(401, e.code, e.message));
    }
    await next();
  });

  app.onError((e, c) => {
    const locale = localeOf(c);
    let p: Problem;
    if (e instanceof ProblemThrown) p = e.problem;
    else if (e instanceof HTTPException && e.status === 400) {
      p = problem(400, 'MALFORMED_JSON', text('malformed', locale));
    } else if (e instanceof HTTPException && e.status < 500) {
      p = problem(e.status, `HTTP_${String(e.status)}`, e.message);
    } else p = errorProblem(e, locale);
    return answer(c, p);
  });
  app.notFound((c) =>
    answer(
      c,
      problem(
        404,
        'NO_ROUTE',
        text('noRoute', localeOf(c), { method: c.req.method, path: c.req.path }),
      ),
    ),
  );

  // --- service ---

  app.get('/healthz', (c) => c.json({ status: 'up' }));
  app.get('/readyz', async (c) => {
    try {
      await ready();
      return c.json({ status: 'ready' });
    } catch {
      return answer(c, problem(503, 'NOT_READY', 'The store does not answer.'));
    }
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ordergate order desk API',
      version: '0.1.0',
      description:
        'Sales orders through the company’s rules. Errors are application/problem+json with a stable `code` and, where a rule refused, its `ruleId`; `detail` follows Accept-Language (en, zh).',
    },
  });
  app.get('/reference', (c) => c.html(referencePage('/openapi.json')));

  // --- queries ---

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/work-queue',
      summary: 'The caller’s work queue: orders waiting for them, urgent first (RV-2)',
      security: SECURITY,
      responses: { 200: json(WorkQueueSchema, 'The work queue'), ...problems(401) },
    }),
    async (c) => c.json({ value: await og.workQueue(c.get('actor')) } as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}',
      summary: 'An order’s picture: the order, its workflow, audit trail and the customer’s credit',
      security: SECURITY,
      request: { params: OrderIdParam },
      responses: { 200: json(PictureAnswerSchema, 'The order'), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const picture = await og.order(id);
      if (!picture)
        throw new ProblemThrown(errorProblem(new NotFoundError('order', id), localeOf(c)));
      return c.json({ value: picture } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/actions',
      summary: 'Every action on the order, allowed for the caller or not, and why not',
      security: SECURITY,
      request: { params: OrderIdParam },
      responses: {
        200: json(ActionsAnswerSchema, 'The actions'),
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ value: await og.allowedActions(id, c.get('actor')) } as never, 200);
    },
  );

  // --- commands ---

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders',
      summary: 'IN-1…IN-4, RV-1: submit an order for review (assessed at once)',
      security: SECURITY,
      request: { body: { required: true, content: { 'application/json': { schema: Order } } } },
      responses: {
        201: json(OrderResultSchema, 'Received and in review'),
        ...problems(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const r = await og.submit(c.req.valid('json'), c.get('actor'));
      return c.json(settle(r, localeOf(c)) as never, 201);
    },
  );

  const act = <B extends z.ZodType | undefined>(
    slug: string,
    summary: string,
    body: B,
    run: (
      id: string,
      actor: ActorInput,
      body: B extends z.ZodType ? z.infer<B> : undefined,
    ) => Promise<Result<OrderView>>,
  ) => {
    const request: RouteConfig['request'] = { params: OrderIdParam };
    if (body)
      request.body = {
        required: !body.safeParse({}).success,
        content: { 'application/json': { schema: body } },
      };
    app.openapi(
      createRoute({
        method: 'post',
        path: `/v1/orders/{id}/${slug}`,
        summary,
        security: SECURITY,
        request,
        responses: { 200: json(OrderResultSchema, 'Done'), ...problems(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const id = c.req.param('id') ?? '';
        let input: unknown;
        if (body) {
          const raw = await readJson(c);
          const parsed = body.safeParse(raw ?? {});
          if (!parsed.success) {
            throw new ProblemThrown(validationProblem(toInputIssues(parsed.error), localeOf(c)));
          }
          input = parsed.data;
        }
        const r = await run(id, c.get('actor'), input as never);
        return c.json(settle(r, localeOf(c)) as never, 200);
      },
    );
  };

  act(
    'approve',
    'RV-3…RV-8: approve a step of the review route (the first the caller may, or `step`)',
    StepBody,
    (id, a, b) => og.approve(id, a, b),
  );
  act('reject', 'RV-9: reject the order, with a reason', ReasonBody, (id, a, b) =>
    og.reject(id, a, b.reason),
  );
  act(
    'return',
    'RV-9: return the order to sales for correction, with the reasons',
    ReasonBody,
    (id, a, b) => og.returnToSales(id, a, b.reason),
  );
  act('confirm', 'IN-3, RV-10: confirm an approved order to the customer', undefined, (id, a) =>
    og.confirm(id, a),
  );
  act('release-credit', 'CR-1, CR-4: release a credit hold by approval', ReleaseBody, (id, a, b) =>
    og.releaseCredit(id, a, b),
  );
  act(
    'request-change',
    'CH-1, CH-2, CH-4: request a change of a confirmed order against a revision',
    ChangeRequest,
    (id, a, b) => og.requestChange(id, a, b),
  );
  act(
    'approve-change',
    'CH-5: approve a step of the pending change (the last applies it)',
    StepBody,
    (id, a, b) => og.approveChange(id, a, b),
  );

  if (options.outbox) registerOutboxRoutes(app, { og, policy: og.policy, ...options.outbox }); // outbox

  return app;
}

function localeOf(c: Context): Locale {
  return (
    (c.get('locale') as Locale | undefined) ?? negotiateLocale(c.req.header('accept-language'))
  );
}

function answer(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as 400, { 'content-type': PROBLEM_JSON });
}

/** The success envelope, or the refusal thrown as its problem. */
function settle(r: Result<OrderView>, locale: Locale) {
  if (!r.ok) throw new ProblemThrown(refusalProblem(r, locale));
  return { value: r.value, findings: r.findings, effects: r.effects };
}

/** The JSON body, undefined when there is none; malformed JSON answers 400 MALFORMED_JSON. */
async function readJson(c: Context): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HTTPException(400, { message: 'Malformed JSON in request body' });
  }
}
