/**
 * A small REST ERP on 127.0.0.1 (node:http) for the REST connector's tests: orders with lines,
 * customers with credit facts, open invoices, every pagination style and auth style the mapping
 * knows, write-back endpoints, and a `fault` hook that lets a test answer a request itself
 * (hang, 5xx, HTML page). Data lives in memory; tests change it between requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RestMappingInput } from '../../src/index.js';

export type Style = 'page' | 'offset' | 'cursor' | 'link' | 'empty-page';
export type AuthStyle = 'none' | 'bearer' | 'basic' | 'apiKey' | 'oauth2';

export interface ErpOrder {
  id: number;
  number: string;
  customer_id: number;
  currency: string;
  /** Naive local time in Asia/Shanghai. */
  created: string;
  /** Unix seconds; bumped by every write. */
  updated_at: number;
  state: string;
  salesperson: string;
  lines: {
    id: number;
    sku: string;
    name: string;
    qty: string | number;
    price: string | number;
    discount: string | number;
  }[];
  note: string;
  locked: boolean;
}

export interface ErpCustomer {
  id: number;
  name: string;
  credit_limit: number | string;
  tags: { label: string }[];
}

export interface ErpInvoice {
  id: number;
  customer_id: number;
  number: string;
  open_amount: string;
  currency: string;
  due: number;
}

export const SECRETS = {
  token: 'tok-9f8e7d6c5b4a39281706f5e4',
  user: 'ordergate',
  password: 'pw-Secret-1234567890',
  apiKey: 'key-0123456789abcdef0123456789abcdef',
  clientId: 'og-client',
  clientSecret: 'cs-abcdefghijklmnop-0987654321',
};

export const ENV: Record<string, string> = {
  ERP_TOKEN: SECRETS.token,
  ERP_USER: SECRETS.user,
  ERP_PASSWORD: SECRETS.password,
  ERP_KEY: SECRETS.apiKey,
  ERP_CLIENT_ID: SECRETS.clientId,
  ERP_CLIENT_SECRET: SECRETS.clientSecret,
};

export interface RequestLog {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface RestErp {
  url: string;
  orders: Map<number, ErpOrder>;
  customers: Map<number, ErpCustomer>;
  invoices: ErpInvoice[];
  requests: RequestLog[];
  /** Write requests that changed something (PUT/POST accepted). */
  writes: RequestLog[];
  /** Notes posted through POST /orders/:id/notes, by idempotency key. */
  notes: Map<string, string>;
  tokensIssued: number;
  /** Tokens issued expire after this many uses (OAuth2 tests), 0 = never. */
  tokenUses: number;
  /** Answer a request yourself: return true when handled. */
  fault?: (req: RequestLog, res: ServerResponse, n: number) => boolean | Promise<boolean>;
  /** Bulk lists answer every customer, whatever ids were asked (a filter not honoured). */
  ignoreIdFilter?: boolean;
  /** Called after a list page is served (to change data between requests). */
  afterList?: (page: number) => void;
  /** What page and offset lists say in `meta.total` (default: how many records match). */
  total?: (matching: number) => unknown;
  touch(id: number, seconds?: number): void;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const T0 = 1_772_400_000; // 2026-03-01T21:20:00Z

/** `n` orders over 4 customers, ids 101…, change times one second apart. */
export function seedOrders(n: number): ErpOrder[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 101 + i,
    number: `SO-${101 + i}`,
    customer_id: 1 + (i % 4),
    currency: i % 5 === 4 ? 'JPY' : 'EUR',
    created: '2026-03-02 09:30:00',
    updated_at: T0 + i,
    state: i % 7 === 6 ? 'cancelled' : 'open',
    salesperson: 'u-li',
    lines: [
      {
        id: 1000 + i * 2,
        sku: 'P-200',
        name: 'Pump',
        qty: '2',
        price: i % 5 === 4 ? '1500' : '150.25',
        discount: '5',
      },
      {
        id: 1001 + i * 2,
        sku: 'V-10',
        name: 'Valve',
        qty: 1.5,
        price: i % 5 === 4 ? 20 : 20.1,
        discount: 0,
      },
    ],
    note: '',
    locked: false,
  }));
}

/**
 * Starts the ERP with `orders` (default 12), four customers and their invoices.
 *
 * @example
 * const erp = await startRestErp({ style: 'cursor', auth: 'oauth2' });
 */
