import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { holdsRole, type Locale, type Policy } from '@ordergate/core';
import type { AppEnv } from './routes/shared.js';
import { problem, PROBLEM_JSON, type Problem } from './shared/problem.js';
import { ProblemSchema } from './shared/schemas.js';
import { listOutbox, retryOutboxEffect, type OutboxReader } from '../worker/outboxAdmin.js';

/** What the outbox routes need. */
export interface OutboxRouteDeps {
  /** The façade (or anything reading the outbox): `pendingEffects`, `deadEffects`, `retryEffect`. */
  og: OutboxReader;
  /** Maps the caller's user id and groups to roles. */
  policy: Policy;
  /**
   * Policy roles allowed to read and retry the outbox (default `['ordergateAdmin']`: a role the
   * integrator adds to the policy with its users or ERP groups).
   */
  adminRoles?: readonly string[];
  /** Told after a dead letter was put back (e.g. `() => worker.poke()`). */
  onRetried?: (key: string) => void;
}

/** The admin role the outbox routes accept unless told otherwise. */
export const DEFAULT_ADMIN_ROLES: readonly string[] = ['ordergateAdmin'];

const OutboxItemSchema = z
  .object({
    key: z.string().openapi({ example: 'o-1:3:0' }),
    state: z.enum(['pending', 'dead']),
    type: z.string().openapi({ example: 'scheduleApproval' }),
    subject: z.string().openapi({ example: 'order:o-1' }),
    position: z.number().int(),
    attempts: z.number().int(),
    availableAt: z.string(),
    lastError: z.string().optional(),
    deadAt: z.string().optional(),
  })
  .openapi('OutboxItem');

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    admin: 'Only an ordergate administrator may read or retry the outbox.',
    EFFECT_NOT_DEAD: 'The effect is waiting for delivery; only a dead letter can be retried.',
    EFFECT_NOT_FOUND: 'The outbox has no undelivered effect with this key.',
  },
  zh: {
    admin: '只有 ordergate 管理员可以查看或重试发件箱。',
    EFFECT_NOT_DEAD: '该效果正在等待投递；只能重试死信。',
    EFFECT_NOT_FOUND: '发件箱中没有此键的未投递效果。',
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_JSON]: { schema: ProblemSchema } },
});
const SECURITY = [{ userAssertion: [] }];

/**
 * Mounts the outbox's admin routes on the order desk API (decision 020): `GET /v1/outbox?state=
 * pending|dead` lists the effects waiting for delivery or the dead letters, oldest first, and
 * `POST /v1/outbox/{key}/retry` puts a dead letter back in line. Only callers holding one of
 * `adminRoles` may (403 `NOT_ADMIN` otherwise); a retry of an effect that is not dead answers 409
 * `EFFECT_NOT_DEAD`, of one the outbox does not hold 404 `EFFECT_NOT_FOUND`.
 *
 * @example
 * const app = createApp({ og, identity });
 * registerOutboxRoutes(app, { og, policy: og.policy, onRetried: () => worker.poke() });
 */
export function registerOutboxRoutes(app: OpenAPIHono<AppEnv>, deps: OutboxRouteDeps): void {
  const adminRoles = deps.adminRoles ?? DEFAULT_ADMIN_ROLES;
  const refuse = (c: Context<AppEnv>): Response | undefined => {
    // a system's API token reaches here only with the `sync` or `admin` scope (ROUTE_SCOPES)
    if (c.get('system') === true) return undefined;
    const actor = c.get('actor');
    const admin = adminRoles.some((role) =>
      holdsRole(deps.policy, { id: actor.id, groups: actor.groups ?? [] }, role),
    );
    return admin ? undefined : answer(c, problem(403, 'NOT_ADMIN', TEXT[c.get('locale')].admin!));
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/outbox',
      summary: 'Effects waiting for delivery to the ERP, or the dead letters (admin)',
      security: SECURITY,
      request: {
        query: z.object({ state: z.enum(['pending', 'dead']).default('pending') }),
      },
      responses: {
        200: {
          description: 'The effects, oldest first',
          content: {
            'application/json': { schema: z.object({ value: z.array(OutboxItemSchema) }) },
          },
        },
        400: problemResponse('Invalid input: every bad field under `errors`'),
        401: problemResponse('The user assertion was refused (TOKEN_*)'),
        403: problemResponse('NOT_ADMIN: the caller holds no admin role'),
      },
    }),
    (async (c: Context<AppEnv>) => {
      const refused = refuse(c);
      if (refused) return refused;
      const state = (c.req.query('state') ?? 'pending') as 'pending' | 'dead';
      return c.json({ value: await listOutbox(deps.og, state) }, 200);
    }) as never,
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/outbox/{key}/retry',
      summary:
        'Put a dead letter back in line for delivery, with a fresh count of attempts (admin)',
      security: SECURITY,
      request: { params: z.object({ key: z.string().min(1).max(200) }) },
      responses: {
        200: {
          description: 'Back in line',
          content: { 'application/json': { schema: z.object({ value: OutboxItemSchema }) } },
        },
        401: problemResponse('The user assertion was refused (TOKEN_*)'),
        403: problemResponse('NOT_ADMIN: the caller holds no admin role'),
        404: problemResponse('EFFECT_NOT_FOUND'),
        409: problemResponse('EFFECT_NOT_DEAD: the effect is waiting for delivery'),
      },
    }),
    (async (c: Context<AppEnv>) => {
      const refused = refuse(c);
      if (refused) return refused;
      const key = c.req.param('key') ?? '';
      const r = await retryOutboxEffect(deps.og, key);
      if (!r.ok) {
        const status = r.code === 'EFFECT_NOT_FOUND' ? 404 : 409;
        return answer(c, problem(status, r.code, TEXT[c.get('locale')][r.code]!));
      }
      deps.onRetried?.(key);
      return c.json({ value: r.item }, 200);
    }) as never,
  );
}

function answer(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as 400, { 'content-type': PROBLEM_JSON });
}
