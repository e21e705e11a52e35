// Fault tests through msw: timeouts, 5xx, invalid JSON, an HTML error page, session expiry, the
// legacy API switched off. Envelopes are copied from recorded Odoo 18/19 answers
// (test/odoo/fixtures), then broken on purpose.
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OdooClient,
  OdooInvalidResponseError,
  OdooLegacyApiDisabledError,
  OdooServerError,
  OdooTimeoutError,
  OdooValidationError,
  OdooAccessError,
  OdooMissingRecordError,
  OdooSessionExpiredError,
  type OdooConfigInput,
} from '../src/index.js';

const URL = 'http://fault.test';
const KEY = 'f0f0f0f0secretkey0000000000000000000000aa';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const versionInfo = (major: number) =>
  http.post(`${URL}/web/webclient/version_info`, () =>
    HttpResponse.json({
      jsonrpc: '2.0',
      id: 0,
      result: {
        server_version: `${major}.0`,
        server_version_info: [major, 0, 0, 'final', 0, ''],
        server_serie: `${major}.0`,
        protocol_version: 1,
      },
    }),
  );

interface RpcCall {
  service: string;
  method: string;
  args: unknown[];
}

/** A JSON-RPC Odoo whose `object` answers come from `answer` (n = 1-based call count). */
function jsonRpcOdoo(
  answer: (call: RpcCall, n: number, id: unknown) => Response | Promise<Response>,
) {
  let n = 0;
  return http.post(`${URL}/jsonrpc`, async ({ request }) => {
    const body = (await request.json()) as { id: unknown; params: RpcCall };
    if (body.params.service === 'common')
      return HttpResponse.json({ jsonrpc: '2.0', id: body.id, result: 2 });
    n++;
    return answer(body.params, n, body.id);
  });
}

const ok = (id: unknown, result: unknown) => HttpResponse.json({ jsonrpc: '2.0', id, result });
const odooError = (id: unknown, name: string, message: string, code = 200) =>
  HttpResponse.json({
    jsonrpc: '2.0',
    id,
    error: {
      code,
      message: 'Odoo Server Error',
      data: { name, debug: 'Traceback …', message, arguments: [message], context: {} },
    },
  });

const config = (over: Partial<OdooConfigInput> = {}): OdooConfigInput => ({
  url: URL,
  db: 'og18',
  login: 'admin',
  apiKey: KEY,
  retries: 2,
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 2,
  ...over,
});

