/**
 * Record / replay / live harness for the Odoo connector tests.
 *
 * - replay (default): every test runs against each recorded server under test/odoo/fixtures/<target>/
 *   through msw (`onUnhandledRequest: 'error'`), requests matched by path + canonical body.
 * - live: ODOO_URL, ODOO_DB, ODOO_USER, ODOO_KEY set → the same tests against that server.
 * - record: live + ODOO_RECORD=1 → also writes the fixtures (secrets replaced by `***`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { OdooConnector, type OdooConfigInput, type OdooConnectorOptions } from '../../src/index.js';

export const MASK = '***';
export const FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../test/odoo/fixtures',
);

export type Mode = 'replay' | 'record' | 'live';
export function odooMode(env = process.env): Mode {
  const live = !!(env.ODOO_URL && env.ODOO_DB && env.ODOO_USER && env.ODOO_KEY);
  if (live && env.ODOO_RECORD === '1') return 'record';
  return live ? 'live' : 'replay';
}

export interface Exchange {
  path: string;
  /** `Authorization` header (JSON-2), secrets masked. */
  auth?: string;
  body: unknown;
  status: number;
  contentType: string;
  response: string;
}

export interface Fixture {
  version: 1;
  server: string;
  major: number;
  url: string;
  db: string;
  login: string;
  recordedAt: string;
  scenario: Record<string, unknown>;
  exchanges: Exchange[];
}

/** JSON with sorted keys, the JSON-RPC `id` dropped (it counts up per client). */
export function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => k !== 'id' || !('jsonrpc' in v))
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

function maskText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s !== MASK) out = out.split(s).join(MASK);
  return out;
}

/** A client-side fault: return an error to throw instead of sending the request. */
export type FaultInjector = (request: { path: string; body: unknown }) => Error | undefined;

/** A fetch failure as undici makes it for a dropped connection. */
export function connectionReset(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
  });
}

export interface OdooTestContext {
  readonly mode: Mode;
  /** `odoo18` / `odoo19`. */
  readonly target: string;
  readonly major: number;
  readonly fixture: Fixture;
  /** The config the tests connect with (placeholder key in replay). */
  config(overrides?: Partial<OdooConfigInput>): OdooConfigInput;
  connect(
    overrides?: Partial<OdooConfigInput>,
    options?: OdooConnectorOptions & { fault?: FaultInjector; faultAfter?: FaultInjector },
  ): Promise<OdooConnector>;
  /** Runs `build` live (and records its result); in replay returns what was recorded. */
  scenario<T>(name: string, build: () => Promise<T>): Promise<T>;
  /** The msw server in replay mode (to prepend fault handlers), undefined live. */
  readonly msw: SetupServer | undefined;
}

