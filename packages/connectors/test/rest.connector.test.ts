import { inspect } from 'node:util';
import { Customer, Order } from '@ordergate/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectorConfigError,
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
  type AuthStyle,
  type RestErp,
  type Style,
} from './support/restErp.js';

let erp: RestErp | undefined;
afterEach(async () => {
  await erp?.close();
  erp = undefined;
});

function connect(
  e: RestErp,
  style: Style = 'page',
  auth: AuthStyle = 'apiKey',
  tweak?: (m: RestMappingInput) => void,
  now?: () => number,
) {
  const mapping = erpMapping(e.url, style, auth);
  tweak?.(mapping);
  return RestConnector.create(mapping, {
    env: ENV,
    sleep: () => Promise.resolve(),
    ...(now ? { now } : {}),
  });
}

async function drain(it: AsyncIterable<ErpOrderPage>): Promise<ErpOrderPage[]> {
  const pages: ErpOrderPage[] = [];
  for await (const p of it) pages.push(p);
  return pages;
}

const ids = (pages: readonly ErpOrderPage[]) =>
  pages.flatMap((p) => p.orders.map((o) => o.order.id));
const openIds = (e: RestErp) =>
  [...e.orders.values()]
    .filter((o) => o.state === 'open')
    .sort((a, b) => a.updated_at - b.updated_at || a.id - b.id)
    .map((o) => String(o.id));

describe('issue 13 mapping: pagination styles', () => {
  it.each<Style>(['page', 'offset', 'cursor', 'link', 'empty-page'])(
    'issue 13 (pagination %s): every open order is read exactly once, oldest change first',
    async (style) => {
      erp = await startRestErp({ style, orders: seedOrders(35) });
      const rest = connect(erp, style);
      const pages = await drain(rest.changedOrders());
      expect(ids(pages)).toEqual(openIds(erp));
      expect(pages.flatMap((p) => p.rejected)).toEqual([]);
      // the cancelled ones (state map → syncStates) are read but not handed on
      expect(ids(pages)).not.toContain('107');
      const lists = erp.requests.filter((r) => r.path === '/orders').length;
      expect(lists).toBeGreaterThanOrEqual(4);
      expect(lists).toBeLessThanOrEqual(8);
      // each customer's facts are read once per sync, not once per page
      expect(erp.requests.filter((r) => /^\/customers\/\d+$/.test(r.path))).toHaveLength(4);
    },
  );

  it('issue 13 (pagination "ask until a short page"): a server that caps pages silently loses orders with stopOn short, none with stopOn empty', async () => {
    erp = await startRestErp({ style: 'empty-page', orders: seedOrders(20) });
    const short = connect(erp, 'page'); // asks for 10, gets 7: stops after the first page
    expect(ids(await drain(short.changedOrders())).length).toBeLessThan(openIds(erp).length);
    const empty = connect(erp, 'empty-page');
    expect(ids(await drain(empty.changedOrders()))).toEqual(openIds(erp));
  });

  it.each(['page', 'offset'] as const)(
    'issue 13 (pagination %s, totalPath): the list ends at the total the answer gives, without asking for an empty page',
    async (style) => {
      erp = await startRestErp({ style, orders: seedOrders(30) });
      const withTotal = (m: RestMappingInput) => {
        Object.assign(m.orders.list.pagination!, { totalPath: 'meta.total' });
        delete m.orders.incremental; // plain paging: pages 1, 2, 3 of 10 each
      };
      const counted = async (tweak?: (m: RestMappingInput) => void) => {
        erp!.requests.length = 0;
        const pages = await drain(connect(erp!, style, 'apiKey', tweak).changedOrders());
        expect(ids(pages)).toEqual(openIds(erp!));
        return erp!.requests.filter((r) => r.path === '/orders').length;
      };
      const plain = (m: RestMappingInput) => {
        delete m.orders.incremental;
      };
      expect(await counted(plain)).toBe(4); // 10 + 10 + 10 + an empty page
      expect(await counted(withTotal)).toBe(3); // meta.total = 30 after the third
      // keyset reading (incremental) stops at the total of what is left from the bound
      expect(
        await counted((m) => Object.assign(m.orders.list.pagination!, { totalPath: 'meta.total' })),
      ).toBe(await counted());
    },
  );

  it('issue 13 (pagination totalPath): an answer without a usable total is a typed error naming the path, not a guess', async () => {
    erp = await startRestErp({ style: 'page', orders: seedOrders(30) });
    erp.total = () => 'thirty';
    const rest = connect(erp, 'page', 'apiKey', (m) => {
      Object.assign(m.orders.list.pagination!, { totalPath: 'meta.total' });
    });
    const error = await drain(rest.changedOrders()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestResponseError);
    expect(error).toMatchObject({ path: 'meta.total', code: 'REST_RESPONSE_SHAPE' });
    expect(String(error)).toMatch(
      /meta\.total: expected the number of records in all \(a whole number\), got string "thirty"/,
    );
  });

  it('issue 13 (pagination link): a Link header pointing at another host is refused, not followed', async () => {
    erp = await startRestErp({ style: 'link', orders: seedOrders(15) });
    const real = erp.url;
    erp.url = 'http://127.0.0.2:9';
    const rest = connect(erp, 'link', 'apiKey', (m) => {
      m.connection.baseUrl = real;
    });
    await expect(drain(rest.changedOrders())).rejects.toThrow(/outside .*not followed/);
  });
});