describe('Odoo faults', () => {
  it('retries a read that times out, then gives a timeout error', async () => {
    let calls = 0;
    server.use(
      versionInfo(18),
      jsonRpcOdoo(async (_c, _n, id) => {
        calls++;
        await delay(300);
        return ok(id, []);
      }),
    );
    const odoo = await OdooClient.connect(config({ timeoutMs: 50 }));
    const error = await odoo.searchRead('sale.order').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooTimeoutError);
    expect(calls).toBe(3);
    expect(odoo.stats.retries).toBe(2);
  });

  it('recovers from a slow first answer', async () => {
    server.use(
      versionInfo(18),
      jsonRpcOdoo(async (_c, n, id) => {
        if (n === 1) await delay(300);
        return ok(id, [{ id: 1, name: 'S00001' }]);
      }),
    );
    const odoo = await OdooClient.connect(config({ timeoutMs: 50 }));
    expect(await odoo.searchRead('sale.order')).toEqual([{ id: 1, name: 'S00001' }]);
  });

  it('never re-sends a write that timed out (it may have been done)', async () => {
    let calls = 0;
    server.use(
      versionInfo(18),
      jsonRpcOdoo(async (_c, _n, id) => {
        calls++;
        await delay(300);
        return ok(id, true);
      }),
    );
    const odoo = await OdooClient.connect(config({ timeoutMs: 50 }));
    await expect(odoo.write('sale.order', [1], { note: 'x' })).rejects.toBeInstanceOf(
      OdooTimeoutError,
    );
    expect(calls).toBe(1);
  });

  it('retries 502/503/429 answers (reads and refused writes), not 500', async () => {
    const statuses = [503, 502, 200];
    server.use(
      versionInfo(18),
      jsonRpcOdoo((_c, n, id) =>
        statuses[n - 1] === 200
          ? ok(id, 3)
          : new HttpResponse('Service Unavailable', { status: statuses[n - 1] }),
      ),
    );
    const odoo = await OdooClient.connect(config());
    expect(await odoo.searchCount('sale.order')).toBe(3);
    expect(odoo.stats.retries).toBe(2);

    server.use(
      jsonRpcOdoo((_c, n, id) =>
        n === 1 ? new HttpResponse('Too Many Requests', { status: 429 }) : ok(id, true),
      ),
    );
    await odoo.write('sale.order', [1], { note: 'x' });

    let calls = 0;
    server.use(
      jsonRpcOdoo(() => {
        calls++;
        return new HttpResponse('<html><body><h1>Internal Server Error</h1></body></html>', {
          status: 500,
          headers: { 'Content-Type': 'text/html' },
        });
      }),
    );
    const error = await odoo.searchCount('sale.order').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooInvalidResponseError);
    expect((error as OdooInvalidResponseError).retryable).toBe(false);
    expect(calls).toBe(1);
  });

  it('retries a serialization failure, never a validation or access error', async () => {
    server.use(
      versionInfo(18),
      jsonRpcOdoo((_c, n, id) =>
        n === 1
          ? odooError(
              id,
              'psycopg2.errors.SerializationFailure',
              'could not serialize access due to concurrent update',
            )
          : ok(id, true),
      ),
    );
    const odoo = await OdooClient.connect(config());
    await odoo.write('sale.order', [1], { note: 'x' });
    expect(odoo.stats.retries).toBe(1);

    let calls = 0;
    server.use(
      jsonRpcOdoo((_c, _n, id) => {
        calls++;
        return calls === 1
          ? odooError(id, 'odoo.exceptions.ValidationError', 'The field "Customer" is required.')
          : odooError(
              id,
              'odoo.exceptions.AccessError',
              'You are not allowed to modify Sales Order.',
            );
      }),
    );
    await expect(odoo.create('sale.order', [{}])).rejects.toBeInstanceOf(OdooValidationError);
    await expect(odoo.searchRead('sale.order')).rejects.toBeInstanceOf(OdooAccessError);
    expect(calls).toBe(2);
  });

  it('an HTML error page from a proxy is a typed, retryable error with a readable snippet', async () => {
    server.use(
      versionInfo(18),
      jsonRpcOdoo(
        () =>
          new HttpResponse(
            '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
            {
              status: 502,
              headers: { 'Content-Type': 'text/html' },
            },
          ),
      ),
    );
    const odoo = await OdooClient.connect(config());
    const error = await odoo.searchRead('sale.order').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooInvalidResponseError);
    expect((error as Error).message).toContain('502 Bad Gateway');
    expect(odoo.stats.retries).toBe(2);
  });

  it('invalid or truncated JSON is a typed error', async () => {
    server.use(
      versionInfo(18),
      jsonRpcOdoo(
        () =>
          new HttpResponse('{"jsonrpc": "2.0", "id": 1, "result": [{"id": 1,', {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    const odoo = await OdooClient.connect(config({ retries: 0 }));
    await expect(odoo.searchRead('sale.order')).rejects.toBeInstanceOf(OdooInvalidResponseError);
  });

  it('a session expiry authenticates again and retries once', async () => {
    let auths = 0;
    let calls = 0;
    server.use(
      versionInfo(18),
      http.post(`${URL}/jsonrpc`, async ({ request }) => {
        const body = (await request.json()) as { id: unknown; params: RpcCall };
        if (body.params.service === 'common') {
          auths++;
          return ok(body.id, 2);
        }
        calls++;
        return calls === 1
          ? HttpResponse.json({
              jsonrpc: '2.0',
              id: body.id,
              error: {
                code: 100,
                message: 'Odoo Session Expired',
                data: {
                  name: 'odoo.http.SessionExpiredException',
                  message: 'Session expired',
                  arguments: ['Session expired'],
                },
              },
            })
          : ok(body.id, 24);
      }),
    );
    const odoo = await OdooClient.connect(config());
    expect(await odoo.searchCount('sale.order')).toBe(24);
    expect(auths).toBe(2);

    server.use(
      http.post(`${URL}/jsonrpc`, async ({ request }) => {
        const body = (await request.json()) as { id: unknown; params: RpcCall };
        if (body.params.service === 'common') return ok(body.id, 2);
        return HttpResponse.json({
          jsonrpc: '2.0',
          id: body.id,
          error: {
            code: 100,
            message: 'Odoo Session Expired',
            data: { name: 'odoo.http.SessionExpiredException', message: 'Session expired' },
          },
        });
      }),
    );
    await expect(odoo.searchCount('sale.order')).rejects.toBeInstanceOf(OdooSessionExpiredError);
  });

  it('a 404 on /jsonrpc means the legacy API is switched off, and says so', async () => {
    server.use(
      versionInfo(19),
      http.post(
        `${URL}/jsonrpc`,
        () =>
          new HttpResponse('<html>404 Not Found</html>', {
            status: 404,
            headers: { 'Content-Type': 'text/html' },
          }),
      ),
    );
    const error = await OdooClient.connect(config({ transport: 'jsonrpc' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OdooLegacyApiDisabledError);
    expect((error as Error).message).toContain('json2');
  });

  it('JSON-2 errors come as HTTP statuses and map by Odoo’s exception class', async () => {
    const answers: [number, string, string][] = [
      [422, 'odoo.exceptions.UserError', 'You cannot cancel a locked order.'],
      [403, 'odoo.exceptions.AccessError', 'Private methods cannot be called remotely.'],
      [404, 'odoo.exceptions.MissingError', 'Record does not exist or has been deleted.'],
      [503, 'werkzeug.exceptions.ServiceUnavailable', 'Service Unavailable'],
    ];
    let n = 0;
    server.use(
      versionInfo(19),
      http.post(`${URL}/json/2/res.users/context_get`, () =>
        HttpResponse.json({ lang: 'en_US', tz: 'UTC', uid: 2 }),
      ),
      http.post(`${URL}/json/2/sale.order/:method`, ({ request }) => {
        expect(request.headers.get('authorization')).toBe(`bearer ${KEY}`);
        expect(request.headers.get('x-odoo-database')).toBe('og19');
        const [status, name, message] = answers[Math.min(n++, answers.length - 1)]!;
        return HttpResponse.json(
          { name, message, arguments: [message], context: {}, debug: 'Traceback …' },
          { status },
        );
      }),
    );
    const odoo = await OdooClient.connect(config({ db: 'og19', retries: 1 }));
    expect(odoo.transport).toBe('json2');
    await expect(odoo.call('sale.order', 'action_cancel', { ids: [1] })).rejects.toBeInstanceOf(
      OdooValidationError,
    );
    await expect(odoo.call('sale.order', '_read_group', {})).rejects.toBeInstanceOf(
      OdooAccessError,
    );
    await expect(odoo.read('sale.order', [999], ['name'])).rejects.toBeInstanceOf(
      OdooMissingRecordError,
    );
    const unavailable = await odoo.read('sale.order', [1], ['name']).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(OdooServerError);
    expect(odoo.stats.retries).toBe(1);
  });

  it('the key never appears in errors, causes or retry logs', async () => {
    const logs: string[] = [];
    server.use(
      versionInfo(18),
      jsonRpcOdoo((_c, _n, id) =>
        odooError(id, 'odoo.exceptions.AccessDenied', `Access Denied for key ${KEY}`),
      ),
    );
    const odoo = await OdooClient.connect(config(), {
      onRetry: (e) => logs.push(`${e.message} ${String(e.cause)}`),
    });
    const error = (await odoo.searchRead('sale.order').catch((e: unknown) => e)) as Error;
    const text = [
      error.message,
      error.stack,
      JSON.stringify(error),
      String(error.cause),
      ...logs,
    ].join('\n');
    expect(text).not.toContain(KEY);
    expect(text).toContain('***');

    server.resetHandlers();
    // port 9 is one fetch refuses outright (now a config error); 47 is closed and not blocked
    const unreachable = (await OdooClient.connect(
      config({ url: 'http://127.0.0.1:47', retries: 0 }),
    ).catch((e: unknown) => e)) as Error;
    expect(
      [unreachable.message, JSON.stringify(unreachable), String(unreachable.cause)].join(),
    ).not.toContain(KEY);
  });
});