function replayHandler(fixture: Fixture) {
  const queues = new Map<string, Exchange[]>();
  const used = new Map<string, number>();
  for (const ex of fixture.exchanges) {
    const key = `${ex.path} ${ex.auth ?? ''} ${canonical(ex.body)}`;
    const list = queues.get(key) ?? [];
    list.push(ex);
    queues.set(key, list);
  }
  return http.post(`${fixture.url}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const text = await request.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    const auth = request.headers.get('authorization') ?? '';
    const key = `${url.pathname} ${auth} ${canonical(body)}`;
    const list = queues.get(key);
    if (!list || list.length === 0) {
      // A request the recording does not have: fail loudly (a network error in the client).
      console.error(`[replay] no recorded exchange for ${key.slice(0, 600)}`);
      return HttpResponse.error();
    }
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    const ex = list[Math.min(n, list.length - 1)]!;
    let response = ex.response;
    const id = (body as { id?: unknown }).id;
    if (id !== undefined && ex.contentType.includes('json')) {
      try {
        const parsed = JSON.parse(response) as Record<string, unknown>;
        if (parsed && typeof parsed === 'object' && 'jsonrpc' in parsed) {
          parsed.id = id;
          response = JSON.stringify(parsed);
        }
      } catch {
        /* not JSON: replay as is */
      }
    }
    return new HttpResponse(response, {
      status: ex.status,
      headers: { 'Content-Type': ex.contentType },
    });
  });
}

function makeFetch(
  record: ((ex: Exchange) => void) | undefined,
  secrets: readonly (string | undefined)[],
  fault: FaultInjector | undefined,
  faultAfter?: FaultInjector,
): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const rawBody = typeof init?.body === 'string' ? init.body : 'null';
    const error = fault?.({ path: url.pathname, body: JSON.parse(rawBody) as unknown });
    if (error) throw error;
    // globalThis.fetch at call time: msw replaces it while a suite runs.
    const res = await globalThis.fetch(input, init);
    if (record) {
      const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
      record({
        path: url.pathname,
        ...(typeof auth === 'string' ? { auth: maskText(auth, secrets) } : {}),
        body: JSON.parse(maskText(rawBody, secrets)) as unknown,
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        response: maskText(await res.clone().text(), secrets),
      });
    }
    // The server did the work; the answer is lost on the way back.
    const lost = faultAfter?.({ path: url.pathname, body: JSON.parse(rawBody) as unknown });
    if (lost) throw lost;
    return res;
  };
}

// One msw server per test file: msw intercepts through a single interceptor, so describes swap
// handlers instead of creating servers.
let shared: SetupServer | undefined;
function sharedServer(): SetupServer {
  if (!shared) {
    const server = setupServer();
    shared = server;
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => {
      server.close();
      shared = undefined;
    });
  }
  return shared;
}

function targets(name: string): { target: string; fixture: Fixture }[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .filter((dir) => existsSync(join(FIXTURES, dir, `${name}.json`)))
    .sort()
    .map((dir) => ({
      target: dir,
      fixture: JSON.parse(readFileSync(join(FIXTURES, dir, `${name}.json`), 'utf8')) as Fixture,
    }));
}

/**
 * Declares a suite that runs against every recorded Odoo (replay) or the live one.
 * `name` is the fixture file name.
 */
export function describeOdoo(name: string, body: (ctx: OdooTestContext) => void): void {
  const mode = odooMode();
  if (mode === 'replay') {
    const found = targets(name);
    if (found.length === 0) {
      // A scenario without recordings must fail, not vanish from the run.
      it(`${name} has recorded fixtures`, () => {
        throw new Error(
          `no fixtures recorded for "${name}": record them with ODOO_RECORD=1 against a live Odoo`,
        );
      });
      return;
    }
    const msw = sharedServer(); // at file level: its hooks span every describe
    for (const { target, fixture } of found) {
      describe(`${name} [${target} ${fixture.server} replay]`, () => {
        const handler = replayHandler(fixture);
        beforeAll(() => msw.resetHandlers(handler));
        afterEach(() => msw.resetHandlers(handler));
        const ctx: OdooTestContext = {
          mode,
          target,
          major: fixture.major,
          fixture,
          msw,
          config: (overrides = {}) => ({
            url: fixture.url,
            db: fixture.db,
            login: fixture.login,
            apiKey: MASK,
            retryBaseDelayMs: 1,
            retryMaxDelayMs: 5,
            ...overrides,
          }),
          connect: (overrides = {}, options = {}) => {
            const { fault, faultAfter, ...rest } = options;
            return OdooConnector.connect(ctx.config(overrides), {
              fetch: makeFetch(undefined, [], fault, faultAfter),
              ...rest,
            });
          },
          scenario: (key) => {
            if (!(key in fixture.scenario))
              throw new Error(`scenario "${key}" not recorded in ${target}/${name}`);
            return Promise.resolve(fixture.scenario[key] as never);
          },
        };
        body(ctx);
      });
    }
    return;
  }
  // live or record: the target comes from the server itself
  const env = process.env;
  // Only the key is ever sent by the tests (masking the password would also mask a login 'admin').
  const secrets = [env.ODOO_KEY];
  const fixture: Fixture = {
    version: 1,
    server: '',
    major: 0,
    url: 'http://odoo.test',
    db: env.ODOO_DB!,
    login: env.ODOO_USER!,
    recordedAt: new Date().toISOString(),
    scenario: {},
    exchanges: [],
  };
  const record = mode === 'record' ? (ex: Exchange) => fixture.exchanges.push(ex) : undefined;
  let target = 'live';
  describe(`${name} [${mode} ${env.ODOO_URL}]`, () => {
    beforeAll(async () => {
      const probe = await OdooConnector.connect(ctx.config());
      fixture.server = probe.client.server.version;
      fixture.major = probe.client.server.major;
      target = `odoo${fixture.major}`;
    });
    afterAll(() => {
      if (mode !== 'record') return;
      const dir = join(FIXTURES, target);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
    });
    const ctx: OdooTestContext = {
      mode,
      get target() {
        return target;
      },
      get major() {
        return fixture.major;
      },
      fixture,
      msw: undefined,
      config: (overrides = {}) => ({
        url: env.ODOO_URL!,
        db: env.ODOO_DB!,
        login: env.ODOO_USER!,
        apiKey: env.ODOO_KEY!,
        retryBaseDelayMs: 1,
        retryMaxDelayMs: 5,
        ...overrides,
      }),
      connect: (overrides = {}, options = {}) => {
        const { fault, faultAfter, ...rest } = options;
        return OdooConnector.connect(ctx.config(overrides), {
          fetch: makeFetch(record, secrets, fault, faultAfter),
          ...rest,
        });
      },
      scenario: async (key, build) => {
        const value = await build();
        fixture.scenario[key] = value;
        return value;
      },
    };
    body(ctx);
  });
}

/** Replays recorded exchanges when recording: the url in fixtures is the placeholder host. */
export function fixtureUrl(): string {
  return 'http://odoo.test';
}
