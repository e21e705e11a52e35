/**
 * Record / replay / live harness for REST ERPs (Dolibarr first).
 *
 * - replay (default): each scenario's recorded exchanges are served through msw
 *   (`onUnhandledRequest: 'error'`): a request to a path never recorded fails the test, a request
 *   recorded but with another body is answered 599 and listed in `mismatches`.
 * - live: `DOLIBARR_URL` and `DOLIBARR_KEY` set → the same scenarios against that server.
 * - record: live + `DOLIBARR_RECORD=1` → also writes the fixture (the key masked as `***`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { SecretSet } from '../../src/index.js';
import { MASK } from '../../src/index.js';

export type Mode = 'replay' | 'record' | 'live';

/** One request and its answer, relative to the connector's base URL. */
export interface Exchange {
  method: string;
  /** Path below the base URL with its query string (values masked). */
  path: string;
  /** Request body (JSON parsed when it is JSON), masked. */
  body: unknown;
  status: number;
  contentType: string;
  link?: string;
  response: string;
}

export interface RestFixture {
  version: 1;
  erp: string;
  /** What the server said its version is (`GET /status`). */
  serverVersion: string;
  recordedAt: string;
  /** Run id used in effect keys (so a re-recording writes new markers). */
  run: string;
  scenarios: Record<string, Exchange[]>;
}

/** Sorted-key JSON, to compare request bodies. */
export function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(norm(value)) ?? '';
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A `fetch` that sends for real and writes every exchange of the current scenario down, the
 * secrets masked in paths, bodies and answers.
 *
 * @example
 * const rec = new Recorder(baseUrl, new SecretSet([key])); rec.scenario = 'sync all';
 * RestConnector.create(mapping, { fetch: rec.fetch });
 */
export class Recorder {
  readonly scenarios: Record<string, Exchange[]> = {};
  scenario = 'default';
  constructor(
    private readonly baseUrl: string,
    private readonly secrets: SecretSet,
  ) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const res = await globalThis.fetch(input, init);
    const text = await res.text();
    const m = (s: string) => this.secrets.mask(s);
    const exchange: Exchange = {
      method: init?.method ?? 'GET',
      path: m(url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : url),
      body: parseBody(typeof init?.body === 'string' ? m(init.body) : undefined),
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      ...(res.headers.get('link') ? { link: m(res.headers.get('link')!) } : {}),
      response: m(text),
    };
    (this.scenarios[this.scenario] ??= []).push(exchange);
    return new Response(text, { status: res.status, headers: res.headers });
  };

  /** Writes the fixture file (creating its folder). */
  save(file: string, meta: Omit<RestFixture, 'version' | 'scenarios' | 'recordedAt'>): void {
    mkdirSync(dirname(file), { recursive: true });
    const fixture: RestFixture = {
      version: 1,
      ...meta,
      recordedAt: new Date().toISOString(),
      scenarios: this.scenarios,
    };
    const text = `${JSON.stringify(fixture, null, 2)}\n`;
    for (const s of this.secrets.reveal()) {
      if (text.includes(s)) throw new Error('a secret survived masking; fixture not written');
    }
    writeFileSync(file, text);
  }
}

/**
 * Serves recorded exchanges through msw: `use(scenario)` installs one handler per recorded
 * method and path, answering the recorded exchanges in order (a request body must match).
 *
 * @example
 * const replay = new Replay(fixture, 'http://dolibarr.replay.test/api/index.php'); replay.start();
 * replay.use('sync all');
 */
export class Replay {
  readonly server: SetupServer;
  readonly mismatches: string[] = [];
  #left: Exchange[] = [];
  constructor(
    readonly fixture: RestFixture,
    private readonly baseUrl: string,
  ) {
    this.server = setupServer();
  }

  start(): void {
    this.server.listen({ onUnhandledRequest: 'error' });
  }

  stop(): void {
    this.server.close();
  }

  /**
   * Lets requests to `origin` (a service the test runs on 127.0.0.1) through, until the next
   * `use`: only the ERP's traffic is replayed.
   */
  allow(origin: string): void {
    this.server.use(http.all(`${origin}/*`, () => passthrough()));
  }

  /** Exchanges of the current scenario not asked for (a scenario that sent fewer requests). */
  get unused(): readonly Exchange[] {
    return this.#left;
  }

  use(scenario: string): void {
    const exchanges = this.fixture.scenarios[scenario];
    if (!exchanges) throw new Error(`no recorded scenario "${scenario}"`);
    this.#left = [...exchanges];
    const routes = new Map<string, Exchange[]>();
    for (const e of exchanges) {
      const key = `${e.method} ${e.path}`;
      routes.set(key, [...(routes.get(key) ?? []), e]);
    }
    this.server.resetHandlers(
      ...[...routes.keys()].map((key) => {
        const [method, ...rest] = key.split(' ');
        const full = `${this.baseUrl}${rest.join(' ')}`;
        const url = new URL(full);
        // msw matches the path; the query is compared here
        return http[method!.toLowerCase() as 'get' | 'put' | 'post' | 'delete' | 'patch'](
          `${url.origin}${url.pathname}`,
          async ({ request }) => {
            const asked = new URL(request.url);
            const path = `${asked.pathname.slice(new URL(this.baseUrl).pathname.length)}${asked.search}`;
            const body = canonical(parseBody(await request.text()));
            const i = this.#left.findIndex(
              (e) =>
                e.method === request.method &&
                (e.path === path || e.path === decodeURIComponent(path)) &&
                canonical(e.body) === body,
            );
            if (i < 0) {
              this.mismatches.push(`${request.method} ${path} ${body.slice(0, 200)}`);
              return new HttpResponse('not recorded', { status: 599 });
            }
            const [e] = this.#left.splice(i, 1);
            const headers: Record<string, string> = { 'Content-Type': e!.contentType };
            if (e!.link) headers.Link = e!.link;
            return new HttpResponse(e!.response, { status: e!.status, headers });
          },
        );
      }),
    );
  }
}

/** Reads a fixture file, or undefined when there is none. */
export function readFixture(file: string): RestFixture | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as RestFixture;
}

export { MASK };
