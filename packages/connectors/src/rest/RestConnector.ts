import { inspect } from 'node:util';
import {
  Customer,
  formatMessage,
  isOrderEffect,
  type CustomerInput,
  type Effect,
  type OrderInput,
} from '@ordergate/core';
import type {
  ErpConnector,
  ErpOrderChange,
  ErpOrderPage,
  ErpRejectedOrder,
} from '../ErpConnector.js';
import {
  ConnectorConfigError,
  ConnectorError,
  HttpError,
} from '../internal/http/ConnectorError.js';
import {
  HttpClient,
  bodySnippet,
  type HttpAnswer,
  type HttpClientOptions,
  type HttpRequest,
} from '../internal/http/HttpClient.js';
import { SecretSet } from '../internal/http/secrets.js';
import { RestAuthenticator, authSecrets, resolveValue, type RestEnv } from './auth.js';
import { decodeCheckpoint, encodeCheckpoint, type RestCheckpoint } from './RestCheckpoint.js';
import { orderIssue } from './orderIssue.js';
import { RestResponseError } from './RestErrors.js';
import {
  parseRestMapping,
  type CustomersBulk,
  type RestEndpoint,
  type RestMapping,
  type RestPagination,
  type RestWriteCall,
} from './RestMapping.js';
import {
  FieldError,
  compileFields,
  evalField,
  fieldEvaluator,
  getPath,
  isoInstant,
  msToNaive,
  segments,
  valueAt,
  zonedIsoMs,
  type RecordMapper,
  type ValueContext,
  currencyDecimals,
} from './values.js';

/** Connection settings besides the mapping: where secrets come from, and test hooks. */
export interface RestConnectorOptions extends Pick<
  HttpClientOptions,
  'fetch' | 'sleep' | 'random' | 'retry' | 'idleTimeoutMs' | 'maxResponseBytes' | 'onRetry'
> {
  /** Where `{ env: NAME }` references are read; default `process.env`. */
  env?: RestEnv;
  /** Clock (ms since epoch) for token expiry and `asOf`. */
  now?: () => number;
  /** Told about every request sent (retries included). */
  onSend?: (request: { method: string; path: string }) => void;
  /** Upper bound of pages read from one list (a server that never ends a list). Default 100 000. */
  maxPages?: number;
}

/** Request counters of a connector. */
export interface RestStats {
  requests: number;
  writes: number;
  tokensFetched: number;
}

/** A customer as one sync knows it: mapped, unknown (`reason`) or not fitting (`error`). */
interface KnownCustomer {
  customer?: CustomerInput;
  reason?: string;
  error?: RestResponseError;
}

/** The raw orders of one answer, and where each is in it (for messages: `orders[3]`, `orders/42`). */
interface RawOrders {
  /** Each is let go (set to undefined) once mapped: see `mapOrders`. */
  items: unknown[];
  /** Written only for a message: most orders never need it. */
  at: (index: number) => string;
}

type Mapped =
  | {
      ok: true;
      change: ErpOrderChange;
      changedMs: number;
      state: unknown;
      customerId: string;
      index: number;
    }
  | { ok: false; rejected: ErpRejectedOrder; changedMs: number | undefined };

/**
 * The generic REST connector (issue 13): implements `ErpConnector` from a mapping document, so
 * an integrator attaches ordergate to a REST ERP by writing YAML, not code. All traffic goes
 * through the shared `HttpClient` (total deadline, size cap, one retry layer, rate limit,
 * masked errors). Orders that do not fit the mapping go to the page's `rejected` with the path
 * that failed; nothing half-mapped is ever handed on.
 *
 * @example
 * const erp = RestConnector.create(await loadRestMapping('mapping.yaml'));
 * for await (const page of erp.changedOrders(saved)) { await handle(page); saved = page.checkpoint; }
 */
