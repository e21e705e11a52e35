import { inspect } from 'node:util';
import { z } from 'zod';
import { HttpClient, notProcessed as httpNotProcessed } from '../internal/http/HttpClient.js';
import { MASK, SecretSet } from '../internal/http/secrets.js';
import { HttpSender } from './HttpSender.js';
import { parseJson } from './parseJson.js';
import { parseOdooConfig, type OdooConfig, type OdooConfigInput } from './OdooConfig.js';
import type { OdooError } from './OdooError.js';
import {
  OdooLegacyApiDisabledError,
  OdooNetworkError,
  OdooServerError,
  OdooSessionExpiredError,
} from './OdooError.js';
import { Json2Transport } from './Json2Transport.js';
import { JsonRpcTransport } from './JsonRpcTransport.js';
import type { OdooCallParams, OdooTransport } from './OdooTransport.js';

/** Environment hooks: inject them in tests; the defaults use the real clock and network. */
export interface OdooClientOptions {
  /** The `fetch` to send through (recording, fault injection); default Node's global `fetch`. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Told about every retry: what failed, the attempt number and the delay. */
  onRetry?: (error: OdooError, attempt: number, delayMs: number) => void;
}

/** Calls counted by the client: every HTTP request sent, retries included. */
export interface OdooCallStats {
  calls: number;
  retries: number;
  /** Calls per `model.method` (or endpoint for version and authentication). */
  byMethod: Record<string, number>;
}

/** A record as Odoo returns it: values still carry Odoo's quirks (`false`, `[id, name]`). */
export type OdooRecord = Record<string, unknown> & { id: number };

/** Arguments of `search_read`. */
export interface SearchReadOptions {
  domain?: readonly unknown[];
  fields?: readonly string[];
  order?: string;
  limit?: number;
  offset?: number;
  context?: Record<string, unknown>;
}

/** Methods that change nothing: safe to send again after a timeout or a dropped connection. */
const READ_METHODS = new Set([
  'search',
  'search_read',
  'search_count',
  'read',
  'read_group',
  'fields_get',
  'name_search',
  'context_get',
  'web_search_read',
  'web_read',
  'has_group',
  'check_access_rights',
  'has_access',
]);

const IdList = z.union([z.array(z.number().int()), z.number().int()]);
const VersionInfo = z.object({
  server_version: z.string(),
  server_version_info: z.array(z.union([z.number(), z.string()])).min(1),
});

/**
 * A client for Odoo's external API over JSON-RPC or JSON-2, with the transport picked from the
 * server's version, context on every call, and the shared HTTP layer's guarantees: a total
 * deadline per call, a response size limit, a concurrency and rate limit, one retry layer
 * (transient failures only), typed errors without secrets, and a count of the calls it makes.
 * `util.inspect` and `JSON.stringify` of the client never show the key or password.
 *
 * @example
 * const odoo = await OdooClient.connect({ url: 'http://127.0.0.1:8069', db: 'og18', login: 'admin', apiKey: key });
 * const orders = await odoo.searchRead('sale.order', { domain: [['state', '=', 'sale']], fields: ['name'], limit: 10 });
 * console.log(odoo.transport, odoo.stats.calls);
 */
export class OdooClient {
  readonly stats: OdooCallStats;

  private constructor(
    readonly config: OdooConfig,
    private readonly transportImpl: OdooTransport,
    readonly server: { major: number; version: string; uid: number },
    private readonly http: HttpClient,
    stats: OdooCallStats,
  ) {
    this.stats = stats;
  }

  /** Which API the client speaks. */
  get transport(): 'jsonrpc' | 'json2' {
    return this.transportImpl.kind;
  }

  /** The authenticated user's id. */
  get uid(): number {
    return this.server.uid;
  }

