import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Policy } from '@ordergate/core';
import type { ErpConnector } from '@ordergate/connectors';
import { SharedSecret } from '../http/secret.js';
import { CliError, EXIT } from './exit.js';
import type { CliIo } from './io.js';

/** The ERP options `serve` and `sync` take. */
export interface ErpOptions {
  /** `odoo` (configured by `ODOO_*`), or `module` (`--erp-module`); `ORDERGATE_ERP` otherwise. */
  erp?: string;
  /** A module exporting `createErpConnector(env)`; `ORDERGATE_ERP_MODULE` otherwise. */
  erpModule?: string;
}

/**
 * A connector the CLI opened, with the webhook secret the ERP signs with (when configured).
 *
 * @example
 * const erp = await erpFrom(io, opts, policy);
 * if (erp) new SyncService({ og, erp: erp.connector, driver: store.driver });
 */
export interface ConfiguredErp {
  connector: ErpConnector;
  /** Where it came from, for messages (never a secret): `odoo at https://erp.example.com`. */
  description: string;
  /** `ORDERGATE_WEBHOOK_SECRET`, when set: `POST /v1/webhooks/{erp}` is mounted with it. */
  webhookSecret?: SharedSecret;
}

/**
 * What a connector module (`--erp-module`) exports: a function from the environment to an
 * `ErpConnector`. It is how an ERP without a built-in connector is plugged in.
 *
 * @example
 * // my-erp.mjs
 * export function createErpConnector(env) {
 *   return new MyRestConnector({ url: env.MY_ERP_URL, key: env.MY_ERP_KEY });
 * }
 */
export type CreateErpConnector = (env: NodeJS.ProcessEnv) => ErpConnector | Promise<ErpConnector>;

/** The `--help` lines saying how to configure an ERP. */
export const ERP_HELP = `
ERP (sync and webhooks; without one, nothing is synced):
  --erp odoo             Odoo over JSON-RPC or JSON-2: ODOO_URL, ODOO_DB, ODOO_USER and ODOO_KEY
                         (an API key; or ODOO_PASSWORD), optionally ODOO_TRANSPORT, ODOO_LANG,
                         ODOO_TZ, ODOO_COMPANY_IDS
  --erp-module <file>    any other ERP: a module exporting createErpConnector(env) that answers an
                         ErpConnector (@ordergate/connectors)
  ORDERGATE_ERP, ORDERGATE_ERP_MODULE stand for the options. ORDERGATE_WEBHOOK_SECRET (≥ 32 bytes)
  is the key the ERP signs webhooks with: POST /v1/webhooks/<erp> is served only when it is set.`;

function isConnector(value: unknown): value is ErpConnector {
  const c = value as Partial<ErpConnector> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.erp === 'string' &&
    c.erp.length > 0 &&
    typeof c.changedOrders === 'function' &&
    typeof c.ordersById === 'function' &&
    typeof c.creditFacts === 'function' &&
    typeof c.apply === 'function'
  );
}

function webhookSecret(io: CliIo): SharedSecret | undefined {
  const given = io.env.ORDERGATE_WEBHOOK_SECRET;
  if (!given) return undefined;
  try {
    return new SharedSecret(given);
  } catch (e) {
    throw new CliError(EXIT.USAGE, `ORDERGATE_WEBHOOK_SECRET: ${(e as Error).message}`);
  }
}

async function fromModule(io: CliIo, file: string): Promise<ConfiguredErp> {
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  let loaded: { createErpConnector?: unknown; default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path).href)) as typeof loaded;
  } catch (e) {
    throw new CliError(
      EXIT.USAGE,
      `cannot load the ERP connector module ${file}: ${(e as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  const create = loaded.createErpConnector ?? loaded.default;
  if (typeof create !== 'function') {
    throw new CliError(
      EXIT.USAGE,
      `${file} must export createErpConnector(env) answering an ErpConnector`,
    );
  }
  const connector = (await (create as CreateErpConnector)(io.env)) as unknown;
  if (!isConnector(connector)) {
    throw new CliError(
      EXIT.USAGE,
      `${file}: createErpConnector(env) did not answer an ErpConnector (erp, changedOrders, ordersById, creditFacts, apply)`,
    );
  }
  const secret = webhookSecret(io);
  return {
    connector,
    description: `${connector.erp} through ${file}`,
    ...(secret ? { webhookSecret: secret } : {}),
  };
}

async function odoo(io: CliIo, policy: Policy): Promise<ConfiguredErp> {
  const { odooConfigFromEnv, OdooConnector } = await import('@ordergate/connectors');
  let config;
  try {
    config = odooConfigFromEnv(io.env);
  } catch (e) {
    // by name: a bundler may hand this module another copy of the connectors' classes
    const problems = (e as { problems?: unknown }).problems;
    if ((e as Error).name === 'ConnectorConfigError' && Array.isArray(problems)) {
      throw new CliError(
        EXIT.USAGE,
        '--erp odoo: the Odoo connection is not configured',
        (problems as { field: string; fix: string }[]).map((p) => `  ${p.field}: ${p.fix}`),
      );
    }
    throw e;
  }
  const secret = webhookSecret(io);
  let connector;
  try {
    connector = await OdooConnector.connect(config, { writeBack: { policy } });
  } catch (e) {
    // the connector's messages name the host and the reason, never the key
    throw new CliError(
      EXIT.FAILED,
      `cannot connect to Odoo at ${new URL(config.url).origin}: ${(e as Error).message}`,
    );
  }
  return {
    connector: connector.asErpConnector(),
    description: `odoo at ${new URL(config.url).origin} (database ${config.db})`,
    ...(secret ? { webhookSecret: secret } : {}),
  };
}

/**
 * The ERP the options and environment configure, connected; undefined when none is (then
 * nothing is synced). `--erp odoo` reads `ODOO_*` (`odooConfigFromEnv`); `--erp-module <file>`
 * loads a connector module.
 * @throws {CliError} `EXIT.USAGE` naming what is missing or wrong; `EXIT.FAILED` when the ERP
 *   cannot be reached.
 *
 * @example
 * const erp = await erpFrom(io, { erp: 'odoo' }, policy); // ODOO_URL, ODOO_DB, ODOO_USER, ODOO_KEY
 */
export async function erpFrom(
  io: CliIo,
  options: ErpOptions,
  policy: Policy,
): Promise<ConfiguredErp | undefined> {
  const module = options.erpModule ?? io.env.ORDERGATE_ERP_MODULE;
  const kind = options.erp ?? io.env.ORDERGATE_ERP ?? (module ? 'module' : undefined);
  if (kind === undefined || kind === '') return undefined;
  if (kind === 'module') {
    if (!module) throw new CliError(EXIT.USAGE, '--erp module needs --erp-module <file>');
    return fromModule(io, module);
  }
  if (module) {
    throw new CliError(EXIT.USAGE, `give either --erp ${kind} or --erp-module, not both`);
  }
  if (kind === 'odoo') return odoo(io, policy);
  throw new CliError(
    EXIT.USAGE,
    `--erp ${kind}: no such connector (odoo, or --erp-module <file> for another ERP)`,
  );
}
