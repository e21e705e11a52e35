// Issue 13: the shared HTTP layer against a real server on 127.0.0.1 that answers badly — a body
// dripping a byte at a time, a 64 MB page, pages echoing the key, credentials in URLs, bad
// configs, transient faults — through the Odoo client and through the ERP-neutral HttpClient.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectorConfigError,
  ConnectorError,
  HttpClient,
  HttpError,
  OdooClient,
  OdooConnector,
  OdooInvalidResponseError,
  OdooTimeoutError,
  OdooWriteBack,
  SecretSet,
  odooConfigFromEnv,
  parseOdooConfig,
  type OdooConfigInput,
} from '../src/index.js';
import {
  closedPort,
  drip,
  json,
  rpcResult,
  startOdoo,
  streamFiller,
  type HostileServer,
} from './support/hostileServer.js';

const KEY = '7f3a9c1e5b8d2f4a6c0e9b1d3f5a7c9e2b4d6f80';

/** Every text an error exposes: message, stack, JSON, inspect, Odoo fields, the cause chain. */
function exposed(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const x = e as Error & Record<string, unknown>;
    parts.push(
      String(x.message),
      String(x.stack),
      JSON.stringify(x),
      inspect(x, { depth: 5 }),
      String(x.odooName),
      String(x.odooMessage),
    );
    e = x.cause;
  }
  return parts.join('\n');
}

/** The first piece of `secret` of 8+ characters found in `text` (any case), if any. */
function leakedPiece(text: string, secret: string): string | undefined {
  const lower = text.toLowerCase();
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8).toLowerCase();
    if (lower.includes(piece)) return piece;
  }
  return undefined;
}

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const config = (url: string, over: Partial<OdooConfigInput> = {}): OdooConfigInput => ({
  url,
  db: 'og18',
  login: 'admin',
  apiKey: KEY,
  retries: 0,
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5,
  ...over,
});

describe('issue 13: total deadline per call', () => {
  it('issue 13: a body dripping one byte every 200 ms fails a 500 ms call at ~500 ms', async () => {
    server = await startOdoo(18, async (_c, _req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      await drip(res, 200, 50); // 10 s if nobody stops it
    });
    const odoo = await OdooClient.connect(config(server.url, { timeoutMs: 500 }));
    const started = performance.now();
    const error = await odoo.searchRead('sale.order').catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(OdooTimeoutError);
    expect((error as Error).message).toContain('500 ms deadline');
    expect(((error as Error).cause as HttpError).code).toBe('HTTP_TIMEOUT');
    expect(((error as Error).cause as HttpError).receivedBytes).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeGreaterThanOrEqual(480);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('issue 13: the idle timeout is distinct — silence fails it early, a drip does not reset the deadline', async () => {
    server = await startOdoo(18, async (c, _req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (c.n === 1) return; // headers, then silence
      await drip(res, 100, 100);
    });
    const odoo = await OdooClient.connect(
      config(server.url, { timeoutMs: 1_000, idleTimeoutMs: 250 }),
    );
    let started = performance.now();
    const silent = await odoo.searchCount('sale.order').catch((e: unknown) => e);
    let elapsed = performance.now() - started;
    expect(silent).toBeInstanceOf(OdooTimeoutError);
    expect(((silent as Error).cause as HttpError).code).toBe('HTTP_IDLE_TIMEOUT');
    expect((silent as Error).message).toContain('sent nothing for 250 ms');
    expect(elapsed).toBeGreaterThanOrEqual(230);
    expect(elapsed).toBeLessThan(700);

    started = performance.now();
    const dripping = await odoo.searchCount('sale.order').catch((e: unknown) => e);
    elapsed = performance.now() - started;
    expect(((dripping as Error).cause as HttpError).code).toBe('HTTP_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(980);
    expect(elapsed).toBeLessThan(1_500);
  });
});

describe('issue 13: response size limit', () => {
  it('issue 13: a 64 MB error page is cut off at the 16 MiB default, streamed, never buffered whole', async () => {
    server = await startOdoo(18, async (_c, _req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/html' }); // chunked: no Content-Length
      await streamFiller(res, 64 * 1024 * 1024);
    });
    const odoo = await OdooClient.connect(config(server.url, { timeoutMs: 20_000 }));
    const before = process.memoryUsage();
    const error = await odoo.searchRead('sale.order').catch((e: unknown) => e);
    const after = process.memoryUsage();
    expect(error).toBeInstanceOf(OdooInvalidResponseError);
    expect((error as Error).message).toContain('maxResponseBytes (16777216 bytes)');
    const received = ((error as Error).cause as HttpError).receivedBytes ?? 0;
    expect(received).toBeGreaterThan(16 * 1024 * 1024);
    expect(received).toBeLessThanOrEqual(16 * 1024 * 1024 + 256 * 1024);
    // the server could not push the whole page: the client closed the connection
    await new Promise((r) => setTimeout(r, 100));
    expect(server.written.bytes).toBeLessThan(40 * 1024 * 1024);
    // what is still held after the call is far below the page (300 MB before issue 13)
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
  });

  it('issue 13: a declared Content-Length over the limit fails before reading, and the limit is configurable', async () => {
    server = await startOdoo(18, async (_c, _req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2_000_000 });
      await streamFiller(res, 2_000_000);
    });
    const odoo = await OdooClient.connect(config(server.url, { maxResponseBytes: 1_000_000 }));
    const error = await odoo.searchRead('sale.order').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooInvalidResponseError);
    expect((error as Error).message).toContain('Content-Length 2000000');
    expect(((error as Error).cause as HttpError).receivedBytes).toBe(0);
  });
});