export async function startRestErp(
  options: { style?: Style; auth?: AuthStyle; orders?: ErpOrder[] } = {},
): Promise<RestErp> {
  const style = options.style ?? 'page';
  const auth = options.auth ?? 'apiKey';
  const orders = new Map((options.orders ?? seedOrders(12)).map((o) => [o.id, o]));
  const customers = new Map<number, ErpCustomer>(
    [1, 2, 3, 4].map((id) => [
      id,
      {
        id,
        name: `Customer ${id}`,
        credit_limit: id === 4 ? '1000000.5' : 50_000.25 * id,
        tags: [{ label: 'vip' }, { label: `grade:${'ABCD'[id - 1]!}` }],
      },
    ]),
  );
  const invoices: ErpInvoice[] = [
    {
      id: 1,
      customer_id: 1,
      number: 'INV-1',
      open_amount: '720.9',
      currency: 'EUR',
      due: T0 - 86_400 * 10,
    },
    { id: 2, customer_id: 1, number: 'INV-2', open_amount: '0', currency: 'EUR', due: T0 },
    {
      id: 3,
      customer_id: 2,
      number: 'INV-3',
      open_amount: '1200',
      currency: 'JPY',
      due: T0 + 86_400,
    },
  ];
  const tokens = new Map<string, number>();
  const erp: RestErp = {
    url: '',
    orders,
    customers,
    invoices,
    requests: [],
    writes: [],
    notes: new Map(),
    tokensIssued: 0,
    tokenUses: 0,
    touch(id, seconds = 1) {
      const o = orders.get(id)!;
      const max = Math.max(...[...orders.values()].map((x) => x.updated_at));
      o.updated_at = max + seconds;
    },
    close: () => Promise.resolve(),
  };

  const authorized = (req: IncomingMessage): boolean => {
    const h = req.headers;
    switch (auth) {
      case 'none':
        return true;
      case 'bearer':
        return h.authorization === `Bearer ${SECRETS.token}`;
      case 'basic':
        return (
          h.authorization ===
          `Basic ${Buffer.from(`${SECRETS.user}:${SECRETS.password}`).toString('base64')}`
        );
      case 'apiKey':
        return h['x-api-key'] === SECRETS.apiKey;
      case 'oauth2': {
        const m = /^Bearer (.+)$/.exec(h.authorization ?? '');
        if (!m || !tokens.has(m[1]!)) return false;
        const left = tokens.get(m[1]!)!;
        if (erp.tokenUses > 0) {
          if (left <= 0) return false;
          tokens.set(m[1]!, left - 1);
        }
        return true;
      }
    }
  };

  const list = <T>(req: RequestLog, items: T[], res: ServerResponse, path: string): void => {
    const q = req.query;
    let start = 0;
    let size = items.length;
    let next: string | undefined;
    let link: string | undefined;
    if (style === 'page' || style === 'empty-page') {
      const page = Number(q.get('page') ?? 1);
      size = Number(q.get('per_page') ?? 10);
      start = (page - 1) * size;
      if (style === 'empty-page') size = Math.min(size, 7); // the server caps pages silently
      const shown = items.slice(start, start + size);
      send(res, 200, { data: shown, meta: { total: erp.total?.(items.length) ?? items.length } });
      erp.afterList?.(page);
      return;
    }
    if (style === 'offset') {
      start = Number(q.get('offset') ?? 0);
      size = Number(q.get('limit') ?? 10);
    } else if (style === 'cursor') {
      start = q.get('cursor') ? Number(Buffer.from(q.get('cursor')!, 'base64url').toString()) : 0;
      size = Number(q.get('limit') ?? 10);
      if (start + size < items.length)
        next = Buffer.from(String(start + size)).toString('base64url');
    } else if (style === 'link') {
      start = Number(q.get('from') ?? 0);
      size = Number(q.get('size') ?? 10);
      if (start + size < items.length) {
        const other = new URLSearchParams(q);
        other.set('from', String(start + size));
        other.set('size', String(size));
        link = `<${erp.url}${path}?${other.toString()}>; rel="next", <${erp.url}${path}>; rel="first"`;
      }
    }
    send(
      res,
      200,
      {
        data: items.slice(start, start + size),
        ...(next ? { next } : { next: null }),
        ...(style === 'offset'
          ? { meta: { total: erp.total?.(items.length) ?? items.length } }
          : {}),
      },
      link ? { Link: link } : {},
    );
    erp.afterList?.(Math.floor(start / Math.max(size, 1)) + 1);
  };

  let n = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readBody(req);
      const log: RequestLog = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      erp.requests.push(log);
      n++;
      if (erp.fault && (await erp.fault(log, res, n))) return;
      if (url.pathname === '/oauth/token' && req.method === 'POST') {
        const form = new URLSearchParams(typeof body === 'string' ? body : '');
        const basic =
          req.headers.authorization ===
          `Basic ${Buffer.from(`${SECRETS.clientId}:${SECRETS.clientSecret}`).toString('base64')}`;
        if (form.get('grant_type') !== 'client_credentials' || !basic)
          return send(res, 401, { error: 'invalid_client' });
        const token = `at-${++erp.tokensIssued}-${Math.random().toString(36).slice(2)}`;
        tokens.set(token, erp.tokenUses);
        return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
      }
      if (!authorized(req)) return send(res, 401, { error: 'unauthorized' });
      let m: RegExpExecArray | null;
      if (url.pathname === '/orders' && req.method === 'GET') {
        const since = url.searchParams.get('modified_since');
        const sinceS = since ? Date.parse(since) / 1000 : -Infinity;
        const rows = [...orders.values()]
          .filter((o) => o.updated_at >= sinceS)
          .sort((a, b) => a.updated_at - b.updated_at || a.id - b.id);
        return list(log, rows, res, '/orders');
      }
      if ((m = /^\/orders\/(\d+)$/.exec(url.pathname))) {
        const o = orders.get(Number(m[1]));
        if (!o) return send(res, 404, { error: 'not found' });
        if (req.method === 'GET') return send(res, 200, o);
        if (req.method === 'PUT') {
          Object.assign(o, body as Partial<ErpOrder>);
          erp.touch(o.id);
          erp.writes.push(log);
          return send(res, 200, o);
        }
      }
      if ((m = /^\/orders\/(\d+)\/notes$/.exec(url.pathname)) && req.method === 'POST') {
        const key = String(req.headers['idempotency-key'] ?? '');
        if (!erp.notes.has(key)) {
          erp.notes.set(key, String((body as { text?: unknown }).text));
          erp.writes.push(log);
        }
        return send(res, 201, { ok: true });
      }
      if ((m = /^\/customers\/(\d+)$/.exec(url.pathname))) {
        const c = customers.get(Number(m[1]));
        return c ? send(res, 200, c) : send(res, 404, { error: 'not found' });
      }
      // bulk reads: `?ids=1,2` and `/invoices?customer_ids=1,2` (ignoreIdFilter: all of them)
      const idFilter = (name: string): ((id: number) => boolean) => {
        const asked = new Set((url.searchParams.get(name) ?? '').split(',').map(Number));
        return (id) => erp.ignoreIdFilter === true || asked.has(id);
      };
      if (url.pathname === '/customers' && req.method === 'GET') {
        const keep = idFilter('ids');
        return list(
          log,
          [...customers.values()].filter((c) => keep(c.id)),
          res,
          url.pathname,
        );
      }
      if (url.pathname === '/invoices' && req.method === 'GET') {
        const keep = idFilter('customer_ids');
        return list(
          log,
          invoices.filter((i) => keep(i.customer_id)),
          res,
          url.pathname,
        );
      }
      if ((m = /^\/customers\/(\d+)\/invoices$/.exec(url.pathname))) {
        return list(
          log,
          invoices.filter((i) => i.customer_id === Number(m![1])),
          res,
          url.pathname,
        );
      }
      send(res, 404, { error: 'no route' });
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  erp.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  erp.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return erp;
}