export class RestConnector implements ErpConnector {
  readonly erp: string;
  readonly mapping: RestMapping;
  readonly http: HttpClient;
  readonly #auth: RestAuthenticator;
  readonly #options: RestConnectorOptions;
  readonly #ctx: ValueContext;
  /** The mapping's field sets, compiled once per connector (see `compileFields`). */
  readonly #mappers: {
    order: RecordMapper;
    line: RecordMapper;
    /** The order's id, change time, reference and state, read apart. */
    id: (record: unknown) => unknown;
    changedAt: (record: unknown, ctx: ValueContext) => unknown;
    ref: ((record: unknown, ctx: ValueContext) => unknown) | undefined;
    state: ((record: unknown, ctx: ValueContext) => unknown) | undefined;
    customer: RecordMapper;
    receivables: RecordMapper | undefined;
    openOrders: RecordMapper | undefined;
  };
  readonly #stats = { requests: 0, writes: 0 };

  private constructor(mapping: RestMapping, options: RestConnectorOptions) {
    this.mapping = mapping;
    this.erp = mapping.erp;
    this.#options = options;
    const env = options.env ?? process.env;
    const problems: { field: string; fix: string }[] = [];
    const base = resolveValue(mapping.connection.baseUrl, env, 'connection.baseUrl', problems);
    if (problems.length > 0) throw new ConnectorConfigError('REST connector', problems);
    const secrets = new SecretSet(authSecrets(mapping.auth, env));
    const baseUrl = base.replace(/\/+$/, '') + mapping.connection.basePath.replace(/\/+$/, '');
    const http = {
      fetch: options.fetch,
      timeoutMs: mapping.connection.timeoutMs,
      retry: options.retry,
      sleep: options.sleep,
    };
    this.#auth = new RestAuthenticator(mapping.auth, env, baseUrl, secrets, http, options.now);
    this.http = new HttpClient({
      service: `REST ERP "${mapping.erp}"`,
      baseUrl,
      headers: () => this.#auth.headers(),
      secrets,
      ...http,
      idleTimeoutMs: options.idleTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      maxConcurrent: mapping.connection.maxConcurrent,
      maxPerSecond: mapping.connection.maxPerSecond,
      random: options.random,
      onRetry: options.onRetry,
      onSend: (r) => {
        this.#stats.requests++;
        options.onSend?.({ method: r.method, path: r.path });
      },
    });
    this.#ctx = { currencyDecimals: mapping.currencyDecimals };
    const c = mapping.customers;
    const of = mapping.orders.fields;
    const idSpec = of.id;
    this.#mappers = {
      // ref, changedAt and state are read apart: they are not part of the core's order
      order: compileFields(mapping.orders.fields, 'currency', APART),
      line: compileFields(mapping.orders.lineFields),
      id: pathReader(idSpec === undefined || typeof idSpec === 'string' ? idSpec : idSpec.path),
      changedAt: fieldEvaluator('changedAt', of.changedAt!),
      ref: of.ref ? fieldEvaluator('ref', of.ref) : undefined,
      state: of.state ? fieldEvaluator('state', of.state) : undefined,
      customer: compileFields(c.fields, 'credit.limit.currency'),
      receivables: c.receivables && compileFields(c.receivables.fields, 'currency'),
      openOrders: c.openOrders && compileFields(c.openOrders.fields, 'currency'),
    };
  }

  /**
   * Builds a connector from a mapping (a parsed `RestMapping`, an object or YAML/JSON text).
   * Throws `RestMappingError` for a bad mapping and `ConnectorConfigError` for a missing
   * environment variable or a bad base URL, before any request.
   *
   * @example
   * const erp = RestConnector.create(yamlText, { env: process.env });
   */
  static create(mapping: unknown, options: RestConnectorOptions = {}): RestConnector {
    return new RestConnector(parseRestMapping(mapping), options);
  }

  /** Requests sent, writes made and OAuth2 tokens fetched so far. */
  get stats(): RestStats {
    return { ...this.#stats, tokensFetched: this.#auth.tokensFetched };
  }

  // ---------------------------------------------------------------------------------------------
  // ErpConnector

  /**
   * Orders changed since `checkpoint`, oldest first, in pages. With `orders.incremental` and
   * page/offset pagination it reads by key (`modified ≥ last seen`, restarting at the first
   * page whenever the bound moves), so an order moved by a change between two requests is
   * neither skipped nor lost; the overlap window re-reads recent changes and drops those
   * already handled (same id and change time).
   *
   * @example
   * for await (const page of erp.changedOrders(saved)) await handle(page);
   */
  async *changedOrders(checkpoint?: string): AsyncGenerator<ErpOrderPage, void, undefined> {
    const m = this.mapping.orders;
    const inc = m.incremental;
    const cp: RestCheckpoint = decodeCheckpoint(checkpoint, inc ? Date.parse(inc.start) : 0);
    const overlapMs = (inc?.overlapSeconds ?? 0) * 1000;
    // each order handled within the overlap window (`id@changedMs`), with its change time
    const seen = new Map(cp.seen.map((mark) => [mark, markMs(mark)]));
    let high = cp.since;
    const sinceQuery = (ms: number): Record<string, string> => {
      if (!inc) return {};
      const since =
        inc.since.format === 'unix'
          ? String(Math.floor(ms / 1000))
          : inc.since.format === 'unixMs'
            ? String(ms)
            : inc.since.format === 'naive'
              ? msToNaive(ms, inc.since.zone)
              : isoInstant(Math.floor(ms / 1000) * 1000);
      return Object.fromEntries(
        Object.entries(inc.query).map(([k, v]) => [k, v.split('{since}').join(since)]),
      );
    };
    // Customers are read once per sync (their facts as of this sync), not once per page.
    const customers = new Map<string, KnownCustomer>();
    const handle = async (items: unknown[], offset: number): Promise<ErpOrderPage> => {
      const page = await this.mapOrders(
        { items, at: (i) => `orders[${offset + i}]` },
        (changedMs, id) => {
          if (changedMs !== undefined) high = Math.max(high, changedMs);
          if (!inc || changedMs === undefined) return true;
          const mark = `${id}@${changedMs}`;
          if (seen.has(mark)) return false;
          seen.set(mark, changedMs);
          return true;
        },
        customers,
      );
      const floor = high - overlapMs;
      for (const [mark, ms] of seen) if (ms < floor) seen.delete(mark);
      return {
        ...page,
        checkpoint: encodeCheckpoint({ since: high, seen: [...seen.keys()] }, !inc),
      };
    };

    const style = m.list.pagination.style;
    if (inc && (style === 'page' || style === 'offset')) {
      // Keyset reading: always from the highest change seen, restarting when it moves.
      let from = cp.since - overlapMs;
      let k = 0;
      for (let pages = 0; ; pages++) {
        this.guardPages(pages);
        const { items, full } = await this.pageAt(m.list, k, sinceQuery(from));
        const before = high;
        const result = await handle(items, k * this.pageSize(m.list));
        if (!full) {
          yield result;
          return;
        }
        yield result;
        if (high > before) {
          from = high;
          k = 0;
        } else {
          k++;
        }
      }
    }
    let offset = 0;
    for await (const items of this.list('orders', m.list, {}, sinceQuery(cp.since - overlapMs))) {
      yield await handle(items, offset);
      offset += items.length;
    }
  }

  /**
   * The orders with these ids as the ERP has them now; unknown ids (404) are left out.
   *
   * @example
   * const { orders, rejected } = await erp.ordersById(['42']);
   */
  async ordersById(ids: readonly string[]): Promise<Omit<ErpOrderPage, 'checkpoint'>> {
    const items: unknown[] = [];
    const found: string[] = [];
    for (const id of [...new Set(ids)]) {
      const raw = await this.getOne('orders', this.mapping.orders.get, { id });
      if (raw !== undefined) {
        items.push(raw);
        found.push(id);
      }
    }
    return this.mapOrders({ items, at: (i) => `orders/${found[i]!}` }, () => true);
  }

  /**
   * Fresh credit facts (limit, grade, open invoices, open orders) of these customers; unknown
   * ids are left out. A customer whose answer does not fit the mapping is a `RestResponseError`
   * naming the path.
   *
   * @example
   * const [acme] = await erp.creditFacts(['7']);
   */
  async creditFacts(customerIds: readonly string[]): Promise<CustomerInput[]> {
    const known = await this.readCustomers([...new Set(customerIds)]);
    const out: CustomerInput[] = [];
    for (const k of known.values()) {
      if (k.error) throw k.error;
      if (k.customer) out.push(k.customer);
    }
    return out;
  }

  /**
   * Carries out one effect with the mapping's write-back calls, idempotently by `effect.key`:
   * `marker` calls look for the effect's marker first and write nothing when it is there,
   * `natural` calls set a value (the same again), `keyHeader` calls let the ERP deduplicate.
   * The calls of one effect are retried as one operation (one retry layer). An effect type the
   * mapping neither writes nor skips is a `ConnectorError` `REST_EFFECT_UNMAPPED`.
   *
   * @example
   * await erp.apply({ type: 'lockOrder', key: 'o42:1:lock', orderId: '42' });
   */
  async apply(effect: Effect): Promise<void> {
    const wb = this.mapping.writeBack;
    if (wb.skip.includes(effect.type)) return;
    const configured = wb.effects[effect.type];
    if (!configured) {
      throw new ConnectorError(
        'REST_EFFECT_UNMAPPED',
        `The mapping of "${this.erp}" has no writeBack.effects.${effect.type}; add the call that writes it, or list it in writeBack.skip`,
        { retryable: false },
      );
    }
    const calls = Array.isArray(configured) ? configured : [configured];
    const vars = this.effectVars(effect);
    await this.http.retrying(async () => {
      for (const [i, call] of calls.entries()) await this.writeOne(call, i, calls.length, vars);
    });
  }

  /**
   * The order ids a webhook body names (`webhook.orderIdsPath`: a list of ids or one id).
   *
   * @example
   * const ids = erp.orderIdsFromWebhook({ data: { ids: [42] } }); // ['42']
   */
  orderIdsFromWebhook(body: unknown): string[] {
    const path = this.mapping.webhook?.orderIdsPath;
    if (!path)
      throw new ConnectorError(
        'REST_WEBHOOK_UNMAPPED',
        `The mapping of "${this.erp}" has no webhook.orderIdsPath`,
      );
    const { found, value } = getPath(body, path);
    const list = Array.isArray(value) ? value : [value];
    if (!found || list.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
      throw new RestResponseError('webhook', path, 'expected an order id or a list of them');
    }
    return list.map(String);
  }

  toJSON(): Record<string, unknown> {
    return { erp: this.erp, http: this.http.toJSON() };
  }

  [inspect.custom](): string {
    return `RestConnector(${this.erp} ${this.http.displayUrl}, auth ${this.mapping.auth.type}, secrets ***)`;
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  private guardPages(pages: number): void {
    const max = this.#options.maxPages ?? 100_000;
    if (pages >= max) {
      throw new ConnectorError(
        'REST_TOO_MANY_PAGES',
        `${this.erp}: a list went on past ${max} pages; check the mapping's pagination`,
      );
    }
  }

  private pageSize(e: RestEndpoint): number {
    const p = e.pagination;
    return p.style === 'offset' ? p.limit : p.style === 'none' ? 0 : p.size;
  }

  /** Sends a GET, refreshing an OAuth2 token once on 401; undefined for a 404 when allowed. */
  private async get(
    resource: string,
    path: string,
    query: Record<string, string | number | boolean>,
    notFound: boolean,
  ): Promise<HttpAnswer | undefined> {
    try {
      return await this.request({ method: 'GET', path, query, label: `${resource} GET ${path}` });
    } catch (error) {
      if (notFound && error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * `http.request`, sent once more with a fresh OAuth2 token after a 401, and with the lately
   * issued tokens masked in any error.
   */
  private async request(request: HttpRequest): Promise<HttpAnswer> {
    try {
      try {
        return await this.http.request(request);
      } catch (error) {
        if (error instanceof HttpError && error.status === 401 && this.#auth.refreshable) {
          this.#auth.invalidate();
          return await this.http.request(request);
        }
        throw error;
      }
    } catch (error) {
      if (error instanceof Error) {
        error.message = this.#auth.mask(error.message);
        if (error.cause instanceof Error)
          error.cause.message = this.#auth.mask(error.cause.message);
      }
      throw error;
    }
  }

  private parse(resource: string, answer: HttpAnswer, label: string): unknown {
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      throw new RestResponseError(
        resource,
        '(body)',
        `${label} answered HTTP ${answer.status} with ${answer.contentType || 'no content type'}, not JSON: ${this.#auth.mask(bodySnippet(this.#auth.mask(answer.text), this.http.secrets)) || '(empty body)'}`,
      );
    }
  }

  private async getOne(
    resource: string,
    e: RestEndpoint,
    vars: Record<string, string>,
  ): Promise<unknown> {
    const path = fill(e.path, vars, true);
    const answer = await this.get(resource, path, fillQuery(e.query, vars), true);
    if (!answer) return undefined;
    const json = this.parse(resource, answer, `GET ${path}`);
    const { found, value } = getPath(json, e.itemsPath);
    if (!found || value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new RestResponseError(
        resource,
        e.itemsPath || '(body)',
        `expected one record (an object), got ${kind(value)}`,
      );
    }
    return value;
  }

  private items(resource: string, json: unknown, e: RestEndpoint): unknown[] {
    const { found, value } = getPath(json, e.itemsPath);
    if (!found || !Array.isArray(value)) {
      throw new RestResponseError(
        resource,
        e.itemsPath || '(body)',
        `expected a list of records, got ${kind(value)}`,
      );
    }
    return value;
  }

  /** One page of a page/offset list (k counts from 0); `full` means another may follow. */
  private async pageAt(
    e: RestEndpoint,
    k: number,
    extra: Record<string, string>,
  ): Promise<{ items: unknown[]; full: boolean }> {
    const p = e.pagination;
    const query: Record<string, string | number | boolean> = { ...e.query, ...extra };
    let size = 0;
    let stopOn: 'short' | 'empty' = 'short';
    if (p.style === 'page') {
      query[p.pageParam] = p.firstPage + k;
      query[p.sizeParam] = size = p.size;
      stopOn = p.stopOn;
    } else if (p.style === 'offset') {
      query[p.offsetParam] = k * p.limit;
      query[p.limitParam] = size = p.limit;
      stopOn = p.stopOn;
    }
    const answer = await this.get('orders', e.path, query, e.notFoundMeansEmpty);
    if (!answer) return { items: [], full: false };
    const json = this.parse('orders', answer, `GET ${e.path}`);
    const items = this.items('orders', json, e);
    const paged = p.style === 'page' || p.style === 'offset' ? p : undefined;
    return { items, full: !lastPage('orders', json, paged, k * size, items.length, size, stopOn) };
  }

  /** Every page of a list endpoint, by its pagination style. */
  private async *list(
    resource: string,
    e: RestEndpoint,
    vars: Record<string, string>,
    extra: Record<string, string> = {},
  ): AsyncGenerator<unknown[], void, undefined> {
    const p = e.pagination;
    let path = fill(e.path, vars, true);
    let query: Record<string, string | number | boolean> = {
      ...fillQuery(e.query, vars),
      ...extra,
    };
    let previousCursor: string | undefined;
    for (let k = 0; ; k++) {
      this.guardPages(k);
      let size = 0;
      let stopOn: 'short' | 'empty' = 'short';
      if (p.style === 'page') {
        query[p.pageParam] = p.firstPage + k;
        query[p.sizeParam] = size = p.size;
        stopOn = p.stopOn;
      } else if (p.style === 'offset') {
        query[p.offsetParam] = k * p.limit;
        query[p.limitParam] = size = p.limit;
        stopOn = p.stopOn;
      } else if ((p.style === 'cursor' || p.style === 'link') && p.sizeParam && k === 0) {
        query[p.sizeParam] = p.size;
      }
      const answer = await this.get(resource, path, query, e.notFoundMeansEmpty);
      if (!answer) return;
      const json = this.parse(resource, answer, `GET ${path}`);
      const items = this.items(resource, json, e);
      yield items;
      if (p.style === 'none') return;
      if (p.style === 'page' || p.style === 'offset') {
        if (lastPage(resource, json, p, k * size, items.length, size, stopOn)) return;
        continue;
      }
      if (p.style === 'cursor') {
        const next = getPath(json, p.nextPath).value;
        if (next === undefined || next === null || next === '') return;
        if (typeof next !== 'string' && typeof next !== 'number') {
          throw new RestResponseError(
            resource,
            p.nextPath,
            `expected a cursor (text or number), got ${kind(next)}`,
          );
        }
        if (String(next) === previousCursor) {
          throw new RestResponseError(
            resource,
            p.nextPath,
            `the server gave the same cursor twice (${String(next).slice(0, 40)}); the list would never end`,
          );
        }
        previousCursor = String(next);
        query = { ...query, [p.cursorParam]: previousCursor };
        continue;
      }
      // link
      const next = nextLink(answer.headers.get('link'));
      if (!next) return;
      const resolved = new URL(next, `${this.http.baseUrl}${path}`);
      const base = new URL(this.http.baseUrl);
      const basePath = base.pathname.replace(/\/+$/, '');
      if (resolved.origin !== base.origin || !resolved.pathname.startsWith(basePath)) {
        throw new RestResponseError(
          resource,
          'Link',
          `next page ${resolved.origin}${resolved.pathname} is outside ${this.http.displayUrl}; not followed (credentials would go elsewhere)`,
        );
      }
      path = resolved.pathname.slice(basePath.length) || '/';
      query = Object.fromEntries(resolved.searchParams);
    }
  }

  /** The lines of an order: embedded (`lines.itemsPath`) or read from their endpoint. */
  private async linesOf(raw: unknown, id: string): Promise<unknown[]> {
    const l = this.mapping.orders.lines;
    if ('itemsPath' in l) return embeddedLines(raw, l.itemsPath);
    const all: unknown[] = [];
    for await (const items of this.list('order lines', l.endpoint, { id })) all.push(...items);
    return all;
  }

  /**
   * Maps raw orders; `keep(changedMs, id)` drops what was already handled (before its lines
   * are read). `cache` keeps customers for the length of one sync.
   */
  private async mapOrders(
    raws: RawOrders,
    keep: (changedMs: number | undefined, id: string) => boolean,
    cache = new Map<string, KnownCustomer>(),
  ): Promise<Omit<ErpOrderPage, 'checkpoint'>> {
    const mapped: Mapped[] = [];
    const l = this.mapping.orders.lines;
    // Embedded lines are mapped without a turn of the event loop per order.
    const embedded = 'itemsPath' in l ? l.itemsPath : undefined;
    for (let i = 0; i < raws.items.length; i++) {
      const head = this.orderHead(raws, i, keep);
      if (head === undefined || 'ok' in head) {
        if (head) mapped.push(head);
        raws.items[i] = undefined;
        continue;
      }
      let lines: unknown[] | FieldError;
      try {
        lines =
          embedded !== undefined
            ? embeddedLines(raws.items[i], embedded)
            : await this.linesOf(raws.items[i], head.id);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        lines = error;
      }
      mapped.push(this.orderWithLines(raws, i, head, lines));
      // The answer's record is not needed any more: let it go now rather than with the page, so
      // a collection during the page copies the orders still to map, not the whole answer.
      raws.items[i] = undefined;
    }
    const states = this.mapping.orders.syncStates;
    const ok: Extract<Mapped, { ok: true }>[] = [];
    const rejected: ErpRejectedOrder[] = [];
    const wantedSet = new Set<string>();
    for (const x of mapped) {
      if (!x.ok) rejected.push(x.rejected);
      else if (!states || states.includes(String(x.state))) {
        ok.push(x);
        wantedSet.add(x.customerId);
      }
    }
    const customers: CustomerInput[] = [];
    const failed = new Map<string, string>();
    const wanted = [...wantedSet];
    const unknown = wanted.filter((id) => !cache.has(id));
    if (unknown.length > 0)
      for (const [id, k] of await this.readCustomers(unknown)) cache.set(id, k);
    for (const id of wanted) {
      const known = cache.get(id)!;
      if (known.customer) customers.push(known.customer);
      else failed.set(id, known.reason!);
    }
    const orders: ErpOrderChange[] = [];
    for (const x of ok) {
      const reason = failed.get(x.customerId);
      if (reason)
        rejected.push({
          id: x.change.order.id,
          ref: x.change.ref,
          reason: `${raws.at(x.index)}: ${reason}`,
        });
      else orders.push(x.change);
    }
    return { orders, customers, rejected };
  }

  /**
   * An order up to its lines: dropped by `keep` (undefined), refused (a `Mapped` with the path
   * that failed), or its mapped head to which the lines are added.
   */
  private orderHead(
    raws: RawOrders,
    index: number,
    keep: (changedMs: number | undefined, id: string) => boolean,
  ): Mapped | OrderHead | undefined {
    const fields = this.mapping.orders.fields;
    const mappers = this.#mappers;
    const raw = raws.items[index];
    const rawId = mappers.id(raw);
    const fallbackId =
      typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `#${index}`;
    let changedMs: number | undefined;
    let ref = fallbackId;
    // The change time first, on its own: it moves the sync's bound and dedupes even when
    // another field of the order does not fit. Read once; a misfit is reported below, in turn.
    let changedAt: unknown;
    let changedError: FieldError | undefined;
    try {
      changedAt = mappers.changedAt(raw, this.#ctx);
      const ms =
        typeof changedAt === 'string' && ZONED.test(changedAt) ? zonedIsoMs(changedAt) : Number.NaN;
      if (!Number.isNaN(ms)) changedMs = ms;
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      changedError = error;
    }
    if (!keep(changedMs, fallbackId)) return undefined;
    try {
      const head = mappers.order(raw, this.#ctx);
      const id = String(head.id);
      const rawRef = mappers.ref?.(raw, this.#ctx);
      ref = typeof rawRef === 'string' || typeof rawRef === 'number' ? String(rawRef) : id;
      if (changedError) throw changedError;
      if (typeof changedAt !== 'string' || changedMs === undefined) {
        const spec = fields.changedAt!;
        throw new FieldError(
          typeof spec === 'string' ? spec : (spec.path ?? '(const)'),
          'changedAt',
          `expected a zoned date-time (use a timestamp transform), got ${JSON.stringify(changedAt)}`,
        );
      }
      const state = mappers.state?.(raw, this.#ctx);
      head.id = id;
      return { head, id, ref, changedAt, changedMs, state, fallbackId };
    } catch (error) {
      if (error instanceof FieldError)
        return misfit(raws, index, fallbackId, ref, changedMs, error);
      throw error;
    }
  }

  /** The order with its lines (or the `FieldError` reading them), checked against the core. */
  private orderWithLines(
    raws: RawOrders,
    index: number,
    h: OrderHead,
    rawLines: unknown[] | FieldError,
  ): Mapped {
    const { head, id, ref, changedAt, changedMs } = h;
    try {
      if (rawLines instanceof FieldError) throw rawLines;
      const ctx: ValueContext = {
        currency: typeof head.currency === 'string' ? head.currency : undefined,
        currencyDecimals: this.#ctx.currencyDecimals,
      };
      const mapLine = this.#mappers.line;
      const lines: Record<string, unknown>[] = [];
      for (let i = 0; i < rawLines.length; i++) {
        try {
          lines.push(mapLine(rawLines[i], ctx));
        } catch (error) {
          if (error instanceof FieldError)
            throw new FieldError(
              `lines[${i}].${error.path}`,
              `lines.${i}.${error.target}`,
              error.message,
            );
          throw error;
        }
      }
      head.lines = lines;
      const issue = orderIssue(head);
      if (issue) {
        const at = `${raws.at(index)}: ${issue.path || '(order)'}`;
        return refused(id, ref, changedMs, `${at}: ${issue.message}`);
      }
      const order = head as unknown as OrderInput;
      return {
        ok: true,
        change: { order, ref, changedAt },
        changedMs,
        state: h.state,
        customerId: String((head.customer as { id: unknown }).id),
        index,
      };
    } catch (error) {
      if (error instanceof FieldError)
        return misfit(raws, index, h.fallbackId, ref, changedMs, error);
      throw error;
    }
  }

  /**
   * Reads customers with their credit facts: the records by `customers.bulk` (batches of ids)
   * or one by one by `customers.get`, then each part (receivables, open orders) by its `bulk`
   * list or customer by customer. A customer whose answer does not fit the mapping gets the
   * `RestResponseError` naming the path (its orders are rejected, `creditFacts` throws it);
   * an unknown id gets `reason` only. Nothing half-filled is returned.
   */
  private async readCustomers(ids: readonly string[]): Promise<Map<string, KnownCustomer>> {
    const c = this.mapping.customers;
    const out = new Map<string, KnownCustomer>();
    const fail = (id: string, error: unknown): void => {
      if (!(error instanceof RestResponseError)) throw error;
      out.set(id, { reason: error.message, error });
    };
    const wrap = <T>(where: string, run: () => T): T => {
      try {
        return run();
      } catch (error) {
        if (error instanceof FieldError)
          throw new RestResponseError(
            'customers',
            `${where}.${error.path}`,
            error.message,
            error.target,
          );
        throw error;
      }
    };
    const candidates = new Map<string, Record<string, unknown>>();
    const head = (id: string, raw: unknown, at: string): void => {
      try {
        const candidate = wrap(at, () => this.#mappers.customer(raw, this.#ctx));
        candidate.id = String(candidate.id);
        const credit = candidate.credit as { limit?: { amount?: unknown } } | undefined;
        // A limit currency given as a constant means nothing without an amount: no limit then.
        if (credit?.limit && credit.limit.amount === undefined) delete credit.limit;
        candidates.set(id, candidate);
      } catch (error) {
        fail(id, error);
      }
    };
    if (c.bulk) {
      for (const batch of chunks(ids, c.bulk.batchSize)) {
        try {
          const found = await this.bulkCustomers(c.bulk, batch);
          for (const [id, { raw, at }] of found) head(id, raw, at);
        } catch (error) {
          for (const id of batch) fail(id, error);
        }
      }
    } else {
      for (const id of ids) {
        try {
          const raw = await this.getOne('customers', c.get, { id });
          if (raw !== undefined) head(id, raw, `customers/${id}`);
        } catch (error) {
          fail(id, error);
        }
      }
    }
    for (const part of ['receivables', 'openOrders'] as const) {
      const spec = c[part];
      const mapRow = this.#mappers[part];
      if (!spec || !mapRow) continue;
      const alive = ids.filter((id) => candidates.has(id) && !out.has(id));
      const rows = new Map<string, unknown[]>(alive.map((id) => [id, []]));
      const add = (id: string, item: unknown, where: string): void => {
        if (out.has(id)) return;
        try {
          const row = wrap(where, () => mapRow(item, this.#ctx));
          row.id = String(row.id);
          if (spec.skipZero && row.amount === 0) return;
          rows.get(id)!.push(row);
        } catch (error) {
          fail(id, error);
        }
      };
      if (spec.bulk) {
        const bulk = spec.bulk;
        for (const batch of chunks(alive, bulk.batchSize)) {
          const asked = new Set(batch);
          const label = `customers.${part}.bulk`;
          try {
            const items: unknown[] = [];
            for await (const page of this.list(label, bulk.list, {
              customerIds: batch.join(bulk.separator),
            }))
              items.push(...page);
            // The whole batch is checked before any row is taken: a record for a customer not
            // asked for means the filter was not honoured, and nothing of the batch is used.
            const owners = items.map((item, n) => {
              const owner = getPath(item, bulk.customerIdPath).value;
              const id =
                typeof owner === 'string' || typeof owner === 'number' ? String(owner) : undefined;
              if (id === undefined || !asked.has(id)) {
                throw new RestResponseError(
                  'customers',
                  `${label}[${n}].${bulk.customerIdPath}`,
                  id === undefined
                    ? `expected the customer id of the record, got ${kind(owner)}`
                    : `names customer ${id}, which was not asked for; does ${bulk.list.path} honour {customerIds}?`,
                );
              }
              return id;
            });
            const counts = new Map<string, number>();
            items.forEach((item, n) => {
              const id = owners[n]!;
              const k = counts.get(id) ?? 0;
              counts.set(id, k + 1);
              add(id, item, `customers/${id}/${part}[${k}]`);
            });
          } catch (error) {
            for (const id of batch) fail(id, error);
          }
        }
      } else {
        for (const id of alive) {
          try {
            let n = 0;
            for await (const items of this.list(`customers.${part}`, spec.list, {
              customerId: id,
            })) {
              for (const item of items) add(id, item, `customers/${id}/${part}[${n++}]`);
            }
          } catch (error) {
            fail(id, error);
          }
        }
      }
      for (const [id, list] of rows) {
        const candidate = candidates.get(id);
        if (candidate) candidate[part] = list;
      }
    }
    const asOf = isoInstant(Math.floor((this.#options.now?.() ?? Date.now()) / 1000) * 1000);
    for (const id of ids) {
      if (out.has(id)) continue;
      const candidate = candidates.get(id);
      if (!candidate) {
        out.set(id, { reason: `customer ${id} not found in the ERP` });
        continue;
      }
      candidate.asOf = asOf;
      const parsed = Customer.safeParse(candidate);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        fail(
          id,
          new RestResponseError(
            'customers',
            `customers/${id}`,
            issue.message,
            issue.path.join('.'),
          ),
        );
        continue;
      }
      out.set(id, { customer: candidate as CustomerInput });
    }
    return out;
  }

  /**
   * One batch of customers by `customers.bulk`: every page of the list, each record matched by
   * its mapped id. A record without a readable id, for an id not asked for, or twice, is a
   * `RestResponseError` for the whole batch.
   */
  private async bulkCustomers(
    bulk: CustomersBulk,
    batch: readonly string[],
  ): Promise<Map<string, { raw: unknown; at: string }>> {
    const asked = new Set(batch);
    const found = new Map<string, { raw: unknown; at: string }>();
    const idSpec = this.mapping.customers.fields.id!;
    let n = 0;
    for await (const items of this.list('customers.bulk', bulk.list, {
      customerIds: batch.join(bulk.separator),
    })) {
      for (const raw of items) {
        const at = `customers.bulk[${n++}]`;
        let id: string;
        try {
          id = String(evalField(raw, idSpec, 'id', this.#ctx));
        } catch (error) {
          if (!(error instanceof FieldError)) throw error;
          throw new RestResponseError('customers', `${at}.${error.path}`, error.message, 'id');
        }
        if (!asked.has(id) || found.has(id)) {
          throw new RestResponseError(
            'customers',
            `${at}.id`,
            found.has(id)
              ? `customer ${id} came twice in one batch`
              : `customer ${id} was not asked for; does ${bulk.list.path} honour {customerIds}?`,
          );
        }
        found.set(id, { raw, at: `customers/${id}` });
      }
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // writing

  private effectVars(effect: Effect): Record<string, unknown> {
    const locale = this.mapping.writeBack.locale;
    const e = effect as Effect & Record<string, unknown>;
    let text = '';
    switch (effect.type) {
      case 'postMessage':
      case 'notify':
      case 'customerNotice':
        text = formatMessage(effect.messageKey, effect.params, locale);
        break;
      case 'cancelOrder':
        text = `Order cancelled by ordergate: ${effect.reason}`;
        break;
      case 'lockOrder':
        text = 'Order locked by ordergate';
        break;
      case 'unlockOrder':
        text = 'Order unlocked by ordergate';
        break;
      case 'scheduleApproval':
        text = `Approval "${effect.step}" requested from ${[...effect.roles, ...effect.users].join(', ')}${effect.deadline ? ` by ${effect.deadline}` : ''}`;
        break;
      case 'closeApproval':
        text = `Approval "${effect.step}" closed`;
        break;
      case 'updateCreditTerms':
        text = `Credit terms set through ordergate (CR-3, request ${effect.requestId})${effect.grade ? `: grade ${effect.grade}` : ''}${effect.limit ? `, limit ${majorUnits(effect.limit.amount, effect.limit.currency, this.mapping.currencyDecimals)} ${effect.limit.currency}` : ''}`;
        break;
      case 'procurementNeed':
        text = `Procurement needed: ${effect.lines.map((l) => `line ${l.lineId} short ${l.shortQuantity}`).join(', ')}`;
        break;
    }
    const marker = this.mapping.writeBack.marker.split('{key}').join(effect.key);
    return {
      key: effect.key,
      marker,
      orderId: isOrderEffect(effect) ? effect.orderId : '',
      customerId:
        'customerId' in effect && typeof effect.customerId === 'string' ? effect.customerId : '',
      type: effect.type,
      text,
      reason: typeof e.reason === 'string' ? e.reason : '',
      step: typeof e.step === 'string' ? e.step : '',
      deadline: typeof e.deadline === 'string' ? e.deadline : '',
      roles: Array.isArray(e.roles) ? (e.roles as string[]).join(', ') : '',
      // updateCreditTerms (CR-3): the governed grade, and the limit in major units as a decimal
      grade: effect.type === 'updateCreditTerms' ? (effect.grade ?? '') : '',
      limit:
        effect.type === 'updateCreditTerms' && effect.limit
          ? majorUnits(effect.limit.amount, effect.limit.currency, this.mapping.currencyDecimals)
          : '',
      now: isoInstant(Math.floor((this.#options.now?.() ?? Date.now()) / 1000) * 1000),
    };
  }

  private async writeOne(
    call: RestWriteCall,
    i: number,
    count: number,
    vars: Record<string, unknown>,
  ): Promise<void> {
    const v: Record<string, unknown> = { ...vars };
    if (call.check) {
      const path = fill(call.check.path, v, true);
      const answer = await this.get('write-back', path, {}, false);
      const current = this.parse('write-back', answer!, `GET ${path}`);
      const field = getPath(current, call.check.field).value;
      const text = typeof field === 'string' ? field : (JSON.stringify(field) ?? '');
      if (call.idempotency === 'marker' && text.includes(String(v.marker))) return;
      v.current = current;
    }
    const path = fill(call.path, v, true);
    const headers: Record<string, string> = {};
    if (call.idempotency === 'keyHeader')
      headers[call.keyHeader] = count > 1 ? `${String(v.key)}:${i}` : String(v.key);
    const request = {
      method: call.method,
      path,
      query: fillQuery(call.query, v),
      body: call.body === undefined ? undefined : fillBody(call.body, v),
      headers,
      idempotent: true,
      label: `write-back ${String(v.type)} ${call.method} ${path}`,
    };
    await this.request(request);
    this.#stats.writes++;
  }
}

const ZONED = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a page of a page/offset list is its last: fewer items than asked (`stopOn: short`) or
 * none (`empty`), or, with `totalPath`, the records read so far (`before` + this page) reach the
 * total the answer gives. A total that is not a whole number ≥ 0 is a `RestResponseError` naming
 * the path: a list that cannot say where it ends is not read on a guess.
 */
function lastPage(
  resource: string,
  json: unknown,
  p: Extract<RestPagination, { style: 'page' | 'offset' }> | undefined,
  before: number,
  count: number,
  size: number,
  stopOn: 'short' | 'empty',
): boolean {
  if (stopOn === 'short' ? count < size : count === 0) return true;
  if (p?.totalPath === undefined) return false;
  const total = getPath(json, p.totalPath).value;
  const n = typeof total === 'string' && /^\d+$/.test(total) ? Number(total) : total;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RestResponseError(
      resource,
      p.totalPath,
      `expected the number of records in all (a whole number), got ${kind(total)}`,
    );
  }
  return before + count >= n;
}

/** An order mapped up to its lines (`orderHead`). */
interface OrderHead {
  head: Record<string, unknown>;
  id: string;
  ref: string;
  changedAt: string;
  changedMs: number;
  state: unknown;
  fallbackId: string;
}

/** An order refused, with why (the path that failed). */
function refused(id: string, ref: string, changedMs: number | undefined, reason: string): Mapped {
  return { ok: false, changedMs, rejected: { id, ref, reason } };
}

/** An order that does not fit the mapping: refused with the path that failed. */
function misfit(
  raws: RawOrders,
  index: number,
  id: string,
  ref: string,
  changedMs: number | undefined,
  error: FieldError,
): Mapped {
  const at = `${raws.at(index)}.${error.path} (→ ${error.target})`;
  return refused(id, ref, changedMs, `${at}: ${error.message}`);
}

/** Embedded lines (`lines.itemsPath`); a `FieldError` when they are not a list. */
function embeddedLines(raw: unknown, itemsPath: string): unknown[] {
  const { value } = getPath(raw, itemsPath);
  if (!Array.isArray(value))
    throw new FieldError(itemsPath, 'lines', `expected a list of lines, got ${kind(value)}`);
  return value as unknown[];
}

/** Reads a path (`getPath`'s value), split once; an absent path reads the record itself. */
function pathReader(path: string | undefined): (record: unknown) => unknown {
  const parts = segments(path ?? '');
  return (record) => valueAt(record, parts);
}

/** Order targets the connector reads apart from the core's order. */
const APART: ReadonlySet<string> = new Set(['ref', 'changedAt', 'state']);

/** The change time of a checkpoint's `id@changedMs` mark. */
function markMs(mark: string): number {
  return Number(mark.slice(mark.lastIndexOf('@') + 1));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

function lookup(vars: Record<string, unknown>, name: string): unknown {
  if (name.startsWith('current.'))
    return getPath(vars.current, name.slice('current.'.length)).value;
  return vars[name];
}

function fill(template: string, vars: Record<string, unknown>, encode: boolean): string {
  return template.replace(/\{([A-Za-z_][\w.]*)\}/g, (whole, name: string) => {
    const value = lookup(vars, name);
    if (value === undefined) return whole;
    const s =
      value === null ? '' : typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    return encode ? encodeURIComponent(s) : s;
  });
}

function fillQuery(
  query: Record<string, string | number | boolean>,
  vars: Record<string, unknown>,
): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? fill(v, vars, false) : v]),
  );
}

function fillBody(body: unknown, vars: Record<string, unknown>): unknown {
  if (typeof body === 'string') {
    const whole = /^\{([A-Za-z_][\w.]*)\}$/.exec(body);
    if (whole) {
      const value = lookup(vars, whole[1]!);
      if (value !== undefined && typeof value !== 'object') return value;
    }
    return fill(body, vars, false);
  }
  if (Array.isArray(body)) return body.map((b) => fillBody(b, vars));
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fillBody(v, vars)]));
  }
  return body;
}

/** The `rel="next"` target of a `Link` header (RFC 8288). */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2]!)) return m[1];
  }
  return undefined;
}

/** An amount in minor units as a decimal string in major units (`123456`, EUR → `1234.56`). */
function majorUnits(
  minor: number,
  currency: string,
  overrides: Readonly<Record<string, number>>,
): string {
  const decimals = currencyDecimals(currency, overrides);
  if (decimals === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
