import { z } from 'zod';

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
 * missing secret is refused before any request is sent.
 *
 * @example
 * const config = OdooConfig.parse({
 *   url: 'https://erp.example.com', db: 'prod', login: 'bot@example.com',
 *   apiKey: process.env.ODOO_KEY, context: { lang: 'zh_CN', tz: 'Asia/Shanghai' },
 * });
 */
export const OdooConfig = z
  .object({
    url: z.url(),
    db: z.string().min(1),
    login: z.string().min(1),
    /** API key (preferred; required for JSON-2). */
    apiKey: z.string().min(1).optional(),
    /** Password, for the JSON-RPC transport only. */
    password: z.string().min(1).optional(),
    /** `auto` picks JSON-2 on Odoo 19+ when an API key is given, JSON-RPC otherwise. */
    transport: z.enum(['auto', 'jsonrpc', 'json2']).default('auto'),
    context: OdooContext.default({}),
    timeoutMs: z.number().int().positive().default(30_000),
    retries: z.number().int().min(0).max(10).default(3),
    retryBaseDelayMs: z.number().int().min(0).default(250),
    retryMaxDelayMs: z.number().int().min(0).default(8_000),
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

/**
 * Reads `ODOO_URL`, `ODOO_DB`, `ODOO_USER`, `ODOO_KEY` (and optionally `ODOO_PASSWORD`,
 * `ODOO_TRANSPORT`, `ODOO_LANG`, `ODOO_TZ`, `ODOO_COMPANY_IDS`) into a config.
 *
 * @example
 * const client = await OdooClient.connect(odooConfigFromEnv(process.env));
 */
export function odooConfigFromEnv(env: Record<string, string | undefined>): OdooConfig {
  const companies = env.ODOO_COMPANY_IDS?.split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return OdooConfig.parse({
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
  });
}