const PAGINATION: Record<Style, RestMappingInput['orders']['list']['pagination']> = {
  page: { style: 'page', pageParam: 'page', sizeParam: 'per_page', size: 10, firstPage: 1 },
  'empty-page': {
    style: 'page',
    pageParam: 'page',
    sizeParam: 'per_page',
    size: 10,
    firstPage: 1,
    stopOn: 'empty',
  },
  offset: { style: 'offset', offsetParam: 'offset', limitParam: 'limit', limit: 10 },
  cursor: {
    style: 'cursor',
    cursorParam: 'cursor',
    sizeParam: 'limit',
    size: 10,
    nextPath: 'next',
  },
  link: { style: 'link', sizeParam: 'size', size: 10 },
};

const AUTH: Record<AuthStyle, RestMappingInput['auth']> = {
  none: { type: 'none' },
  bearer: { type: 'bearer', token: { env: 'ERP_TOKEN' } },
  basic: { type: 'basic', username: { env: 'ERP_USER' }, password: { env: 'ERP_PASSWORD' } },
  apiKey: { type: 'apiKey', header: 'X-Api-Key', key: { env: 'ERP_KEY' } },
  oauth2: {
    type: 'oauth2',
    tokenUrl: '/oauth/token',
    clientId: { env: 'ERP_CLIENT_ID' },
    clientSecret: { env: 'ERP_CLIENT_SECRET' },
  },
};

