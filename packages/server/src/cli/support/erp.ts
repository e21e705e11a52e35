import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActorInput, Policy } from '@ordergate/core';
import type { ErpConnector, ErpOrderChange } from '@ordergate/connectors';
import { SharedSecret } from '../../http/shared/secret.js';
import type { WebhookSource } from '../../http/webhooks.js';
import { CliError, EXIT } from './exit.js';
import type { CliIo } from './io.js';

/** The ERP options `serve` and `sync` take. */
export interface ErpOptions {
  /**
   * `odoo` (configured by `ODOO_*`), `rest` (`--erp-mapping`), or `module` (`--erp-module`);
   * `ORDERGATE_ERP` otherwise.
   */
  erp?: string;
  /** A module exporting `createErpConnector(env)`; `ORDERGATE_ERP_MODULE` otherwise. */
  erpModule?: string;
  /** `--erp rest`: the mapping file (YAML or JSON); `ORDERGATE_ERP_MAPPING` otherwise. */
  erpMapping?: string;
  /**
   * `--erp rest`: the ERP's name in `/v1/webhooks/<name>`, sync checkpoints and logs (default:
   * the mapping's `erp`); `ORDERGATE_ERP_NAME` otherwise.
   */
  erpName?: string;
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
  /**
   * How this ERP's webhooks are verified and read, when not the service's default (HMAC, a body
   * `{ orders }`): a REST mapping's `webhook.verification` and `webhook.orderIdsPath`.
   */
  webhook?: Pick<WebhookSource, 'verification' | 'orderIds'>;
  /**
   * Who submits an order the sync takes in (`SyncService`'s `submitter`); absent: the order's
   * salesperson without groups.
   */
  submitter?: (change: ErpOrderChange) => ActorInput;
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
  --erp rest --erp-mapping <file>
                         an ERP that speaks REST, described by a mapping file (YAML or JSON, see
                         @ordergate/connectors' README); the address and secrets come from the
                         environment variables the mapping names (e.g. SAMPLE_ERP_URL,
                         SAMPLE_ERP_TOKEN for examples/sample-erp/mapping.yaml). An order is
                         submitted by its salesperson with the groups of the policy's salesperson role
  --erp-name <name>      the REST ERP's name in /v1/webhooks/<name> (default: the mapping's erp)
  --erp-module <file>    any other ERP: a module exporting createErpConnector(env) that answers an
                         ErpConnector (@ordergate/connectors)
  ORDERGATE_ERP, ORDERGATE_ERP_MAPPING, ORDERGATE_ERP_NAME, ORDERGATE_ERP_MODULE stand for the
  options. ORDERGATE_WEBHOOK_SECRET (≥ 32 bytes) is the key the ERP signs webhooks with:
  POST /v1/webhooks/<erp> is served only when it is set.`;

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

/** The problems a connector error carries (`ConnectorConfigError`, `RestMappingError`). */
function problemLines(e: unknown): string[] | undefined {
  const problems = (e as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return undefined;
  return (problems as { field?: string; path?: string; fix?: string; message?: string }[]).map(
    (p) => `  ${p.field ?? p.path ?? '?'}: ${p.fix ?? p.message ?? ''}`,
  );
}

/** A name for `/v1/webhooks/<name>`: letters, digits, `-` and `_`. */
const ERP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

async function rest(
  io: CliIo,
  options: ErpOptions,
  file: string | undefined,
  policy: Policy,
): Promise<ConfiguredErp> {
  if (!file)
    throw new CliError(
      EXIT.USAGE,
      '--erp rest needs --erp-mapping <file> (or ORDERGATE_ERP_MAPPING): the mapping of the ERP’s REST API',
    );
  const name = options.erpName ?? io.env.ORDERGATE_ERP_NAME;
  if (name !== undefined && !ERP_NAME.test(name))
    throw new CliError(
      EXIT.USAGE,
      `--erp-name ${JSON.stringify(name)}: use letters, digits, - and _ (it is a URL path segment)`,
    );
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      EXIT.USAGE,
      code === 'ENOENT'
        ? `--erp-mapping ${file}: no such file`
        : code === 'EISDIR'
          ? `--erp-mapping ${file}: is a directory, not a mapping file`
          : `--erp-mapping ${file}: cannot be read (${code ?? (e as Error).message})`,
    );
  }
  const { parseRestMapping, RestConnector } = await import('@ordergate/connectors');
  let connector;
  try {
    const mapping = parseRestMapping(text, file);
    connector = RestConnector.create(name ? { ...mapping, erp: name } : mapping, { env: io.env });
  } catch (e) {
    // by name: a bundler may hand this module another copy of the connectors' classes
    const lines = problemLines(e);
    const kind = (e as Error).name;
    if (kind === 'RestMappingError' && lines)
      throw new CliError(EXIT.USAGE, `--erp-mapping ${file} is not a valid REST mapping`, lines);
    if (kind === 'ConnectorConfigError' && lines)
      throw new CliError(
        EXIT.USAGE,
        `--erp rest: ${file} reads settings the environment does not give`,
        lines,
      );
    throw e;
  }
  const secret = webhookSecret(io);
  const groups = policy.roles.salesperson?.groups ?? [];
  const hook = connector.mapping.webhook;
  return {
    connector,
    description: `${connector.erp} at ${connector.http.displayUrl} (REST, ${file})`,
    ...(secret ? { webhookSecret: secret } : {}),
    ...(hook
      ? {
          webhook: {
            ...(hook.verification ? { verification: hook.verification } : {}),
            orderIds: connector.orderIdsFromWebhook.bind(connector),
          },
        }
      : {}),
    // The ERP names the salesperson; the policy says which ERP groups make a salesperson.
    submitter: (change) => ({ id: change.order.salesperson, groups: [...groups] }),
  };
}

/**
 * The ERP the options and environment configure, connected; undefined when none is (then
 * nothing is synced). `--erp odoo` reads `ODOO_*` (`odooConfigFromEnv`); `--erp rest` builds the
 * REST connector from `--erp-mapping <file>` (its address and secrets from the environment
 * variables the mapping names); `--erp-module <file>` loads a connector module.
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
  const mapping = options.erpMapping ?? io.env.ORDERGATE_ERP_MAPPING;
  const kind =
    options.erp ??
    io.env.ORDERGATE_ERP ??
    (module ? 'module' : undefined) ??
    (mapping ? 'rest' : undefined);
  if (kind === undefined || kind === '') return undefined;
  if (mapping && kind !== 'rest')
    throw new CliError(EXIT.USAGE, `--erp-mapping is for --erp rest, not --erp ${kind}`);
  if (kind === 'rest') {
    if (module) throw new CliError(EXIT.USAGE, 'give either --erp rest or --erp-module, not both');
    return rest(io, options, mapping, policy);
  }
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
    `--erp ${kind}: no such connector (odoo, rest with --erp-mapping <file>, or --erp-module <file> for another ERP)`,
  );
}