  /**
   * Validates the config, asks the server's version, picks the transport and checks the
   * credentials: two calls.
   *
   * @throws {OdooAuthenticationError} on a bad login, password or key.
   * @throws {OdooLegacyApiDisabledError} when JSON-RPC is forced and `/jsonrpc` answers 404.
   */
  static async connect(
    input: OdooConfigInput,
    options: OdooClientOptions = {},
  ): Promise<OdooClient> {
    const config = parseOdooConfig(input);
    const stats: OdooCallStats = { calls: 0, retries: 0, byMethod: {} };
    const http = new HttpClient({
      service: 'Odoo',
      baseUrl: config.url,
      secrets: new SecretSet([config.apiKey, config.password]),
      timeoutMs: config.timeoutMs,
      idleTimeoutMs: config.idleTimeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      retry: {
        retries: config.retries,
        baseDelayMs: config.retryBaseDelayMs,
        maxDelayMs: config.retryMaxDelayMs,
        maxRetryAfterMs: config.maxRetryAfterMs,
      },
      maxConcurrent: config.maxConcurrent,
      maxPerSecond: config.maxPerSecond,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.random ? { random: options.random } : {}),
      onSend: (request) => {
        const key = request.label ?? request.path;
        stats.calls++;
        stats.byMethod[key] = (stats.byMethod[key] ?? 0) + 1;
      },
      onRetry: (error, n, delay) => {
        stats.retries++;
        options.onRetry?.(error as OdooError, n, delay);
      },
    });
    const sender = new HttpSender(http, config.db);
    const version = await probeVersion(sender, config);
    const kind =
      config.transport === 'auto'
        ? version.major >= 19 && config.apiKey
          ? 'json2'
          : 'jsonrpc'
        : config.transport;
    const transport: OdooTransport =
      kind === 'json2'
        ? new Json2Transport(sender, { apiKey: config.apiKey ?? '' })
        : new JsonRpcTransport(sender, {
            db: config.db,
            login: config.login,
            secret: config.apiKey ?? config.password ?? '',
          });
    const client = new OdooClient(config, transport, { ...version, uid: 0 }, http, stats);
    const uid = await client.withPolicy('authenticate', () => transport.authenticate());
    (client.server as { uid: number }).uid = uid;
    return client;
  }

  /**
   * Runs an idempotent operation made of several calls (look up, then write) under the client's
   * one retry layer: the calls inside run once each, and the whole operation is run again on a
   * transient failure, at most `retries + 1` times in all — never retries nested on retries.
   *
   * @example
   * await odoo.retrying(async () => {
   *   const [found] = await odoo.searchRead('mail.message', { domain: [['message_id', '=', key]] });
   *   if (!found) await odoo.call('sale.order', 'message_post', { ids: [42], body: 'x', message_id: key });
   * });
   */
  retrying<T>(operation: () => Promise<T>): Promise<T> {
    return this.http.retrying(operation);
  }

  toJSON(): Record<string, unknown> {
    return {
      url: this.http.displayUrl,
      db: this.config.db,
      login: this.config.login,
      transport: this.transport,
      server: this.server,
      stats: this.stats,
    };
  }

  [inspect.custom](): string {
    return `OdooClient(${this.http.displayUrl} db=${this.config.db} login=${this.config.login} ${this.transport}, key ${MASK})`;
  }

  /**
   * Calls any public model method with named arguments; `context` from the config is merged
   * into every call.
   *
   * @example
   * await odoo.call('sale.order', 'action_lock', { ids: [42] });
   */
  async call(model: string, method: string, params: OdooCallParams = {}): Promise<unknown> {
    const context = {
      ...this.config.context,
      ...(params.context as Record<string, unknown> | undefined),
    };
    const full: OdooCallParams = { ...params, context };
    return this.withPolicy(method, async () => {
      try {
        return await this.transportImpl.execute(model, method, full);
      } catch (error) {
        if (
          error instanceof OdooSessionExpiredError &&
          this.transportImpl instanceof JsonRpcTransport
        ) {
          // Sessions only exist behind proxies that add them; authenticate again, once.
          this.transportImpl.reset();
          await this.transportImpl.authenticate();
          return this.transportImpl.execute(model, method, full);
        }
        throw error;
      }
    });
  }

  /**
   * `search_read` parsed into records (id checked, other values left as Odoo sent them).
   *
   * @example
   * await odoo.searchRead('res.partner', { domain: [['customer_rank', '>', 0]], fields: ['name'] });
   */
  async searchRead(model: string, options: SearchReadOptions = {}): Promise<OdooRecord[]> {
    const { domain = [], fields, order, limit, offset, context } = options;
    const result = await this.call(model, 'search_read', {
      domain,
      ...(fields ? { fields } : {}),
      ...(order ? { order } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(offset ? { offset } : {}),
      ...(context ? { context } : {}),
    });
    return parseRecords(result, model, 'search_read');
  }

  /**
   * `read` of the given ids; missing ids are simply absent from the answer.
   *
   * @example
   * const [order] = await odoo.read('sale.order', [42], ['name', 'state']);
   */
  async read(
    model: string,
    ids: readonly number[],
    fields?: readonly string[],
  ): Promise<OdooRecord[]> {
    if (ids.length === 0) return [];
    const result = await this.call(model, 'read', { ids, ...(fields ? { fields } : {}) });
    return parseRecords(result, model, 'read');
  }

  /**
   * `search_count` of a domain.
   *
   * @example
   * await odoo.searchCount('sale.order', [['state', '=', 'sale']]);
   */
  async searchCount(model: string, domain: readonly unknown[] = []): Promise<number> {
    const result = await this.call(model, 'search_count', { domain });
    const parsed = z.number().int().safeParse(result);
    if (!parsed.success) throw invalidShape(model, 'search_count');
    return parsed.data;
  }

  /**
   * Creates records from a list of values in one call and returns their ids.
   *
   * @example
   * const [id] = await odoo.create('res.partner', [{ name: 'Acme' }]);
   */
  async create(model: string, valsList: readonly Record<string, unknown>[]): Promise<number[]> {
    if (valsList.length === 0) return [];
    const result = await this.call(model, 'create', { vals_list: valsList });
    const parsed = IdList.safeParse(result);
    if (!parsed.success) throw invalidShape(model, 'create');
    return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  }

  /**
   * Writes the same values on several records.
   *
   * @example
   * await odoo.write('res.partner', [7], { credit_limit: 50000 });
   */
  async write(model: string, ids: readonly number[], vals: Record<string, unknown>): Promise<void> {
    if (ids.length === 0) return;
    await this.call(model, 'write', { ids, vals });
  }

  private async withPolicy<T>(method: string, attempt: () => Promise<T>): Promise<T> {
    const isRead = READ_METHODS.has(method) || method === 'authenticate';
    return this.http.run(attempt, {
      idempotent: isRead,
      canRetry: (error) =>
        error.retryable && (isRead || notProcessed(error as unknown as OdooError)),
    });
  }
}