describe('issue 13 mapping: values into the core shapes', () => {
  it('issue 13 (transforms): decimal strings and floats become minor units with the currency decimals, naive times zoned, tags a grade', async () => {
    erp = await startRestErp();
    const rest = connect(erp);
    const { orders, customers, rejected } = await rest.ordersById(['101', '105', '999']);
    expect(rejected).toEqual([]);
    expect(orders.map((o) => o.order.id)).toEqual(['101', '105']); // 999 unknown: left out
    const eur = orders[0]!;
    expect(eur.changedAt).toBe('2026-03-01T21:20:00Z');
    expect(eur.order.enteredAt).toBe('2026-03-02T01:30:00Z'); // 09:30 in Shanghai
    expect(eur.order.lines).toEqual([
      {
        id: '1000',
        productId: 'P-200',
        productName: 'Pump',
        quantity: 2,
        unitPrice: 15025,
        discountBp: 500,
      },
      {
        id: '1001',
        productId: 'V-10',
        productName: 'Valve',
        quantity: 1.5,
        unitPrice: 2010,
        discountBp: 0,
      },
    ]);
    const jpy = orders[1]!;
    expect(jpy.order.currency).toBe('JPY');
    expect(jpy.order.lines.map((l) => l.unitPrice)).toEqual([1500, 20]); // yen has no decimals
    expect(() => Order.parse(eur.order)).not.toThrow();
    const c1 = customers.find((c) => c.id === '1')!;
    expect(c1.credit).toEqual({ limit: { amount: 5_000_025, currency: 'EUR' }, grade: 'A' });
    // INV-2 has nothing left to pay: skipped; due date read in Shanghai
    expect(c1.receivables).toEqual([
      { id: '1', amount: 72_090, currency: 'EUR', dueDate: '2026-02-20', reference: 'INV-1' },
    ]);
    expect(() => Customer.parse(c1)).not.toThrow();
  });

  it('issue 13 (creditFacts): fresh facts per customer, unknown ids left out, "1000000.5" read exactly', async () => {
    erp = await startRestErp();
    const rest = connect(erp);
    const facts = await rest.creditFacts(['4', '2', '77']);
    expect(facts.map((c) => c.id)).toEqual(['4', '2']);
    expect(facts[0]!.credit?.limit?.amount).toBe(100_000_050);
    expect(facts[1]!.receivables).toEqual([
      { id: '3', amount: 1200, currency: 'JPY', dueDate: '2026-03-03', reference: 'INV-3' },
    ]);
  });

  it('issue 13 (no half-filled order): an order whose line does not fit is rejected with the path that failed; the others are delivered', async () => {
    erp = await startRestErp();
    erp.orders.get(103)!.lines[1]!.qty = 'two';
    erp.orders.get(104)!.lines[0]!.price = { amount: 1 } as unknown as string;
    const rest = connect(erp);
    const pages = await drain(rest.changedOrders());
    const rejected = pages.flatMap((p) => p.rejected);
    expect(rejected).toEqual([
      {
        id: '103',
        ref: 'SO-103',
        reason: 'orders[2].lines[1].qty (→ lines.1.quantity): expected a number, got "two"',
      },
      {
        id: '104',
        ref: 'SO-104',
        reason:
          'orders[3].lines[0].price (→ lines.0.unitPrice): expected a decimal amount, got {"amount":1}',
      },
    ]);
    expect(ids(pages)).toEqual(openIds(erp).filter((id) => id !== '103' && id !== '104'));
  });

  it('issue 13 (lines from their own endpoint): the same orders as with embedded lines; a line that does not fit rejects only its order', async () => {
    erp = await startRestErp({ orders: seedOrders(12) });
    const embedded = await drain(connect(erp).changedOrders());
    // the order's own GET answers its lines here: read as the lines endpoint of each order
    const own = connect(erp, 'page', 'apiKey', (m) => {
      m.orders.lines = { endpoint: { path: '/orders/{id}', itemsPath: 'lines' } };
    });
    const pages = await drain(own.changedOrders());
    expect(pages.flatMap((p) => p.orders)).toEqual(embedded.flatMap((p) => p.orders));
    expect(erp.requests.filter((r) => /^\/orders\/\d+$/.test(r.path)).length).toBeGreaterThan(0);

    erp.orders.get(103)!.lines[1]!.qty = 'two';
    const rejected = (await drain(own.changedOrders())).flatMap((p) => p.rejected);
    expect(rejected).toEqual([
      {
        id: '103',
        ref: 'SO-103',
        reason: 'orders[2].lines[1].qty (→ lines.1.quantity): expected a number, got "two"',
      },
    ]);
    // an answer of the lines endpoint that is not a list is the ERP's fault: a typed error
    (erp.orders.get(104) as unknown as { lines: unknown }).lines = 'none';
    await expect(drain(own.changedOrders())).rejects.toThrow(
      'order lines: lines: expected a list of records, got string "none"',
    );
  });

  it('issue 13 (webhooks): the mapping says where a webhook names the orders', async () => {
    erp = await startRestErp();
    const rest = connect(erp);
    expect(rest.orderIdsFromWebhook({ changed: { ids: [101, '102'] } })).toEqual(['101', '102']);
    expect(() => rest.orderIdsFromWebhook({ changed: {} })).toThrow(/changed\.ids/);
  });
});

