import { inspect } from 'node:util';
import type { Effect } from '@ordergate/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectorError,
  HttpError,
  RestConnector,
  RestResponseError,
  type ErpOrderPage,
  type RestMappingInput,
} from '../src/index.js';
import {
  ENV,
  SECRETS,
  erpMapping,
  seedOrders,
  startRestErp,
  type RestErp,
  type Style,
} from './support/restErp.js';

let erp: RestErp | undefined;
afterEach(async () => {
  await erp?.close();
  erp = undefined;
});

function connect(e: RestErp, style: Style = 'page', tweak?: (m: RestMappingInput) => void) {
  const mapping = erpMapping(e.url, style);
  mapping.connection.timeoutMs = 300;
  tweak?.(mapping);
  return RestConnector.create(mapping, { env: ENV, sleep: () => Promise.resolve() });
}

const ids = (pages: readonly ErpOrderPage[]) =>
  pages.flatMap((p) => p.orders.map((o) => o.order.id));
const versions = (pages: readonly ErpOrderPage[]) =>
  pages.flatMap((p) => p.orders.map((o) => `${o.order.id}@${o.changedAt}`));
const openIds = (e: RestErp) =>
  [...e.orders.values()]
    .filter((o) => o.state === 'open')
    .sort((a, b) => a.updated_at - b.updated_at || a.id - b.id)
    .map((o) => String(o.id));

async function drain(
  it: AsyncIterable<ErpOrderPage>,
  into: ErpOrderPage[] = [],
): Promise<ErpOrderPage[]> {
  for await (const p of it) into.push(p);
  return into;
}

const listCalls = (e: RestErp) =>
  e.requests.filter((r) => r.path === '/orders' && r.method === 'GET');