/** The mapping of the test ERP for a pagination and an auth style. */
export function erpMapping(
  url: string,
  style: Style = 'page',
  auth: AuthStyle = 'apiKey',
): RestMappingInput {
  const pagination = PAGINATION[style];
  return {
    erp: 'test-erp',
    connection: { baseUrl: url, timeoutMs: 2000 },
    auth: AUTH[auth],
    orders: {
      list: { path: '/orders', itemsPath: 'data', pagination },
      get: { path: '/orders/{id}' },
      lines: { itemsPath: 'lines' },
      incremental: {
        query: { modified_since: '{since}' },
        since: { format: 'iso', zone: 'UTC' },
        overlapSeconds: 60,
      },
      syncStates: ['open'],
      fields: {
        id: { path: 'id', transform: 'string' },
        ref: 'number',
        number: 'number',
        changedAt: { path: 'updated_at', transform: { timestamp: { from: 'unix' } } },
        state: {
          path: 'state',
          transform: { enum: { map: { open: 'open', cancelled: 'cancelled' } } },
        },
        'customer.id': { path: 'customer_id', transform: 'string' },
        currency: 'currency',
        salesperson: 'salesperson',
        enteredAt: {
          path: 'created',
          transform: { timestamp: { from: 'naive', zone: 'Asia/Shanghai' } },
        },
      },
      lineFields: {
        id: { path: 'id', transform: 'string' },
        productId: 'sku',
        productName: 'name',
        quantity: { path: 'qty', transform: 'number' },
        unitPrice: { path: 'price', transform: { minorUnits: {} } },
        discountBp: { path: 'discount', transform: 'percentToBp' },
      },
    },
    customers: {
      get: { path: '/customers/{id}' },
      fields: {
        id: { path: 'id', transform: 'string' },
        name: 'name',
        'credit.limit.amount': { path: 'credit_limit', transform: { minorUnits: {} } },
        'credit.limit.currency': { const: 'EUR' },
        'credit.grade': {
          path: 'tags',
          transform: {
            tags: {
              labelPath: 'label',
              map: { 'grade:A': 'A', 'grade:B': 'B', 'grade:C': 'C', 'grade:D': 'D' },
            },
          },
        },
      },
      receivables: {
        list: { path: '/customers/{customerId}/invoices', itemsPath: 'data', pagination },
        fields: {
          id: { path: 'id', transform: 'string' },
          amount: { path: 'open_amount', transform: { minorUnits: {} } },
          currency: 'currency',
          dueDate: {
            path: 'due',
            transform: { timestamp: { from: 'unix', as: 'date', zone: 'Asia/Shanghai' } },
          },
          reference: 'number',
        },
      },
    },
    webhook: { orderIdsPath: 'changed.ids' },
    writeBack: {
      effects: {
        postMessage: {
          method: 'PUT',
          path: '/orders/{orderId}',
          idempotency: 'marker',
          check: { path: '/orders/{orderId}', field: 'note' },
          body: { note: '{current.note}\n{marker} {text}' },
        },
        lockOrder: {
          method: 'PUT',
          path: '/orders/{orderId}',
          idempotency: 'natural',
          body: { locked: true },
        },
        unlockOrder: {
          method: 'PUT',
          path: '/orders/{orderId}',
          idempotency: 'natural',
          body: { locked: false },
        },
        cancelOrder: [
          {
            method: 'PUT',
            path: '/orders/{orderId}',
            idempotency: 'natural',
            body: { state: 'cancel-requested' },
          },
          {
            method: 'POST',
            path: '/orders/{orderId}/notes',
            idempotency: 'keyHeader',
            body: { text: '{text}' },
          },
        ],
      },
      skip: ['notify', 'scheduleApproval', 'closeApproval'],
    },
  };
}
