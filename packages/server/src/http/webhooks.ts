import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import type { SyncService } from '../sync/SyncService.js';
import type { SyncLog } from '../sync/SyncLog.js';
import { PROBLEM_JSON, problem, type Problem } from './shared/problem.js';
import type { SharedSecret } from './shared/secret.js';
import { WebhookVerificationSchema, type WebhookVerification } from '@ordergate/connectors';

/** Header carrying the delivery's time, in seconds since the epoch. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-ordergate-timestamp';
/** Header carrying the delivery's unique id (a replayed id is refused). */
export const WEBHOOK_DELIVERY_HEADER = 'x-ordergate-delivery';
/** Header carrying `sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<raw body>` with the ERP's secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-ordergate-signature';

/** Header a `token` source presents its secret in, unless the verification names another. */
export const WEBHOOK_TOKEN_HEADER = 'x-ordergate-token';

export { WebhookVerificationSchema, type WebhookVerification };

/** One ERP that may call `POST /v1/webhooks/{erp}`. */
export interface WebhookSource {
  /** The secret shared with the ERP (≥ 32 bytes); never logged nor answered. */
  secret: SharedSecret;
  /** The ERP's sync: the webhook triggers it. */
  sync: Pick<SyncService, 'trigger'>;
  /** How deliveries are verified; default HMAC (`{ mode: 'hmac' }`). */
  verification?: WebhookVerification;
  /**
   * The order ids a verified body names, for an ERP whose body is its own (the REST mapping's
   * `webhook.orderIdsPath`: `(body) => connector.orderIdsFromWebhook(body)`); throwing refuses
   * the delivery as a 400 naming the problem. Default: the body is `{ orders?: string[] }`.
   */
  orderIds?: (body: unknown) => string[];
}

/** What `registerWebhookRoutes` needs. */
export interface WebhookOptions {
  /** By ERP name, as in the path (`odoo`). */
  sources: Readonly<Record<string, WebhookSource>>;
  /** Remembers delivery ids (the sync's `SyncLog`, in the shared store). */
  deliveries: Pick<SyncLog, 'rememberDelivery'>;
  /** Oldest accepted timestamp, in seconds before now (default 300) — also the skew ahead allowed. */
  toleranceSeconds?: number;
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

/** The body an ERP sends: the orders that changed, or none for an incremental sync. */
const WebhookBody = z
  .object({ orders: z.array(z.string().min(1).max(64)).max(500).optional() })
  .strict();

const Accepted = z
  .object({
    accepted: z.literal(true),
    delivery: z.string(),
    sync: z.enum(['orders', 'incremental']),
    orders: z.array(z.string()),
  })
  .openapi('WebhookAccepted');

/**
 * The signature an ERP sends for a delivery: `sha256=` and the hex HMAC-SHA256 of
 * `<timestamp>.<raw body>` under the shared secret.
 *
 * @example
 * const sig = signWebhook(secret, String(Math.floor(Date.now() / 1000)), JSON.stringify({ orders: ['42'] }));
 */
export function signWebhook(secret: SharedSecret, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret.key()).update(`${timestamp}.${body}`).digest('hex')}`;
}

function answer(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as 400, { 'content-type': PROBLEM_JSON });
}

/** Constant-time equality of a presented token and the secret (both hashed to 32 bytes first). */
function sameSecret(given: string, secret: SharedSecret): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(secret.key()).digest();
  return given.length > 0 && timingSafeEqual(a, b);
}

/** A value at a dotted path of parsed JSON (`object.id`), or undefined. */
function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Seconds since the epoch of Unix seconds (number or digits) or an ISO instant; else NaN. */
function epochSeconds(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  if (typeof value === 'string' && /(Z|[+-]\d{2}:\d{2})$/.test(value))
    return Date.parse(value) / 1000;
  return Number.NaN;
}

/**
 * Mounts `POST /v1/webhooks/{erp}` (issue 11): an ERP tells ordergate that orders changed, and
 * the ERP's `SyncService` syncs them (or runs an incremental sync when none are named). Each
 * delivery is authenticated by HMAC-SHA256 over `<timestamp>.<raw body>` with the secret shared
 * with that ERP, not by a user assertion — or, for a source configured with
 * `verification: { mode: 'token', … }` (an ERP that cannot sign, decision 029), by the shared
 * secret presented in a header or the URL, replays refused by delivery id or body hash. A
 * source's `orderIds` reads the order ids from the ERP's own body (the REST mapping's
 * `webhook.orderIdsPath`). Refusals are problem+json: 401 `WEBHOOK_SIGNATURE`
 * (missing or wrong signature), 401 `WEBHOOK_STALE` (a timestamp more than 5 minutes away),
 * 401 `WEBHOOK_REPLAYED` (a delivery id seen before), 404 `UNKNOWN_ERP`, 400 `INVALID_INPUT` /
 * `MALFORMED_JSON` for a signed body that is not `{ orders?: string[] }`. Accepted deliveries
 * answer 202 at once; the sync runs after. Register it before any `/v1/*` middleware that
 * demands a user assertion.
 *
 * @example
 * registerWebhookRoutes(app, { sources: { odoo: { secret, sync } }, deliveries: sync.log });
 */