describe('issue 13 mapping: auth styles', () => {
  it.each<AuthStyle>(['none', 'bearer', 'basic', 'apiKey', 'oauth2'])(
    'issue 13 (auth %s): reads with the credentials the mapping names; the secrets never show in inspect or JSON',
    async (auth) => {
      erp = await startRestErp({ auth });
      const rest = connect(erp, 'page', auth);
      expect(ids(await drain(rest.changedOrders()))).toEqual(openIds(erp));
      const shown = `${inspect(rest, { depth: 10 })} ${JSON.stringify(rest)}`;
      for (const s of Object.values(SECRETS)) expect(shown).not.toContain(s);
    },
  );

  it.each<AuthStyle>(['bearer', 'basic', 'apiKey', 'oauth2'])(
    'issue 13 (auth %s): a missing environment variable is a config error naming it; a wrong secret a 401 that does not print it',
    async (auth) => {
      erp = await startRestErp({ auth });
      const mapping = erpMapping(erp.url, 'page', auth);
      expect(() => RestConnector.create(mapping, { env: {} })).toThrow(ConnectorConfigError);
      expect(() => RestConnector.create(mapping, { env: {} })).toThrow(
        /set the environment variable ERP_/,
      );
      const wrong = Object.fromEntries(
        Object.entries(ENV).map(([k, v]) => [k, `${v}-wrong-0123456789`]),
      );
      const rest = RestConnector.create(mapping, { env: wrong, sleep: () => Promise.resolve() });
      const error = (await drain(rest.changedOrders()).catch((e: unknown) => e)) as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.status).toBe(401);
      for (const v of Object.values(wrong))
        expect(`${error.message} ${inspect(error)}`).not.toContain(v);
    },
  );

  it('issue 13 (auth oauth2): a token that expires mid-sync (401) is refreshed and the page asked again; nothing lost', async () => {
    erp = await startRestErp({ auth: 'oauth2', orders: seedOrders(60) });
    erp.tokenUses = 3; // each token dies after three requests
    const rest = connect(erp, 'page', 'oauth2');
    const pages = await drain(rest.changedOrders());
    expect(ids(pages)).toEqual(openIds(erp));
    expect(rest.stats.tokensFetched).toBeGreaterThanOrEqual(3);
    expect(erp.tokensIssued).toBe(rest.stats.tokensFetched);
  });

  it('issue 13 (auth oauth2, masking): a server echoing the bearer token in an error page does not put the token in the error', async () => {
    erp = await startRestErp({ auth: 'oauth2' });
    let token = '';
    erp.fault = (req, res) => {
      if (req.path !== '/orders') return false;
      token = String(req.headers.authorization).slice('Bearer '.length);
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end(`<h1>Internal error</h1><pre>Authorization: Bearer ${token}</pre>`);
      return true;
    };
    const rest = connect(erp, 'page', 'oauth2');
    const error = (await drain(rest.changedOrders()).catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toMatch(/HTTP 500 .*Internal error Authorization: Bearer \*\*\*/);
    expect(token.length).toBeGreaterThan(8);
    expect(`${error.message} ${inspect(error)}`).not.toContain(token.slice(0, 12));
  });

  it('issue 13 (auth oauth2): a token is refreshed before expires_in runs out, without a 401', async () => {
    erp = await startRestErp({ auth: 'oauth2', orders: seedOrders(40) });
    let clock = Date.parse('2026-03-02T00:00:00Z');
    const rest = connect(erp, 'page', 'oauth2', undefined, () => clock);
    const pages: ErpOrderPage[] = [];
    for await (const p of rest.changedOrders()) {
      pages.push(p);
      clock += 1800_000; // half an hour per page: the 3600 s token is due every second page
    }
    expect(ids(pages)).toEqual(openIds(erp));
    expect(rest.stats.tokensFetched).toBeGreaterThanOrEqual(2);
    const refused = erp.requests.filter(
      (r) => r.path !== '/oauth/token' && !/^Bearer at-/.test(r.headers.authorization ?? ''),
    );
    expect(refused).toEqual([]);
  });
});
