import { hostname } from 'node:os';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * What replaces a secret found by its key (`authorization`, `password`…).
 *
 * @example
 * maskSecrets({ password: 'x' }); // { password: REDACTED }
 */
export const REDACTED = '[Redacted]';

/**
 * Paths pino's `redact` censors in every log line: authorization and cookie headers wherever
 * a request or response is logged, and the usual names of secrets one and two levels down.
 * `maskSecrets` does the same at any depth and masks secret-looking values too.
 *
 * @example
 * pino({ redact: { paths: [...REDACT_PATHS], censor: REDACTED } });
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...[
    'authorization',
    'password',
    'passwd',
    'secret',
    'token',
    'accessToken',
    'access_token',
    'refreshToken',
    'apiKey',
    'api_key',
    'privateKey',
    'private_key',
    'clientSecret',
    'client_secret',
    'connectionString',
  ].flatMap((k) => [k, `*.${k}`]),
];

/** Keys whose values are secrets, whatever they hold (case-insensitive, `-` and `_` ignored). */
const SECRET_KEY =
  /^(authorization|proxyauthorization|cookie|setcookie|password|passwd|pass|secret|clientsecret|token|accesstoken|refreshtoken|idtoken|apikey|xapikey|privatekey|sharedsecret|connectionstring|databaseurl|signature|hmac)$/i;

const VALUE_PATTERNS: readonly [RegExp, string][] = [
  // an API token: og_ and its random part
  [/\bog_[A-Za-z0-9_-]{8,}/g, 'og_***'],
  // a JWT (JWS compact: three base64url parts, the header a JSON object: eyJ…)
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, 'eyJ***'],
  // whatever follows an authorization scheme
  [/\b(Bearer|bearer|BEARER|Basic|basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***'],
  // the password of a URL (postgres://user:password@host)
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/?#\s]+@/gi, '$1:***@'],
];

/**
 * A string with every API token (`og_…`), JWT (`eyJ….….…`), `Bearer …` value and URL password
 * replaced by a mask.
 *
 * @example
 * maskText('Bearer og_Zm9vYmFyYmF6cXV4'); // 'Bearer ***'
 * maskText('postgres://og:hunter2@db/og'); // 'postgres://og:***@db/og'
 */
export function maskText(text: string): string {
  let out = text;
  for (const [pattern, mask] of VALUE_PATTERNS) out = out.replace(pattern, mask);
  return out;
}

const normaliseKey = (k: string) => k.replace(/[-_]/g, '');

/**
 * A copy of `value` safe to log: values under secret-named keys (`authorization`, `password`,
 * `token`, `apiKey`, `secret`…) at any depth become `[Redacted]`, every string goes through
 * `maskText`, an `Error` becomes `{ type, message, stack, code?, cause? }` (masked), objects
 * with `toJSON` (a `SharedSecret`, a `Date`) are logged as it answers, bytes as their length.
 * Cycles and depth beyond 8 are cut.
 *
 * @example
 * maskSecrets({ headers: { authorization: 'Bearer eyJ…' }, note: 'used og_abcdefgh12345' });
 * // { headers: { authorization: '[Redacted]' }, note: 'used og_***' }
 */
export function maskSecrets(value: unknown): unknown {
  return mask(value, 0, new WeakSet());
}

function mask(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= 8) return '[Object]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const e = value as Error & { code?: unknown; cause?: unknown };
      return {
        type: e.name,
        message: maskText(e.message),
        ...(e.stack === undefined ? {} : { stack: maskText(e.stack) }),
        ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
        ...(e.cause === undefined ? {} : { cause: mask(e.cause, depth + 1, seen) }),
      };
    }
    if (ArrayBuffer.isView(value)) return `[${String(value.byteLength)} bytes]`;
    if (Array.isArray(value)) return value.map((v: unknown) => mask(v, depth + 1, seen));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return mask((value as { toJSON: () => unknown }).toJSON(), depth + 1, seen);
    }
    const entries =
      value instanceof Map
        ? [...(value as Map<unknown, unknown>).entries()].map(([k, v]) => [String(k), v] as const)
        : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      out[k] =
        SECRET_KEY.test(normaliseKey(k)) && v !== undefined && v !== null
          ? REDACTED
          : mask(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Options of `createLogger`.
 *
 * @example
 * createLogger({ level: 'debug', base: { service: 'ordergate' } });
 */
export interface CreateLoggerOptions {
  /** pino's level (default `info`; `ORDERGATE_LOG_LEVEL` overrides it). */
  level?: string;
  /** Where lines go (default standard output). */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ service: 'ordergate', instance }` (masked too). */
  base?: Record<string, unknown>;
}

/**
 * A pino logger writing one JSON object a line, with secrets kept out twice over: pino's
 * `redact` censors `REDACT_PATHS`, and a `logMethod` hook passes every argument through
 * `maskSecrets` (secret-named keys at any depth, API tokens, JWTs, bearer values, URL passwords
 * in any string, error messages and stacks included). Errors are logged under `err` with their
 * stack.
 *
 * @example
 * const logger = createLogger({ base: { service: 'ordergate' } });
 * const app = createApp({ og, identity, logger });
 * logger.error({ err }, 'sync failed'); // message and stack masked
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: process.env.ORDERGATE_LOG_LEVEL ?? options.level ?? 'info',
    base: {
      pid: process.pid,
      hostname: hostname(),
      ...(maskSecrets(options.base ?? {}) as Record<string, unknown>),
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => maskSecrets(bindings) as Record<string, unknown>,
    },
    serializers: {
      // already masked by the hook: keep the shape `maskSecrets` gave
      err: (e: unknown) => (e instanceof Error ? maskSecrets(e) : e),
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (first instanceof Error) {
          const masked = maskSecrets(first) as { message: string };
          const msg = typeof rest[0] === 'string' ? rest.shift() : masked.message;
          method.apply(this, [
            { err: masked },
            maskText(String(msg)),
            ...rest.map((a) => maskSecrets(a)),
          ] as never);
          return;
        }
        method.apply(this, args.map((a) => maskSecrets(a)) as never);
      },
    },
  };
  const logger = options.destination ? pino(config, options.destination) : pino(config);
  // pino applies `formatters.bindings` to the root's bindings only: mask a child's as it is made
  // (children inherit this `child`, so grandchildren are masked too)
  const child = Object.getPrototypeOf(logger) as { child: Logger['child'] };
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.child.call(this, maskSecrets(bindings) as typeof bindings, childOptions);
  } as Logger['child'];
  return logger;
}

export type { Logger } from 'pino';