/**
 * A write is only re-sent when Odoo surely did not carry it out: it refused it before running
 * it (429, 503), rolled it back (serialization failure), or the connection was never made.
 */
function notProcessed(error: OdooError): boolean {
  if (httpNotProcessed(error)) return true;
  if (error instanceof OdooServerError) return error.status === undefined; // serialization failure
  if (error instanceof OdooNetworkError) {
    return (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
  }
  return false;
}

function invalidShape(model: string, method: string, why?: string): OdooError {
  return new OdooServerError(
    `Odoo answered ${model}.${method} with an unexpected shape${why ? ` (${why})` : ''}`,
    { model, method },
  );
}

/**
 * Checks a record list in place: an array of objects with an integer `id`. Hand-written rather
 * than a zod schema because the records are re-parsed by their model's schema anyway and copying
 * every record of a large page here cost a tenth of a sync's CPU.
 */
function parseRecords(result: unknown, model: string, method: string): OdooRecord[] {
  if (!Array.isArray(result)) throw invalidShape(model, method, 'not a list');
  for (let i = 0; i < result.length; i++) {
    const record: unknown = result[i];
    if (
      typeof record !== 'object' ||
      record === null ||
      Array.isArray(record) ||
      !Number.isInteger((record as { id?: unknown }).id)
    ) {
      throw invalidShape(model, method, `record ${i}: id is not an integer`);
    }
  }
  return result as OdooRecord[];
}

async function probeVersion(
  sender: HttpSender,
  config: OdooConfig,
): Promise<{ major: number; version: string }> {
  const run = async () => {
    const answer = await sender.post(
      '/web/webclient/version_info',
      { jsonrpc: '2.0', method: 'call', params: {}, id: 0 },
      { method: 'version_info' },
    );
    if (answer.status === 404) return undefined;
    const json = parseJson(answer, { method: 'version_info', secrets: sender.secrets }) as {
      result?: unknown;
    };
    const info = VersionInfo.safeParse(json?.result);
    if (!info.success) return undefined;
    return { major: Number(info.data.server_version_info[0]), version: info.data.server_version };
  };
  const found = await sender.http.run(run, { idempotent: true });
  if (found) return found;
  if (config.transport === 'jsonrpc' || !config.apiKey) {
    throw new OdooLegacyApiDisabledError(
      'Cannot tell the Odoo version: /web/webclient/version_info is missing',
      { method: 'version_info' },
    );
  }
  return { major: 19, version: 'unknown (JSON-2 assumed)' };
}
