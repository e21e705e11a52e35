import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { toInputIssues, type Ordergate } from '@ordergate/core';
import { Readers, ReadRefused } from './shared/access.js';
import { authenticate, type IdentityOptions } from './shared/identity.js';
import { requestLog } from './requestLog.js';
import type { Logger } from '../logging.js';
import {
  errorProblem,
  negotiateLocale,
  problem,
  text,
  validationProblem,
  type Problem,
} from './shared/problem.js';
import { registerArchiveRoutes } from './routes/archive.js';
import { registerChangeRoutes } from './routes/change.js';
import { registerCreditRoutes } from './routes/credit.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerOrderRoutes } from './routes/orders.js';
import { registerRoleRoutes } from './routes/roles.js';
import { registerPeopleRoutes } from './routes/people.js';
import type { PeopleDirectory } from '../identity/PeopleDirectory.js';
import { registerServiceRoutes } from './routes/service.js';
import { answer, localeOf, ProblemThrown, type AppEnv, type RouteDeps } from './routes/shared.js';
import { registerTrackingRoutes } from './routes/tracking.js';
import { registerWebhookRoutes, type WebhookOptions } from './webhooks.js';
import { registerOutboxRoutes, type OutboxRouteDeps } from './outboxRoutes.js';
import { registerDeskRoutes, type DeskOptions } from './routes/desk.js'; // panels

/** What `createApp` builds the order desk API from. */
export interface AppOptions {
  og: Ordergate;
  identity: IdentityOptions;
  /** The time in ms since the epoch, for assertion checks (default `Date.now`). */
  now?: () => number;
  /** Throws when the service cannot serve (default: the store answers a read). */
  ready?: () => Promise<unknown>;
  /** Logs one line per request, masked (`createLogger`); none by default. */
  logger?: Logger;
  /** sync: ERP webhooks, `POST /v1/webhooks/{erp}` (HMAC-signed; see `registerWebhookRoutes`). */
  webhooks?: WebhookOptions;
  /** outbox: the admin routes `/v1/outbox` (decision 020); mounted when given. */
  outbox?: Omit<OutboxRouteDeps, 'og' | 'policy'> & Partial<Pick<OutboxRouteDeps, 'og' | 'policy'>>;
  /** panels: serve the order desk page at `/desk` (see `registerDeskRoutes`). */
  desk?: DeskOptions;
  /**
   * People's display names: `GET`/`PUT /v1/people` are mounted when given, and the names callers
   * arrive with are remembered in it (unless `identity.people` names another place).
   */
  people?: PeopleDirectory;
}

export type { AppEnv };

const UNSUPPORTED_MEDIA = {
  en: 'The request body must be application/json.',
  zh: '请求正文须为 application/json。',
} as const;

const PUBLIC = new Set(['/healthz', '/readyz', '/openapi.json', '/reference']);

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

  app.use('*', requestLog(options.logger));
  app.use('*', async (c, next) => {
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    await next();
  });
  if (options.webhooks) registerWebhookRoutes(app, options.webhooks); // sync: before identity
  const remembering =
    options.people && !identity.people ? { ...identity, people: options.people } : identity;
  app.use('/v1/*', authenticate({ identity: remembering, now, publicPaths: PUBLIC }));

  app.onError((e, c) => {
    const locale = localeOf(c);
    let p: Problem;
    if (e instanceof ProblemThrown) p = e.problem;
    else if (e instanceof ReadRefused) p = e.toProblem();
    else if (e instanceof HTTPException && e.status === 400) {
      p = problem(400, 'MALFORMED_JSON', text('malformed', locale));
    } else if (e instanceof HTTPException && e.status === 415) {
      p = problem(415, 'UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_MEDIA[locale]);
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

  // --- the routes, by area (src/http/routes/) ---
  const deps: RouteDeps = { og, readers: new Readers(og, now) };
  registerServiceRoutes(app, ready);
  registerOrderRoutes(app, deps);
  registerCreditRoutes(app, deps);
  registerChangeRoutes(app, deps);
  registerTrackingRoutes(app, deps);
  registerArchiveRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerRoleRoutes(app, deps); // panels: role labels
  if (options.people) registerPeopleRoutes(app, { ...deps, people: options.people }); // panels: names
  if (options.desk) registerDeskRoutes(app, options.desk, identity, now); // panels: /desk

  if (options.outbox) registerOutboxRoutes(app, { og, policy: og.policy, ...options.outbox }); // outbox

  return app;
}