describe('issue 13: secrets masked before anything is cut or cleaned, in every field', () => {
  it('issue 13: an HTML error page echoing the key leaves no piece of 8+ characters of it', async () => {
    const pages = [
      // the key straddles the 160-character cut of the snippet
      `<html><body><h1>Proxy error</h1><p>${'x'.repeat(130)} key=${KEY}</p></body></html>`,
      // split by tags, upper-cased, URL- and HTML-encoded, partially echoed
      `<html><p>Bad key ${KEY.slice(0, 17)}<wbr>${KEY.slice(17)}</p><p>${KEY.toUpperCase()}</p>` +
        `<a href="/login?key=${encodeURIComponent(KEY)}">again</a><p>…${KEY.slice(5, 33)}…</p></html>`,
    ];
    let page = 0;
    server = await startOdoo(18, (_c, _req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(pages[page++]);
    });
    const odoo = await OdooClient.connect(config(server.url));
    for (let i = 0; i < pages.length; i++) {
      const error = await odoo.searchRead('sale.order').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OdooInvalidResponseError);
      expect((error as Error).message).toContain('***');
      expect(leakedPiece(exposed(error), KEY)).toBeUndefined();
    }
  });

  it("issue 13: JSON-2's name, message and debug, and JSON-RPC's data, never carry the key", async () => {
    server = await startOdoo(19, (_c, _req, res) =>
      json(res, 401, {
        name: `odoo.exceptions.AccessDenied: ${KEY}`,
        message: `Invalid API key ${KEY.slice(0, 30)}`,
        arguments: [KEY],
        context: {},
        debug: `Traceback …\nAccessDenied: ${KEY}`,
      }),
    );
    const odoo = await OdooClient.connect(config(server.url, { db: 'og19' }));
    expect(odoo.transport).toBe('json2');
    const error = (await odoo.searchCount('sale.order').catch((e: unknown) => e)) as Error & {
      odooName?: string;
    };
    expect(error.name).toBe('OdooAuthenticationError');
    expect(error.odooName).toBe('odoo.exceptions.AccessDenied: ***');
    expect(leakedPiece(exposed(error), KEY)).toBeUndefined();
    await server.close();

    server = await startOdoo(18, (_c, _req, res) =>
      json(res, 200, {
        jsonrpc: '2.0',
        id: 1,
        error: {
          code: 200,
          message: `Odoo Server Error ${KEY.slice(3)}`,
          data: {
            name: `odoo.exceptions.AccessError ${KEY.slice(0, 12)}`,
            message: `no access for ${KEY.toUpperCase()}`,
            debug: `Traceback ${KEY}`,
          },
        },
      }),
    );
    const rpc = await OdooClient.connect(config(server.url));
    const rpcError = await rpc.searchCount('sale.order').catch((e: unknown) => e);
    expect(rpcError).toBeInstanceOf(ConnectorError);
    expect(leakedPiece(exposed(rpcError), KEY)).toBeUndefined();
  });

  it('issue 13: util.inspect and JSON.stringify of the client, config, transports, HTTP client and errors never show the key', async () => {
    server = await startOdoo(18, (c, _req, res) =>
      c.n === 1 ? rpcResult(res, c.body, 3) : void res.writeHead(503).end(`busy ${KEY}`),
    );
    const password = 'correct-horse-battery-staple';
    const odoo = await OdooClient.connect(config(server.url));
    const withPassword = parseOdooConfig({ ...config(server.url), apiKey: undefined, password });
    const error = await odoo
      .searchCount('sale.order')
      .then(() => odoo.searchCount('sale.order').catch((e: unknown) => e));
    const internals = odoo as unknown as Record<string, unknown>;
    const things: unknown[] = [
      odoo,
      odoo.config,
      withPassword,
      internals.transportImpl,
      internals.http,
      error,
      new HttpClient({ service: 'X', baseUrl: server.url, secrets: new SecretSet([KEY]) }),
    ];
    for (const thing of things) {
      const text = `${inspect(thing, { depth: Infinity })}\n${JSON.stringify(thing) ?? ''}`;
      expect(leakedPiece(text, KEY)).toBeUndefined();
      expect(leakedPiece(text, password)).toBeUndefined();
    }
    // still usable
    expect(odoo.config.apiKey).toBe(KEY);
    expect(withPassword.password).toBe(password);
  });
});

