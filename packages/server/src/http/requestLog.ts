import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { maskSecrets, maskText, type Logger } from '../logging.js';
import type { Credential, IdentityEnv } from './shared/identity.js';
import { PROBLEM_JSON } from './shared/problem.js';

/** An `X-Request-Id` a caller may give (otherwise one is made): short and plain. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One line `requestLog` writes per request.
 *
 * @example
 * const entry: RequestLogEntry = { requestId: 'r-1', method: 'GET', path: '/v1/work-queue', status: 200, durationMs: 2.5 };
 */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** The actor the request acted as, once authenticated. */
  actorId?: string;
  /** `token` or `assertion`, once authenticated. */
  credential?: Credential['kind'];
  /** The API token's id (never its text). */
  tokenId?: string;
  /** The problem's `code`, for an error answer. */
  code?: string;
}

/**
 * Middleware that logs each request once it is answered: `RequestLogEntry` at `info` (`error`
 * for a 5xx, with the error and its stack under `err`), masked by `maskSecrets` whatever logger
 * it is given. Headers, bodies and query strings are never logged. Answers carry the request id
 * in `X-Request-Id` (the caller's, when it gave a plain one). Without a logger it does nothing.
 *
 * @example
 * app.use('*', requestLog(createLogger()));
 * // {"level":"info","requestId":"…","method":"POST","path":"/v1/orders/o-1/approve","status":200,"durationMs":4.2,"actorId":"u-wang","credential":"assertion","msg":"request"}
 */
export function requestLog(logger: Logger | undefined): MiddlewareHandler<IdentityEnv> {
  if (!logger) return (_c, next) => next();
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    c.header('X-Request-Id', requestId);
    await next();
    const status = c.res.status;
    const actor = c.get('actor') as { id?: string } | undefined;
    const credential = c.get('credential') as Credential | undefined;
    const entry: RequestLogEntry = {
      requestId,
      method: c.req.method,
      path: maskText(c.req.path),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(actor?.id === undefined ? {} : { actorId: actor.id }),
      ...(credential ? { credential: credential.kind } : {}),
      ...(credential?.kind === 'token' ? { tokenId: credential.tokenId } : {}),
    };
    if (status >= 400 && c.res.headers.get('content-type')?.includes(PROBLEM_JSON)) {
      try {
        const body = (await c.res.clone().json()) as { code?: unknown };
        if (typeof body.code === 'string') entry.code = body.code;
      } catch {
        // not the problem it claims to be: log without a code
      }
    }
    if (!c.res.headers.has('x-request-id')) {
      try {
        c.res.headers.set('X-Request-Id', requestId);
      } catch {
        // an immutable Response made elsewhere: the line still has the id
      }
    }
    const line = maskSecrets(entry) as Record<string, unknown>;
    if (status >= 500) {
      logger.error({ ...line, ...(c.error ? { err: maskSecrets(c.error) } : {}) }, 'request');
    } else {
      logger.info(line, 'request');
    }
  };
}
