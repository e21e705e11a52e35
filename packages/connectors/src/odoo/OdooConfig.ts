import { z } from 'zod';
import { ConnectorConfigError, type ConfigProblem } from '../internal/http/ConnectorError.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../internal/http/HttpClient.js';
import { hideSecrets } from '../internal/http/secrets.js';
import { baseUrlProblem } from '../internal/http/url.js';

/**
 * Context Odoo applies to every call: language, time zone, companies.
 *
 * @example
 * OdooContext.parse({ lang: 'zh_CN', tz: 'Asia/Shanghai', allowed_company_ids: [1] });
 */
export const OdooContext = z
  .object({
    lang: z.string().min(2).optional(),
    tz: z.string().min(1).optional(),
    allowed_company_ids: z.array(z.number().int().positive()).optional(),
  })
  .catchall(z.unknown());
export type OdooContext = z.infer<typeof OdooContext>;

/**
 * How to reach an Odoo database and how hard to push it. Parsed with zod: a wrong type or a
 * missing secret is refused before any request is sent. A URL carrying credentials
 * (`https://user:pass@host`), a query or a fragment is refused: credentials go in `apiKey` /
 * `password`. Prefer `parseOdooConfig`, which throws a `ConnectorConfigError` saying what to fix
 * and hides the secrets from `util.inspect` and `JSON.stringify`.
 *
 * @example
 * const config = OdooConfig.parse({
 *   url: 'https://erp.example.com', db: 'prod', login: 'bot@example.com',
 *   apiKey: process.env.ODOO_KEY, context: { lang: 'zh_CN', tz: 'Asia/Shanghai' },
 * });
 */
export const OdooConfig = z
  .object({
    url: z.string().superRefine((url, ctx) => {
      const problem = baseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    db: z.string().min(1),
    login: z.string().min(1),
    /** API key (preferred; required for JSON-2). */
    apiKey: z.string().min(1).optional(),
    /** Password, for the JSON-RPC transport only. */
    password: z.string().min(1).optional(),
    /** `auto` picks JSON-2 on Odoo 19+ when an API key is given, JSON-RPC otherwise. */
    transport: z.enum(['auto', 'jsonrpc', 'json2']).default('auto'),
    context: OdooContext.default({}),
    /** Total deadline of one call: connect, headers and the whole body. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Longest silence (no byte) within a call; default: the total deadline only. */
    idleTimeoutMs: z.number().int().positive().optional(),
    /** Largest answer read (streamed and cut off beyond); default 16 MiB. */
    maxResponseBytes: z.number().int().positive().default(DEFAULT_MAX_RESPONSE_BYTES),
    retries: z.number().int().min(0).max(10).default(3),
    retryBaseDelayMs: z.number().int().min(0).default(250),
    retryMaxDelayMs: z.number().int().min(0).default(8_000),
    /** Longest `Retry-After` (429/503) waited for before retrying; a longer one is not retried. */
    maxRetryAfterMs: z.number().int().min(0).default(60_000),
    /** Calls in flight at once. */
    maxConcurrent: z.number().int().positive().default(4),
    /** Calls started per second; 0 = unlimited. */
    maxPerSecond: z.number().min(0).default(0),
  })
  .refine((c) => c.apiKey !== undefined || c.password !== undefined, {
    message: 'give apiKey or password',
    path: ['apiKey'],
  })
  .refine((c) => c.transport !== 'json2' || c.apiKey !== undefined, {
    message: 'the json2 transport needs an API key',
    path: ['apiKey'],
  });
export type OdooConfig = z.infer<typeof OdooConfig>;
export type OdooConfigInput = z.input<typeof OdooConfig>;

/** How each setting is fixed, worded for a person. */
const FIX: Record<string, string> = {
  db: 'give the database name (the one shown on /web/database/selector)',
  login: "give the login of the user the connector acts as (e.g. 'bot@example.com')",
  apiKey: 'give apiKey (preferred: Preferences → Account Security → New API Key) or password',
  password: 'give a non-empty password, or an apiKey instead',
  transport: 'use "auto", "jsonrpc" or "json2"',
};

/**
 * Parses an Odoo config into a checked one whose `apiKey` and `password` are hidden from
 * `util.inspect`, `JSON.stringify` and object spreads (still readable as properties). A bad
 * config is a `ConnectorConfigError` naming each setting and what to do — never a raw ZodError,
 * never a secret's value. `names` renames the settings in messages (environment variables).
 *
 * @example
 * const config = parseOdooConfig({ url: 'https://erp.example.com', db: 'prod', login: 'bot', apiKey: key });
 * JSON.stringify(config).includes(key); // false
 */
export function parseOdooConfig(
  input: unknown,
  names: Partial<Record<string, string>> = {},
): OdooConfig {
  const parsed = OdooConfig.safeParse(input);
  if (!parsed.success) {
    const problems: ConfigProblem[] = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'config');
      const field = names[key] ?? issue.path.map(String).join('.');
      const custom = issue.code === 'custom' ? issue.message : undefined;
      const fix =
        custom ??
        (/received undefined/.test(issue.message) && FIX[key]
          ? `missing: ${FIX[key]}`
          : undefined) ??
        `${issue.message.replace(/, received .*/, '')}${FIX[key] ? ` (${FIX[key]})` : ''}`;
      return { field, fix };
    });
    // zod skips the object's refinements once a field fails: say what they would have said.
    const given = (input ?? {}) as { apiKey?: unknown; password?: unknown };
    if (given.apiKey === undefined && given.password === undefined) {
      if (!problems.some((p) => p.field === (names.apiKey ?? 'apiKey'))) {
        problems.push({ field: names.apiKey ?? 'apiKey', fix: 'give apiKey or password' });
      }
    }
    throw new ConnectorConfigError('Odoo', problems);
  }
  return hideSecrets(parsed.data, ['apiKey', 'password']);
}

/**
 * Reads `ODOO_URL`, `ODOO_DB`, `ODOO_USER`, `ODOO_KEY` (and optionally `ODOO_PASSWORD`,
 * `ODOO_TRANSPORT`, `ODOO_LANG`, `ODOO_TZ`, `ODOO_COMPANY_IDS`) into a config; a problem is a
 * `ConnectorConfigError` naming the variable.
 *
 * @example
 * const client = await OdooClient.connect(odooConfigFromEnv(process.env));
 */
export function odooConfigFromEnv(env: Record<string, string | undefined>): OdooConfig {
  const names = {
    url: 'ODOO_URL',
    db: 'ODOO_DB',
    login: 'ODOO_USER',
    apiKey: 'ODOO_KEY',
    password: 'ODOO_PASSWORD',
    transport: 'ODOO_TRANSPORT',
  };
  const companies = env.ODOO_COMPANY_IDS?.split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return parseOdooConfig(
    {
      url: env.ODOO_URL,
      db: env.ODOO_DB,
      login: env.ODOO_USER,
      apiKey: env.ODOO_KEY || undefined,
      password: env.ODOO_KEY ? undefined : env.ODOO_PASSWORD || undefined,
      transport: env.ODOO_TRANSPORT || undefined,
      context: {
        ...(env.ODOO_LANG ? { lang: env.ODOO_LANG } : {}),
        ...(env.ODOO_TZ ? { tz: env.ODOO_TZ } : {}),
        ...(companies && companies.length > 0 ? { allowed_company_ids: companies } : {}),
      },
    },
    names,
  );
}