describe('issue 13: credentials never taken from or printed with a URL', () => {
  it('issue 13: https://user:pass@host is refused with a typed config error pointing to the key/password settings', async () => {
    for (const url of [
      'https://bot:s3cr3t-pw-in-url@erp.example.com',
      'bot:s3cr3t-pw-in-url@erp.example.com',
      'https://erp.example.com/?api_key=s3cr3t-pw-in-url',
    ]) {
      const error = await OdooClient.connect(config(url)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorConfigError);
      expect((error as ConnectorConfigError).problems[0]?.field).toBe('url');
      expect((error as Error).message).toMatch(/key \/ password settings|query/);
      expect(exposed(error)).not.toContain('s3cr3t');
    }
    expect(
      () =>
        new HttpClient({ service: 'Shop', baseUrl: 'https://u:s3cr3t-pw-in-url@shop.example.com' }),
    ).toThrow(ConnectorConfigError);
  });

  it('issue 13: a URL in an error is printed without credentials or query secrets', async () => {
    const port = await closedPort();
    const http = new HttpClient({
      service: 'Shop',
      baseUrl: `http://127.0.0.1:${port}/api`,
      secrets: new SecretSet([KEY]),
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await http
      .request({ method: 'GET', path: '/orders', query: { api_key: KEY, page: 2 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('HTTP_NETWORK');
    expect((error as HttpError).errno).toBe('ECONNREFUSED');
    expect((error as Error).message).toBe(
      `Cannot reach Shop at http://127.0.0.1:${port}/api (GET /orders): ECONNREFUSED`,
    );
    expect(leakedPiece(exposed(error), KEY)).toBeUndefined();
  });
});

describe('issue 13: configuration errors are typed connector errors that say what to fix', () => {
  it('issue 13: a malformed URL, a missing key and a wrong type are a ConnectorConfigError, never a ZodError', async () => {
    const error = await OdooClient.connect({
      url: 'htp//erp',
      db: 'prod',
      login: 'bot',
      timeoutMs: 'soon',
    } as unknown as OdooConfigInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect((error as Error).name).toBe('ConnectorConfigError');
    const problems = (error as ConnectorConfigError).problems;
    expect(problems.map((p) => p.field).sort()).toEqual(['apiKey', 'timeoutMs', 'url']);
    expect(problems.find((p) => p.field === 'url')?.fix).toContain('https://erp.example.com');
    expect(problems.find((p) => p.field === 'apiKey')?.fix).toContain('apiKey or password');

    const fromEnv = (() => {
      try {
        return odooConfigFromEnv({ ODOO_URL: 'not a url', ODOO_DB: 'prod', ODOO_KEY: KEY });
      } catch (e) {
        return e;
      }
    })();
    expect(fromEnv).toBeInstanceOf(ConnectorConfigError);
    expect((fromEnv as ConnectorConfigError).problems.map((p) => p.field).sort()).toEqual([
      'ODOO_URL',
      'ODOO_USER',
    ]);
    expect(exposed(fromEnv)).not.toContain(KEY);
  });
});

describe('issue 13: one retry layer, transient faults only', () => {
  it('issue 13: 502/503/504 and a refused connection are retried; 500 and 400 are not', async () => {
    const statuses = [502, 503, 504, 200];
    server = await startOdoo(18, (c, _req, res) =>
      statuses[c.n - 1] === 200
        ? rpcResult(res, c.body, 7)
        : void res.writeHead(statuses[c.n - 1] ?? 500).end('busy'),
    );
    const odoo = await OdooClient.connect(config(server.url, { retries: 3 }));
    expect(await odoo.searchCount('sale.order')).toBe(7);
    expect(server.calls).toHaveLength(4);
    expect(odoo.stats.retries).toBe(3);
    await server.close();

    for (const status of [500, 400]) {
      server = await startOdoo(18, (_c, _req, res) => void res.writeHead(status).end('no'));
      const again = await OdooClient.connect(config(server.url, { retries: 3 }));
      await expect(again.searchCount('sale.order')).rejects.toBeInstanceOf(
        OdooInvalidResponseError,
      );
      expect(server.calls).toHaveLength(1);
      await server.close();
    }
    server = undefined;

    const http = new HttpClient({
      service: 'Shop',
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    let sent = 0;
    const refused = await http
      .run(
        () => {
          sent++;
          return http.send({ method: 'POST', path: '/orders', body: {} });
        },
        { idempotent: false },
      )
      .catch((e: unknown) => e);
    expect((refused as HttpError).notSent).toBe(true);
    expect(sent).toBe(3); // never sent, so safe to send again even for a POST
  });

  it('issue 13: 429 with Retry-After waits what the server asks; a write that timed out is not sent again', async () => {
    server = await startOdoo(18, (c, _req, res) => {
      if (c.n === 1) return void res.writeHead(429, { 'Retry-After': '1' }).end('slow down');
      if (c.method === 'write') return; // never answers
      rpcResult(res, c.body, 5);
    });
    const delays: number[] = [];
    const odoo = await OdooClient.connect(
      config(server.url, { retries: 3, timeoutMs: 300, maxConcurrent: 4 }),
      { onRetry: (_e, _n, delay) => delays.push(delay) },
    );
    const started = performance.now();
    expect(await odoo.searchCount('sale.order')).toBe(5);
    expect(delays).toEqual([1_000]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);

    await expect(odoo.write('sale.order', [1], { note: 'x' })).rejects.toBeInstanceOf(
      OdooTimeoutError,
    );
    expect(server.calls.filter((c) => c.method === 'write')).toHaveLength(1);
  });

  it('issue 13: a Retry-After beyond maxRetryAfterMs is not waited for', async () => {
    server = await startOdoo(18, (_c, _req, res) => {
      res.writeHead(503, { 'Retry-After': '3600' }).end('maintenance');
    });
    const odoo = await OdooClient.connect(config(server.url, { retries: 3 }));
    const error = await odoo.searchCount('sale.order').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooInvalidResponseError);
    expect((error as ConnectorError).retryAfterMs).toBe(3_600_000);
    expect(server.calls).toHaveLength(1);
  });

  it('issue 13: the write-back does not nest its retries on the client’s — retries + 1 attempts in all', async () => {
    server = await startOdoo(18, (_c, _req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
    });
    const odoo = await OdooClient.connect(config(server.url, { retries: 3 }));
    const writer = new OdooWriteBack(odoo);
    const error = await writer
      .apply({ type: 'lockOrder', key: 'o42:1:lock', orderId: '42' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooInvalidResponseError);
    expect(server.calls).toHaveLength(4); // 16 when each attempt's calls retried on their own
    expect(odoo.stats.retries).toBe(3);
  });

  it('issue 13: a lost answer during write-back re-runs the whole look-up-then-write once, through the connector', async () => {
    let locked = false;
    let lockCalls = 0;
    server = await startOdoo(18, (c, req, res) => {
      if (c.method === 'read' || c.method === 'search_read') {
        return rpcResult(res, c.body, [{ id: 42, locked, state: 'sale' }]);
      }
      if (c.method === 'action_lock') {
        lockCalls++;
        locked = true;
        if (lockCalls === 1) return void req.socket.destroy(); // done, answer lost
        return rpcResult(res, c.body, true);
      }
      rpcResult(res, c.body, true);
    });
    const connector = await OdooConnector.connect(config(server.url, { retries: 3 }));
    const outcome = await connector.apply({ type: 'lockOrder', key: 'o42:1:lock', orderId: '42' });
    expect(outcome.status).toBe('already-applied');
    expect(lockCalls).toBe(1);
    expect(connector.stats.retries).toBe(1);
  });
});

describe('issue 13: the ERP-neutral HttpClient', () => {
  it('issue 13: request() sends the auth header from its provider, and a 4xx is a typed HttpError with a masked snippet', async () => {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const plain = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(401, { 'Content-Type': 'text/html' }).end(`<b>token ${KEY} expired</b>`);
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    const port = (plain.address() as { port: number }).port;
    let token = 0;
    const http = new HttpClient({
      service: 'Shop',
      baseUrl: `http://127.0.0.1:${port}/api/`,
      headers: () => ({ Authorization: `Bearer ${KEY}-${++token}` }),
      secrets: new SecretSet([KEY]),
    });
    const error = await http.request({ method: 'GET', path: '/orders' }).catch((e: unknown) => e);
    plain.closeAllConnections();
    plain.close();
    expect(seen).toEqual([`Bearer ${KEY}-1`]);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('HTTP_STATUS');
    expect((error as HttpError).status).toBe(401);
    expect((error as Error).message).toBe(
      'Shop answered HTTP 401 (GET /orders): token *** expired',
    );
  });
});

// keep the server helpers honest: an unknown path is a 404, not a hang
it('issue 13: the hostile server answers an unknown path with 404', async () => {
  server = await startOdoo(18, () => undefined);
  const res = await fetch(`${server.url}/nope`, { method: 'POST' });
  expect(res.status).toBe(404);
});