describe('issue 13 faults: nothing lost, nothing written twice', () => {
  it('issue 13 (timeouts): a list page that never answers is asked again within the deadline; nothing lost', async () => {
    erp = await startRestErp({ orders: seedOrders(30) });
    let hung = 0;
    erp.fault = (req) => req.path === '/orders' && listCalls(erp!).length === 2 && hung++ === 0; // never answers
    const rest = connect(erp);
    const started = Date.now();
    expect(ids(await drain(rest.changedOrders()))).toEqual(openIds(erp));
    expect(hung).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('issue 13 (5xx): 503 twice is retried; a 500 stops the sync, and resuming from the last checkpoint loses nothing and hands nothing on twice', async () => {
    erp = await startRestErp({ orders: seedOrders(30) });
    let n503 = 0;
    erp.fault = (req, res) => {
      const k = listCalls(erp!).length;
      if (req.path === '/orders' && (k === 2 || k === 3)) {
        n503++;
        res.writeHead(503, { 'Retry-After': '0' }).end('busy');
        return true;
      }
      return false;
    };
    const rest = connect(erp);
    expect(ids(await drain(rest.changedOrders()))).toEqual(openIds(erp));
    expect(n503).toBe(2);

    // now a hard 500 on the third list request
    const before = listCalls(erp).length;
    let failed = false;
    erp.fault = (req, res) => {
      if (req.path === '/orders' && !failed && listCalls(erp!).length === before + 3) {
        failed = true;
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('database went away');
        return true;
      }
      return false;
    };
    const handled: ErpOrderPage[] = [];
    const error = await drain(rest.changedOrders(), handled).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect(handled.length).toBe(2);
    const resumed = await drain(rest.changedOrders(handled.at(-1)!.checkpoint));
    const all = [...ids(handled), ...ids(resumed)];
    expect(all).toEqual(openIds(erp)); // each once, in order
  });

  it('issue 13 (HTML error page): a 200 HTML page is a typed error naming the body, with the key masked; a 502 HTML page is retried', async () => {
    erp = await startRestErp();
    let n = 0;
    erp.fault = (req, res) => {
      if (req.path !== '/orders') return false;
      n++;
      const page = `<html><body><h1>Proxy error</h1><p>key=${SECRETS.apiKey.slice(0, 20)}<b>${SECRETS.apiKey.slice(20)}</b></p></body></html>`;
      res.writeHead(n === 1 ? 502 : 200, { 'Content-Type': 'text/html' }).end(page);
      return true;
    };
    const rest = connect(erp);
    const error = (await drain(rest.changedOrders()).catch((e: unknown) => e)) as RestResponseError;
    expect(n).toBe(2); // the 502 was retried, the 200 was not
    expect(error).toBeInstanceOf(RestResponseError);
    expect(error.path).toBe('(body)');
    expect(error.message).toMatch(/HTTP 200 with text\/html, not JSON: Proxy error/);
    for (const piece of [SECRETS.apiKey, SECRETS.apiKey.slice(0, 20), SECRETS.apiKey.slice(20)]) {
      expect(`${error.message} ${inspect(error)}`).not.toContain(piece);
    }
  });

  it.each<Style>(['page', 'offset'])(
    'issue 13 (a page that changes between requests, %s): an order changed mid-sync moves to the end; no other order is skipped and it comes again with its new version',
    async (style) => {
      erp = await startRestErp({ style, orders: seedOrders(30) });
      const before = openIds(erp);
      erp.afterList = (page) => {
        if (page === 1 && !erp!.orders.get(101)!.note) {
          erp!.orders.get(101)!.note = 'edited';
          erp!.touch(101); // 101 leaves page 1: every later order shifts one place up
        }
      };
      const pages = await drain(connect(erp, style).changedOrders());
      const seen = ids(pages);
      expect([...new Set(seen)].sort()).toEqual([...before].sort()); // nothing lost
      expect(seen.filter((id) => id === '101')).toHaveLength(2); // old and new version
      expect(new Set(versions(pages)).size).toBe(seen.length); // no version twice
    },
  );

  it('issue 13 (incremental with overlap): the next sync re-reads the overlap window but hands on only what changed', async () => {
    erp = await startRestErp({ orders: seedOrders(30) });
    const rest = connect(erp);
    const first = await drain(rest.changedOrders());
    const checkpoint = first.at(-1)!.checkpoint;
    erp.touch(110);
    erp.touch(102);
    const asked = listCalls(erp).length;
    const next = await drain(rest.changedOrders(checkpoint));
    expect(ids(next)).toEqual(['110', '102']);
    // the overlap (60 s) really re-read older orders, and dropped them
    const sinceAsked = listCalls(erp)[asked]!.query.get('modified_since')!;
    expect(Date.parse(sinceAsked)).toBeLessThan(Date.parse(first.at(-1)!.orders.at(-1)!.changedAt));
    expect(await drain(rest.changedOrders(next.at(-1)!.checkpoint)).then(ids)).toEqual([]);
  });

  it('issue 13 (checkpoint): a checkpoint the connector did not make is a typed error, never a silent full resync', async () => {
    erp = await startRestErp();
    await expect(drain(connect(erp).changedOrders('{"since":"yesterday"}'))).rejects.toMatchObject({
      code: 'REST_CHECKPOINT',
    });
  });
});

const post: Effect = {
  type: 'postMessage',
  key: 'o101:3:msg',
  orderId: '101',
  messageKey: 'finding.CR-4',
  params: { amount: '¥1,000.00' },
};

describe('issue 13 write-back: each effect idempotent by effect.key', () => {
  it('issue 13 (write-back marker): a note is written once; applying the same effect again writes nothing', async () => {
    erp = await startRestErp();
    const rest = connect(erp);
    await rest.apply(post);
    await rest.apply(post);
    expect(erp.writes).toHaveLength(1);
    expect(erp.orders.get(101)!.note.split('[ordergate o101:3:msg]')).toHaveLength(2);
    await rest.apply({ ...post, key: 'o101:4:msg' });
    expect(erp.writes).toHaveLength(2);
  });

  it('issue 13 (write-back, lost answer): the write happens, the answer is lost, the retry finds the marker and writes nothing more', async () => {
    erp = await startRestErp();
    let dropped = false;
    erp.fault = (req, res) => {
      if (req.method === 'PUT' && !dropped) {
        dropped = true;
        const o = erp!.orders.get(101)!;
        Object.assign(o, req.body as object); // carried out…
        erp!.writes.push(req);
        res.destroy(); // …but the answer never arrives
        return true;
      }
      return false;
    };
    await connect(erp).apply(post);
    expect(erp.writes).toHaveLength(1);
    expect(erp.orders.get(101)!.note.match(/\[ordergate o101:3:msg\]/g)).toHaveLength(1);
  });

  it('issue 13 (write-back natural and key header): lock is a PUT of the same value; cancel posts its note once under the Idempotency-Key', async () => {
    erp = await startRestErp();
    const rest = connect(erp);
    await rest.apply({ type: 'lockOrder', key: 'o101:3:lock', orderId: '101' });
    await rest.apply({ type: 'lockOrder', key: 'o101:3:lock', orderId: '101' });
    expect(erp.orders.get(101)!.locked).toBe(true);
    const cancel: Effect = {
      type: 'cancelOrder',
      key: 'o101:4:cancel',
      orderId: '101',
      reason: 'customer withdrew',
    };
    await rest.apply(cancel);
    await rest.apply(cancel);
    expect(erp.orders.get(101)!.state).toBe('cancel-requested');
    expect([...erp.notes.entries()]).toEqual([
      ['o101:4:cancel:1', 'Order cancelled by ordergate: customer withdrew'],
    ]);
  });

  it('issue 13 (write-back, one retry layer): a 503 on the write retries the whole effect, not each call inside it', async () => {
    erp = await startRestErp();
    let refused = 0;
    erp.fault = (req, res) => {
      if (req.method === 'PUT' && refused < 2) {
        refused++;
        res.writeHead(503).end();
        return true;
      }
      return false;
    };
    await connect(erp).apply(post);
    // 3 attempts of (GET check + PUT)
    expect(erp.requests.filter((r) => r.method === 'GET').length).toBe(3);
    expect(erp.writes).toHaveLength(1);
  });

  it('issue 13 (write-back coverage): a skipped effect sends nothing; an effect the mapping does not name is a typed error saying what to add', async () => {
    erp = await startRestErp();
    const rest = connect(erp);
    await rest.apply({ type: 'closeApproval', key: 'k1', orderId: '101', step: 'credit' });
    expect(erp.requests).toHaveLength(0);
    const error = await rest
      .apply({
        type: 'procurementNeed',
        key: 'k2',
        orderId: '101',
        lines: [{ lineId: '1000', shortQuantity: 1 }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'REST_EFFECT_UNMAPPED', retryable: false });
    expect((error as Error).message).toMatch(/writeBack\.effects\.procurementNeed/);
  });
});