export function registerWebhookRoutes<E extends Env>(
  app: OpenAPIHono<E>,
  options: WebhookOptions,
): void {
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now ?? (() => Date.now());
  /** A 401 WEBHOOK_STALE when `seconds` is not a time within the tolerance of now. */
  const staleness = (seconds: number, where: string): Problem | undefined => {
    const age = now() / 1000 - seconds;
    if (Number.isFinite(age) && Math.abs(age) <= tolerance) return undefined;
    return problem(
      401,
      'WEBHOOK_STALE',
      Number.isFinite(age)
        ? `${where} is ${String(Math.round(age))} s away from now (at most ${String(tolerance)})`
        : `${where} is not a time (Unix seconds or an ISO instant)`,
    );
  };
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks/{erp}',
      summary: 'An ERP says orders changed: sync them (HMAC-signed or token, replay refused)',
      description:
        `Headers: \`${WEBHOOK_TIMESTAMP_HEADER}\` (seconds since the epoch, within 5 minutes), ` +
        `\`${WEBHOOK_DELIVERY_HEADER}\` (unique per delivery), \`${WEBHOOK_SIGNATURE_HEADER}\` ` +
        '(`sha256=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret). ' +
        'Body: `{ "orders": ["<erp order id>", …] }`, or `{}` for an incremental sync. ' +
        'A source configured for token verification (an ERP that cannot sign) presents the ' +
        `shared secret in \`${WEBHOOK_TOKEN_HEADER}\` or the \`token\` query parameter instead, ` +
        'and may post its own body (the mapping says where it names the orders).',
      request: { params: z.object({ erp: z.string().min(1).max(64) }) },
      responses: {
        202: {
          description: 'Accepted: the sync runs',
          content: { 'application/json': { schema: Accepted } },
        },
        400: {
          description: 'A signed body that is not `{ orders?: string[] }`',
          content: { [PROBLEM_JSON]: { schema: z.object({}).passthrough() } },
        },
        401: {
          description: 'WEBHOOK_SIGNATURE, WEBHOOK_STALE, WEBHOOK_REPLAYED',
          content: { [PROBLEM_JSON]: { schema: z.object({}).passthrough() } },
        },
        404: {
          description: 'UNKNOWN_ERP',
          content: { [PROBLEM_JSON]: { schema: z.object({}).passthrough() } },
        },
      },
    }),
    (async (c: Context) => {
      const erp = c.req.param('erp') ?? '';
      const source = Object.hasOwn(options.sources, erp) ? options.sources[erp] : undefined;
      if (!source) return answer(c, problem(404, 'UNKNOWN_ERP', `no webhook source named ${erp}`));
      const raw = await c.req.text();
      const verification = source.verification ?? { mode: 'hmac' };
      let delivery: string;
      let keepSeconds = tolerance * 2;
      if (verification.mode === 'token') {
        const name =
          verification.name ?? (verification.in === 'header' ? WEBHOOK_TOKEN_HEADER : 'token');
        const given = (verification.in === 'header' ? c.req.header(name) : c.req.query(name)) ?? '';
        if (!sameSecret(given, source.secret)) {
          return answer(
            c,
            problem(
              401,
              'WEBHOOK_SIGNATURE',
              `missing or wrong token (${verification.in === 'header' ? 'header' : 'query parameter'} ${name})`,
            ),
          );
        }
        const id = verification.deliveryHeader ? c.req.header(verification.deliveryHeader) : '';
        delivery = id ? id : `sha256:${createHash('sha256').update(raw, 'utf8').digest('hex')}`;
        keepSeconds = verification.replayWindowSeconds ?? 86_400;
      } else {
        const timestamp = c.req.header(WEBHOOK_TIMESTAMP_HEADER) ?? '';
        const signature = c.req.header(WEBHOOK_SIGNATURE_HEADER) ?? '';
        delivery = c.req.header(WEBHOOK_DELIVERY_HEADER) ?? '';
        const expected = Buffer.from(signWebhook(source.secret, timestamp, raw));
        const given = Buffer.from(signature);
        if (
          !/^\d{1,12}$/.test(timestamp) ||
          given.length !== expected.length ||
          !timingSafeEqual(given, expected)
        ) {
          c.header('WWW-Authenticate', 'HMAC-SHA256');
          return answer(
            c,
            problem(401, 'WEBHOOK_SIGNATURE', `missing or wrong ${WEBHOOK_SIGNATURE_HEADER}`),
          );
        }
        const stale = staleness(Number(timestamp), WEBHOOK_TIMESTAMP_HEADER);
        if (stale) return answer(c, stale);
      }
      if (!/^[\x21-\x7e]{1,128}$/.test(delivery)) {
        const header =
          verification.mode === 'token' ? verification.deliveryHeader! : WEBHOOK_DELIVERY_HEADER;
        return answer(
          c,
          problem(400, 'INVALID_INPUT', `${header} must be 1–128 visible characters`, {
            errors: [{ path: `headers.${header}`, message: 'required' }],
          }),
        );
      }
      let json: unknown;
      try {
        json = raw.trim() === '' ? {} : JSON.parse(raw);
      } catch {
        return answer(c, problem(400, 'MALFORMED_JSON', 'the body is not JSON'));
      }
      if (verification.mode === 'token' && verification.timestampPath) {
        const stale = staleness(
          epochSeconds(at(json, verification.timestampPath)),
          `body.${verification.timestampPath}`,
        );
        if (stale) return answer(c, stale);
      }
      let orders: string[];
      if (source.orderIds) {
        try {
          orders = source.orderIds(json);
        } catch (error) {
          return answer(
            c,
            problem(400, 'INVALID_INPUT', 'the body names no order the mapping can read', {
              errors: [{ path: 'body', message: (error as Error).message.slice(0, 300) }],
            }),
          );
        }
      } else {
        const body = WebhookBody.safeParse(json);
        if (!body.success) {
          return answer(
            c,
            problem(400, 'INVALID_INPUT', 'the body must be { orders?: string[] }', {
              errors: body.error.issues.map((i) => ({
                path: ['body', ...i.path.map(String)].join('.'),
                message: i.message,
              })),
            }),
          );
        }
        orders = body.data.orders ?? [];
      }
      // Only a verified delivery is remembered, so a forger cannot burn an id.
      if (!(await options.deliveries.rememberDelivery(erp, delivery, keepSeconds))) {
        return answer(
          c,
          problem(401, 'WEBHOOK_REPLAYED', `delivery ${delivery} was received before`),
        );
      }
      source.sync.trigger(orders);
      return c.json(
        {
          accepted: true as const,
          delivery,
          sync: orders.length > 0 ? ('orders' as const) : ('incremental' as const),
          orders,
        },
        202,
      );
    }) as never,
  );
}
